"""KnowledgeBase.open: records read once, instances reused while the data is unchanged; the gaps log."""
from __future__ import annotations

import copy

import pytest

from knowledge import KnowledgeBase, KnowledgeError
from knowledge.store import load_records

from .conftest import fixture_records


@pytest.fixture
def loaded(kb_url):
    load_records(fixture_records(), kb_url)
    return kb_url


def test_open_reuses_instance_until_content_changes(loaded):
    first = KnowledgeBase.open(loaded)
    assert KnowledgeBase.open(loaded) is first
    records = fixture_records()
    records[0] = dict(copy.deepcopy(records[0]), name="Changed name")
    load_records(records, loaded)
    second = KnowledgeBase.open(loaded)
    assert second is not first and second.get(records[0]["id"])["name"] == "Changed name"


def test_open_uses_env_url(loaded, monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_DB_URL", loaded)
    assert KnowledgeBase.open().get("comptia-a-plus")["name"] == "CompTIA A+"


def test_get_and_records_return_copies(loaded):
    kb = KnowledgeBase.open(loaded)
    rec = kb.get("comptia-a-plus")
    rec["name"] = "tampered"
    assert kb.get("comptia-a-plus")["name"] == "CompTIA A+"
    assert kb.get("nope") is None
    assert {r["kind"] for r in kb.records("route")} == {"route"}
    assert all({"id", "kind", "name"} <= set(r) for r in kb.records())


def test_pitfall_records_have_a_name(loaded):
    assert KnowledgeBase.open(loaded).get("W1")["name"]


def test_log_gap_and_list_newest_first(loaded):
    kb = KnowledgeBase.open(loaded)
    kb.log_gap("first question", channel="slack", sender="U123")
    kb.log_gap("second question")
    gaps = kb.gaps()
    assert [g["question"] for g in gaps] == ["second question", "first question"]
    first = gaps[1]
    assert first["channel"] == "slack" and first["sender_hash"] and "U123" not in first["sender_hash"]
    assert first["created_at"].endswith("Z")


def test_memory_kb_has_no_gap_log(kb):
    with pytest.raises(KnowledgeError):
        kb.log_gap("question")


def test_fact_source(kb):
    src = kb.fact_source("comptia-a-plus", "cost")
    assert src == {"name": "example.org", "url": "https://example.org/facts", "as_of": "2026-06-01",
                   "confidence": "high", "source_type": None}
    assert kb.fact_source("comptia-a-plus", "nothing") is None
    assert kb.get("work-readiness-certificate")["cost"] is None
    assert kb.fact_source("work-readiness-certificate", "cost") is None      # unknown: nothing to cite
    assert kb.fact_source("soc-15-1232", "wage")["source_type"] == "government"


def test_resolve_state_and_interest(kb):
    assert kb.resolve_state("TX")["id"] == "state-tx"
    assert kb.resolve_state("texas")["id"] == "state-tx"
    assert kb.resolve_state("Arkansas")["code"] == "AR"
    assert kb.resolve_state("narnia") is None and kb.resolve_state("") is None
    assert kb.resolve_interest("computers")["id"] == "it"
    assert kb.resolve_interest("nursing")["id"] == "health"
    assert kb.resolve_interest("zzzz") is None


def test_new_kinds_and_null_groups_survive_the_database(loaded):
    kb = KnowledgeBase.open(loaded)
    assert kb.get("work-readiness-certificate")["cost"] is None
    assert kb.family_fact("cisco-ccst", "cost")["agree"]
    assert kb.findings("will robots replace help desk jobs")[0]["id"] == "finding-help-desk-automation"
    assert {r["kind"] for r in kb.records()} >= {"family", "finding"}
