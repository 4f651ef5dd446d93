"""Building blocks for scoring tests: fixture records to mutate and a direct scorer."""
from __future__ import annotations

import copy
from typing import Any, Dict, Iterable, Optional

from knowledge.scoring import ScoreResult, score_record
from knowledge.weights import load_weights

from .conftest import TODAY, fixture_records

RECORDS = {r["id"]: r for r in fixture_records()}
PITFALLS = {k: v for k, v in RECORDS.items() if v["kind"] == "pitfall"}
CONFIG = load_weights()


def record(record_id: str) -> Dict[str, Any]:
    return copy.deepcopy(RECORDS[record_id])


def occupation(direction: str = "growing", percent: Optional[float] = None, median: Optional[float] = None,
               rid: str = "soc-00-0001") -> Dict[str, Any]:
    occ = record("soc-15-1232")
    occ.update(id=rid, name=f"Job {rid}")
    occ["outlook"].update(direction=direction, percent=percent)
    occ["wage"]["median_usd"] = median
    return occ


def score(rec: Dict[str, Any], occupations: Iterable[Dict[str, Any]] = (), state: Optional[str] = None,
          profile=None, config=None) -> ScoreResult:
    """Score rec with exactly the given linked occupations (its occupations field is rewritten)."""
    occupations = list(occupations)
    rec = copy.deepcopy(rec)
    if rec["kind"] == "credential":
        rec["occupations"] = [o["id"] for o in occupations]
    linked = {o["id"]: o for o in occupations}
    state_rec = RECORDS.get(f"state-{state.lower()}") if state else None
    return score_record(rec, linked.get, PITFALLS, config or CONFIG, state_rec, profile, TODAY)
