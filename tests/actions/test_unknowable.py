"""action_unknowable: pass rates, pay, placement and local demand are not in the knowledge base; the reply
says so, gives the closest score factor with its source, offers a counselor and logs the question."""
import pytest
from rasa_sdk.events import SlotSet

from actions.unknowable import ActionUnknowable
from tests.actions.helpers import make_tracker, only_text, payloads, run_action


def factor(knowledge, record_id, name):
    return next(f for f in knowledge.score(record_id).to_dict()["factors"] if f["name"] == name)


@pytest.mark.parametrize("text, missing, factor_name", [
    ("whats the starting salary with a+", "salaries or starting pay", "wage"),
    ("will a+ get me a raise", "salaries or starting pay", "wage"),
    ("what's the pass rate for a+ at my school", "pass rates for a school or a class", "rigor"),
    ("what's the job placement rate for a+ at our school", "job placement numbers", "outcomes"),
    ("is there demand for a+ in my town", "how much employers in your town or region want it", "demand"),
])
async def test_says_what_is_missing_and_the_closest_factor(knowledge, text, missing, factor_name):
    events, messages = await run_action(ActionUnknowable(), make_tracker(text, "ask_unknowable", [("credential", "a+")]))
    assert events == [SlotSet("subject", "comptia-a-plus")]
    reply = only_text(messages)
    assert "CompTIA A+: what I don't know" in reply
    assert f"My knowledge base doesn't have {missing}" in reply and "so I won't guess" in reply
    closest = factor(knowledge, "comptia-a-plus", factor_name)
    assert f"{closest['label']} ({closest['score']}/{closest['max']}): {closest['evidence']}" in reply
    if closest["source"]:
        assert closest["source"] in reply and str(closest["as_of"]) in reply
    assert "counselor" in reply
    assert payloads(messages) == ["/talk_to_human", '/ask_worth{"credential":"comptia-a-plus"}']
    assert any(gap["question"] == text for gap in knowledge.gaps())


async def test_pay_of_the_jobs_it_leads_to_is_answered_for_the_subject_under_discussion(record):
    tracker = make_tracker("how much do they make an hour", "ask_unknowable", slots={"subject": "cna"})
    events, messages = await run_action(ActionUnknowable(), tracker)
    assert events == [SlotSet("subject", "cna")]
    reply = only_text(messages)
    assert reply.startswith("Certified Nursing Assistant (CNA) leads to these jobs.")
    for job in map(record, record("cna")["occupations"]):
        wage = job["wage"]
        label = f"BLS, {wage['year']}" if wage.get("publisher") or "bls.gov" in wage["source"] else wage["year"]
        assert f"{job['name']} earn a median of ${wage['median_usd']:,.0f} a year ({label})." in reply
        assert wage["source"] in reply


async def test_without_a_subject_is_still_honest_and_offers_a_counselor(knowledge):
    text = "what's the pass rate at my school"
    events, messages = await run_action(ActionUnknowable(), make_tracker(text, "ask_unknowable"))
    assert events == []
    reply = only_text(messages)
    assert "My knowledge base doesn't have pass rates for a school or a class, so I won't guess." in reply
    assert "not in my knowledge base" not in reply  # "rate" is not taken for a credential name
    assert payloads(messages) == ["/talk_to_human"]
    assert any(gap["question"] == text for gap in knowledge.gaps())


async def test_an_unknown_credential_name_gets_the_not_found_reply(knowledge):
    text = "whats the salary with the zorblax certificate"
    tracker = make_tracker(text, "ask_unknowable", [("credential", "zorblax certificate")])
    events, messages = await run_action(ActionUnknowable(), tracker)
    assert events == []
    assert "is not in my knowledge base" in only_text(messages)
    assert any(gap["question"] == text for gap in knowledge.gaps())


async def test_a_concept_has_no_score_but_gets_the_honest_answer(knowledge):
    tracker = make_tracker("what do people with a micro-credential earn", "ask_unknowable",
                           [("credential", "micro-credential")])
    events, messages = await run_action(ActionUnknowable(), tracker)
    assert events == [SlotSet("subject", "concept-micro-credential")]
    assert "doesn't have salaries or starting pay" in only_text(messages)
    assert payloads(messages) == ["/talk_to_human"]
