"""action_fallback and action_session_start."""
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet, UserUtteranceReverted

from actions.fallback import ActionFallback
from actions.session import ActionSessionStart
from tests.actions.helpers import make_tracker, only_text, payloads, run_action


async def test_nlu_fallback_asks_to_rephrase_with_buttons():
    events, messages = await run_action(ActionFallback(), make_tracker("blorp snark", "nlu_fallback"))
    assert events == []
    assert "say it another way" in only_text(messages)
    assert payloads(messages) == ["/recommend", "/ask_worth", "/become_teacher", "/talk_to_human"]


async def test_core_fallback_also_forgets_the_message():
    events, messages = await run_action(ActionFallback(), make_tracker("yes no maybe", "affirm"))
    assert events == [UserUtteranceReverted()]
    assert "say it another way" in only_text(messages)


async def test_session_start_copies_custom_data_into_slots():
    tracker = make_tracker(slots={
        "session_started_metadata": {"school": "lincoln-high", "grade_band": "9-12", "state": "NC", "language": "en",
                                     "other": "ignored"},
    })
    domain = {"session_config": {"carry_over_slots_to_new_session": False}}
    events, messages = await run_action(ActionSessionStart(), tracker, domain)
    assert messages == []
    assert events == [
        SessionStarted(), SlotSet("school", "lincoln-high"), SlotSet("grade_band", "9-12"), SlotSet("state", "NC"),
        SlotSet("language", "en"), ActionExecuted("action_listen"),
    ]


async def test_session_start_reads_nested_custom_data_and_carries_slots_over():
    tracker = make_tracker(slots={"subject": "comptia-a-plus", "session_started_metadata": {"customData": {"school": "x"}}})
    events, _ = await run_action(ActionSessionStart(), tracker, {"session_config": {"carry_over_slots_to_new_session": True}})
    assert SlotSet("subject", "comptia-a-plus") in events and SlotSet("school", "x") in events
    assert events[0] == SessionStarted() and events[-1] == ActionExecuted("action_listen")
