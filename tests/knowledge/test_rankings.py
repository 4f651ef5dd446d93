"""Rankings a counselor would sign, on the REAL data (knowledge/data) and the default weights. Each test
name says the reason; a failure message names the scores. Data still missing makes a test fail on purpose."""
from __future__ import annotations

import pytest

from knowledge import KnowledgeBase
from knowledge.loader import read_dir
from knowledge.paths import DATA_DIR

from .conftest import TODAY


@pytest.fixture(scope="module")
def real():
    records, issues = read_dir(DATA_DIR)
    assert not issues
    return KnowledgeBase.from_records([r.data for r in records], today=TODAY)


def above(real, better, worse, reason):
    a, b = real.score(better), real.score(worse)
    assert a.total > b.total, (f"{better} ({a.total}, {a.based_on}) should rank above {worse} "
                               f"({b.total}, {b.based_on}): {reason}")
    return a, b


def test_security_plus_above_keyboarding_because_it_leads_to_growing_better_paid_jobs(real):
    sec, keys = above(real, "comptia-security-plus", "hs-keyboarding-certificate",
                      "security jobs grow and pay more than typing jobs")
    assert sec.factor("demand").score > keys.factor("demand").score
    assert sec.factor("wage").score > keys.factor("wage").score


def test_a_plus_above_data_entry_because_data_entry_jobs_are_shrinking(real):
    a_plus, entry = above(real, "comptia-a-plus", "hs-data-entry-certificate",
                          "help-desk jobs hold up while data-entry jobs decline")
    assert a_plus.factor("demand").score > entry.factor("demand").score
    assert "W4" in {p["id"] for p in entry.pitfalls}


@pytest.mark.parametrize("certification", ["nccer-carpentry-level-1", "nccer-electrical-level-1"])
def test_craft_certification_above_osha_10_card_for_the_same_job_because_it_is_tested(real, certification):
    shared = set(real.get(certification)["occupations"]) & set(real.get("osha-10-construction")["occupations"])
    assert shared, f"{certification} and OSHA 10 should lead to a common job"
    cert, card = above(real, certification, "osha-10-construction",
                       "a tested craft skill beats a 10-hour safety completion card")
    assert cert.factor("rigor").score > card.factor("rigor").score
    assert "W1" in {p["id"] for p in card.pitfalls}


def test_cna_above_generic_work_readiness_because_it_is_a_licensed_health_job(real):
    cna, general = above(real, "cna", "work-readiness-certificate",
                         "a state-registered nurse aide credential beats a general work-readiness certificate")
    assert "W7" in {p["id"] for p in general.pitfalls}
    assert general.confidence == "low" and general.known_factors < cna.known_factors


def test_ccna_above_ccst_networking_on_pay_because_it_leads_to_admin_jobs(real):
    ccna, ccst = real.score("cisco-ccna"), real.score("cisco-ccst-networking")
    assert ccna.factor("wage").score > ccst.factor("wage").score, (ccna.factor("wage").evidence,
                                                                    ccst.factor("wage").evidence)


def test_residency_fits_who_wants_practice_tfa_fits_who_must_start_fast(real):
    tfa, residency = real.score("route-teach-for-america"), real.score("route-teacher-residency")
    assert residency.factor("clinical_practice").score > tfa.factor("clinical_practice").score
    assert tfa.factor("time_to_classroom").score > residency.factor("time_to_classroom").score
    assert residency.factor("retention").score > tfa.factor("retention").score
    assert "W9" in {p["id"] for p in tfa.pitfalls}


def test_missing_data_lowers_confidence_never_the_total(real):
    for rec in real.records("credential") + real.records("route"):
        result = real.score(rec["id"])
        if result.known_factors < result.factor_count * 0.6:
            assert result.confidence == "low", (rec["id"], result.based_on)
        known = [f for f in result.factors if f.known]
        if known and all(f.score == f.max for f in known):
            assert result.total == 100, rec["id"]          # unknown factors never pull a total down


@pytest.mark.parametrize("record, verdict", [
    ("comptia-security-plus", "Yes, for most people"),
    ("cna", "Yes, for most people"),
    ("hs-keyboarding-certificate", "Probably not on its own"),
    ("hs-data-entry-certificate", "Probably not on its own"),
])
def test_is_it_worth_it_gets_a_plain_answer_a_counselor_would_give(real, record, verdict):
    result = real.score(record)
    assert result.verdict == verdict, f"{record}: {result.total}/100 on {result.based_on} reads '{result.verdict}'"


def test_a_total_resting_on_few_known_factors_is_not_turned_into_a_yes_or_no(real):
    thin = [r["id"] for r in real.records("credential") if real.score(r["id"]).known_factors < 4]
    assert thin, "expected at least one credential scored on fewer than 4 known factors"
    assert {real.score(rid).verdict for rid in thin} == {"Hard to say yet"}
