"""Which record a follow-up is about: small talk next to a remembered subject is not an unknown name."""
import pytest
from rasa_sdk.events import SlotSet

from actions.base import Question
from actions.compare import ActionCompare
from actions.details import ActionCredentialDetail
from actions.scoring import ActionScoreCredential
from actions.subjects import find_subjects
from tests.actions.helpers import make_tracker, only_text, run_action


@pytest.mark.parametrize("text, intent", [
    ("ok how much does it cost", "ask_cost"), ("cool does it expire", "ask_validity"),
    ("wait how long does it take", "ask_duration"), ("how many hours to study for it", "ask_duration"),
    ("is it worth it tho", "ask_worth"), ("bro is it worth it", "ask_worth"), ("ngl is it worth it or nah", "ask_worth"),
    ("hmm ok and does it expire", "ask_validity"), ("is it hard", "ask_worth"), ("is it legit fr", "ask_worth"),
    ("is the blorp worth it", "ask_worth"), ("whats the certifcation requirments", "ask_prerequisites"),
    ("is it expencive", "ask_cost"),
])
def test_small_talk_in_a_follow_up_keeps_the_subject(knowledge, record, text, intent):
    question = Question(text=text, intent=intent, slots={"subject": "comptia-network-plus"})
    found = find_subjects(knowledge, question)
    assert found.reply is None
    assert found.records == [record("comptia-network-plus")]
    assert text not in [gap["question"] for gap in knowledge.gaps()]


async def test_follow_up_with_filler_answers_about_the_subject(record):
    tracker = make_tracker("ok how much does it cost", "ask_cost", slots={"subject": "comptia-network-plus"})
    events, messages = await run_action(ActionCredentialDetail(), tracker)
    assert events == [SlotSet("subject", "comptia-network-plus")]
    text = only_text(messages)
    assert "CompTIA Network+: " in text and "not in my knowledge base" not in text


@pytest.mark.parametrize("slots", [{}, {"subject": "comptia-a-plus"}])
async def test_a_name_next_to_certificate_is_still_unknown(slots):
    tracker = make_tracker("is the zorblax certificate worth it", "ask_worth", slots=slots)
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == []
    assert '"zorblax" is not in my knowledge base' in only_text(messages)


async def test_unknown_word_without_a_subject_is_still_unknown():
    events, messages = await run_action(ActionScoreCredential(), make_tracker("is blorp worth it", "ask_worth"))
    assert events == []
    assert '"blorp" is not in my knowledge base' in only_text(messages)


def test_loose_ambiguous_entity_next_to_an_exact_name_is_ignored(knowledge, record):
    question = Question(text="is osha 10 a real certification", intent="ask_worth",
                        credentials=["osha 10", "real certification"])
    found = find_subjects(knowledge, question)
    assert found.reply is None
    assert found.records == [record("osha-10-construction")]


def test_loose_entity_alone_is_not_guessed(knowledge):
    found = find_subjects(knowledge, Question(text="is the real certification worth it", intent="ask_worth",
                                              credentials=["real certification"]))
    assert found.records == [] and "is not in my knowledge base" in found.reply.text


@pytest.mark.parametrize("text", ["whats the diffrence between a certificate and a certification",
                                  "whats the difference between a certificate and a certification"])
async def test_certificate_versus_certification_is_explained_even_with_a_typo(record, text):
    concept = record("concept-certification-vs-completion")
    events, messages = await run_action(ActionCompare(), make_tracker(text, "compare"))
    assert events == [SlotSet("subject", concept["id"])]
    reply = only_text(messages)
    assert concept["summary"]["text"] in reply and concept["summary"]["source"] in reply
    assert "not in my knowledge base" not in reply
