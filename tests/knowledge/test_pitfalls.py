"""Each warning rule W1-W10 fires from record fields (+ state/profile); its text comes from pitfalls.yml."""
from __future__ import annotations

from knowledge.profile import Profile

from .helpers import PITFALLS, occupation, record, score


def ids(result):
    return {p["id"] for p in result.pitfalls}


def test_pitfall_text_comes_from_data():
    (w1,) = [p for p in score(record("osha-10-construction")).pitfalls if p["id"] == "W1"]
    assert w1["title"] == PITFALLS["W1"]["title"] and w1["reason"] == PITFALLS["W1"]["reason"]
    assert w1["source"] == PITFALLS["W1"]["source"] and "certificate of completion" in w1["detail"]


def test_w1_completion_certificate():
    assert "W1" in ids(score(record("osha-10-construction")))
    assert "W1" not in ids(score(record("comptia-network-plus")))


def test_w2_multi_part():
    assert "W2" in ids(score(record("comptia-a-plus")))
    assert "W2" not in ids(score(record("comptia-network-plus")))


def test_w3_fires_only_when_the_issuer_changed_its_rules():
    assert "W3" in ids(score(record("cisco-ccst-networking")))          # expiry policy changed
    assert "W3" not in ids(score(record("comptia-network-plus")))
    old = score(record("hs-data-entry-certificate"))                    # facts from 2024: a note, not a warning
    assert "W3" not in ids(old)
    assert old.freshness == ("Check the price and rules with the issuer before you pay: "
                             "our figures are from 2024-01-15.")
    assert score(record("comptia-network-plus")).freshness is None


def test_pitfalls_fire_for_a_reason_of_this_credential():
    result = score(record("comptia-a-plus"))
    assert all(p["detail"] and p["detail"] != p["reason"] for p in result.pitfalls)
    (w2,) = [p for p in result.pitfalls if p["id"] == "W2"]
    assert "all 2 exams" in w2["detail"]


def test_w4_declining_jobs_or_oversupply():
    rec = record("comptia-network-plus")
    assert "W4" in ids(score(rec, [occupation("declining", -10)]))
    rec["recognition"]["employer_demand"] = "oversupplied"
    assert "W4" in ids(score(rec, [occupation("growing", 5)]))
    assert "W4" not in ids(score(record("comptia-network-plus"), [occupation("growing", 5)]))


def test_w5_state_list_uses_user_state():
    rec = record("comptia-a-plus")                                      # on the NC list, in demand
    assert "W5" not in ids(score(rec))
    assert "W5" not in ids(score(rec, state="NC"))
    w5 = [p for p in score(rec, state="TX").pitfalls if p["id"] == "W5"][0]
    assert "not in TX" in w5["detail"]
    rec["recognition"]["employer_demand"] = "unknown"
    assert "W5" in ids(score(rec, state="NC"))


def test_w6_age_and_gpa():
    cna = record("cna")                                                 # min_age 18
    assert "W6" in ids(score(cna))                                      # unknown age
    assert "W6" in ids(score(cna, profile=Profile(grade=11)))           # a minor
    assert "W6" not in ids(score(cna, profile=Profile(age=19)))
    tfa = record("route-teach-for-america")                             # min GPA 2.5
    assert "W6" in ids(score(tfa))
    assert "W6" in ids(score(tfa, profile=Profile(gpa=2.4)))
    assert "W6" not in ids(score(tfa, profile=Profile(gpa=3.1)))
    rec = record("comptia-a-plus")
    rec["eligibility"]["min_age"] = 16
    assert "W6" not in ids(score(rec))
    assert "W6" in ids(score(rec, profile=Profile(age=14)))


def test_w7_work_readiness():
    assert "W7" in ids(score(record("work-readiness-certificate")))
    assert "W7" not in ids(score(record("comptia-a-plus")))


def test_w8_micro_credential_depends_on_state():
    rec = record("educator-micro-credential")
    assert "W8" in ids(score(rec))                                      # no state given
    assert "W8" in ids(score(rec, state="TX"))                          # renewal: unknown
    assert "W8" not in ids(score(rec, state="AR"))                      # counts for renewal
    rec["issuer"]["kind"] = "unknown"
    assert "W8" in ids(score(rec, state="AR"))                          # unknown issuer


def test_w9_teacher_route_tradeoffs():
    result = score(record("route-teach-for-america"))
    (w9,) = [p for p in result.pitfalls if p["id"] == "W9"]
    assert "2 years" in w9["detail"] and "mentor" in w9["detail"]
    calm = record("route-teacher-residency")
    calm["service_commitment"]["years"] = 0
    assert "W9" not in ids(score(calm))
    assert "W9" not in ids(score(record("comptia-a-plus")))


def test_w10_no_practical_assessment():
    assert "W10" in ids(score(record("google-data-analytics")))
    assert "W10" not in ids(score(record("comptia-a-plus")))
