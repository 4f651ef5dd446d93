"""What every factor and pitfall rule reads: the record, linked records, the person, the rules."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence
from urllib.parse import urlparse

from ..profile import Profile

NO_DATA = "no data in the knowledge base"


def source_name(url: Optional[str], publisher: Optional[str] = None) -> str:
    """A readable name for a source: its publisher when the fact names one, else the address's host without www."""
    if publisher:
        return publisher
    host = urlparse(url or "").netloc.lower()
    return host[4:] if host.startswith("www.") else host or "unknown source"


@dataclass(frozen=True)
class Fact:
    """One fact group used as evidence, with who it belongs to."""

    owner: str       # record name
    group: str       # field path, e.g. "cost" or "soc-43-9021.outlook"
    data: Dict[str, Any]

    @property
    def url(self) -> Optional[str]:
        return self.data.get("source")

    @property
    def as_of(self) -> Optional[str]:
        return self.data.get("as_of")

    @property
    def confidence(self) -> str:
        return self.data.get("confidence", "low")


@dataclass
class Factor:
    """One scored factor. An unknown factor (known=False) has score 0, is shown as unknown and is left out
    of the total: missing data lowers the confidence, never the value."""

    id: str
    name: str
    label: str
    score: int
    evidence: str
    facts: List[Fact] = field(default_factory=list)
    known: bool = True
    max: int = 4

    @property
    def shown(self) -> str:
        """"3/4", or "unknown" when there is no data."""
        return f"{self.score}/{self.max}" if self.known else "unknown"

    def to_dict(self) -> Dict[str, Any]:
        primary = self.facts[0] if self.facts else None
        return {"name": self.name, "label": self.label, "score": self.score, "max": self.max, "known": self.known,
                "shown": self.shown, "evidence": self.evidence, "source": primary.url if primary else None,
                "as_of": primary.as_of if primary else None}


@dataclass
class Context:
    record: Dict[str, Any]
    rules: Dict[str, Any]
    occupations: List[Dict[str, Any]] = field(default_factory=list)
    state: Optional[Dict[str, Any]] = None
    profile: Optional[Profile] = None
    today: dt.date = field(default_factory=dt.date.today)
    stale_months: int = 12

    def fact(self, group: str) -> Fact:
        return Fact(self.record.get("name", self.record["id"]), group, self.record.get(group) or {})

    def group(self, name: str) -> Dict[str, Any]:
        return self.record.get(name) or {}

    def unknown(self, fid: str, name: str, label: str, what: str, facts: Sequence[Fact] = ()) -> Factor:
        """A factor without data; a null group behind it is no source, so only facts with a source stay."""
        return Factor(fid, name, label, 0, f"Unknown: {NO_DATA} ({what}).", [f for f in facts if f.url],
                      known=False)

    def is_stale(self, fact: Fact) -> bool:
        try:
            day = dt.date.fromisoformat(str(fact.as_of))
        except ValueError:
            return True
        return (self.today - day).days > self.stale_months * 30.44


def clamp(value: float) -> int:
    """Round half up and keep within 0..4 (monotone, so better inputs never lower a score)."""
    return max(0, min(4, int(math.floor(value + 0.5))))


def mean(values) -> float:
    """Plain arithmetic mean (statistics.mean is exact but slow, and scores need no fractions)."""
    values = list(values)
    return sum(values) / len(values)


def falling_ladder(value: float, thresholds: Sequence[float]) -> int:
    """4 when value is within the first threshold, one less for each threshold it exceeds."""
    return 4 - sum(1 for t in thresholds if value > t)


def rising_ladder(value: float, thresholds: Sequence[float]) -> int:
    """One point for each threshold the value reaches."""
    return sum(1 for t in thresholds if value >= t)


def money(value: Optional[float]) -> str:
    return "$0 (free)" if value == 0 else f"${value:,.0f}"


def yes_no(value: Any) -> str:
    return {True: "yes", False: "no"}.get(value, "unknown")


def sentence(parts) -> str:
    """Join clauses into one sentence, first letter upper-cased (names keep their own case)."""
    text = "; ".join(p for p in parts if p) if not isinstance(parts, str) else parts
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else ""
