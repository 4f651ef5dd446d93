"""Shared fixtures: a private knowledge database and the real servers for end-to-end tests."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.stack import REPO, start_stack


@pytest.fixture(scope="session")
def stack_env(tmp_path_factory) -> dict:
    """Environment for servers under test: their own knowledge and handoff databases, loaded fresh."""
    data_dir = tmp_path_factory.mktemp("stack-data")
    env = {
        "KNOWLEDGE_DB_URL": f"sqlite:///{data_dir / 'knowledge.db'}",
        "HANDOFF_DB_URL": f"sqlite:///{data_dir / 'handoff.db'}",
    }
    subprocess.run(
        [sys.executable, "-m", "knowledge", "load"], cwd=REPO, env={**os.environ, **env, "PYTHONPATH": str(REPO)},
        check=True, capture_output=True,
    )
    return env


@pytest.fixture(scope="session")
def rasa_stack(stack_env):
    """The real action server + `rasa run` with the trained model, shared by the end-to-end tests."""
    stack = start_stack(env=stack_env)
    yield stack
    stack.stop()
