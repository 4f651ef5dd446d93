"""Stores for the privacy commands, on SQLite and on the throwaway PostgreSQL of deploy/pg-for-tests.sh.

Each store is the real thing: Rasa's SQLTrackerStore (through the redacting wrapper) writes the
tracker events, `knowledge.inbox` the gap log and `actions.handoff_store` the handoff requests.
Under CI=true a missing PostgreSQL fails the run instead of skipping it.
"""
from __future__ import annotations

import asyncio
import os
import uuid
from dataclasses import dataclass
from typing import Dict, List

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("KNOWLEDGE_TEST_PG_URL")
TABLES = ("events", "kb_gaps", "handoff_requests")


@dataclass
class PrivacyStores:
    tracker: str
    gaps: str
    handoffs: str

    def cli_args(self) -> List[str]:
        return ["--url", self.tracker, "--knowledge-url", self.gaps, "--handoff-url", self.handoffs]


def _drop_tables(url: str) -> None:
    engine = sa.create_engine(url, future=True)
    with engine.begin() as connection:
        for table in TABLES:
            connection.execute(sa.text(f"DROP TABLE IF EXISTS {table}"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request, tmp_path):
    if request.param == "sqlite":
        yield PrivacyStores(f"sqlite:///{tmp_path / 'tracker.db'}", f"sqlite:///{tmp_path / 'knowledge.db'}",
                            f"sqlite:///{tmp_path / 'handoff.db'}")
        return
    if not PG_URL:
        message = "no PostgreSQL: run under deploy/pg-for-tests.sh (KNOWLEDGE_TEST_PG_URL)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    _drop_tables(PG_URL)
    yield PrivacyStores(PG_URL, PG_URL, PG_URL)
    _drop_tables(PG_URL)


def tracker_store_config(url: str) -> Dict:
    """Rasa's own `tracker_store:` block for a SQLAlchemy URL (SQLite file or PostgreSQL server)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return {"type": "SQL", "dialect": "sqlite", "db": parsed.database}
    return {"type": "SQL", "dialect": "postgresql", "url": parsed.host, "port": parsed.port, "db": parsed.database,
            "username": parsed.username, "password": parsed.password}


def save_conversation(url: str, sender: str, texts: List[str]) -> None:
    """A conversation saved the way the server saves it (RedactingTrackerStore around SQLTrackerStore)."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered

    from privacy.tracker_store import RedactingTrackerStore

    async def run() -> None:
        store = RedactingTrackerStore(domain=Domain.empty(), store=tracker_store_config(url))
        tracker = await store.get_or_create_tracker(sender)
        tracker.update(SessionStarted())
        tracker.update(ActionExecuted("action_listen"))
        for text in texts:
            tracker.update(UserUttered(text, parse_data={"intent": {"name": "ask_worth", "confidence": 0.9}}))
            tracker.update(BotUttered(f"answer to: {text[:20]}"))
            tracker.update(ActionExecuted("action_listen"))
        await store.save(tracker)
        inner = getattr(store.inner, "engine", None)
        if inner is not None:
            inner.dispose()

    asyncio.run(run())


def unique_sender(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"
