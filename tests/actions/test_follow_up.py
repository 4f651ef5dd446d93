"""action_follow_up: a bare name after a question is the same question about that name."""
from rasa_sdk.events import SlotSet

from actions.follow_up import ActionFollowUp
from tests.actions.helpers import make_tracker, only_text, run_action


def _after(earlier, text, name):
    """A tracker whose latest message is a bare name (inform) after earlier (text, intent) user turns."""
    tracker = make_tracker(text, "inform", [("credential", name)], slots={"subject": "comptia-a-plus"})
    turns = [{"event": "user", "text": t, "parse_data": {"intent": {"name": i}}} for t, i in earlier]
    tracker.events[:0] = turns
    return tracker


async def test_a_bare_name_after_a_cost_question_gets_its_cost(record):
    network = record("comptia-network-plus")
    tracker = _after([("how much is a+", "ask_cost")], "and network+?", "network+")
    events, messages = await run_action(ActionFollowUp(), tracker)
    assert events == [SlotSet("subject", "comptia-network-plus")]
    text = only_text(messages)
    assert "CompTIA Network+: " in text and network["cost"]["text"] in text


async def test_earlier_bare_names_are_skipped(record):
    tracker = _after([("does a+ expire", "ask_validity"), ("and network+?", "inform")], "and security+?", "security+")
    events, messages = await run_action(ActionFollowUp(), tracker)
    assert events == [SlotSet("subject", "comptia-security-plus")]
    assert "CompTIA Security+: " in only_text(messages)


async def test_a_bare_name_with_no_earlier_question_is_explained(record):
    indesign = record("adobe-cp-indesign")
    tracker = _after([("hi", "greet")], "InDesign", "indesign")
    events, messages = await run_action(ActionFollowUp(), tracker)
    assert events == [SlotSet("subject", "adobe-cp-indesign")]
    assert indesign["summary"]["text"] in only_text(messages)
