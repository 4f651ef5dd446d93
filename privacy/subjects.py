"""A student's data on request: find, export or delete one conversation everywhere it is kept.

    python -m privacy export SENDER     # JSON on stdout: tracker events, gap-log questions, handoff requests
    python -m privacy forget SENDER     # deletes all of it; one summary line
    python -m privacy forget SENDER --dry-run

Where a conversation is kept, and how it is found there:
  * the tracker store (Rasa's `events` table): by `sender_id`; a conversation id that is itself an email
    or phone number was stored under its pseudonym (`anon-...`, privacy.identity), so both are tried;
  * the counselors' gap log (`kb_gaps` in the knowledge database): by `sender_hash`, the same hash
    `knowledge.inbox` stored;
  * handoff requests (`handoff_requests` in HANDOFF_DB_URL): by `sender_id`.

Addresses: --tracker-url / $TRACKER_STORE_URL / the tracker_store of --endpoints (as retention);
--knowledge-url / $KNOWLEDGE_DB_URL / .data/knowledge.db; --handoff-url / $HANDOFF_DB_URL /
.data/handoff.db. A SQLite file that does not exist is a store that holds nothing (it is not created).
Errors are one line, password hidden (RetentionError, exit 2 in the command).
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from privacy.identity import stored_ids
from privacy.retention import RetentionError, first_line, open_events, resolve_url, safe_url

REPO = Path(__file__).resolve().parents[1]
T = TypeVar("T")


@dataclass
class Stores:
    tracker: str
    gaps: Optional[str]
    handoffs: Optional[str]


def resolve_stores(tracker_url: Optional[str], endpoints: Optional[str], knowledge_url: Optional[str] = None,
                   handoff_url: Optional[str] = None) -> Stores:
    """Where each store is; the gap log and handoff store are None when their SQLite file does not exist."""
    gaps = knowledge_url or os.environ.get("KNOWLEDGE_DB_URL") or f"sqlite:///{REPO / '.data' / 'knowledge.db'}"
    handoffs = handoff_url or os.environ.get("HANDOFF_DB_URL") or f"sqlite:///{REPO / '.data' / 'handoff.db'}"
    return Stores(resolve_url(tracker_url, endpoints), _existing(gaps), _existing(handoffs))


def _existing(url: str) -> Optional[str]:
    try:
        parsed = make_url(url)
    except Exception:
        raise RetentionError(f"bad database URL {safe_url(url)}") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database and not Path(parsed.database).exists():
        return None
    return url


def _guarded(where: str, url: str, call: Callable[[], T]) -> T:
    """Runs a store operation; any database error becomes one RetentionError line."""
    try:
        return call()
    except RetentionError:
        raise
    except Exception as error:
        raise RetentionError(f"cannot read the {where} at {safe_url(url)}: {first_line(error)}") from None


def export(sender: str, stores: Stores) -> Dict[str, Any]:
    """Everything kept about one conversation, JSON-ready."""
    ids = stored_ids(sender)
    result: Dict[str, Any] = {
        "sender": sender, "stored_as": ids,
        "exported_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "tracker_store": {"store": safe_url(stores.tracker), "events": tracker_events(stores.tracker, ids)},
    }
    from knowledge import inbox
    from actions import handoff_store

    gaps_url, handoffs_url = stores.gaps, stores.handoffs
    result["gap_log"] = {
        "store": safe_url(gaps_url) if gaps_url else None,
        "questions": [] if not gaps_url else _guarded(
            "gap log", gaps_url, lambda: [gap for one in ids for gap in inbox.gaps_for_sender(gaps_url, one)]),
    }
    result["handoff_requests"] = {
        "store": safe_url(handoffs_url) if handoffs_url else None,
        "requests": [] if not handoffs_url else _guarded(
            "handoff store", handoffs_url,
            lambda: [item for one in ids for item in handoff_store.requests_for_sender(handoffs_url, one)]),
    }
    return result


def tracker_events(url: str, ids: List[str]) -> List[Dict[str, Any]]:
    engine, events = open_events(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.select(events.c.sender_id, events.c.data).where(events.c.sender_id.in_(ids)).order_by(events.c.id)
            ).all()
    except sa.exc.SQLAlchemyError as error:
        raise RetentionError(f"cannot read tracker store {safe_url(url)}: {first_line(error)}") from None
    finally:
        engine.dispose()
    return [_event(row.data) for row in rows]


def _event(data: Any) -> Any:
    try:
        return json.loads(data) if isinstance(data, str) else data
    except ValueError:
        return data


@dataclass
class Forgotten:
    events: int
    gap_questions: int
    handoff_requests: int
    dry_run: bool

    def summary(self, stores: Stores) -> str:
        verb = "would delete" if self.dry_run else "deleted"
        return (f"forget: {verb} {self.events} tracker events ({safe_url(stores.tracker)}), "
                f"{self.gap_questions} gap-log questions ({safe_url(stores.gaps) if stores.gaps else 'no gap log'}), "
                f"{self.handoff_requests} handoff requests "
                f"({safe_url(stores.handoffs) if stores.handoffs else 'no handoff store'})")


def forget(sender: str, stores: Stores, dry_run: bool = False) -> Forgotten:
    """Deletes one conversation from every store (the tracker store first: it holds the most)."""
    ids = stored_ids(sender)
    engine, events = open_events(stores.tracker)
    condition = events.c.sender_id.in_(ids)
    try:
        with engine.begin() as connection:
            if dry_run:
                deleted = connection.execute(sa.select(sa.func.count()).select_from(events).where(condition)).scalar_one()
            else:
                deleted = connection.execute(sa.delete(events).where(condition)).rowcount or 0
    except sa.exc.SQLAlchemyError as error:
        raise RetentionError(f"forget failed on {safe_url(stores.tracker)}: {first_line(error)}") from None
    finally:
        engine.dispose()

    from knowledge import inbox
    from actions import handoff_store

    gaps_url, handoffs_url = stores.gaps, stores.handoffs
    gaps = 0 if not gaps_url else _guarded(
        "gap log", gaps_url, lambda: sum(inbox.forget_sender(gaps_url, one, dry_run) for one in ids))
    handoffs = 0 if not handoffs_url else _guarded(
        "handoff store", handoffs_url, lambda: sum(handoff_store.forget_sender(handoffs_url, one, dry_run) for one in ids))
    return Forgotten(int(deleted), gaps, handoffs, dry_run)


def prune_side_stores(stores: Stores, cutoff: float, dry_run: bool = False) -> Dict[str, int]:
    """Retention for the gap log and handoff requests: deletes what is older than `cutoff` (Unix time)."""
    from knowledge import inbox
    from actions import handoff_store

    moment = dt.datetime.fromtimestamp(cutoff, dt.timezone.utc)
    gaps_url, handoffs_url = stores.gaps, stores.handoffs
    return {
        "gaps": 0 if not gaps_url else _guarded(
            "gap log", gaps_url, lambda: inbox.prune_gaps(gaps_url, moment.replace(tzinfo=None), dry_run)),
        "handoffs": 0 if not handoffs_url else _guarded(
            "handoff store", handoffs_url, lambda: handoff_store.prune_before(handoffs_url, moment, dry_run)),
    }
