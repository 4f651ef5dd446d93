"""Evidence and opinion questions are answered from findings: figures, sources, both sides where studies disagree."""
from rasa_sdk.events import SlotSet

from actions.base import Question
from actions.evidence import ActionEvidence, related_ids, subject_ids
from actions.fallback import ActionOutOfScope
from actions.scoring import ActionScoreCredential
from tests.actions.helpers import make_tracker, only_text, run_action


def _findings(knowledge, text, subjects=None):
    """The findings a reply should show: about the subjects the question names, when it names any."""
    if subjects is None:
        subjects = subject_ids(knowledge, Question(text=text, intent="ask_evidence"))
    found = knowledge.findings(text, list(subjects), limit=3)
    if subjects:
        found = [f for f in found if related_ids(knowledge, subjects) & set(f["subjects"])]
    assert found, f"knowledge/data has no finding for {text!r}"
    return found


async def test_retention_question_gets_the_findings_with_figures_and_sources(knowledge):
    text = "are teachers from alternative programs more likely to quit"
    subjects = subject_ids(knowledge, Question(text=text, intent="ask_evidence"))
    expected = _findings(knowledge, text, subjects)
    events, messages = await run_action(ActionEvidence(), make_tracker(text, "ask_evidence"))
    reply = only_text(messages)
    top = expected[0]
    assert top["claim"].rstrip(".") in reply.split("\n")[0]
    for finding in expected:
        assert finding["source"]["url"] in reply and str(finding["as_of"]) in reply
    assert "routes side by side" not in reply
    assert events == ([SlotSet("subject", subjects[0])] if subjects else [])


async def test_disagreeing_findings_are_shown_from_both_sides(knowledge):
    text = "do alternative certification teachers quit more"
    directions = {f["direction"] for f in _findings(knowledge, text)}
    events, messages = await run_action(ActionEvidence(), make_tracker(text, "ask_evidence"))
    reply = only_text(messages)
    if {"for", "against"} <= directions:
        assert "disagree." in reply.split("\n")[0]
    assert reply.count("Evidence") + reply.count("evidence") >= 1


async def test_criticism_is_answered_by_critics_not_generic_pitfalls(knowledge):
    text = "what do critics say about micro-credentials for teachers"
    against = [f for f in _findings(knowledge, text) if f["direction"] == "against"]
    assert against
    _, messages = await run_action(ActionEvidence(), make_tracker(text, "ask_evidence"))
    reply = only_text(messages)
    assert any(f["claim"].rstrip(".") in reply for f in against)
    assert "Watch out for these with any credential" not in reply


async def test_an_evidence_question_misread_as_out_of_scope_is_still_answered(knowledge):
    text = "will AI replace data entry jobs"
    expected = _findings(knowledge, text)
    events, messages = await run_action(ActionOutOfScope(), make_tracker(text, "out_of_scope"))
    reply = only_text(messages)
    assert expected[0]["claim"].rstrip(".") in reply
    assert "outside what I know" not in reply


async def test_a_plain_worth_question_still_gets_the_score(knowledge):
    events, messages = await run_action(ActionScoreCredential(), make_tracker("is comptia a+ worth it", "ask_worth",
                                                                             [("credential", "comptia a+")]))
    assert events == [SlotSet("subject", "comptia-a-plus")]
    result = knowledge.score("comptia-a-plus").to_dict()
    assert only_text(messages).startswith(f"{result['verdict']}: CompTIA A+ scores {result['total']}/100, based on {result['based_on']}.")


async def test_no_finding_says_so_and_logs_the_question(knowledge):
    text = "is there research on underwater basket weaving badges for astronauts"
    if knowledge.findings(text, []):
        return  # the knowledge base grew a finding for it: nothing to check here
    events, messages = await run_action(ActionEvidence(), make_tracker(text, "ask_evidence"))
    assert events == []
    assert "no research findings on that yet" in only_text(messages)
    assert text in [gap["question"] for gap in knowledge.gaps()]
