"""What the words ask wins over the intent: every part of a compound question, pathways, family facts, and
domain questions the classifier called out of scope or could not read."""
import pytest
from rasa_sdk.events import SlotSet

from actions.details import ActionCredentialDetail
from actions.evidence import ActionEvidence
from actions.fallback import ActionFallback, ActionOutOfScope
from actions.facets import asked
from actions.recommend import ActionRecommend
from actions.scoring import ActionScoreCredential
from actions.teachers import ActionTeacherRoutes
from tests.actions.helpers import cites, make_tracker, only_text, run_action


def test_each_part_of_a_compound_question_is_recognised():
    assert asked("how long does cna take and how much do they make") == ["duration", "pay"]
    assert asked("how much is a+ and how long to study for it") == ["cost", "duration"]
    assert asked("security+ price and does it expire?") == ["cost", "validity"]
    assert asked("what is nccer core and how much does it cost") == ["summary", "cost"]
    assert asked("how many exams do I need to pass for a+") == ["exams"]
    assert asked("is it worth it") == []


async def test_a_compound_question_gets_both_parts_each_with_its_source(record):
    cna = record("cna")
    job = record(cna["occupations"][0])
    tracker = make_tracker("how long does a cna take and how much do they make", "ask_duration", [("credential", "cna")])
    events, messages = await run_action(ActionCredentialDetail(), tracker)
    assert events == [SlotSet("subject", "cna")]
    text = only_text(messages)
    assert text.startswith(f"{cna['name']}: {cna['duration']['text']}")  # the first part first, naming its subject
    assert f"{job['name']} earn a median of ${job['wage']['median_usd']:,.0f} a year" in text
    assert cites(text, cna["duration"]) and cites(text, job["wage"])


async def test_number_of_exams_is_answered_in_the_first_sentence(record):
    a_plus = record("comptia-a-plus")
    tracker = make_tracker("how many exams do i have to pass for a+", "ask_assessment", [("credential", "a+")])
    _, messages = await run_action(ActionCredentialDetail(), tracker)
    parts = a_plus["assessment"]["parts"]
    assert only_text(messages).startswith(f"CompTIA A+ has {parts:g} exams or parts.")


async def test_a_pathway_question_gets_what_it_leads_to_not_a_comparison(record):
    cna = record("cna")
    tracker = make_tracker("I want to be a nurse. should I get my CNA first?", "compare", [("credential", "CNA")])
    events, messages = await run_action(ActionRecommend(), tracker)
    assert events == [SlotSet("subject", "cna")]
    text = only_text(messages)
    next_names = [record(i)["name"] for i in cna["stackability"]["leads_to"]]
    assert text.startswith(f"Certified Nursing Assistant (CNA) leads to: {', '.join(next_names)}.")
    assert "What should I compare" not in text and cites(text, cna["stackability"])


async def test_a_family_price_is_answered_once_when_every_member_agrees(knowledge):
    shared = knowledge.family_fact("cisco-ccst", "cost")
    assert shared["agree"] and shared["value"]["usd_max"] == 125
    tracker = make_tracker("how much does the cisco ccst exam cost", "ask_cost", [("credential", "cisco ccst")])
    events, messages = await run_action(ActionCredentialDetail(), tracker)
    assert events == [SlotSet("subject", "cisco-ccst")]
    text = only_text(messages)
    assert "$125" in text and "more than one thing" not in text
    assert shared["fact"]["source"] in text


async def test_and_the_other_one_means_the_same_familys_member(knowledge):
    tracker = make_tracker("and the cybersecurity one?", "ask_what_is", [("credential", "cybersecurity")],
                           slots={"subject": "cisco-ccst-it-support"})
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == [SlotSet("subject", "cisco-ccst-cybersecurity")]


async def test_a_credential_question_read_as_out_of_scope_is_answered(record):
    phlebotomy = record("nha-cpt")
    events, messages = await run_action(ActionOutOfScope(), make_tracker("what about phlebotomy", "out_of_scope"))
    text = only_text(messages)
    assert phlebotomy["summary"]["text"] in text and "outside what I know" not in text


async def test_a_question_outside_credentials_still_gets_a_short_no():
    events, messages = await run_action(ActionOutOfScope(), make_tracker("who won the lakers game", "out_of_scope"))
    assert events == []
    assert only_text(messages).startswith("That's outside what I know.")


async def test_an_unclear_recommendation_request_gets_suggestions_not_a_rephrase(knowledge):
    tracker = make_tracker("ngl wat should i get if i like cars", "nlu_fallback")
    events, messages = await run_action(ActionFallback(), tracker)
    assert SlotSet("interest", "automotive") in events
    assert only_text(messages).startswith("Best fit for cars and automotive repair: ")


async def test_details_added_after_suggestions_narrow_them_whatever_the_intent(knowledge):
    tracker = make_tracker("im in 9th grade and have $50", "ask_cost",
                           slots={"interest": "it", "subject": "comptia-data-plus"})
    events, messages = await run_action(ActionCredentialDetail(), tracker)
    assert events[:3] == [SlotSet("interest", "it"), SlotSet("grade", 9), SlotSet("budget", 50.0)]
    assert only_text(messages).startswith("Best fit for computers and IT: ")


async def test_local_questions_say_what_is_not_known_instead_of_suggesting(knowledge):
    text = "which employers near our district hire welders"
    events, messages = await run_action(ActionRecommend(), make_tracker(text, "recommend"))
    assert "won't guess" in only_text(messages) and "Best fit" not in only_text(messages)
    assert text in [gap["question"] for gap in knowledge.gaps()]


async def test_where_is_that_from_repeats_the_sources_of_the_last_answer():
    tracker = make_tracker("where is that from", "nlu_fallback")
    answer = "Teachers stay longer.  \nSource: ies.ed.gov (https://ies.ed.gov/x), as of 2015-01-01."
    tracker.events.insert(0, {"event": "bot", "text": answer})
    events, messages = await run_action(ActionFallback(), tracker)
    assert events == []
    assert only_text(messages) == "That answer came from: ies.ed.gov (https://ies.ed.gov/x), as of 2015-01-01."


async def test_a_bls_figure_read_from_a_copy_names_bls_as_its_source(record):
    job = record(record("cna")["occupations"][0])
    assert "github.com" in job["wage"]["source"], "this test needs a wage read from a copy of BLS's table"
    tracker = make_tracker("cna salary?", "ask_worth", [("credential", "cna")])
    _, messages = await run_action(ActionCredentialDetail(), tracker)
    text = only_text(messages)
    assert f"${job['wage']['median_usd']:,.0f} a year (BLS, May 2024)" in text
    assert f"{job['wage']['publisher']} ({job['wage']['source']})" in text


@pytest.mark.parametrize("text, intent, job_id", [
    ("will robots replace welders", "recommend", "soc-51-4121"),
    ("is plumbing a dying trade", "ask_evidence", "soc-47-2152"),
    ("are electricians still needed", "ask_worth", "soc-47-2111"),
])
async def test_a_question_about_a_jobs_future_gets_that_jobs_outlook(record, text, intent, job_id):
    action = {"recommend": ActionRecommend(), "ask_evidence": ActionEvidence(), "ask_worth": ActionScoreCredential()}
    events, messages = await run_action(action[intent], make_tracker(text, intent))
    outlook = record(job_id)["outlook"]
    reply = only_text(messages)
    assert events == [SlotSet("subject", job_id)]
    assert reply.startswith(f"{record(job_id)['name']}: {outlook['text']}")
    assert outlook["source"] in reply


@pytest.mark.parametrize("text, intent, job_id", [
    ("can i become a phlebotomist without college", "become_teacher", "soc-31-9097"),
    ("what education do welders need", "recommend", "soc-51-4121"),
    ("do you need a degree to be an electrician", "ask_prerequisites", "soc-47-2111"),
])
async def test_what_it_takes_to_start_a_job_is_answered_from_its_entry_requirements(record, text, intent, job_id):
    action = {"become_teacher": ActionTeacherRoutes(), "recommend": ActionRecommend(),
              "ask_prerequisites": ActionCredentialDetail()}
    events, messages = await run_action(action[intent], make_tracker(text, intent))
    entry = record(job_id)["entry"]
    reply = only_text(messages)
    assert events == [SlotSet("subject", job_id)]
    assert reply.startswith(f"{record(job_id)['name']}: {entry['text']}")
    assert entry["source"] in reply and "BLS" in reply


async def test_how_to_become_a_teacher_still_gets_the_routes(knowledge):
    _, messages = await run_action(ActionTeacherRoutes(), make_tracker("what do you need to become a teacher",
                                                                       "become_teacher"))
    assert "Ways to become a teacher" in only_text(messages)
