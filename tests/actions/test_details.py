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
    assert "CompTIA A+: " in reply and a_plus["cost"]["text"] in reply and cites(reply, a_plus["cost"])


async def test_validity_says_how_many_years(record):
    a_plus = record("comptia-a-plus")
    _, messages = await run_action(
        ActionCredentialDetail(), make_tracker("does it expire", "ask_validity", slots={"subject": "comptia-a-plus"})
    )
    assert a_plus["validity"]["expires"] is True
    assert f"It lasts {a_plus['validity']['years']:g} years." in only_text(messages)


@pytest.mark.parametrize("subject, expected", [
    ("osha-10-construction", "I don't know whether it expires"),
    ("hubspot-inbound-marketing", "It expires, but how long it lasts is not verified"),
    ("google-it-support", "It does not expire."),
])
async def test_unverified_expiry_is_never_called_lifetime(subject, expected):
    _, messages = await run_action(
        ActionCredentialDetail(), make_tracker("does it expire", "ask_validity", slots={"subject": subject})
    )
    reply = only_text(messages)
    assert expected in reply
    if "not verified" in expected or "know" in expected:
        assert "does not expire" not in reply.lower()


async def test_old_prices_get_one_short_freshness_line(record):
    google = record("google-it-support")
    _, messages = await run_action(
        ActionCredentialDetail(), make_tracker("cost?", "ask_cost", slots={"subject": "google-it-support"})
    )
    assert google["cost"]["as_of"] < "2025"  # the fixture fact is old enough
    text = only_text(messages)
    assert text.count("Checked over a year ago: check the price and rules with the issuer.") == 1


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


async def test_route_cost_also_says_pay_while_training(record):
    residency = record("route-teacher-residency")
    tracker = make_tracker("do they pay you", "ask_cost", slots={"subject": "route-teacher-residency"})
    events, messages = await run_action(ActionCredentialDetail(), tracker)
    assert events == [SlotSet("subject", "route-teacher-residency")]
    text = only_text(messages)
    assert text.startswith(f"Teacher residency: {residency['pay_during_prep']['text']}")  # "do they pay you" first
    assert cites(text, residency["pay_during_prep"])


async def test_an_age_question_is_answered_from_the_eligibility_rules(record):
    a_plus = record("comptia-a-plus")
    assert a_plus["eligibility"]["min_age"] is None
    tracker = make_tracker("do u need to be 18 for it", "ask_prerequisites", slots={"subject": "comptia-a-plus"})
    events, messages = await run_action(ActionCredentialDetail(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus")]
    text = only_text(messages)
    assert text.startswith(f"No minimum age is listed for CompTIA A+. {a_plus['eligibility']['text']}")
    assert "no data" not in text
    assert cites(text, a_plus["eligibility"])


async def test_assessment_says_proctored_hands_on_and_number_of_exams_with_its_source(record):
    a_plus = record("comptia-a-plus")
    tracker = make_tracker("how is the a+ tested", "ask_assessment", [("credential", "a+")])
    events, messages = await run_action(ActionCredentialDetail(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus")]
    text = only_text(messages)
    assessment = a_plus["assessment"]
    assert (assessment["proctored"], assessment["practical"], assessment["parts"]) == (True, True, 2)
    assert "CompTIA A+: " in text and assessment["text"] in text
    assert "Proctored: yes." in text
    assert "Hands-on part: yes." in text
    assert "2 exams or parts." in text
    assert cites(text, assessment)
    assert "/ask_assessment" not in " ".join(payloads(messages))


async def test_assessment_without_a_hands_on_part_says_questions_only(record):
    practitioner = record("aws-cloud-practitioner")
    assert practitioner["assessment"]["practical"] is False and practitioner["assessment"]["parts"] == 1
    tracker = make_tracker("is it multiple choice", "ask_assessment", slots={"subject": "aws-cloud-practitioner"})
    _, messages = await run_action(ActionCredentialDetail(), tracker)
    text = only_text(messages)
    assert "Hands-on part: no." in text and "One exam." in text
    assert ("Proctored: yes." if practitioner["assessment"]["proctored"] else "Whether it is proctored") in text
    assert cites(text, practitioner["assessment"])


async def test_assessment_not_proctored_and_unknown_facts_are_said_plainly(record):
    google = record("google-it-support")
    assert google["assessment"]["proctored"] is False and google["assessment"]["parts"] is None
    tracker = make_tracker("is the google it support test proctored", "ask_assessment", [("credential", "google it support")])
    _, messages = await run_action(ActionCredentialDetail(), tracker)
    text = only_text(messages)
    assert "Proctored: no." in text
    assert "Whether there is a hands-on part is not verified." in text
    assert "How many exams or parts it has is not verified." in text


async def test_assessment_of_a_route_says_no_data():
    tracker = make_tracker("how is tfa tested", "ask_assessment", [("credential", "tfa")])
    events, messages = await run_action(ActionCredentialDetail(), tracker)
    assert events == [SlotSet("subject", "route-teach-for-america")]
    assert "I have no data on how it is tested for Teach For America yet." in only_text(messages)


async def test_other_facet_replies_offer_the_assessment_button():
    tracker = make_tracker("cost?", "ask_cost", slots={"subject": "comptia-a-plus"})
    _, messages = await run_action(ActionCredentialDetail(), tracker)
    assert '/ask_assessment{"credential":"comptia-a-plus"}' in payloads(messages)
