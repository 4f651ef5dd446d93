"""Warning rules W1-W10: predicates over record fields (+ the user's state and profile) live here; the
title and reason shown to users live in knowledge/data/pitfalls.yml. A rule returns a detail sentence
about this record when it fires, None otherwise."""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional

from .context import Context, sentence

EDUCATOR_MICRO = {"educator_microcredential"}
BADGE_TYPES = {"MicroCredential", "Badge"}


def _credential(ctx: Context) -> bool:
    return ctx.record.get("kind") == "credential"


def w1_completion(ctx: Context) -> Optional[str]:
    if _credential(ctx) and ctx.record.get("ctdl_type") == "CertificateOfCompletion":
        return f"{ctx.record['name']} is a certificate of completion, not a certification."
    return None


def w2_multi_part(ctx: Context) -> Optional[str]:
    parts = ctx.group("assessment").get("parts") if _credential(ctx) else None
    if parts and parts > 1:
        return f"You must pass all {parts} exams; passing one of them is not the certification."
    return None


def w3_policy_changed(ctx: Context) -> Optional[str]:
    """Only this credential's own change of rules; old facts in general are ScoreResult.freshness, not a warning."""
    if ctx.group("validity").get("policy_changed"):
        return "The issuer recently changed its expiry rules; check the current rules before you pay."
    return None


def w4_low_demand(ctx: Context) -> Optional[str]:
    if not _credential(ctx):
        return None
    said = [f"{o['name']} jobs are declining" for o in ctx.occupations
            if (o.get("outlook") or {}).get("direction") == "declining"]
    if ctx.group("recognition").get("employer_demand") == "oversupplied":
        said.append("more people hold it than employers ask for")
    return sentence(said) if said else None


def w5_state_list(ctx: Context) -> Optional[str]:
    lists = ctx.record.get("state_lists") or []
    if not _credential(ctx) or not lists:
        return None
    codes = sorted({e.get("state") for e in lists})
    code = (ctx.state or {}).get("code")
    if code and code not in codes:
        return f"It is on state lists in {', '.join(codes)}, but not in {code}."
    if ctx.group("recognition").get("employer_demand") not in ("in_demand", "undersupplied"):
        return f"It is on state lists ({', '.join(codes)}), but there is no data that employers ask for it."
    return None


def w6_eligibility(ctx: Context) -> Optional[str]:
    elig = ctx.group("eligibility")
    profile = ctx.profile
    ages = profile.age_range() if profile else None
    said = []
    min_age = elig.get("min_age")
    if min_age is not None:
        if ages is None and min_age >= 18:
            said.append(f"you must be at least {min_age}")
        elif ages is not None and ages[0] < min_age and (min_age >= 18 or ages[1] < min_age):
            said.append(f"you must be at least {min_age}")
    min_gpa = elig.get("min_gpa")
    gpa = profile.gpa if profile else None
    if min_gpa is not None and (gpa is None or gpa < min_gpa):
        said.append(f"you need a GPA of at least {min_gpa:g}")
    if elig.get("requires_degree") and profile is not None and profile.grade is not None:
        said.append("you need a bachelor's degree first")
    return ("To qualify, " + " and ".join(said) + ".") if said else None


def w7_work_readiness(ctx: Context) -> Optional[str]:
    if _credential(ctx) and ctx.record.get("category") == "work_readiness":
        wioa = ctx.group("recognition").get("wioa_recognized")
        note = " It is not a recognized postsecondary credential under WIOA." if wioa is False else ""
        return "It shows general work skills, not training for a specific job." + note
    return None


def w8_micro_credential(ctx: Context) -> Optional[str]:
    rec = ctx.record
    educator = rec.get("category") in EDUCATOR_MICRO or rec.get("route_type") == "micro_credentials"
    badge = educator or rec.get("ctdl_type") in BADGE_TYPES or rec.get("category") == "digital_badge"
    if not badge:
        return None
    said = []
    if _credential(ctx) and ctx.group("issuer").get("kind") == "unknown":
        said.append("the issuer is unknown, and a badge is only worth what its issuer stands for")
    if educator:
        if ctx.state is None:
            said.append("whether it counts toward your license depends on your state")
        else:
            policy = ctx.state.get("micro_credentials") or {}
            if policy.get("renewal") is not True:
                status = {False: "do not count", "unknown": "may not count"}.get(policy.get("renewal"), "may not count")
                said.append(f"in {ctx.state['name']}, micro-credentials {status} toward license renewal")
    return sentence(said) if said else None


def w9_route(ctx: Context) -> Optional[str]:
    if ctx.record.get("kind") != "route":
        return None
    said = []
    years = ctx.group("service_commitment").get("years")
    if years is not None and years >= 2:
        said.append(f"you commit to about {years:g} years of teaching")
    cost = ctx.group("candidate_cost")
    top = cost.get("usd_max") if cost.get("usd_max") is not None else cost.get("usd_min")
    if top:
        said.append(f"you pay up to ${top:,.0f} yourself")
    if ctx.group("clinical_practice").get("kind") in ("none", "summer"):
        said.append("there is little practice with a mentor before you lead a class")
    if ctx.group("retention_evidence").get("rating") in ("weak", "mixed"):
        said.append("evidence that its teachers stay is " + ctx.group("retention_evidence")["rating"])
    return sentence(said) if said else None


def w10_no_practical(ctx: Context) -> Optional[str]:
    if _credential(ctx) and ctx.group("assessment").get("practical") is False:
        return "It is tested with questions only; there is no hands-on (practical) part."
    return None


RULES: Dict[str, Callable[[Context], Optional[str]]] = {
    "W1": w1_completion, "W2": w2_multi_part, "W3": w3_policy_changed, "W4": w4_low_demand, "W5": w5_state_list,
    "W6": w6_eligibility, "W7": w7_work_readiness, "W8": w8_micro_credential, "W9": w9_route,
    "W10": w10_no_practical,
}
# Shown only until pitfalls.yml has a record for the rule: the data file is where user-facing text belongs.
FALLBACK_TITLES = {"W10": "No practical assessment"}


def check_pitfalls(ctx: Context, texts: Dict[str, Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Fired warnings with their title, reason and source from pitfalls.yml, plus this record's detail."""
    fired = []
    for pid, rule in RULES.items():
        detail = rule(ctx)
        if detail:
            text = texts.get(pid) or {}
            fired.append({"id": pid, "title": text.get("title", FALLBACK_TITLES.get(pid, pid)), "reason": text.get("reason", detail),
                          "source": text.get("source"), "as_of": text.get("as_of"), "detail": detail})
    return fired
