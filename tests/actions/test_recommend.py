"""The profile form (questions, answer checks) and action_recommend."""
import pytest
from rasa_sdk.events import SlotSet

from actions.profile import NO_LIMIT, parse_budget, parse_grade
from actions.recommend import ActionAskBudget, ActionAskGrade, ActionAskInterest, ActionRecommend, ValidateProfileForm
from knowledge import Profile
from tests.actions.helpers import make_tracker, only_text, payloads, run_action


@pytest.mark.parametrize("text, grade", [
    ("10th grade", 10), ("im a junior", 11), ("freshman", 9), ("grade 12", 12), ("im in middle school, 8th grade", 8),
    ("eleventh grade", 11), ("i don't know", None), ("$50", None),
])
def test_reads_the_grade(text, grade):
    assert parse_grade(text) == grade


@pytest.mark.parametrize("text, budget", [
    ("about $100", 100.0), ("50 bucks", 50.0), ("free", 0.0), ("nothing, it has to be free", 0.0),
    ("my parents said up to $250", 250.0), ("a few hundred", 300.0), ("no limit", NO_LIMIT), ("hmm", None),
])
def test_reads_the_budget(text, budget):
    assert parse_budget(text) == budget


def _form_tracker(text, requested_slot, slots=None):
    tracker = make_tracker(text, "inform", slots={**(slots or {}), "requested_slot": requested_slot, requested_slot: text})
    tracker.active_loop = {"name": "profile_form"}
    tracker.events.append({"event": "slot", "name": requested_slot, "value": text})  # as action_extract_slots does
    return tracker


FORM_DOMAIN = {"forms": {"profile_form": {"required_slots": ["interest", "grade", "budget"]}}}


@pytest.mark.parametrize("slot, answer, value", [
    ("interest", "I like computers", "it"), ("interest", "idk maybe art", "design"), ("interest", "not sure", "general"),
    ("grade", "im a junior", 11), ("budget", "about $100", 100.0),
])
async def test_form_turns_answers_into_values(slot, answer, value):
    events, messages = await run_action(ValidateProfileForm(), _form_tracker(answer, slot), FORM_DOMAIN)
    assert events == [SlotSet(slot, value)]
    assert messages == []


async def test_form_rejects_an_answer_it_cannot_read_and_asks_again():
    events, messages = await run_action(ValidateProfileForm(), _form_tracker("banana", "grade", {"interest": "it"}), FORM_DOMAIN)
    assert events == [SlotSet("grade", None)]
    assert "which grade" in only_text(messages)


@pytest.mark.parametrize("action, expected_payload", [
    (ActionAskInterest(), "computers"), (ActionAskGrade(), "10th grade"), (ActionAskBudget(), "free"),
])
async def test_form_questions_have_answer_buttons(action, expected_payload):
    events, messages = await run_action(action, make_tracker("which certs fit me", "recommend"))
    assert events == []
    assert expected_payload in payloads(messages)


async def test_recommends_from_the_profile_and_clears_it(knowledge):
    expected = knowledge.recommend(Profile(interest="it", grade=10, budget_usd=100.0), limit=5)
    tracker = make_tracker("about $100", "inform", slots={"interest": "it", "grade": 10, "budget": 100.0})
    events, messages = await run_action(ActionRecommend(), tracker)
    top = expected["recommendations"][0]
    assert events == [SlotSet("interest", None), SlotSet("grade", None), SlotSet("budget", None),
                      SlotSet("subject", top["credential"])]
    text = only_text(messages)
    for item in expected["recommendations"]:
        assert item["name"] in text
        summary = knowledge.get(item["credential"])["summary"]
        assert summary["source"] in text
    for item in expected["excluded"][:3]:
        assert item["name"] in text and item["why"] in text
    assert f'/ask_worth{{"credential":"{top["credential"]}"}}' in payloads(messages)


async def test_no_limit_budget_is_not_a_number(knowledge):
    tracker = make_tracker("no limit", "inform", slots={"interest": "health", "grade": 11, "budget": NO_LIMIT})
    events, messages = await run_action(ActionRecommend(), tracker)
    assert SlotSet("budget", None) in events
    assert only_text(messages)


FORM_START_DOMAIN = {**FORM_DOMAIN, "slots": {"interest": {}, "grade": {}, "budget": {}}}


async def test_form_keeps_interest_and_grade_named_in_the_opening_request():
    tracker = make_tracker("wat cert should i get for computers im in 10th", "recommend")
    events, messages = await run_action(ValidateProfileForm(), tracker, FORM_START_DOMAIN)
    assert events == [SlotSet("interest", "it"), SlotSet("grade", 10)]
    assert messages == []


async def test_form_opening_request_without_profile_fills_nothing():
    events, messages = await run_action(ValidateProfileForm(), make_tracker("what should i get for $10", "recommend"), FORM_START_DOMAIN)
    assert events == []
    assert messages == []
