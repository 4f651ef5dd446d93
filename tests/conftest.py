"""Shared fixtures: a private knowledge database and the real servers for end-to-end tests."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from tests.stack import REPO, free_port, start_stack


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
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(tmp_path_factory.mktemp("redis"))],
                              stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.1)
    yield port
    server.terminate()
    server.wait(10)
