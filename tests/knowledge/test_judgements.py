"""The research's judgements must come out of the REAL data plus the model (no ids in scoring code)."""
from __future__ import annotations

import pytest

from knowledge import KnowledgeBase, Profile
from knowledge.loader import read_dir
from knowledge.paths import DATA_DIR
from knowledge.validate import validate_records

from .conftest import TODAY


@pytest.fixture(scope="module")
def real():
    records, issues = read_dir(DATA_DIR)
    assert not issues
    assert [str(i) for i in validate_records(records)] == []
    return KnowledgeBase.from_records([r.data for r in records], today=TODAY)


def pitfalls(kb, rid, **kw):
    return {p["id"] for p in kb.score(rid, **kw).pitfalls}


def test_real_data_is_valid_and_complete(real):
    ids = {r["id"] for r in real.records()}
    assert {f"W{i}" for i in range(1, 10)} <= ids
    assert len(real.records("state")) == 51


def test_data_entry_scores_low_on_demand(real):
    assert real.score("hs-data-entry-certificate").factor("F1").score <= 1
    assert "W4" in pitfalls(real, "hs-data-entry-certificate")


def test_industry_bodies_score_high_on_recognition(real):
    for rid in ("cisco-ccst-networking", "comptia-a-plus", "mos-excel"):
        assert real.score(rid).factor("F3").score >= 3, rid


def test_work_readiness_valued_but_weak_evidence(real):
    for rid in ("work-readiness-certificate", "soft-skills-certificate"):
        result = real.score(rid)
        assert "W7" in pitfalls(real, rid)
        assert result.factor("F5").score <= 1
        assert result.total < real.score("comptia-a-plus").total


def test_theory_only_gets_no_practical_warning(real):
    for rec in real.records("credential"):
        fired = "W10" in pitfalls(real, rec["id"])
        assert fired == ((rec["assessment"] or {}).get("practical") is False), rec["id"]


def test_named_pitfalls(real):
    assert "W2" in pitfalls(real, "comptia-a-plus")
    assert "W1" in pitfalls(real, "osha-10-construction")
    assert "W6" in pitfalls(real, "nremt-emt", profile=Profile(grade=10))        # EMTs must be 18


def test_micro_credentials_flexible_but_state_dependent(real):
    rid = "digital-promise-micro-credential"
    assert "W8" in pitfalls(real, rid)
    assert real.score(rid).factor("F7").score >= real.score("national-board-certification").factor("F7").score


def test_alternative_routes_faster_but_less_preparation(real):
    tfa, residency = real.score("route-teach-for-america"), real.score("route-teacher-residency")
    assert "W9" in pitfalls(real, "route-teach-for-america")
    assert tfa.factor("clinical_practice").score < residency.factor("clinical_practice").score
    assert tfa.factor("time_to_classroom").score > residency.factor("time_to_classroom").score
    trad = real.score("route-traditional")
    assert tfa.factor("time_to_classroom").score >= trad.factor("time_to_classroom").score


def test_every_real_record_scores_cleanly(real):
    for rec in real.records("credential") + real.records("route"):
        result = real.score(rec["id"])
        assert 0 <= result.total <= 100
        for f in result.factors:
            assert f.evidence and (f.known or "no data in the knowledge base" in f.evidence)


@pytest.mark.parametrize("word, interest", [
    ("farming", "agriculture"), ("animals", "agriculture"), ("police", "public-safety"), ("fire", "public-safety"),
    ("childcare", "early-childhood"), ("cosmetology", "beauty"), ("hair", "beauty"), ("nails", "beauty"),
    ("trucking", "transportation"), ("driving", "transportation"), ("hotel", "hospitality"),
    ("tourism", "hospitality"), ("computers", "it")])
def test_everyday_interest_words(real, word, interest):
    assert real.resolve_interest(word)["id"] == interest
