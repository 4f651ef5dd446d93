"""How sure a score is: share of factors with data, share of weak facts, and facts older than a year."""
from __future__ import annotations

from typing import Any, Dict, List, Tuple

from ..schema import GROUP_NAMES
from .context import Context, Fact, Factor

LEVELS = ("low", "medium", "high")


def record_facts(ctx: Context) -> List[Fact]:
    """Every fact group of the record (list groups as name[i])."""
    facts = []
    for name in GROUP_NAMES.get(ctx.record.get("kind"), []):
        value = ctx.record.get(name)
        if isinstance(value, dict):
            facts.append(ctx.fact(name))
        elif isinstance(value, list):
            facts += [Fact(ctx.record["name"], f"{name}[{i}]", v) for i, v in enumerate(value) if isinstance(v, dict)]
    return facts


def assess(ctx: Context, factors: List[Factor], config: Dict[str, Any]) -> Tuple[str, List[str]]:
    """(high|medium|low, stale field names)."""
    rules = config["confidence"]
    used = {f.group: f for factor in factors for f in factor.facts}
    stale_used = [g for g, f in used.items() if ctx.is_stale(f)]
    stale = sorted({f.group for f in record_facts(ctx) if ctx.is_stale(f)} | set(stale_used))
    known = sum(1 for f in factors if f.known) / max(1, len(factors))
    low = sum(1 for f in used.values() if f.confidence == "low") / max(1, len(used))
    level = 2
    level -= 1 if known < rules["complete_share"] else 0
    level -= 1 if known < rules["partial_share"] else 0
    level -= 1 if low > rules["low_fact_share"] else 0
    level -= 1 if stale_used else 0
    return LEVELS[max(0, level)], stale
