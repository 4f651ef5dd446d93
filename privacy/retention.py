"""Deletes old conversations from Rasa's SQL tracker store (SQLite or PostgreSQL).

    python -m privacy retention --days 30                      # store from endpoints.yml
    python -m privacy retention --days 30 --url postgresql://rasa:pw@127.0.0.1:5432/rasa
    python -m privacy retention --days 30 --dry-run            # count only

What is deleted (timestamps are the events' own Unix times):
  * every conversation whose last event is older than N days: all of its events;
  * in conversations that are still active, every earlier session (the events before the latest
    `session_started`) whose events are all older than N days.
So nothing older than N days stays, except the session a user is in right now.

Safe for cron: one transaction, idempotent, no output but one summary line, exit 0 on success,
1 on a usage error and 2 when the store cannot be read (the message is one line, password hidden).
The store URL comes from --url, else $TRACKER_STORE_URL, else the `tracker_store` block of
--endpoints (default endpoints.yml; a `privacy.tracker_store.RedactingTrackerStore` block is followed
to its `store:`). No Rasa import: it starts fast and runs anywhere SQLAlchemy does.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import sqlalchemy as sa
import yaml
from sqlalchemy.engine import URL, Engine, make_url

DAY_S = 86400
_ENV_VAR = re.compile(r"\$\{([^}:]+)(?::-([^}]*))?\}")


class RetentionError(Exception):
    """A problem worth one clear line to the operator."""


@dataclass
class RetentionResult:
    conversations_deleted: int
    sessions_trimmed: int
    events_deleted: int
    conversations_kept: int
    cutoff: float
    dry_run: bool

    def summary(self, url: str) -> str:
        verb = "would delete" if self.dry_run else "deleted"
        return (
            f"retention: {verb} {self.events_deleted} events: {self.conversations_deleted} conversations older than "
            f"{time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime(self.cutoff))} and old sessions of "
            f"{self.sessions_trimmed} active ones; {self.conversations_kept} conversations kept ({url})"
        )


def _expand(value: Any) -> Any:
    """${VAR} / ${VAR:-default} as in Rasa's endpoints.yml."""
    if isinstance(value, str):
        return _ENV_VAR.sub(lambda m: os.environ.get(m.group(1), m.group(2) or ""), value)
    if isinstance(value, dict):
        return {key: _expand(val) for key, val in value.items()}
    if isinstance(value, list):
        return [_expand(val) for val in value]
    return value


def url_from_store_config(config: Dict[str, Any], base_dir: Path = Path(".")) -> str:
    """A SQLAlchemy URL from a Rasa `tracker_store: {type: SQL, ...}` block."""
    store_type = str(config.get("type") or "")
    if store_type.endswith("RedactingTrackerStore"):
        inner = config.get("store")
        if not isinstance(inner, dict):
            raise RetentionError("the RedactingTrackerStore in endpoints has no `store:` block (in-memory: nothing to delete)")
        return url_from_store_config(inner, base_dir)
    if store_type.lower() != "sql":
        raise RetentionError(f"tracker store type {store_type or 'in-memory'!r} is not SQL; retention needs a SQL store")
    dialect = str(config.get("dialect") or "sqlite")
    db = str(config.get("db") or "rasa.db")
    if dialect == "sqlite":
        path = Path(db)
        return f"sqlite:///{path if path.is_absolute() else (base_dir / path).resolve()}"
    port = config.get("port")
    return URL.create(
        drivername=dialect, username=config.get("username"), password=config.get("password"),
        host=config.get("url") or config.get("host"), port=int(port) if port else None, database=db,
        query=config.get("query") or {},
    ).render_as_string(hide_password=False)


def resolve_url(url: Optional[str], endpoints: Optional[str]) -> str:
    if url:
        return url
    if os.environ.get("TRACKER_STORE_URL"):
        return os.environ["TRACKER_STORE_URL"]
    path = Path(endpoints or "endpoints.yml")
    if not path.exists():
        raise RetentionError(f"no --url, no $TRACKER_STORE_URL and no endpoints file at {path}")
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as error:
        raise RetentionError(f"cannot read {path}: {str(error).splitlines()[0]}") from None
    config = data.get("tracker_store") if isinstance(data, dict) else None
    if not isinstance(config, dict):
        raise RetentionError(f"{path} has no `tracker_store` block (in-memory store: nothing to delete)")
    return url_from_store_config(_expand(config), path.resolve().parent)


def safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparseable url>"


def open_events(url: str) -> Tuple[Engine, sa.Table]:
    """An engine and Rasa's `events` table at `url`, or a RetentionError that says what is wrong."""
    try:
        engine = sa.create_engine(url, future=True)
    except Exception as error:
        raise RetentionError(f"bad tracker store URL {safe_url(url)}: {error}") from None
    try:
        events = sa.Table("events", sa.MetaData(), autoload_with=engine)
    except sa.exc.NoSuchTableError:
        engine.dispose()
        raise RetentionError(f"no Rasa `events` table at {safe_url(url)} (has Rasa used this store yet?)") from None
    except sa.exc.SQLAlchemyError as error:
        engine.dispose()
        raise RetentionError(f"cannot open tracker store {safe_url(url)}: {first_line(error)}") from None
    missing = {"sender_id", "timestamp", "type_name"} - set(events.c.keys())
    if missing:
        engine.dispose()
        raise RetentionError(f"table `events` at {safe_url(url)} is not a Rasa tracker table (no {sorted(missing)})")
    return engine, events


def first_line(error: BaseException) -> str:
    """The database's own message, first line only (no SQL, no parameters)."""
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def apply_retention(url: str, days: float, dry_run: bool = False, now: Optional[float] = None) -> RetentionResult:
    """Deletes conversations (and old sessions) older than `days` days; see the module doc."""
    if days is None or days < 1:
        raise ValueError("--days must be at least 1")
    cutoff = (now if now is not None else time.time()) - days * DAY_S
    engine, events = open_events(url)

    last_event = sa.func.max(events.c.timestamp)
    latest_session = sa.func.max(sa.case((events.c.type_name == "session_started", events.c.timestamp)))
    per_sender = sa.select(events.c.sender_id, last_event.label("last"), latest_session.label("session")).group_by(
        events.c.sender_id
    )
    try:
        with engine.begin() as connection:
            rows = connection.execute(per_sender).all()
            stale = [row.sender_id for row in rows if row.last is not None and row.last < cutoff]
            active = [row for row in rows if row.sender_id not in set(stale)]
            events_deleted = 0
            trimmed = 0
            for start in range(0, len(stale), 500):
                chunk = stale[start:start + 500]
                condition = events.c.sender_id.in_(chunk)
                events_deleted += _delete_or_count(connection, events, condition, dry_run)
            for row in active:
                if row.session is None:
                    continue
                # Earlier sessions end before the latest session_started; delete them when they are old.
                condition = sa.and_(
                    events.c.sender_id == row.sender_id,
                    events.c.timestamp < min(row.session, cutoff),
                )
                count = _delete_or_count(connection, events, condition, dry_run)
                if count:
                    trimmed += 1
                    events_deleted += count
    except sa.exc.SQLAlchemyError as error:
        raise RetentionError(f"retention failed on {safe_url(url)}: {first_line(error)}") from None
    finally:
        engine.dispose()
    return RetentionResult(len(stale), trimmed, events_deleted, len(rows) - len(stale), cutoff, dry_run)


def _delete_or_count(connection: Any, events: sa.Table, condition: Any, dry_run: bool) -> int:
    if dry_run:
        return connection.execute(sa.select(sa.func.count()).select_from(events).where(condition)).scalar_one()
    return connection.execute(sa.delete(events).where(condition)).rowcount or 0
