"""One channel-neutral reply that every action builds; actions/render.py turns it into channel output."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional
from urllib.parse import urlparse

STALE_AFTER_DAYS = 365
STALE_NOTE = "Checked over a year ago: check the price and rules with the issuer."
WEAK_NOTE = "Not confirmed by the issuer: check before you pay."
UNAVAILABLE_TEXT = "I can't reach my knowledge right now. Please try again in a minute."


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    as_of: str

    def cite(self) -> str:
        return f"{self.name} ({self.url}), as of {self.as_of}"


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass
class Reply:
    text: str
    title: str = ""
    bullets: List[str] = field(default_factory=list)
    sources: List[Source] = field(default_factory=list)
    buttons: List[Button] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    stale: bool = False  # a cited fact is more than a year old
    weak: bool = False   # a cited fact has low confidence

    def cite(self, source: Optional[Source]) -> None:
        """Adds a source once (same address and date)."""
        if source and source not in self.sources:
            self.sources.append(source)

    def cite_group(self, group: Optional[Dict[str, Any]], name: str = "") -> None:
        """Cites a fact group and remembers whether it is old or weakly sourced (see `caveat`)."""
        if not group or not group.get("source"):
            return
        self.cite(group_source(group, name))
        self.stale = self.stale or is_stale(group.get("as_of"))
        self.weak = self.weak or group.get("confidence") == "low"

    def caveat(self) -> None:
        """One short line on freshness or confirmation, for answers where it matters (prices, rules)."""
        if self.stale:
            self.note(STALE_NOTE)
        elif self.weak:
            self.note(WEAK_NOTE)

    def cite_fact(self, knowledge: Any, record: Dict[str, Any], group_name: str) -> Dict[str, Any]:
        """Cites one fact group of a record under the name the knowledge base gives it; returns the group."""
        group = record.get(group_name) or {}
        if group.get("source"):
            self.cite_group(group, (knowledge.fact_source(record, group_name) or {}).get("name") or "")
        return group

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


@dataclass
class Answer:
    """What an action sends (one reply) and the events it returns to Rasa."""

    reply: Reply
    events: List[Dict[str, Any]] = field(default_factory=list)


def group_source(group: Dict[str, Any], name: str = "") -> Source:
    """A fact group's source; without a name, the web site's address stands for it."""
    url = str(group.get("source") or group.get("url") or "")
    label = name or group.get("publisher") or group.get("name") or urlparse(url).netloc.removeprefix("www.") or "source"
    return Source(name=str(label), url=url, as_of=str(group.get("as_of") or "unknown date"))


def is_stale(as_of: Any, today: Optional[dt.date] = None) -> bool:
    """True when an ISO date is more than a year old (prices and rules change)."""
    try:
        checked = dt.date.fromisoformat(str(as_of)[:10])
    except ValueError:
        return False
    return ((today or dt.date.today()) - checked).days > STALE_AFTER_DAYS


def intent_button(title: str, intent: str, credential: Optional[str] = None) -> Button:
    """A button that sends an intent directly, with the record id as the credential entity."""
    entities = json.dumps({"credential": credential}, separators=(",", ":")) if credential else ""
    return Button(title=title, payload=f"/{intent}{entities}")


def unavailable() -> Reply:
    return Reply(text=UNAVAILABLE_TEXT)
