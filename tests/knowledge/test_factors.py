"""Every credential factor (F1-F9) and route factor (T1-T8) derives its 0-4 score from the data."""
from __future__ import annotations

import pytest

from knowledge.profile import Profile
from knowledge.scoring.context import NO_DATA

from .helpers import occupation, record, score


def factor(result, fid):
    return result.factor(fid)


@pytest.mark.parametrize("demand, direction, percent, expected", [
    ("undersupplied", None, None, 4), ("in_demand", None, None, 3), ("balanced", None, None, 2),
    ("oversupplied", None, None, 0), ("unknown", "growing", 12, 4), ("unknown", "growing", 5, 3),
    ("unknown", "stable", None, 2), ("unknown", "declining", -2, 1), ("unknown", "declining", -24.6, 0),
    ("in_demand", "declining", -24.6, 2),
])
def test_f1_demand(demand, direction, percent, expected):
    rec = record("comptia-a-plus")
    rec["recognition"]["employer_demand"] = demand
    jobs = [occupation(direction, percent)] if direction else []
    f1 = factor(score(rec, jobs), "F1")
    assert f1.score == expected and f1.known
    if direction:
        assert "Job soc-00-0001" in f1.evidence and f1.facts[-1].group == "soc-00-0001.outlook"


def test_f1_unknown_is_shown_as_unknown_and_left_out():
    rec = record("comptia-a-plus")
    rec["recognition"]["employer_demand"] = "unknown"
    result = score(rec, [occupation("unknown", median=60000)])
    f1 = factor(result, "F1")
    assert not f1.known and f1.shown == "unknown" and NO_DATA in f1.evidence
    assert f1.to_dict()["known"] is False and f1.to_dict()["shown"] == "unknown"
    assert result.based_on == "8 of 9 factors" and (result.known_factors, result.factor_count) == (8, 9)


@pytest.mark.parametrize("group, unknown", [
    ("recognition", None), ("cost", None), ("duration", None), ("assessment", "F4"), ("validity", "F8"),
    ("eligibility", "F9"), ("stackability", "F6"), ("outcomes", "F5")])
def test_null_groups_are_unknown_never_a_crash(group, unknown):
    rec = record("comptia-a-plus")
    rec[group] = None
    result = score(rec, [occupation(median=60000)])
    assert 0 <= result.total <= 100
    assert [f.id for f in result.factors if not f.known] == ([unknown] if unknown else [])
    assert all(f.known or f.evidence.startswith("Unknown") for f in result.factors)
    assert all(s["url"] for s in result.sources)


def test_null_occupation_groups_leave_demand_and_wage_unknown():
    job = occupation()
    job["outlook"] = job["wage"] = None
    rec = record("comptia-a-plus")
    rec["recognition"]["employer_demand"] = "unknown"
    result = score(rec, [job])
    assert not result.factor("F1").known and not result.factor("F2").known


@pytest.mark.parametrize("median, expected", [(25000, 0), (30000, 1), (45000, 2), (60000, 3), (90000, 4)])
def test_f2_wage(median, expected):
    f2 = factor(score(record("comptia-a-plus"), [occupation(median=median)]), "F2")
    assert f2.score == expected and f"${median:,.0f}" in f2.evidence


def test_f2_unknown_wage():
    f2 = factor(score(record("comptia-a-plus"), [occupation(median=None)]), "F2")
    assert not f2.known and NO_DATA in f2.evidence and f2.facts == []


@pytest.mark.parametrize("kind, lists, wioa, expected", [
    ("industry_body", ["NC"], True, 4), ("industry_body", [], None, 3), ("school", [], None, 1),
    ("course_platform", [], False, 0), ("nonprofit", ["NC"], None, 3),
])
def test_f3_recognition(kind, lists, wioa, expected):
    rec = record("comptia-a-plus")
    rec["issuer"]["kind"] = kind
    rec["state_lists"] = [dict(rec["state_lists"][0], state=s) for s in lists]
    rec["recognition"]["wioa_recognized"] = wioa
    assert factor(score(rec), "F3").score == expected


def test_f3_unknown_issuer():
    rec = record("comptia-a-plus")
    rec["issuer"]["kind"] = "unknown"
    rec["state_lists"], rec["recognition"]["wioa_recognized"] = [], None
    assert not factor(score(rec), "F3").known


@pytest.mark.parametrize("flags, issuer, expected", [
    ((True, True, True), "industry_body", 4), ((True, True, True), "school", 3), ((True, False, False), "vendor", 2),
    ((False, False, False), "industry_body", 0), ((None, True, None), "vendor", 1),
])
def test_f4_rigor(flags, issuer, expected):
    rec = record("comptia-a-plus")
    rec["assessment"].update(proctored=flags[0], performance_based=flags[1], practical=flags[2])
    rec["issuer"]["kind"] = issuer
    assert factor(score(rec), "F4").score == expected


def test_f4_unknown():
    rec = record("comptia-a-plus")
    rec["assessment"].update(proctored=None, performance_based=None, practical=None)
    assert not factor(score(rec), "F4").known


@pytest.mark.parametrize("evidence, expected", [("none", 0), ("self_reported", 1), ("admin_data", 3),
                                                ("experimental", 4)])
def test_f5_outcomes(evidence, expected):
    rec = record("comptia-a-plus")
    rec["outcomes"]["evidence"] = evidence
    assert factor(score(rec), "F5").score == expected


@pytest.mark.parametrize("leads, credit, expected, known", [
    ([], None, 0, False), ([], False, 0, True), (["x"], False, 2, True), (["x", "y"], True, 4, True),
])
def test_f6_stackability(leads, credit, expected, known):
    rec = record("comptia-a-plus")
    rec["stackability"].update(leads_to=leads, college_credit=credit)
    f6 = factor(score(rec), "F6")
    assert (f6.score, f6.known) == (expected, known)


@pytest.mark.parametrize("usd, hours, expected", [
    ((0, 0), (10, 10), 4), ((100, 100), (None, None), 3), ((None, None), (None, 300), 1),
    ((1500, 2000), (600, 600), 0), ((None, 50), (None, None), 3),
])
def test_f7_cost_time(usd, hours, expected):
    rec = record("comptia-a-plus")
    rec["cost"].update(usd_min=usd[0], usd_max=usd[1])
    rec["duration"].update(hours_min=hours[0], hours_max=hours[1])
    assert factor(score(rec), "F7").score == expected


def test_f7_unknown():
    rec = record("comptia-a-plus")
    rec["cost"].update(usd_min=None, usd_max=None)
    rec["duration"].update(hours_min=None, hours_max=None)
    assert not factor(score(rec), "F7").known


@pytest.mark.parametrize("expires, years, changed, expected", [
    (False, None, False, 4), (False, None, True, 3), (True, 5, False, 3),
    (True, 3, False, 2), (True, 1, False, 1), (True, 2, True, 0)])
def test_f8_durability(expires, years, changed, expected):
    rec = record("comptia-a-plus")
    rec["validity"].update(expires=expires, years=years, policy_changed=changed)
    assert factor(score(rec), "F8").score == expected


@pytest.mark.parametrize("expires", [True, "unknown"])
def test_f8_unknown_length_is_not_lifetime(expires):
    """An expiry we cannot verify must never read as "does not expire"."""
    rec = record("comptia-a-plus")
    rec["validity"].update(expires=expires, years=None, policy_changed=False)
    durability = factor(score(rec), "F8")
    assert not durability.known and "does not expire" not in durability.evidence.lower()


@pytest.mark.parametrize("min_age, prereq, gpa, expected", [
    (None, None, None, 4), (16, None, None, 3), (18, None, None, 2), (18, "State-approved training", 2.5, 0),
    (None, "None", None, 4),
])
def test_f9_access(min_age, prereq, gpa, expected):
    rec = record("comptia-a-plus")
    rec["eligibility"].update(min_age=min_age, prerequisites=prereq, min_gpa=gpa)
    assert factor(score(rec), "F9").score == expected


def test_f9_profile_under_age():
    rec = record("cna")
    assert factor(score(rec, profile=Profile(grade=10)), "F9").score == 0
    assert factor(score(rec, profile=Profile(age=19)), "F9").score == 1


def test_every_factor_has_evidence_and_source():
    result = score(record("comptia-a-plus"), [occupation(median=50000)])
    assert [f.id for f in result.factors] == [f"F{i}" for i in range(1, 10)]
    for f in result.factors:
        d = f.to_dict()
        assert 0 <= d["score"] <= d["max"] == 4 and d["evidence"].endswith(".")
        assert d["source"].startswith("https://") and d["as_of"]


# --- teacher routes ---------------------------------------------------------------------------------
def route(**changes):
    rec = record("route-teach-for-america")
    for group, values in changes.items():
        rec[group].update(values)
    return rec


@pytest.mark.parametrize("group, values, fid, expected", [
    ("time_to_classroom", {"months_min": 2, "months_max": 2}, "T1", 4),
    ("time_to_classroom", {"months_min": 48, "months_max": 48}, "T1", 0),
    ("candidate_cost", {"usd_min": 0, "usd_max": 0}, "T2", 4),
    ("candidate_cost", {"usd_min": 20000, "usd_max": 40000}, "T2", 0),
    ("pay_during_prep", {"kind": "stipend"}, "T3", 3), ("pay_during_prep", {"kind": "none"}, "T3", 0),
    ("clinical_practice", {"kind": "full_year"}, "T4", 4), ("clinical_practice", {"kind": "summer"}, "T4", 1),
    ("service_commitment", {"years": 0}, "T5", 4), ("service_commitment", {"years": 3}, "T5", 1),
    ("leads_to", {"certificate": "initial"}, "T6", 4), ("leads_to", {"certificate": "alternative"}, "T6", 2),
    ("retention_evidence", {"rating": "strong"}, "T7", 4), ("retention_evidence", {"rating": "weak"}, "T7", 1),
    ("effectiveness_evidence", {"rating": "none"}, "T8", 0), ("effectiveness_evidence", {"rating": "mixed"}, "T8", 2),
])
def test_route_factors(group, values, fid, expected):
    result = score(route(**{group: values}))
    assert [f.id for f in result.factors] == [f"T{i}" for i in range(1, 9)]
    assert factor(result, fid).score == expected


def test_route_unknowns():
    result = score(route(time_to_classroom={"months_min": None, "months_max": None},
                         candidate_cost={"usd_min": None, "usd_max": None}, service_commitment={"years": None}))
    assert [f.id for f in result.factors if not f.known] == ["T1", "T2", "T5"]


def test_all_unknown_records_score_compare_and_recommend_without_crashing():
    import copy

    from knowledge import KnowledgeBase
    from knowledge.schema import KINDS, Group

    from .conftest import TODAY, fixture_records
    records = copy.deepcopy(fixture_records())
    for rec in records:
        for name, spec in KINDS.get(rec["kind"], {}).items():
            if isinstance(spec, Group) and spec.nullable and name in rec:
                rec[name] = None
    kb = KnowledgeBase.from_records(records, today=TODAY)
    result = kb.score("comptia-a-plus", state="TX", profile=Profile(grade=10, budget_usd=50))
    assert result.to_dict()["based_on"] == "1 of 9 factors" and result.confidence == "low"
    assert all(s["url"] for s in result.sources)
    rows = kb.compare("route-teach-for-america", "route-teacher-residency")["rows"]
    assert {r["a"] for r in rows} == {"unknown"}
    assert kb.recommend(Profile(interest="it", grade=10, budget_usd=50, state="TX"), 20)["recommendations"]
    assert kb.family_fact("cisco-ccst", "cost")["variants"][0]["value"] is None
