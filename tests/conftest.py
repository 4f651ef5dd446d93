"""Shared fixtures: a private knowledge database and the real servers for end-to-end tests."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.stack import REPO, start_redis, start_stack


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


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory) -> int:
    """A private redis-server on loopback for the tests of Redis stores; yields its port."""
    if shutil.which("redis-server") is None:
        message = "redis-server not installed (scripts/install-system-deps.sh servers)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    try:
        server = start_redis(tmp_path_factory.mktemp("redis"))
    except RuntimeError as error:
        pytest.fail(str(error))
    yield server.port
    server.terminate()
    server.wait(10)
