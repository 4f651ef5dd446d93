"""Fixtures for the knowledge tests: private databases (SQLite, and PostgreSQL when configured),
the small fixture data set, and a CLI runner. Nothing here writes into the repository's .data/."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from knowledge import KnowledgeBase
from knowledge.loader import read_dir

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"
TODAY = dt.date(2026, 11, 1)  # fixed "today" so staleness does not drift as the calendar moves
PG_URL = os.environ.get("KNOWLEDGE_TEST_PG_URL")


def fixture_records():
    records, issues = read_dir(VALID)
    assert not issues
    return [r.data for r in records]


@pytest.fixture(autouse=True)
def _private_env(tmp_path, monkeypatch):
    """Every test gets its own default database and the default weights."""
    monkeypatch.setenv("KNOWLEDGE_DB_URL", f"sqlite:///{tmp_path / 'default-kb.db'}")
    monkeypatch.delenv("KNOWLEDGE_WEIGHTS", raising=False)


def _reset_pg(url: str) -> None:
    engine = create_engine(url, future=True)
    with engine.begin() as conn:
        for table in ("kb_records", "kb_meta", "kb_gaps"):
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
    engine.dispose()


@pytest.fixture(params=["sqlite"] + (["postgresql"] if PG_URL else []))
def kb_url(request, tmp_path):
    """A fresh, empty database URL: a temp SQLite file, and PostgreSQL when KNOWLEDGE_TEST_PG_URL is set."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / f'kb-{uuid.uuid4().hex[:8]}.db'}"
        return
    _reset_pg(PG_URL)
    yield PG_URL
    _reset_pg(PG_URL)


@pytest.fixture
def data_dir(tmp_path):
    """A writable copy of the valid fixture data."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


@pytest.fixture(scope="session")
def kb():
    """The fixture data in memory (no database), with a fixed today."""
    return KnowledgeBase.from_records(fixture_records(), today=TODAY)


@pytest.fixture
def run_cli(tmp_path):
    """Run `python -m knowledge ...` in a subprocess against a private database."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "KNOWLEDGE_DB_URL": f"sqlite:///{tmp_path / 'cli-kb.db'}"}
    env.pop("KNOWLEDGE_WEIGHTS", None)

    def run(*args, extra_env=None):
        return subprocess.run([sys.executable, "-m", "knowledge", *map(str, args)], cwd=REPO, capture_output=True,
                              text=True, env={**env, **(extra_env or {})}, timeout=120)
    return run
