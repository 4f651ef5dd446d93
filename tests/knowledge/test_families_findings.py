"""Families asked about as one (shared fact or "which one?"), and research findings chosen for a question
with both sides shown when they disagree (fixture data)."""
from __future__ import annotations

import copy

import pytest

from knowledge import KnowledgeBase, KnowledgeError

from .conftest import TODAY, fixture_records


def test_family_membership(kb):
    assert kb.family_of("cisco-ccst-networking")["id"] == "cisco-ccst"
    assert kb.family_of("comptia-a-plus") is None
    assert [m["id"] for m in kb.family_members("cisco-ccst")] == [
        "cisco-ccst-it-support", "cisco-ccst-networking", "cisco-ccst-cybersecurity"]
    with pytest.raises(KnowledgeError, match="no family"):
        kb.family_members("comptia-a-plus")


def test_family_fact_shared_price_is_answered_at_once(kb):
    fact = kb.family_fact("cisco-ccst", "cost")
    assert fact["agree"] and fact["value"] == {"usd_min": 125, "usd_max": 125}
    assert fact["fact"]["source"] == "https://example.org/facts" and len(fact["variants"]) == 1


def _kb_with(change):
    records = copy.deepcopy(fixture_records())
    for rec in records:
        change(rec)
    return KnowledgeBase.from_records(records, today=TODAY)


def test_family_fact_groups_members_where_they_differ():
    def pricier_networking(rec):
        if rec["id"] == "cisco-ccst-networking":
            rec["cost"].update(usd_min=150, usd_max=150)
        if rec["id"] == "cisco-ccst-cybersecurity":
            rec["cost"] = None
    fact = _kb_with(pricier_networking).family_fact("cisco-ccst", "cost")
    assert not fact["agree"] and fact["value"] is None
    grouped = {v["value"]["usd_max"] if v["value"] else None: [m["id"] for m in v["members"]]
               for v in fact["variants"]}
    assert grouped == {125: ["cisco-ccst-it-support"], 150: ["cisco-ccst-networking"],
                       None: ["cisco-ccst-cybersecurity"]}


def test_family_is_named_like_a_credential(kb):
    res = kb.resolve("ccst")
    assert res.status == "matched" and res.record["id"] == "cisco-ccst"
    mentions = kb.find_mentions("are google certificates better than the ccst")
    assert [m.record["id"] for m in mentions] == ["google-career-certificates", "cisco-ccst"]
    assert kb.find_mentions("is the cisco ccst networking exam hard")[0].record["id"] == "cisco-ccst-networking"


def ids(found):
    return [(f["id"], f["direction"]) for f in found]


def test_everyday_words_pick_the_topic(kb):
    (found,) = kb.findings("will AI and robots replace help desk jobs?")
    assert found["id"] == "finding-help-desk-automation"
    assert set(found) >= {"claim", "figure", "population", "direction", "source", "as_of", "confidence"}
    assert found["source"] == {"name": "example.org", "url": "https://example.org/automation"}


def test_disagreeing_findings_show_both_sides(kb):
    found = kb.findings("do teachers from these programs quit sooner?", limit=1)
    assert {d for _, d in ids(found)} == {"for", "against"}
    assert ids(kb.findings("do teachers leave?"))[:2] == [("finding-alt-route-turnover", "against"),
                                                         ("finding-residency-retention", "for")]


def test_subjects_and_critics_words_rank(kb):
    found = kb.findings("is it any good?", ["route-teach-for-america"])
    assert {f["id"] for f in found} == {"finding-alt-route-turnover", "finding-tfa-effectiveness"}
    critics = kb.findings("what do critics say about it?", ["route-teach-for-america"], limit=1)
    assert critics[0]["id"] == "finding-alt-route-turnover"


def test_family_subject_reaches_member_findings():
    def tag_member(rec):
        if rec["id"] == "finding-help-desk-automation":
            rec["subjects"] = ["cisco-ccst-it-support"]
    kb = _kb_with(tag_member)
    assert [f["id"] for f in kb.findings("tell me more", ["cisco-ccst"])] == ["finding-help-desk-automation"]


def test_unrelated_question_finds_nothing(kb):
    assert kb.findings("what time is it") == []


def test_findings_about_other_records_stay_out_when_subjects_are_named(kb):
    found = kb.findings("do teachers leave?", ["route-teach-for-america"])
    assert "finding-residency-retention" not in {f["id"] for f in found}
    assert found[0]["id"] == "finding-alt-route-turnover"
