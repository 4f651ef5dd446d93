"""Handoff requests: saved before anything is sent, then delivered to the district's webhook out of the
student's turn, with retries and backoff, once even when several action servers deliver.

A request is never lost: it is written first, as `pending`. A delivery worker (a background thread of any
action server, `python -m actions.handoff deliver --loop`, or compose's `handoff-deliver`) claims a due
request with one conditional UPDATE (a lease: only one worker can hold it), posts it once, and marks it
`sent`, or schedules the next try after `backoff_seconds * 2^(attempts-1)`; after `attempts` tries it is
`failed` and stays for counselors to see (`python -m actions.handoff list --status failed`, `retry`).
Every post carries the request id, so a webhook can also drop a repeat.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import threading
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

PENDING, SENT, FAILED, SAVED = "pending", "sent", "failed", "saved"  # SAVED: no webhook, counselors read the table
STATUSES = (PENDING, SENT, FAILED, SAVED)
LEASE_SECONDS = 60  # longer than one post's timeout: a crashed worker's claim runs out, then another takes it

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
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("claimed_by", String(64)),
    Column("claimed_until", DateTime(timezone=True)),
)

_engines: Dict[str, Engine] = {}
_engines_lock = threading.Lock()


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
            _add_missing_columns(created)
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


def deliver_due(settings: HandoffSettings, worker: str) -> Dict[int, bool]:
    """Claims and posts every request that is due, one at a time; returns {request id: delivered}."""
    outcome: Dict[int, bool] = {}
    if not settings.webhook_url:
        return outcome
    while True:
        row = _claim_next(worker)
        if row is None:
            return outcome
        error = post_once(settings, _payload(row))
        attempts = row["attempts"] + 1
        changes: Dict[str, Any] = {"attempts": attempts, "last_error": error, "claimed_by": None, "claimed_until": None}
        if error is None:
            changes.update(status=SENT, sent_at=_now(), next_attempt_at=None)
        elif attempts >= settings.attempts:
            changes.update(status=FAILED, next_attempt_at=None)
        else:
            changes["next_attempt_at"] = _now() + dt.timedelta(seconds=settings.backoff_seconds * 2 ** (attempts - 1))
        with engine().begin() as connection:
            connection.execute(update(handoff_requests).where(handoff_requests.c.id == row["id"]).values(**changes))
        outcome[row["id"]] = error is None


def next_due_in(default: float) -> Optional[float]:
    """Seconds until the next pending request is due (0: now), or None when nothing is pending."""
    with engine().connect() as connection:
        soonest = connection.execute(
            select(func.min(func.coalesce(handoff_requests.c.next_attempt_at, handoff_requests.c.created_at),
                            type_=DateTime(timezone=True)))
            .where(handoff_requests.c.status == PENDING)
        ).scalar_one_or_none()
        pending = connection.execute(
            select(func.count()).select_from(handoff_requests).where(handoff_requests.c.status == PENDING)
        ).scalar_one()
    if not pending:
        return None
    if soonest is None:
        return default
    return max(0.0, (_aware(soonest) - _now()).total_seconds())


def _claim_next(worker: str) -> Optional[Dict[str, Any]]:
    """The oldest due request, claimed for this worker; None when nothing is due or others hold the rest."""
    now = _now()
    due = (handoff_requests.c.status == PENDING) & (
        handoff_requests.c.next_attempt_at.is_(None) | (handoff_requests.c.next_attempt_at <= now)) & (
        handoff_requests.c.claimed_until.is_(None) | (handoff_requests.c.claimed_until < now))
    with engine().begin() as connection:
        candidates = connection.execute(
            select(handoff_requests.c.id).where(due).order_by(handoff_requests.c.id).limit(5)).scalars().all()
        for request_id in candidates:
            claimed = connection.execute(
                update(handoff_requests).where((handoff_requests.c.id == request_id) & due)
                .values(claimed_by=worker, claimed_until=now + dt.timedelta(seconds=LEASE_SECONDS)))
            if claimed.rowcount == 1:
                return dict(connection.execute(
                    select(handoff_requests).where(handoff_requests.c.id == request_id)).mappings().one())
    return None


def post_once(settings: HandoffSettings, payload: Dict[str, Any]) -> Optional[str]:
    """POSTs one request; returns None on success, else what went wrong."""
    try:
        response = requests.post(settings.webhook_url, json=payload, timeout=settings.timeout_seconds)
    except requests.RequestException as exception:
        error = type(exception).__name__
    else:
        if response.ok:
            return None
        error = f"HTTP {response.status_code}"
    logger.warning("handoff %s: delivery failed (%s)", payload["id"], error)
    return error


def requeue_failed() -> int:
    """Gives failed requests a fresh set of tries (`python -m actions.handoff retry`); returns how many."""
    with engine().begin() as connection:
        return int(connection.execute(
            update(handoff_requests).where(handoff_requests.c.status == FAILED)
            .values(status=PENDING, attempts=0, next_attempt_at=None)).rowcount or 0)


def requests_with_status(status: Optional[str] = None) -> List[Dict[str, Any]]:
    """Requests with that status (None: all), oldest first."""
    query = select(handoff_requests).order_by(handoff_requests.c.id)
    if status:
        query = query.where(handoff_requests.c.status == status)
    with engine().connect() as connection:
        return [dict(row) for row in connection.execute(query).mappings()]


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


def _add_missing_columns(created: Engine) -> None:
    """Databases made before delivery leases existed get the new columns (nothing else changes)."""
    present = {column["name"] for column in inspect(created).get_columns(handoff_requests.name)}
    with created.begin() as connection:
        for column in handoff_requests.columns:
            if column.name not in present:
                kind = column.type.compile(dialect=created.dialect)
                connection.exec_driver_sql(f"ALTER TABLE {handoff_requests.name} ADD COLUMN {column.name} {kind}")


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
