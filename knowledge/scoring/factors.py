"""The nine credential factors (F1-F9), each 0-4, derived by rules from the record's structured fields.

Numbers come from weights.yml `rules`; evidence sentences are built from the data. No record ids or names
appear here: a judgement such as "data entry scores low on demand" must follow from the data.
"""
from __future__ import annotations

from typing import Callable, List

from ..expiry import NEVER, UNKNOWN_LENGTH, YEARS, expiry
from .context import Context, Fact, Factor, clamp, falling_ladder, mean, money, rising_ladder, sentence, yes_no


def _outlook_score(outlook: dict, rules: dict):
    direction = outlook.get("direction")
    score = rules["outlook"].get(direction)
    if score is None:
        return None
    percent = outlook.get("percent")
    if percent is not None:
        if direction == "growing" and percent >= rules["fast_growth_percent"]:
            score += 1
        elif direction == "declining" and percent > rules["slow_decline_percent"]:
            score += 1
    return score


def demand(ctx: Context) -> Factor:
    rules = ctx.rules["demand"]
    rec = ctx.group("recognition")
    parts, facts, said = [], [], []
    employer = rules["employer_demand"].get(rec.get("employer_demand"))
    if employer is not None:
        parts.append(employer)
        facts.append(ctx.fact("recognition"))
        said.append(f"employer demand: {rec['employer_demand'].replace('_', ' ')}")
    job_scores = []
    for occ in ctx.occupations:
        outlook = occ.get("outlook") or {}
        score = _outlook_score(outlook, rules)
        if score is None:
            continue
        job_scores.append(score)
        facts.append(Fact(occ["name"], f"{occ['id']}.outlook", outlook))
        pct = outlook.get("percent")
        detail = f" {pct:+g}%" if pct is not None else ""
        vintage = f" ({outlook['vintage']})" if outlook.get("vintage") else ""
        said.append(f"{occ['name']}: {outlook['direction']}{detail}{vintage}")
    if job_scores:
        parts.append(mean(job_scores))
    if not parts:
        return ctx.unknown("F1", "demand", "Job demand", "employer demand and job outlook unknown",
                           [ctx.fact("recognition")])
    return Factor("F1", "demand", "Job demand", clamp(mean(parts)), sentence(said), facts)


def wage(ctx: Context) -> Factor:
    known = [(o, o["wage"]) for o in ctx.occupations if (o.get("wage") or {}).get("median_usd") is not None]
    if not known:
        return ctx.unknown("F2", "wage", "Pay of linked jobs", "no median wage for the linked jobs")
    median = mean(w["median_usd"] for _, w in known)
    score = rising_ladder(median, ctx.rules["wage"]["thresholds_usd"])
    jobs = ", ".join(f"{o['name']} ${w['median_usd']:,.0f}" for o, w in known)
    return Factor("F2", "wage", "Pay of linked jobs", clamp(score), f"Median pay of linked jobs: {jobs}.",
                  [Fact(o["name"], f"{o['id']}.wage", w) for o, w in known])


def recognition(ctx: Context) -> Factor:
    rules = ctx.rules["recognition"]
    issuer, rec = ctx.group("issuer"), ctx.group("recognition")
    lists = ctx.record.get("state_lists") or []
    kind = issuer.get("kind", "unknown")
    if kind == "unknown" and not lists and rec.get("wioa_recognized") is None:
        return ctx.unknown("F3", "recognition", "Employer recognition", "issuer type unknown", [ctx.fact("issuer")])
    score = rules["issuer_kind"].get(kind, 0)
    said = [f"issued by {issuer.get('name', 'an unknown issuer')} ({kind.replace('_', ' ')})"]
    facts = [ctx.fact("issuer")]
    if lists:
        score += rules["state_list_bonus"]
        said.append("on state lists: " + ", ".join(f"{e.get('state')} {e.get('year') or ''}".strip() for e in lists))
        facts += [Fact(ctx.record["name"], f"state_lists[{i}]", e) for i, e in enumerate(lists)]
    if rec.get("wioa_recognized") is True:
        score += rules["wioa_bonus"]
    elif rec.get("wioa_recognized") is False:
        score -= rules["not_wioa_penalty"]
    said.append(f"recognized under WIOA: {yes_no(rec.get('wioa_recognized'))}")
    facts.append(ctx.fact("recognition"))
    return Factor("F3", "recognition", "Employer recognition", clamp(score), sentence(said),
                  facts)


def rigor(ctx: Context) -> Factor:
    test, issuer = ctx.group("assessment"), ctx.group("issuer")
    flags = {k: test.get(k) for k in ("proctored", "performance_based", "practical")}
    if all(v is None for v in flags.values()):
        return ctx.unknown("F4", "rigor", "Test rigor", "how it is tested is unknown", [ctx.fact("assessment")])
    score = sum(1 for v in flags.values() if v is True)
    independent = flags["proctored"] is True and issuer.get("kind") in ctx.rules["rigor"]["independent_issuers"]
    score += 1 if independent else 0
    said = ", ".join(f"{k.replace('_', ' ')}: {yes_no(v)}" for k, v in flags.items())
    extra = "; independent proctored exam" if independent else ""
    return Factor("F4", "rigor", "Test rigor", clamp(score), sentence(said + extra), [ctx.fact("assessment")])


def outcomes(ctx: Context) -> Factor:
    evidence = ctx.group("outcomes").get("evidence")
    score = ctx.rules["outcomes"].get(evidence)
    if score is None:
        return ctx.unknown("F5", "outcomes", "Proof of results", "outcome evidence unknown", [ctx.fact("outcomes")])
    text = {"none": "No published data on jobs or pay after earning it.",
            "self_reported": "Only self-reported results from the issuer or holders.",
            "admin_data": "Results measured with official job and wage records.",
            "experimental": "Results measured in a controlled study."}.get(evidence, evidence)
    return Factor("F5", "outcomes", "Proof of results", clamp(score), text, [ctx.fact("outcomes")])


def stackability(ctx: Context) -> Factor:
    rules, stack = ctx.rules["stackability"], ctx.group("stackability")
    leads, credit = stack.get("leads_to") or [], stack.get("college_credit")
    if not leads and credit is None:
        return ctx.unknown("F6", "stackability", "Next steps", "no known next credential or college credit",
                           [ctx.fact("stackability")])
    score = 0 if not leads else rules["one_next_step"] if len(leads) == 1 else rules["several_next_steps"]
    score += rules["college_credit"] if credit is True else 0
    said = f"leads to {len(leads)} other credential(s) in this knowledge base; college credit: {yes_no(credit)}"
    return Factor("F6", "stackability", "Next steps", clamp(score), sentence(said), [ctx.fact("stackability")])


def cost_time(ctx: Context) -> Factor:
    cost, hours = ctx.group("cost"), ctx.group("duration")
    parts, said, facts = [], [], []
    usd = cost.get("usd_max") if cost.get("usd_max") is not None else cost.get("usd_min")
    if usd is not None:
        parts.append(falling_ladder(usd, ctx.rules["cost_usd"]))
        said.append(("cost " if cost.get("usd_max") is not None else "cost at least ") + money(usd))
        facts.append(ctx.fact("cost"))
    time = hours.get("hours_max") if hours.get("hours_max") is not None else hours.get("hours_min")
    if time is not None:
        parts.append(falling_ladder(time, ctx.rules["hours"]))
        said.append(f"about {time:g} hours")
        facts.append(ctx.fact("duration"))
    if not parts:
        return ctx.unknown("F7", "cost_time", "Cost and time", "cost and hours unknown", [ctx.fact("cost")])
    return Factor("F7", "cost_time", "Cost and time", clamp(mean(parts)), sentence(said), facts)


def durability(ctx: Context) -> Factor:
    rules, valid = ctx.rules["durability"], ctx.group("validity")
    lasts = expiry(valid)
    if lasts.kind == NEVER:
        score, said = rules["no_expiry"], "Does not expire"
    elif lasts.kind == YEARS:
        score = next((s for least, s in rules["years"] if lasts.years >= least), 0)
        said = f"Valid for {lasts.years:g} years"
    else:
        what = "it expires, but no verified length" if lasts.kind == UNKNOWN_LENGTH else "no verified expiry rules"
        return ctx.unknown("F8", "durability", "How long it lasts", what, [ctx.fact("validity")])
    if valid.get("policy_changed"):
        score -= rules["policy_changed_penalty"]
        said += "; the issuer recently changed its expiry rules"
    return Factor("F8", "durability", "How long it lasts", clamp(score), sentence(said), [ctx.fact("validity")])


def access(ctx: Context) -> Factor:
    rules, elig = ctx.rules["access"], ctx.group("eligibility")
    if ctx.record.get("eligibility") is None:
        return ctx.unknown("F9", "access", "Access and fit", "entry rules unknown")
    min_age, prereq, min_gpa = elig.get("min_age"), (elig.get("prerequisites") or "").strip(), elig.get("min_gpa")
    score, said = 4, []
    if min_age is not None and min_age >= rules["adult_age"]:
        score -= rules["adult_penalty"]
    elif min_age is not None and min_age >= rules["teen_age"]:
        score -= rules["teen_penalty"]
    said.append(f"minimum age {min_age}" if min_age is not None else "no minimum age listed")
    if prereq and not prereq.lower().startswith(("none", "no ")):
        score -= rules["prerequisite_penalty"]
        said.append(f"needs: {prereq.rstrip('.')}")
    if min_gpa is not None:
        score -= rules["gpa_penalty"]
        said.append(f"minimum GPA {min_gpa:g}")
    ages = ctx.profile.age_range() if ctx.profile else None
    if ages and min_age is not None and ages[1] < min_age:
        score = 0
        said.append("you are younger than the minimum age")
    return Factor("F9", "access", "Access and fit", clamp(score), sentence(said),
                  [ctx.fact("eligibility")])


CREDENTIAL_FACTORS: List[Callable[[Context], Factor]] = [
    demand, wage, recognition, rigor, outcomes, stackability, cost_time, durability, access]
