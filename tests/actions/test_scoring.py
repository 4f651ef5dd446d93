"""action_score_credential: total, top factors with evidence, pitfalls, confidence, dated sources."""
from rasa_sdk.events import SlotSet

from actions.facets import first_sentence
from actions.scoring import ActionScoreCredential
from tests.actions.helpers import make_tracker, only_text, payloads, run_action


async def test_scores_a_credential_with_factors_pitfalls_and_sources(knowledge):
    result = knowledge.score("comptia-a-plus").to_dict()
    tracker = make_tracker("is comptia a+ worth it", "ask_worth", [("credential", "comptia a+")])
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus")]
    text = only_text(messages)
    assert text.startswith(f"{result['verdict']}: CompTIA A+ scores {result['total']}/100, based on {result['based_on']}. "
                           f"How sure I am: {result['confidence']}.")
    known = [f for f in result["factors"] if f["known"]]
    top = sorted(known, key=lambda f: f["score"] / (f["max"] or 1), reverse=True)[:3]
    for factor in top:
        assert f"{factor['label']} ({factor['score']}/{factor['max']}): {first_sentence(factor['evidence'])}" in text
    for pitfall in result["pitfalls"][:2]:
        assert f"Watch out: {first_sentence(pitfall['detail'] or pitfall['reason'])}" in text
    for source in result["sources"]:
        assert source["url"] in text and str(source["as_of"]) in text
    if result["freshness"]:
        assert text.count(result["freshness"]) == 1
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


async def test_what_jobs_it_leads_to_is_answered_first_with_each_outlook_and_source(record):
    tracker = make_tracker("what jobs can i get with it", "ask_worth", slots={"subject": "comptia-a-plus"})
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus")]
    text = only_text(messages)
    jobs = [record(job_id) for job_id in record("comptia-a-plus")["occupations"]]
    assert jobs
    assert text.startswith("CompTIA A+ leads to jobs as: ")
    for job in jobs:
        assert job["name"].lower() in text.splitlines()[0]
        assert job["outlook"]["source"] in text


async def test_a_plain_worth_question_does_not_list_jobs():
    tracker = make_tracker("is it worth it", "ask_worth", slots={"subject": "comptia-a-plus"})
    _, messages = await run_action(ActionScoreCredential(), tracker)
    assert "A job it leads to" not in only_text(messages)


async def test_scores_a_teacher_route():
    tracker = make_tracker("is teach for america worth it", "ask_worth", [("credential", "teach for america")])
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == [SlotSet("subject", "route-teach-for-america")]
    assert "/100" in only_text(messages)


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


async def test_a_family_name_gets_each_members_score_best_first(knowledge):
    members = knowledge.family_members("microsoft-office-specialist")
    assert len(members) > 1
    tracker = make_tracker("is mos worth it", "ask_worth", [("credential", "mos")], slots={"subject": "comptia-a-plus"})
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == [SlotSet("subject", "microsoft-office-specialist")]
    text = only_text(messages)
    assert text.startswith("It depends on which Microsoft Office Specialist (MOS) you take.")
    totals = []
    for member in members:
        result = knowledge.score(member["id"]).to_dict()
        assert f"{member['name']}: {result['total']}/100 (based on {result['based_on']})." in text
        totals.append((text.index(f"{member['name']}: {result['total']}/100"), result["total"]))
    assert [total for _, total in sorted(totals)] == sorted((t for _, t in totals), reverse=True)