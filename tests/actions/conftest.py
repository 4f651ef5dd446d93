"""Action tests run against a real SQLite knowledge base loaded from knowledge/data into a temp dir."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from actions import kb
from tests.stack import REPO


@pytest.fixture(scope="session")
def knowledge_db_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('actions-kb') / 'knowledge.db'}"
    env = {**os.environ, "KNOWLEDGE_DB_URL": url, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-m", "knowledge", "load"], cwd=REPO, env=env, check=True, capture_output=True)
    return url


@pytest.fixture(autouse=True)
def knowledge(monkeypatch, knowledge_db_url):
    """The knowledge base the actions will open; each test starts with a fresh process-wide instance."""
    monkeypatch.setenv("KNOWLEDGE_DB_URL", knowledge_db_url)
    kb.reset()
    yield kb.knowledge_base()
    kb.reset()


@pytest.fixture
def record(knowledge):
    """A record by id, failing the test when the knowledge data lacks it."""

    def get(record_id: str) -> dict:
        found = knowledge.get(record_id)
        assert found is not None, f"knowledge/data has no record {record_id}"
        return found

    return get
