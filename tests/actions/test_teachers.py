"""action_teacher_routes: every route side by side, with a button per route and every source."""
from actions.teachers import ActionTeacherRoutes
from tests.actions.helpers import make_tracker, only_text, payloads, run_action


async def test_lists_every_route_with_time_cost_pay_and_commitment(knowledge):
    routes = knowledge.records(kind="route")
    events, messages = await run_action(ActionTeacherRoutes(), make_tracker("how do i become a teacher", "become_teacher"))
    assert events == []
    text = only_text(messages)
    assert "You don't always need an education degree" in text
    for route in routes:
        line = next(line for line in text.splitlines() if line.startswith(f"- {route['name']}:"))
        for label in ("time", "cost", "pay", "commitment"):
            assert f"{label} " in line
        for group in ("time_to_classroom", "candidate_cost", "pay_during_prep", "service_commitment"):
            if route.get(group):  # a null group is unknown and cites nothing
                assert route[group]["source"] in text
        assert f'/ask_what_is{{"credential":"{route["id"]}"}}' in payloads(messages)
    assert len(payloads(messages)) == len(routes) >= 7


async def test_route_lines_show_retention_and_effectiveness_evidence(knowledge):
    events, messages = await run_action(ActionTeacherRoutes(), make_tracker("which route has the best retention", "become_teacher"))
    text = only_text(messages)
    for route in knowledge.records(kind="route"):
        line = next(line for line in text.splitlines() if line.startswith(f"- {route['name']}:"))
        retention, effectiveness = route.get("retention_evidence") or {}, route.get("effectiveness_evidence") or {}
        assert f"retention evidence {retention.get('rating') or 'no verified figure'}" in line
        assert f"effectiveness evidence {effectiveness.get('rating') or 'no verified figure'}" in line
        if retention:
            assert retention["source"] in text
