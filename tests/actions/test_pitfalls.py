"""action_pitfalls: the scoring module's warnings for one credential, or the general list."""
from rasa_sdk.events import SlotSet

from actions.pitfalls import ActionPitfalls
from tests.actions.helpers import make_tracker, only_text, run_action


async def test_pitfalls_of_the_subject(knowledge):
    pitfalls = knowledge.score("comptia-a-plus").to_dict()["pitfalls"]
    tracker = make_tracker("what are the pitfalls?", "ask_pitfalls", slots={"subject": "comptia-a-plus"})
    events, messages = await run_action(ActionPitfalls(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus")]
    text = only_text(messages)
    assert "CompTIA A+" in text
    for pitfall in pitfalls:
        assert pitfall["title"] in text and pitfall["reason"] in text and pitfall["source"] in text


async def test_general_pitfalls_without_a_subject(knowledge):
    events, messages = await run_action(ActionPitfalls(), make_tracker("what should i watch out for", "ask_pitfalls"))
    assert events == []
    text = only_text(messages)
    pitfalls = knowledge.records(kind="pitfall")
    assert len(pitfalls) >= 9
    for pitfall in pitfalls:
        assert pitfall["title"] in text and pitfall["source"] in text
