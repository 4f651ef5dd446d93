"""Ranked credentials for one person: filter by interest, leave out what they cannot take, explain.
Credentials whose score rests on too few known factors ("thin") come after the well-known ones."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from .errors import KnowledgeError
from .profile import Profile

EDUCATOR_CATEGORIES = ("educator_microcredential", "educator_certification")
GENERAL = "general"


def _why_not(cred: Dict[str, Any], profile: Profile) -> Optional[str]:
    """Why this person cannot take it now (age, budget, or it is for working teachers), else None."""
    ages = profile.age_range()
    min_age = (cred.get("eligibility") or {}).get("min_age")
    if ages and min_age is not None and ages[1] < min_age:
        who = f"at grade {profile.grade} you are about {ages[0]}-{ages[1]}" if profile.age is None \
            else f"you are {profile.age}"
        return f"you must be at least {min_age}; {who}"
    cheapest = (cred.get("cost") or {}).get("usd_min")
    if profile.budget_usd is not None and cheapest is not None and cheapest > profile.budget_usd:
        return f"costs at least ${cheapest:,.0f}, over your budget of ${profile.budget_usd:,.0f}"
    if profile.grade is not None and cred.get("category") in EDUCATOR_CATEGORIES:
        return "it is for working teachers"
    return None


def _reasons(kb, cred: Dict[str, Any], result, profile: Profile) -> List[str]:
    weights = kb.config["credential"]["weights"]
    strong = sorted((f for f in result.factors if f.known and f.score >= 3),
                    key=lambda f: (-weights.get(f.id, 0) * f.score, f.id))[:2]
    reasons = [f"{f.label}: {f.score}/4. {f.evidence}" for f in strong]
    cost, hours = cred.get("cost") or {}, cred.get("duration") or {}
    top = cost.get("usd_max")
    if profile.budget_usd is not None:
        if top is None:
            reasons.append("Cost: not known, check before you sign up.")
        elif top <= profile.budget_usd:
            reasons.append(f"Cost within your budget: up to ${top:,.0f} (budget ${profile.budget_usd:,.0f}).")
        else:
            reasons.append(f"May cost up to ${top:,.0f}, more than your budget of ${profile.budget_usd:,.0f}.")
    longest = hours.get("hours_max")
    if profile.hours is not None and longest is not None and longest > profile.hours:
        reasons.append(f"Takes up to {longest:g} hours, more than the {profile.hours:g} you have.")
    return reasons


def recommend(kb, profile: Profile, limit: int = 5) -> Dict[str, Any]:
    interest = None
    if profile.interest and str(profile.interest).strip().lower() != GENERAL:
        interest = kb.resolve_interest(profile.interest)
        if interest is None:
            names = ", ".join(sorted(r["id"] for r in kb.records("interest")))
            raise KnowledgeError(f"unknown interest {profile.interest!r}; use one of: {names}")
        interest = None if interest["id"] == GENERAL else interest["id"]
    picks, excluded = [], []
    for cred in kb.records("credential"):
        areas = cred.get("interest_areas") or []
        if interest and interest not in areas and GENERAL not in areas:
            continue
        why = _why_not(cred, profile)
        if why:
            excluded.append({"credential": cred["id"], "name": cred["name"], "why": why})
            continue
        result = kb.score(cred["id"], profile.state, profile)
        thin = result.known_factors < result.factor_count * kb.config["confidence"]["partial_share"]
        reasons = _reasons(kb, cred, result, profile)
        if thin:
            reasons.append(f"Based on only {result.based_on}: too little data to rank it above better-known ones.")
        picks.append({"credential": cred["id"], "name": cred["name"], "total": result.total,
                      "based_on": result.based_on, "confidence": result.confidence, "reasons": reasons,
                      "pitfalls": [p["id"] for p in result.pitfalls], "thin": thin})
    # A high total that rests on a few factors must not outrank a credential we know well.
    picks.sort(key=lambda p: (p["thin"], -p["total"], p["name"]))
    return {"recommendations": picks[:max(0, int(limit))], "excluded": excluded}
