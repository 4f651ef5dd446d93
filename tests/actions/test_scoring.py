"""action_score_credential: total, top factors with evidence, pitfalls, confidence, dated sources."""
from rasa_sdk.events import SlotSet

from actions.scoring import ActionScoreCredential
from tests.actions.helpers import make_tracker, only_text, payloads, run_action


async def test_scores_a_credential_with_factors_pitfalls_and_sources(knowledge):
    result = knowledge.score("comptia-a-plus").to_dict()
    tracker = make_tracker("is comptia a+ worth it", "ask_worth", [("credential", "comptia a+")])
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus")]
    text = only_text(messages)
    assert f"CompTIA A+ scores {result['total']} out of 100" in text
    assert f"How sure I am: {result['confidence']}" in text
    top = sorted(result["factors"], key=lambda f: f["score"] / (f["max"] or 1), reverse=True)[:3]
    for factor in top:
        assert factor["label"] in text and factor["evidence"] in text
    for pitfall in result["pitfalls"]:
        assert pitfall["title"] in text
    for source in result["sources"]:
        assert source["url"] in text and str(source["as_of"]) in text
    if result["stale"]:
        assert "may be out of date" in text
    assert payloads(messages) == [
        '/ask_pitfalls{"credential":"comptia-a-plus"}',
        '/compare{"credential":"comptia-a-plus"}',
        '/ask_cost{"credential":"comptia-a-plus"}',
    ]


async def test_typo_in_the_name_still_finds_the_credential():
    tracker = make_tracker("is comptia a pluss worth it", "ask_worth", [("credential", "comptia a pluss")])
    events, _ = await run_action(ActionScoreCredential(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus")]


async def test_follow_up_without_a_name_uses_the_subject_slot():
    tracker = make_tracker("is it worth it?", "ask_worth", slots={"subject": "servsafe-food-handler"})
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == [SlotSet("subject", "servsafe-food-handler")]
    assert "ServSafe" in only_text(messages)


async def test_what_jobs_it_leads_to_comes_first_with_each_outlook_and_source(record):
    tracker = make_tracker("what jobs can i get with it", "ask_worth", slots={"subject": "comptia-a-plus"})
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus")]
    text = only_text(messages)
    jobs = [record(job_id) for job_id in record("comptia-a-plus")["occupations"]]
    assert jobs
    for job in jobs:
        assert f"A job it leads to: {job['name']}. {job['outlook']['text']}" in text
        assert job["outlook"]["source"] in text
    first_bullet = next(line.strip() for line in text.splitlines() if line.strip().startswith("- "))
    assert first_bullet.startswith("- A job it leads to")


async def test_a_plain_worth_question_does_not_list_jobs():
    tracker = make_tracker("is it worth it", "ask_worth", slots={"subject": "comptia-a-plus"})
    _, messages = await run_action(ActionScoreCredential(), tracker)
    assert "A job it leads to" not in only_text(messages)


async def test_scores_a_teacher_route():
    tracker = make_tracker("is teach for america worth it", "ask_worth", [("credential", "teach for america")])
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == [SlotSet("subject", "route-teach-for-america")]
    assert "out of 100" in only_text(messages)


async def test_a_concept_has_no_score_and_is_explained(record):
    concept = record("concept-digital-badge")
    tracker = make_tracker("are digital badges worth it", "ask_worth", [("credential", "digital badge")])
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == [SlotSet("subject", "concept-digital-badge")]
    assert concept["summary"]["text"] in only_text(messages)


async def test_slack_gets_block_kit_with_buttons():
    tracker = make_tracker("is comptia a+ worth it", "ask_worth", [("credential", "comptia a+")], channel="slack")
    _, messages = await run_action(ActionScoreCredential(), tracker)
    (message,) = messages
    body = message["custom"]
    assert message["text"] is None and "CompTIA A+" in body["text"]
    kinds = [block["type"] for block in body["blocks"]]
    assert kinds[0] == "section" and "context" in kinds and kinds[-1] == "actions"
    values = [element["value"] for element in body["blocks"][-1]["elements"]]
    assert '/compare{"credential":"comptia-a-plus"}' in values


async def test_unknown_credential_in_a_worth_it_question_is_not_answered_with_the_old_subject(knowledge):
    question = "is the zorblax certificate worth it"
    tracker = make_tracker(question, "ask_worth", slots={"subject": "comptia-a-plus"})
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == []
    assert '"zorblax" is not in my knowledge base' in only_text(messages)
    assert any(gap["question"] == question for gap in knowledge.gaps())


async def test_ambiguous_name_asks_which_one_with_a_button_per_candidate(knowledge):
    candidates = knowledge.resolve("mos", ["credential", "route", "concept"]).candidates
    assert len(candidates) > 1
    tracker = make_tracker("is mos worth it", "ask_worth", [("credential", "mos")], slots={"subject": "comptia-a-plus"})
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == []
    assert "Which one do you mean?" in only_text(messages)
    assert payloads(messages) == [f'/ask_worth{{"credential":"{c.id}"}}' for c in candidates[:5]]
