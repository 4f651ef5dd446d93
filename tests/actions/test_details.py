"""action_credential_detail: cost, duration, validity, prerequisites by intent, each with its source."""
import pytest
from rasa_sdk.events import SlotSet

from actions.details import ActionCredentialDetail
from tests.actions.helpers import cites, make_tracker, only_text, payloads, run_action

FACT_GROUPS = [
    ("ask_cost", "how much does comptia a+ cost", "cost"),
    ("ask_duration", "how long does comptia a+ take", "duration"),
    ("ask_validity", "does comptia a+ expire", "validity"),
    ("ask_prerequisites", "what do i need before comptia a+", "eligibility"),
]


@pytest.mark.parametrize("intent, text, group", FACT_GROUPS)
async def test_answers_the_fact_the_intent_asks_for(record, intent, text, group):
    a_plus = record("comptia-a-plus")
    events, messages = await run_action(
        ActionCredentialDetail(), make_tracker(text, intent, [("credential", "comptia a+")])
    )
    assert events == [SlotSet("subject", "comptia-a-plus")]
    reply = only_text(messages)
    assert "CompTIA A+" in reply
    assert a_plus[group].get("text", "") in reply
    assert cites(reply, a_plus[group])
    assert f"/{intent}" not in " ".join(payloads(messages))


async def test_follow_up_cost_uses_the_subject_of_the_last_answer(record):
    a_plus = record("comptia-a-plus")
    tracker = make_tracker("how much does it cost?", "ask_cost", slots={"subject": "comptia-a-plus"})
    events, messages = await run_action(ActionCredentialDetail(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus")]
    reply = only_text(messages)
    assert "CompTIA A+: cost" in reply and a_plus["cost"]["text"] in reply and cites(reply, a_plus["cost"])


async def test_validity_says_how_many_years(record):
    a_plus = record("comptia-a-plus")
    _, messages = await run_action(
        ActionCredentialDetail(), make_tracker("does it expire", "ask_validity", slots={"subject": "comptia-a-plus"})
    )
    years = a_plus["validity"]["years"]
    assert (f"It lasts {years} years." if years else "It does not expire.") in only_text(messages)


async def test_old_facts_are_flagged_as_possibly_out_of_date(record):
    a_plus = record("comptia-a-plus")
    _, messages = await run_action(
        ActionCredentialDetail(), make_tracker("cost?", "ask_cost", slots={"subject": "comptia-a-plus"})
    )
    assert a_plus["cost"]["as_of"] < "2025"  # the fixture fact is old enough
    assert "may be out of date" in only_text(messages)


async def test_route_cost_uses_the_candidate_cost(record):
    tfa = record("route-teach-for-america")
    tracker = make_tracker("how much does tfa cost", "ask_cost", [("credential", "tfa")])
    events, messages = await run_action(ActionCredentialDetail(), tracker)
    assert events == [SlotSet("subject", "route-teach-for-america")]
    assert tfa["candidate_cost"]["text"] in only_text(messages)


async def test_without_any_subject_asks_which_credential():
    events, messages = await run_action(ActionCredentialDetail(), make_tracker("how much does it cost?", "ask_cost"))
    assert events == []
    assert "Which credential do you mean?" in only_text(messages)
    assert '/ask_cost{"credential":"comptia-a-plus"}' in payloads(messages)
