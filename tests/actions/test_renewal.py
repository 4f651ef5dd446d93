"""action_renewal_rules: the answer depends on the state; without one it explains and asks."""
from rasa_sdk.events import SlotSet

from actions.renewal import ActionRenewalRules
from tests.actions.helpers import cites, make_tracker, only_text, run_action

QUESTION = "do micro-credentials count toward license renewal"


async def test_state_from_the_message(record):
    alabama = record("state-al")
    tracker = make_tracker(f"{QUESTION} in alabama", "ask_renewal", [("credential", "micro-credentials"), ("state", "alabama")])
    events, messages = await run_action(ActionRenewalRules(), tracker)
    assert events == [SlotSet("state", "Alabama")]
    text = only_text(messages)
    rules = alabama["micro_credentials"]
    verdict = {True: "Yes", False: "No"}.get(rules["renewal"], "Not confirmed in my sources")
    assert text.startswith(f"In Alabama, do micro-credentials count toward renewing a license? {verdict}.")
    assert rules["text"] in text and cites(text, rules)


async def test_state_from_an_earlier_answer():
    tracker = make_tracker(QUESTION, "ask_renewal", slots={"state": "Texas"})
    events, messages = await run_action(ActionRenewalRules(), tracker)
    assert events == [SlotSet("state", "Texas")]
    assert "In Texas" in only_text(messages)


async def test_state_from_the_school_widget_custom_data():
    tracker = make_tracker(QUESTION, "ask_renewal", metadata={"school": "lincoln-high", "state": "NC"})
    events, messages = await run_action(ActionRenewalRules(), tracker)
    assert events == [SlotSet("state", "North Carolina")]
    assert "In North Carolina" in only_text(messages)


async def test_without_a_state_explains_and_asks_for_it(knowledge):
    events, messages = await run_action(ActionRenewalRules(), make_tracker(QUESTION, "ask_renewal"))
    assert events == []
    text = only_text(messages)
    assert text.startswith("It depends on the state.")
    assert "Which state do you teach in?" in text
    renewal_states = [s for s in knowledge.records(kind="state") if (s.get("micro_credentials") or {}).get("renewal") is True]
    counted = "1 state counts" if len(renewal_states) == 1 else f"{len(renewal_states)} states count"
    assert f"In my records, {counted} them toward renewal" in text
    assert "Source" in text


async def test_the_answer_to_which_state_is_used():
    tracker = make_tracker("Utah", "inform", [("state", "Utah")])
    events, messages = await run_action(ActionRenewalRules(), tracker)
    assert events == [SlotSet("state", "Utah")]
    assert "In Utah" in only_text(messages)
