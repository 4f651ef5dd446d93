"""recommend(): credentials only, filtered by interest, ineligible ones left out with the reason."""
from __future__ import annotations

import pytest

from knowledge import KnowledgeError, Profile


def ids(items):
    return [i["credential"] for i in items]


def test_it_interest_ranks_it_credentials(kb):
    result = kb.recommend(Profile(interest="it"), limit=20)
    got = ids(result["recommendations"])
    assert "comptia-a-plus" in got and "osha-10-construction" not in got and "cna" not in got
    totals = [r["total"] for r in result["recommendations"]]
    assert totals == sorted(totals, reverse=True)
    assert all(not i.startswith("route-") for i in got)
    assert "work-readiness-certificate" in got   # general credentials fit every interest


def test_interest_alias_and_general(kb):
    assert ids(kb.recommend(Profile(interest="computers"), 20)["recommendations"]) == \
        ids(kb.recommend(Profile(interest="it"), 20)["recommendations"])
    everything = kb.recommend(Profile(interest="general"), 100)
    assert len(everything["recommendations"]) + len(everything["excluded"]) == len(kb.records("credential"))
    assert kb.recommend(Profile(), 100)["recommendations"] == everything["recommendations"]


def test_unknown_interest_is_an_error(kb):
    with pytest.raises(KnowledgeError, match="unknown interest"):
        kb.recommend(Profile(interest="astrophysics"))


def test_age_from_grade_excludes_adult_only_credentials(kb):
    result = kb.recommend(Profile(interest="health", grade=10), 10)
    assert "cna" not in ids(result["recommendations"])
    (why,) = [e["why"] for e in result["excluded"] if e["credential"] == "cna"]
    assert "at least 18" in why and "15-16" in why
    adult = kb.recommend(Profile(interest="health", age=19), 10)
    assert "cna" in ids(adult["recommendations"])


def test_budget_excludes_and_explains(kb):
    result = kb.recommend(Profile(interest="it", budget_usd=150), 20)
    excluded = {e["credential"]: e["why"] for e in result["excluded"]}
    assert "over your budget of $150" in excluded["comptia-a-plus"]
    ccst = [r for r in result["recommendations"] if r["credential"] == "cisco-ccst-networking"][0]
    assert any("within your budget" in reason for reason in ccst["reasons"])


def test_reasons_name_top_factors(kb):
    top = kb.recommend(Profile(interest="it"), 1)["recommendations"][0]
    assert top["reasons"] and "/4" in top["reasons"][0]


def test_teacher_credentials_left_out_for_students(kb):
    result = kb.recommend(Profile(interest="education", grade=11), 10)
    assert "educator-micro-credential" not in ids(result["recommendations"])
    assert [e["why"] for e in result["excluded"]] == ["it is for working teachers"]


def test_limit(kb):
    assert len(kb.recommend(Profile(), limit=2)["recommendations"]) == 2
    assert kb.recommend(Profile(), limit=0)["recommendations"] == []


def test_a_score_on_too_little_data_does_not_top_the_list():
    import copy

    from knowledge import KnowledgeBase

    from .conftest import TODAY, fixture_records
    records = copy.deepcopy(fixture_records())
    thin = next(r for r in records if r["id"] == "google-it-support")
    thin.update(occupations=[], duration=None, assessment=None, validity=None, stackability=None, outcomes=None,
                stub="Test record with little data.")
    thin["recognition"].update(employer_demand="unknown", wioa_recognized=True)
    thin["issuer"]["kind"] = "vendor"
    thin["cost"].update(usd_min=0, usd_max=0)
    kb = KnowledgeBase.from_records(records, today=TODAY)
    assert kb.score("google-it-support").total == 100          # every known factor is perfect ...
    picks = kb.recommend(Profile(interest="it"), 20)["recommendations"]
    last = picks[-1]
    assert last["credential"] == "google-it-support"             # ... but 3 of 9 factors rank it last
    assert last["based_on"] == "3 of 9 factors" and "too little data" in last["reasons"][-1]
