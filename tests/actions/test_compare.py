"""action_compare: two names, or one name plus the last subject; concepts side by side."""
from rasa_sdk.events import SlotSet

from actions.compare import ActionCompare
from tests.actions.helpers import cites, make_tracker, only_text, payloads, run_action


async def test_compares_two_named_credentials(knowledge):
    comparison = knowledge.compare("comptia-a-plus", "comptia-network-plus")
    tracker = make_tracker("a+ vs network+", "compare", [("credential", "a+"), ("credential", "network+")])
    events, messages = await run_action(ActionCompare(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus"), SlotSet("subject_b", "comptia-network-plus")]
    text = only_text(messages)
    assert "CompTIA A+ vs CompTIA Network+" in text and comparison["summary"] in text
    for row in comparison["rows"]:
        assert row["factor"] in text
    for source in comparison["a"]["sources"] + comparison["b"]["sources"]:
        assert source["url"] in text


async def test_one_name_is_compared_with_the_current_subject():
    tracker = make_tracker("compare with network+", "compare", [("credential", "network+")], slots={"subject": "comptia-a-plus"})
    events, _ = await run_action(ActionCompare(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus"), SlotSet("subject_b", "comptia-network-plus")]


async def test_compare_button_with_only_one_side_says_what_it_is_and_offers_the_other(record):
    tracker = make_tracker('/compare{"credential":"comptia-a-plus"}', "compare", [("credential", "comptia-a-plus")],
                           slots={"subject": "comptia-a-plus"})
    events, messages = await run_action(ActionCompare(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus")]
    text = only_text(messages)
    assert text.startswith("**CompTIA A+**") and record("comptia-a-plus")["summary"]["text"] in text
    assert "What should I compare" not in text and "pick one below" in text
    options = payloads(messages)
    assert options and all(p.startswith('/compare{"credential":') for p in options)
    assert '/compare{"credential":"comptia-a-plus"}' not in options


async def test_compares_two_teacher_routes():
    tracker = make_tracker("tfa or a residency", "compare", [("credential", "tfa"), ("credential", "teacher residency")])
    events, messages = await run_action(ActionCompare(), tracker)
    assert events == [SlotSet("subject", "route-teach-for-america"), SlotSet("subject_b", "route-teacher-residency")]
    assert "/100" in only_text(messages)


async def test_concepts_are_shown_side_by_side_with_sources(record):
    a, b = record("concept-industry-certification"), record("concept-certificate-of-completion")
    tracker = make_tracker("industry certification vs certificate of completion", "compare",
                           [("credential", "industry certification"), ("credential", "certificate of completion")])
    events, messages = await run_action(ActionCompare(), tracker)
    assert events == [SlotSet("subject", a["id"]), SlotSet("subject_b", b["id"])]
    text = only_text(messages)
    assert a["summary"]["text"] in text and b["summary"]["text"] in text
    assert cites(text, a["summary"]) and cites(text, b["summary"])


async def test_which_one_is_better_compares_the_last_two_credentials_asked_about():
    tracker = make_tracker("which one is better", "compare", slots={"subject": "comptia-security-plus"})
    tracker.events[:0] = [{"event": "slot", "name": "subject", "value": "servsafe-food-handler"},
                          {"event": "slot", "name": "subject", "value": "comptia-a-plus"},
                          {"event": "slot", "name": "subject", "value": "comptia-security-plus"},
                          {"event": "slot", "name": "subject", "value": "comptia-security-plus"}]
    events, messages = await run_action(ActionCompare(), tracker)
    assert events == [SlotSet("subject", "comptia-a-plus"), SlotSet("subject_b", "comptia-security-plus")]
    assert "CompTIA A+ vs CompTIA Security+" in only_text(messages)


async def test_nothing_to_compare_asks_for_two_names():
    events, messages = await run_action(ActionCompare(), make_tracker("compare two certs", "compare"))
    assert events == []
    assert "Which two should I compare?" in only_text(messages)


async def test_elliptical_second_side_takes_the_brand_of_the_first():
    text = "Should our culinary program offer ServSafe Food Handler or Manager?"
    tracker = make_tracker(text, "compare", [("credential", "ServSafe Food Handler")])
    events, messages = await run_action(ActionCompare(), tracker)
    assert events == [SlotSet("subject", "servsafe-food-handler"), SlotSet("subject_b", "servsafe-manager")]
    assert "ServSafe Food Handler vs ServSafe Manager" in only_text(messages)


async def test_a_family_on_the_other_side_is_compared_as_the_family(knowledge):
    tracker = make_tracker("whats better for me mos or google data analytics", "compare",
                           [("credential", "google data analytics")], slots={"subject": "comptia-a-plus"})
    events, messages = await run_action(ActionCompare(), tracker)
    assert events == [SlotSet("subject", "google-data-analytics"), SlotSet("subject_b", "microsoft-office-specialist")]
    text = only_text(messages)
    for record_id in ("google-data-analytics", "microsoft-office-specialist"):
        assert knowledge.get(record_id)["summary"]["text"] in text