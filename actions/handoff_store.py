"""Handoff requests: saved before anything is sent, then delivered to the district's webhook with retries.

A request is never lost: it is written first; a failed delivery leaves it `pending`, and every later
delivery run (the next handoff, or `python -m actions.handoff retry`) tries all pending requests again.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import requests
from sqlalchemy import (Column, DateTime, Integer, MetaData, String, Table, Text, create_engine, delete, func, insert,
                        inspect, select, update)
from sqlalchemy.engine import Engine

from actions.district import REPO, HandoffSettings
from privacy.redact import redact

logger = logging.getLogger(__name__)

PENDING, SENT, SAVED = "pending", "sent", "saved"  # SAVED: no webhook configured, counselors read the table

metadata = MetaData()
handoff_requests = Table(
    "handoff_requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sender_id", String(255)),
    Column("channel", String(64)),
    Column("school", String(255)),
    Column("message", Text),
    Column("recent_messages", Text),
    Column("status", String(16), nullable=False, index=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("sent_at", DateTime(timezone=True)),
)

_engines: Dict[str, Engine] = {}
_engines_lock = threading.Lock()
_delivery_lock = threading.Lock()  # one delivery run at a time per process, so nothing is posted twice


def database_url() -> str:
    return os.environ.get("HANDOFF_DB_URL") or f"sqlite:///{REPO / '.data' / 'handoff.db'}"


def engine(url: Optional[str] = None) -> Engine:
    """One pooled engine per database address, created with its table on first use."""
    url = url or database_url()
    with _engines_lock:
        if url not in _engines:
            if url.startswith("sqlite:///"):
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            created = create_engine(url, future=True, pool_pre_ping=True)
            metadata.create_all(created)
            _engines[url] = created
        return _engines[url]


def record_request(
    sender_id: str, channel: Optional[str], school: Optional[str], message: str, recent: List[str], webhook: bool
) -> int:
    """Saves a request and returns its id; `webhook` says whether it still has to be delivered.

    The texts are redacted again here (privacy.redact): what reaches the district's webhook and the
    table holds placeholders, never a student's email, phone number or name.
    """
    with engine().begin() as connection:
        result = connection.execute(
            insert(handoff_requests).values(
                created_at=_now(), sender_id=sender_id, channel=channel, school=school, message=redact(message),
                recent_messages="\n".join(redact(" ".join(str(text).split())) for text in recent),
                status=PENDING if webhook else SAVED, attempts=0,
            )
        )
        return int(result.inserted_primary_key[0])


def deliver_pending(settings: HandoffSettings) -> Dict[int, bool]:
    """Posts every pending request, oldest first; returns {request id: delivered}."""
    if not settings.webhook_url:
        return {}
    outcome: Dict[int, bool] = {}
    with _delivery_lock:
        with engine().connect() as connection:
            rows = connection.execute(
                select(handoff_requests).where(handoff_requests.c.status == PENDING).order_by(handoff_requests.c.id)
            ).mappings().all()
        for row in rows:
            attempts, error = post_with_retry(settings, _payload(row))
            changes: Dict[str, Any] = {"attempts": row["attempts"] + attempts, "last_error": error}
            if error is None:
                changes.update(status=SENT, sent_at=_now())
            with engine().begin() as connection:
                connection.execute(update(handoff_requests).where(handoff_requests.c.id == row["id"]).values(**changes))
            outcome[row["id"]] = error is None
    return outcome


def post_with_retry(settings: HandoffSettings, payload: Dict[str, Any]) -> tuple[int, Optional[str]]:
    """POSTs with exponential backoff; returns (attempts made, last error or None on success)."""
    error: Optional[str] = None
    for attempt in range(1, settings.attempts + 1):
        try:
            response = requests.post(settings.webhook_url, json=payload, timeout=settings.timeout_seconds)
            if response.ok:
                return attempt, None
            error = f"HTTP {response.status_code}"
        except requests.RequestException as exception:
            error = type(exception).__name__
        logger.warning("handoff %s: attempt %d failed (%s)", payload["id"], attempt, error)
        if attempt < settings.attempts:
            time.sleep(settings.backoff_seconds * 2 ** (attempt - 1))
    return settings.attempts, error


def requests_with_status(status: str) -> List[Dict[str, Any]]:
    with engine().connect() as connection:
        rows = connection.execute(select(handoff_requests).where(handoff_requests.c.status == status))
        return [dict(row) for row in rows.mappings()]


# --- a student's data on request and retention (`python -m privacy forget|export|retention`) ---------
# These take the database address explicitly and never create the table: a district that never
# configured handoffs has nothing to forget.


def requests_for_sender(url: str, sender_id: str) -> List[Dict[str, Any]]:
    """Every handoff request of one conversation, oldest first, as JSON-ready dicts."""
    with _reader(url) as connection:
        if not inspect(connection).has_table(handoff_requests.name):
            return []
        rows = connection.execute(
            select(handoff_requests).where(handoff_requests.c.sender_id == sender_id).order_by(handoff_requests.c.id)
        ).mappings().all()
    return [{**_payload(row), "status": row["status"], "attempts": row["attempts"],
             "sent_at": row["sent_at"].isoformat() if row["sent_at"] else None} for row in rows]


def forget_sender(url: str, sender_id: str, dry_run: bool = False) -> int:
    """Deletes every handoff request of one conversation; returns how many there were."""
    return _delete_or_count(url, handoff_requests.c.sender_id == sender_id, dry_run)


def prune_before(url: str, before: dt.datetime, dry_run: bool = False) -> int:
    """Deletes handoff requests created before `before` (aware UTC); returns how many."""
    return _delete_or_count(url, handoff_requests.c.created_at < before, dry_run)


def _delete_or_count(url: str, condition: Any, dry_run: bool) -> int:
    with _reader(url) as connection:
        if not inspect(connection).has_table(handoff_requests.name):
            return 0
        if dry_run:
            query = select(func.count()).select_from(handoff_requests).where(condition)
            return int(connection.execute(query).scalar_one())
        return int(connection.execute(delete(handoff_requests).where(condition)).rowcount or 0)


@contextmanager
def _reader(url: str) -> Iterator[Any]:
    """One transaction on a short-lived engine (the privacy commands run once and exit)."""
    short_lived = create_engine(url, future=True)
    try:
        with short_lived.begin() as connection:
            yield connection
    finally:
        short_lived.dispose()


def _payload(row: Any) -> Dict[str, Any]:
    return {
        "id": row["id"],
        "created_at": row["created_at"].isoformat() if row["created_at"] else None,
        "sender_id": row["sender_id"],
        "channel": row["channel"],
        "school": row["school"],
        "message": row["message"],
        "recent_messages": (row["recent_messages"] or "").splitlines(),
    }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
