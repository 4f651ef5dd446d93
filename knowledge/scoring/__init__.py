"""Transparent scoring: factor breakdown (0-4 each), weighted total 0-100, pitfalls, sources, confidence."""
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

    def factor(self, name: str) -> Factor:
        """A factor by id (F1) or name (demand)."""
        return next(f for f in self.factors if name in (f.id, f.name))

    def to_dict(self) -> Dict[str, Any]:
        return {"credential": self.record_id, "name": self.name, "kind": self.kind, "total": self.total,
                "factors": [f.to_dict() for f in self.factors], "pitfalls": [dict(p) for p in self.pitfalls],
                "sources": [dict(s) for s in self.sources], "confidence": self.confidence, "stale": list(self.stale)}


def weighted_total(factors: List[Factor], weights: Dict[str, float]) -> int:
    """Weighted mean of factor scores as 0..100 (rounded half up)."""
    total_weight = sum(weights.get(f.id, 0) for f in factors)
    if total_weight <= 0:
        return 0
    value = 100 * sum(weights.get(f.id, 0) * f.score / f.max for f in factors) / total_weight
    return max(0, min(100, int(math.floor(value + 0.5))))


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
                  int(config.get("unknown_score", 1)), int(config.get("stale_months", 12)))
    factors = [rule(ctx) for rule in FACTOR_SETS[kind]]
    level, stale = assess(ctx, factors, config)
    sources, seen = [], set()
    for fact in (f for factor in factors for f in factor.facts):
        key = (fact.url, fact.as_of)
        if fact.url and key not in seen:
            seen.add(key)
            sources.append({"name": source_name(fact.url), "url": fact.url, "as_of": fact.as_of})
    return ScoreResult(record["id"], record.get("name", record["id"]), kind,
                       weighted_total(factors, config[kind]["weights"]), factors,
                       check_pitfalls(ctx, pitfall_texts), sources, level, stale)
