"""action_explain and action_demand_gap: what a credential, route or concept is, always with sources."""
from rasa_sdk.events import SlotSet

from actions.explain import DEMAND_GAP_ID, ActionDemandGap, ActionExplain
from tests.actions.helpers import cites, make_tracker, only_text, payloads, run_action


async def test_explains_a_credential_named_by_entity(record):
    a_plus = record("comptia-a-plus")
    tracker = make_tracker("what is comptia a+", "ask_what_is", [("credential", "comptia a+")])
    events, messages = await run_action(ActionExplain(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus")]
    text = only_text(messages)
    assert "CompTIA A+" in text and a_plus["summary"]["text"] in text
    assert cites(text, a_plus["summary"])
    assert '/ask_worth{"credential":"comptia-a-plus"}' in payloads(messages)


async def test_explains_a_concept_with_its_points(record):
    concept = record("concept-micro-credential")
    tracker = make_tracker("what's a micro credential", "ask_what_is", [("credential", "micro credential")])
    events, messages = await run_action(ActionExplain(), tracker)
    assert events == [SlotSet("subject", "concept-micro-credential")]
    text = only_text(messages)
    assert concept["summary"]["text"] in text and cites(text, concept["summary"])
    for point in concept.get("points") or []:
        assert point["text"] in text and point["source"] in text


async def test_explains_a_route_with_time_and_cost(record):
    tfa = record("route-teach-for-america")
    events, messages = await run_action(ActionExplain(), make_tracker("what is TFA", "ask_what_is", [("credential", "TFA")]))
    assert events == [SlotSet("subject", "route-teach-for-america")]
    text = only_text(messages)
    assert "Teach For America" in text and tfa["time_to_classroom"]["text"] in text
    assert cites(text, tfa["candidate_cost"])


async def test_finds_the_name_in_the_text_when_no_entity_was_extracted():
    events, _ = await run_action(ActionExplain(), make_tracker("tell me about the comptia a+ cert", "ask_what_is"))
    assert events == [SlotSet("subject", "comptia-a-plus")]


async def test_unknown_credential_is_not_guessed_and_is_logged(knowledge):
    question = "what is the zorblax quantum welding badge"
    tracker = make_tracker(question, "ask_what_is", [("credential", "zorblax quantum welding badge")])
    events, messages = await run_action(ActionExplain(), tracker)
    assert events == []
    text = only_text(messages)
    assert "not in my knowledge base" in text
    assert any(gap["question"] == question for gap in knowledge.gaps())
    assert all(payload.startswith("/ask_what_is{") for payload in payloads(messages))


async def test_unknown_name_without_entity_is_found_in_the_leftover_words(knowledge):
    question = "what is a flibbertigibbet certificate"
    events, messages = await run_action(ActionExplain(), make_tracker(question, "ask_what_is"))
    assert events == []
    assert '"flibbertigibbet" is not in my knowledge base' in only_text(messages)
    assert any(gap["question"] == question for gap in knowledge.gaps())


async def test_no_name_and_no_subject_asks_which_one():
    events, messages = await run_action(ActionExplain(), make_tracker("what is it?", "ask_what_is"))
    assert events == []
    assert "Which credential do you mean?" in only_text(messages)
    assert '/ask_what_is{"credential":"comptia-a-plus"}' in payloads(messages)


async def test_demand_gap_gives_the_figures_and_sources(record):
    gap = record(DEMAND_GAP_ID)
    events, messages = await run_action(ActionDemandGap(), make_tracker("why dont these certs lead to jobs", "ask_demand_gap"))
    assert events == [SlotSet("subject", DEMAND_GAP_ID)]
    text = only_text(messages)
    assert gap["summary"]["text"] in text and cites(text, gap["summary"])
    assert "/recommend" in payloads(messages)
