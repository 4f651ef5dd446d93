"""Property-based checks: better demand never lowers the total; arbitrary input never crashes;
scores stay within 0..4 and totals within 0..100."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.profile import Profile

from .helpers import occupation, record, score

DEMAND_ORDER = ["oversupplied", "balanced", "in_demand", "undersupplied"]
OUTLOOK_ORDER = ["declining", "stable", "growing"]
maybe_num = st.one_of(st.none(), st.floats(min_value=0, max_value=1e6, allow_nan=False))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _credential(data):
    rec = record("comptia-a-plus")
    rec["cost"].update(usd_min=data.draw(maybe_num), usd_max=data.draw(maybe_num))
    rec["duration"].update(hours_min=data.draw(maybe_num), hours_max=data.draw(maybe_num))
    rec["assessment"].update({k: data.draw(st.sampled_from([True, False, None]))
                              for k in ("proctored", "performance_based", "practical")})
    rec["validity"].update(years=data.draw(st.one_of(st.none(), st.integers(0, 10))),
                           policy_changed=data.draw(st.booleans()))
    rec["eligibility"]["min_age"] = data.draw(st.one_of(st.none(), st.integers(10, 21)))
    rec["issuer"]["kind"] = data.draw(st.sampled_from(
        ["industry_body", "vendor", "government", "school", "nonprofit", "course_platform", "unknown"]))
    rec["outcomes"]["evidence"] = data.draw(st.sampled_from(["none", "self_reported", "admin_data", "experimental"]))
    return rec


@SETTINGS
@given(st.data())
def test_better_employer_demand_never_lowers_total(data):
    rec = _credential(data)
    jobs = [occupation(data.draw(st.sampled_from(OUTLOOK_ORDER + ["unknown"])),
                       data.draw(st.one_of(st.none(), st.floats(-50, 50))), data.draw(maybe_num))]
    low, high = sorted(data.draw(st.lists(st.sampled_from(DEMAND_ORDER), min_size=2, max_size=2)),
                       key=DEMAND_ORDER.index)
    rec["recognition"]["employer_demand"] = low
    before = score(rec, jobs)
    rec["recognition"]["employer_demand"] = high
    after = score(rec, jobs)
    assert after.total >= before.total and after.factor("F1").score >= before.factor("F1").score


@SETTINGS
@given(st.data())
def test_better_job_outlook_never_lowers_total(data):
    rec = _credential(data)
    rec["recognition"]["employer_demand"] = data.draw(st.sampled_from(DEMAND_ORDER + ["unknown"]))
    d1, d2 = sorted(data.draw(st.lists(st.sampled_from(OUTLOOK_ORDER), min_size=2, max_size=2)),
                    key=OUTLOOK_ORDER.index)
    p1 = data.draw(st.floats(-50, 50))
    p2 = data.draw(st.floats(p1, 60)) if d1 == d2 else data.draw(st.floats(-50, 50))
    if d1 != d2:  # a better direction with a matching sign of change
        p1, p2 = -abs(p1) if d1 == "declining" else p1, abs(p2) if d2 == "growing" else p2
    before = score(rec, [occupation(d1, p1)])
    after = score(rec, [occupation(d2, p2)])
    assert after.total >= before.total


@SETTINGS
@given(st.data())
def test_scores_stay_in_range(data):
    rec = _credential(data)
    rec["recognition"]["employer_demand"] = data.draw(st.sampled_from(DEMAND_ORDER + ["unknown"]))
    jobs = [occupation(data.draw(st.sampled_from(OUTLOOK_ORDER + ["unknown"])),
                       data.draw(st.one_of(st.none(), st.floats(-100, 100))), data.draw(maybe_num), rid=f"soc-0{i}")
            for i in range(data.draw(st.integers(0, 3)))]
    profile = data.draw(st.one_of(st.none(), st.builds(Profile, grade=st.one_of(st.none(), st.integers(6, 12)),
                                                       age=st.one_of(st.none(), st.integers(10, 70)))))
    result = score(rec, jobs, state=data.draw(st.sampled_from([None, "TX", "AR", "NC"])), profile=profile)
    assert 0 <= result.total <= 100
    assert all(0 <= f.score <= f.max == 4 for f in result.factors)
    assert result.confidence in ("high", "medium", "low")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_matching(kb, text):
    res = kb.resolve(text)
    assert res.status in ("matched", "ambiguous", "not_found")
    assert 0.0 <= res.confidence <= 1.0
    for mention in kb.find_mentions(text):
        assert mention.status in ("matched", "ambiguous")
        assert text[mention.span[0]:mention.span[1]] == mention.text
    kb.resolve_state(text)
    kb.resolve_interest(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40), st.one_of(st.none(), st.text(max_size=10)))
def test_arbitrary_names_in_score_give_knowledge_errors_only(kb, name, state):
    from knowledge import KnowledgeError
    try:
        result = kb.score(name, state=state)
    except KnowledgeError:
        return
    assert 0 <= result.total <= 100
