"""A PostgreSQL tracker store that survives database restarts.

Why not plain `type: SQL`? Rasa 3.6.21's `SQLTrackerStore` builds its SQLAlchemy engine without
`pool_pre_ping`, so after PostgreSQL restarts every pooled connection is dead and the next request on
each of them fails. Rasa wraps the store in `FailSafeTrackerStore`, which turns a failed `retrieve`
into `None`: the processor then starts a NEW conversation for that user (slots gone) and the following
`save` stores a wrong slice of events. A restart of the database would silently break conversations.

This subclass keeps everything else of `SQLTrackerStore` (same table, same events, same
`dialect`/`url`/`port`/`db`/`username`/`password`/`login_db`/`query` keys, same `SQL_POOL_SIZE`,
`SQL_MAX_OVERFLOW`, `POSTGRESQL_SCHEMA` environment variables) and adds:

- `pool_pre_ping=True`: a dead pooled connection is detected and replaced before it is used;
- a bounded retry (env `SQL_RETRY_SECONDS`, default 30 s, or endpoint key `retry_seconds`) of
  retrieve/save/keys on connection errors, so a message that arrives while the database restarts
  waits for it instead of failing. `save` is idempotent: it only writes the events past the number
  already stored for the conversation, and a failed transaction is rolled back.

Use it in endpoints.yml as `type: deploy.tracker_store.ResilientSQLTrackerStore` with `PYTHONPATH`
containing the repository root (deploy/cluster.sh does both).
"""
from __future__ import annotations

import asyncio
import logging
import os
import time
from typing import Any, Awaitable, Callable, Dict, Iterable, Optional, Text, TypeVar

import sqlalchemy as sa
import sqlalchemy.exc
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs, is_postgresql_url
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

T = TypeVar("T")
DEFAULT_RETRY_SECONDS = 30.0
CONNECT_TIMEOUT_SECONDS = 5


def _is_connection_error(error: Exception) -> bool:
    """True for errors that a new connection can cure (server restarted, refused, reset)."""
    if isinstance(error, (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError)):
        return True
    return isinstance(error, sqlalchemy.exc.DBAPIError) and bool(error.connection_invalidated)


class ResilientSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` with pre-ping and retry on connection errors (see module docstring)."""

    def __init__(self, *args: Any, retry_seconds: Optional[float] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        engine_kwargs: Dict[Text, Any] = create_engine_kwargs(url)
        engine_kwargs["pool_pre_ping"] = True
        if is_postgresql_url(url):
            connect_args = engine_kwargs.setdefault("connect_args", {})
            connect_args.setdefault("connect_timeout", CONNECT_TIMEOUT_SECONDS)
            connect_args.setdefault("application_name", "rasa-tracker-store")
        self.engine.dispose()
        self.engine = sa.create_engine(url, **engine_kwargs)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        if retry_seconds is None:
            retry_seconds = os.environ.get("SQL_RETRY_SECONDS", DEFAULT_RETRY_SECONDS)
        self.retry_seconds = float(retry_seconds)
        logger.debug("ResilientSQLTrackerStore ready (pre-ping on, retry %.0f s)", self.retry_seconds)

    async def _retrying(self, what: Text, call: Callable[[], Awaitable[T]]) -> T:
        deadline = time.monotonic() + self.retry_seconds
        delay = 0.2
        attempt = 1
        while True:
            try:
                return await call()
            except Exception as error:  # noqa: BLE001 - filtered right below
                if not _is_connection_error(error) or time.monotonic() + delay > deadline:
                    raise
                logger.warning(
                    "tracker store %s failed (attempt %d, database unreachable?), retrying in %.1f s: %s",
                    what, attempt, delay, str(error).splitlines()[0] if str(error) else type(error).__name__,
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
                attempt += 1

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self._retrying("save", lambda: super(ResilientSQLTrackerStore, self).save(tracker))

    async def _retrieve(
        self, sender_id: Text, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        parent = super(ResilientSQLTrackerStore, self)
        return await self._retrying(
            "retrieve", lambda: parent._retrieve(sender_id, fetch_events_from_all_sessions)
        )

    async def keys(self) -> Iterable[Text]:
        return await self._retrying("keys", lambda: super(ResilientSQLTrackerStore, self).keys())
