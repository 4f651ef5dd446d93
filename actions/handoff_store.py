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
from pathlib import Path
from typing import Any, Dict, List, Optional

import requests
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, create_engine, insert, select, update
from sqlalchemy.engine import Engine

from actions.district import REPO, HandoffSettings

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
    """Saves a request and returns its id; `webhook` says whether it still has to be delivered."""
    with engine().begin() as connection:
        result = connection.execute(
            insert(handoff_requests).values(
                created_at=_now(), sender_id=sender_id, channel=channel, school=school, message=message,
                recent_messages="\n".join(recent), status=PENDING if webhook else SAVED, attempts=0,
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
