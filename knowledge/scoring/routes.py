"""The teacher-route factor set (T1-T8), each 0-4: what a career changer weighs when choosing a route."""
from __future__ import annotations

from typing import Callable, List, Optional

from .context import Context, Factor, clamp, falling_ladder, money, sentence


def _pick(group: dict, high: str, low: str) -> Optional[float]:
    return group.get(high) if group.get(high) is not None else group.get(low)


def time_to_classroom(ctx: Context) -> Factor:
    months = _pick(ctx.group("time_to_classroom"), "months_max", "months_min")
    label = "Time to your own classroom"
    if months is None:
        return ctx.unknown("T1", "time_to_classroom", label, "time unknown", [ctx.fact("time_to_classroom")])
    score = falling_ladder(months, ctx.rules["route"]["time_to_classroom_months"])
    return Factor("T1", "time_to_classroom", label, clamp(score), f"About {months:g} months before you lead a class.",
                  [ctx.fact("time_to_classroom")])


def candidate_cost(ctx: Context) -> Factor:
    usd = _pick(ctx.group("candidate_cost"), "usd_max", "usd_min")
    if usd is None:
        return ctx.unknown("T2", "candidate_cost", "Cost to you", "cost unknown", [ctx.fact("candidate_cost")])
    score = falling_ladder(usd, ctx.rules["route"]["candidate_cost_usd"])
    return Factor("T2", "candidate_cost", "Cost to you", clamp(score), f"You pay up to {money(usd)}.",
                  [ctx.fact("candidate_cost")])


def _kind_factor(ctx: Context, fid: str, name: str, label: str, group: str, field: str, table: str, text) -> Factor:
    value = ctx.group(group).get(field)
    score = ctx.rules["route"][table].get(value)
    if score is None:
        return ctx.unknown(fid, name, label, f"{label.lower()} unknown", [ctx.fact(group)])
    return Factor(fid, name, label, clamp(score), sentence(text(value)), [ctx.fact(group)])


def pay_during_prep(ctx: Context) -> Factor:
    return _kind_factor(ctx, "T3", "pay_during_prep", "Pay while you train", "pay_during_prep", "kind",
                        "pay_during_prep", lambda v: {"salary": "a full teacher salary", "stipend": "a stipend",
                                                      "none": "no pay while you prepare"}[v])


def clinical_practice(ctx: Context) -> Factor:
    return _kind_factor(ctx, "T4", "clinical_practice", "Practice with a mentor", "clinical_practice", "kind",
                        "clinical_practice", lambda v: {
                            "full_year": "a full year in a classroom beside a mentor teacher",
                            "student_teaching": "supervised student teaching in a real classroom",
                            "ongoing": "ongoing coaching while you teach",
                            "summer": "a short summer training before you teach",
                            "none": "no mentored practice before you teach"}[v])


def service_commitment(ctx: Context) -> Factor:
    years = ctx.group("service_commitment").get("years")
    if years is None:
        return ctx.unknown("T5", "service_commitment", "Years you must commit", "commitment unknown",
                           [ctx.fact("service_commitment")])
    score = falling_ladder(years, ctx.rules["route"]["service_commitment_years"])
    said = "No service commitment" if years == 0 else f"You commit to teach about {years:g} years"
    return Factor("T5", "service_commitment", "Years you must commit", clamp(score), sentence(said),
                  [ctx.fact("service_commitment")])


def certification_outcome(ctx: Context) -> Factor:
    return _kind_factor(ctx, "T6", "certification_outcome", "License you end with", "leads_to", "certificate",
                        "certificate", lambda v: f"leads to {'an' if v[0] in 'aei' else 'a'} {v} certificate")


def _evidence(fid: str, name: str, label: str, group: str):
    def factor(ctx: Context) -> Factor:
        return _kind_factor(ctx, fid, name, label, group, "rating", "evidence",
                            lambda v: f"{label.lower()}: {v if v != 'none' else 'no studies found'}")
    factor.__name__ = name
    return factor


ROUTE_FACTORS: List[Callable[[Context], Factor]] = [
    time_to_classroom, candidate_cost, pay_during_prep, clinical_practice, service_commitment,
    certification_outcome, _evidence("T7", "retention", "Teachers who stay", "retention_evidence"),
    _evidence("T8", "effectiveness", "Student results", "effectiveness_evidence")]
