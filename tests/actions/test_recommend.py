"""The profile form (questions, answer checks) and action_recommend."""
import pytest
import yaml
from rasa_sdk.events import SlotSet

from actions.profile import NO_LIMIT, parse_budget, parse_grade
from actions.recommend import (
    QUESTIONS_DURING_THE_FORM, WAYS_OUT_OF_THE_FORM, ActionAskBudget, ActionAskGrade, ActionAskInterest, ActionRecommend,
    ActionStopProfile, ValidateProfileForm, closest_fit,
)
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


def _form_tracker(text, requested_slot, slots=None, intent="inform", entities=()):
    """The tracker Rasa sends validate_profile_form right after the user answers the question about a slot."""
    tracker = make_tracker(text, intent, entities, slots={**(slots or {}), "requested_slot": requested_slot})
    tracker.active_loop = {"name": "profile_form"}
    tracker.events.append({"event": "action", "name": "profile_form"})
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


async def test_form_reads_a_grade_said_in_passing_with_another_answer():
    events, messages = await run_action(ValidateProfileForm(), _form_tracker("cooking i guess, im a junior", "interest"), FORM_DOMAIN)
    assert events == [SlotSet("interest", "culinary"), SlotSet("grade", 11)]
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


async def test_recommends_from_the_remembered_profile_best_fit_first(knowledge):
    expected = knowledge.recommend(Profile(interest="Computers and IT", grade=10, budget_usd=100.0), limit=40)
    tracker = make_tracker("about $100", "inform", slots={"interest": "it", "grade": 10, "budget": 50.0})
    events, messages = await run_action(ActionRecommend(), tracker)
    shown = closest_fit(knowledge, expected["recommendations"], "about $100", {"interest": "it"})[:4]
    top = shown[0]
    assert events == [SlotSet("interest", "it"), SlotSet("grade", 10), SlotSet("budget", 100.0),
                      SlotSet("subject", top["credential"])]
    text = only_text(messages)
    assert text.startswith(f"Best fit for computers and IT: {top['name']} ({top['total']}/100).")
    for item in shown:
        assert f"{item['name']} ({item['total']}/100)" in text
        assert knowledge.get(item["credential"])["summary"]["source"] in text
    for item in expected["excluded"][:3]:
        assert item["name"] in text and item["why"] in text
    assert "narrow it down" not in text  # interest, grade and budget are all known
    assert f'/ask_worth{{"credential":"{top["credential"]}"}}' in payloads(messages)


async def test_a_first_message_with_interest_grade_and_budget_is_answered_at_once(knowledge):
    text = "im in 10th and into cars, i have like $200"
    events, messages = await run_action(ActionRecommend(), make_tracker(text, "recommend"))
    assert events[:3] == [SlotSet("interest", "automotive"), SlotSet("grade", 10), SlotSet("budget", 200.0)]
    reply = only_text(messages)
    assert reply.startswith("Best fit for cars and automotive repair: ")
    assert "What grade are you in?" not in reply


async def test_without_an_interest_it_still_answers_and_offers_to_narrow_it_down(knowledge):
    events, messages = await run_action(ActionRecommend(), make_tracker("what should i get", "recommend"))
    reply = only_text(messages)
    assert reply.startswith("Best fit: ")
    assert "Tell me what you're into or your grade or age or your budget and I'll narrow it down." in reply
    assert "computers" in payloads(messages)  # the interest buttons refine it


async def test_a_goal_job_puts_the_credentials_that_lead_to_it_first(knowledge):
    electrician = knowledge.get("soc-47-2111")
    assert electrician is not None
    events, messages = await run_action(ActionRecommend(), make_tracker("i want to be an electrician", "recommend"))
    subject = next(e["value"] for e in events if e["name"] == "subject")
    assert "soc-47-2111" in (knowledge.get(subject).get("occupations") or [])


async def test_an_age_said_in_passing_is_used(knowledge):
    events, messages = await run_action(ActionRecommend(), make_tracker("I'm 16 and love cooking, any certs", "recommend"))
    assert SlotSet("age", 16) in events and SlotSet("interest", "culinary") in events


async def test_no_limit_budget_is_not_a_number(knowledge):
    tracker = make_tracker("no limit", "inform", slots={"interest": "health", "grade": 11, "budget": NO_LIMIT})
    events, messages = await run_action(ActionRecommend(), tracker)
    assert SlotSet("budget", NO_LIMIT) in events
    assert only_text(messages).startswith("Best fit for health care: ")


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


@pytest.mark.parametrize("slot, text, intent, entities", [
    ("grade", "is cna worth it", "ask_worth", [("credential", "cna")]),
    ("grade", "cna vs phlebotomy", "compare", [("credential", "cna")]),
    ("grade", "is cna worth it for 11th graders", "ask_worth", [("credential", "cna")]),
    ("interest", "what is a cna", "ask_what_is", [("credential", "cna")]),
    ("budget", "how much is servsafe", "ask_cost", [("credential", "servsafe")]),
    ("grade", "is it worth it tho", "ask_worth", []),
    ("interest", "how do i become a teacher", "become_teacher", []),
    ("grade", "are you a bot", "bot_challenge", []),
    ("interest", "nevermind", "deny", []),
    ("budget", "bye", "goodbye", []),
    ("grade", "can i talk to a real person", "talk_to_human", []),
])
async def test_form_steps_aside_for_a_question_or_a_way_out(slot, text, intent, entities):
    """No slot filled and nothing said: Rasa rejects the form, and a rule answers the message instead."""
    tracker = _form_tracker(text, slot, {"interest": "health"} if slot != "interest" else {}, intent, entities)
    events, messages = await run_action(ValidateProfileForm(), tracker, FORM_DOMAIN)
    assert events == []
    assert messages == []


@pytest.mark.parametrize("slot, text, intent, value", [
    ("grade", "i graduated", "ask_worth", 13),
    ("budget", "no limit", "ask_prerequisites", NO_LIMIT),
    ("budget", "no money", "deny", 0.0),
    ("interest", "not sure", "deny", "general"),
])
async def test_form_keeps_an_answer_it_can_read_when_the_intent_is_doubtful(slot, text, intent, value):
    tracker = _form_tracker(text, slot, {"interest": "health"} if slot != "interest" else {}, intent)
    tracker.latest_message["intent"]["confidence"] = 0.57
    events, messages = await run_action(ValidateProfileForm(), tracker, FORM_DOMAIN)
    assert events == [SlotSet(slot, value)]
    assert messages == []


async def test_form_does_not_read_the_question_again_when_it_comes_back():
    tracker = _form_tracker("is cna worth it in 10th", "grade", {"interest": "health"}, "ask_worth", [("credential", "cna")])
    tracker.events[-1:-1] = [{"event": "action", "name": "action_score_credential"}, {"event": "bot", "text": "CNA scores"}]
    events, messages = await run_action(ValidateProfileForm(), tracker, FORM_DOMAIN)
    assert events == []
    assert messages == []


async def test_leaving_the_form_forgets_its_answers():
    tracker = make_tracker("nah forget it", "deny", slots={"interest": "health", "grade": 11})
    events, messages = await run_action(ActionStopProfile(), tracker)
    assert events == [SlotSet("interest", None), SlotSet("grade", None), SlotSet("budget", None), SlotSet("age", None)]
    assert messages == []


def _rules():
    with open("data/rules.yml") as rules:
        return yaml.safe_load(rules)["rules"]


def test_every_question_the_form_steps_aside_for_is_answered_and_the_form_resumes():
    answers = {rule["steps"][0]["intent"]: rule["steps"][1]["action"] for rule in _rules()
               if "condition" not in rule and len(rule["steps"]) == 2 and "intent" in rule["steps"][0]}
    in_form = {rule["steps"][0]["intent"]: rule["steps"][1:] for rule in _rules()
               if {"active_loop": "profile_form"} in rule.get("condition", []) and "intent" in rule["steps"][0]}
    for intent in QUESTIONS_DURING_THE_FORM:
        assert in_form[intent] == [{"action": answers[intent]}, {"action": "profile_form"},
                                   {"active_loop": "profile_form"}], intent
    said = {"deny": "utter_profile_stopped", "goodbye": "utter_goodbye", "talk_to_human": "action_talk_to_human"}
    for intent in WAYS_OUT_OF_THE_FORM:
        assert in_form[intent] == [{"action": "action_deactivate_loop"}, {"active_loop": None},
                                   {"action": "action_stop_profile"}, {"action": said[intent]}], intent
