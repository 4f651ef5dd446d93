"""Transparent scoring: factor breakdown (0-4 each), weighted total 0-100 over the known factors, pitfalls,
sources, confidence and one freshness note."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional

from ..errors import KnowledgeError
from ..profile import Profile
from .confidence import assess
from .context import Context, Factor, source_name
from .factors import CREDENTIAL_FACTORS
from .pitfalls import check_pitfalls
from .routes import ROUTE_FACTORS

FACTOR_SETS = {"credential": CREDENTIAL_FACTORS, "route": ROUTE_FACTORS}
# "Is it worth it?" answered in words: the lowest total for each answer, best first. Counselors placed
# Security+ (81), CNA (72) and A+ (73) in the first band, OSHA 10 (57) in the second and keyboarding (33)
# and data entry (19) certificates in the last (tests/knowledge/test_rankings.py).
VERDICTS = ((65, "Yes, for most people"), (45, "It can be, if it fits your plans"), (0, "Probably not on its own"))
# A total resting on fewer known factors than this is not turned into a yes or no.
MIN_KNOWN_FOR_VERDICT = 4


@dataclass
class ScoreResult:
    record_id: str
    name: str
    kind: str
    total: int
    factors: List[Factor]
    pitfalls: List[Dict[str, Any]] = field(default_factory=list)
    sources: List[Dict[str, Any]] = field(default_factory=list)
    confidence: str = "low"
    stale: List[str] = field(default_factory=list)
    freshness: Optional[str] = None  # one short "check before you pay" line when price or rules facts are old

    @property
    def known_factors(self) -> int:
        return sum(1 for f in self.factors if f.known)

    @property
    def factor_count(self) -> int:
        return len(self.factors)

    @property
    def based_on(self) -> str:
        """"6 of 9 factors": how much of the score rests on data."""
        return f"{self.known_factors} of {self.factor_count} factors"

    @property
    def verdict(self) -> str:
        """The plain answer a total gives to "is it worth it", or "Hard to say yet" when too little is known."""
        if self.known_factors < MIN_KNOWN_FOR_VERDICT:
            return "Hard to say yet"
        return next(text for floor, text in VERDICTS if self.total >= floor)

    def factor(self, name: str) -> Factor:
        """A factor by id (F1) or name (demand)."""
        return next(f for f in self.factors if name in (f.id, f.name))

    def to_dict(self) -> Dict[str, Any]:
        return {"credential": self.record_id, "name": self.name, "kind": self.kind, "total": self.total,
                "based_on": self.based_on, "verdict": self.verdict, "known_factors": self.known_factors,
                "factor_count": self.factor_count,
                "factors": [f.to_dict() for f in self.factors], "pitfalls": [dict(p) for p in self.pitfalls],
                "sources": [dict(s) for s in self.sources], "confidence": self.confidence, "stale": list(self.stale),
                "freshness": self.freshness}


def weighted_total(factors: List[Factor], weights: Dict[str, float]) -> int:
    """Weighted mean of the KNOWN factors' scores as 0..100 (rounded half up); unknown factors are left out
    and the weights of the known ones rescaled, so a gap in the data never reads as a low value."""
    known = [f for f in factors if f.known]
    total_weight = sum(weights.get(f.id, 0) for f in known)
    if total_weight <= 0:
        return 0
    value = 100 * sum(weights.get(f.id, 0) * f.score / f.max for f in known) / total_weight
    return max(0, min(100, int(math.floor(value + 0.5))))


# The facts a person pays or plans by; when they are old, one line says so (not a warning).
PRICE_GROUPS = {"credential": ("cost", "validity"), "route": ("candidate_cost", "time_to_classroom")}
CHECK_WITH = {"credential": "the issuer", "route": "the program"}


def freshness_note(ctx: Context) -> Optional[str]:
    """"Check the price with the issuer before you pay: our figures are from 2024-01-15.", or None."""
    kind = ctx.record.get("kind")
    old = sorted(str(ctx.group(g).get("as_of")) for g in PRICE_GROUPS.get(kind, ())
                 if ctx.group(g) and ctx.is_stale(ctx.fact(g)))
    if not old:
        return None
    return f"Check the price and rules with {CHECK_WITH[kind]} before you pay: our figures are from {old[0]}."


def score_record(record: Dict[str, Any], get: Callable[[str], Optional[Dict[str, Any]]],
                 pitfall_texts: Dict[str, Dict[str, Any]], config: Dict[str, Any],
                 state: Optional[Dict[str, Any]] = None, profile: Optional[Profile] = None,
                 today: Optional[dt.date] = None) -> ScoreResult:
    """Score a credential or route record; `get` looks up linked records (occupations) by id."""
    kind = record.get("kind")
    if kind not in FACTOR_SETS:
        raise KnowledgeError(f"{record.get('id')} is a {kind}; only credentials and routes have scores")
    occupations = [o for o in (get(i) for i in record.get("occupations") or []) if o]
    ctx = Context(record, config["rules"], occupations, state, profile, today or dt.date.today(),
                  int(config.get("stale_months", 12)))
    factors = [rule(ctx) for rule in FACTOR_SETS[kind]]
    level, stale = assess(ctx, factors, config)
    sources, seen = [], set()
    for fact in (f for factor in factors for f in factor.facts):
        key = (fact.url, fact.as_of)
        if fact.url and key not in seen:
            seen.add(key)
            sources.append({"name": source_name(fact.url, fact.data.get("publisher")), "url": fact.url,
                            "as_of": fact.as_of})
    return ScoreResult(record["id"], record.get("name", record["id"]), kind,
                       weighted_total(factors, config[kind]["weights"]), factors,
                       check_pitfalls(ctx, pitfall_texts), sources, level, stale, freshness_note(ctx))
