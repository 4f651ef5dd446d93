"""The production topology under test: `deploy/cluster.sh up` once per session, `down` at the end.

The cluster is the real thing (PostgreSQL, Redis, nginx, two `rasa run`, two action servers) on
loopback. When it was already running before the session (a developer's `make cluster-up`), the
fixture reuses it and leaves it running. Without its prerequisites the tests skip, except under
CI=true, where they fail.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import pytest
import requests

from tests.stack import MODEL, REPO

CLUSTER_SH = REPO / "deploy" / "cluster.sh"
FALLBACK_TEXT = "can't reach my knowledge"
UP_TIMEOUT_S = float(os.environ.get("CLUSTER_UP_TIMEOUT", "600"))


def missing(reason: str) -> None:
    """Fail under CI (a missing service is a broken build), skip on a developer machine."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"cluster prerequisite missing under CI: {reason}")
    pytest.skip(reason)


def run_cluster(*args: str, timeout: float = UP_TIMEOUT_S, env: Optional[Dict[str, str]] = None,
                check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(CLUSTER_SH), *args], cwd=REPO, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"deploy/cluster.sh {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result


def parse_env(text: str) -> Dict[str, str]:
    values = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values[key] = value.strip('"')
    return values


@dataclass
class Cluster:
    url: str
    token: str
    tracker_db_url: str
    knowledge_db_url: str
    rasa_urls: List[str]
    log_dir: Path
    ca_cert: str  # the public port is TLS only; every client checks the certificate against this

    def session(self) -> requests.Session:
        session = requests.Session()
        session.trust_env = False  # else REQUESTS_CA_BUNDLE from the environment wins over `verify`
        session.verify = self.ca_cert
        return session

    def say(self, sender: str, message: str, timeout: float = 120) -> List[dict]:
        response = requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=timeout,
            verify=self.ca_cert,
        )
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str) -> dict:
        """The conversation through nginx and the token-protected HTTP API (all sessions)."""
        response = requests.get(
            f"{self.url}/conversations/{sender}/tracker",
            params={"token": self.token, "include_events": "ALL"}, timeout=60, verify=self.ca_cert,
        )
        response.raise_for_status()
        return response.json()

    def stored_events(self, sender: str) -> List[dict]:
        """The events as PostgreSQL holds them, in insertion order."""
        return [json.loads(data) for data in self.sql(
            "SELECT data FROM events WHERE sender_id = %s ORDER BY id", (sender,))]

    def sql(self, query: str, params: tuple = ()) -> List:
        import psycopg2

        with psycopg2.connect(self.tracker_db_url, connect_timeout=10) as conn, conn.cursor() as cur:
            cur.execute(query, params)
            rows = cur.fetchall()
        conn.close()
        return [row[0] if len(row) == 1 else row for row in rows]

    def pids(self) -> Dict[str, str]:
        out = run_cluster("status", check=False).stdout
        return {line.split()[0]: line.split()[3] for line in out.splitlines() if " running " in f" {line} "}

    def ensure_up(self) -> None:
        """Restart whatever a fault test left stopped (idempotent; the KB is not reloaded)."""
        if run_cluster("status", check=False).returncode != 0:
            run_cluster("up", env={"CLUSTER_SKIP_KB_LOAD": "1"})


def text_of(messages: List[dict]) -> str:
    return "\n".join(str(m.get("text") or "") for m in messages)


def new_sender(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def cluster() -> Cluster:
    for tool in ("nginx", "redis-server", "openssl", "curl"):
        if shutil.which(tool) is None and os.environ.get("CI", "").lower() != "true":
            missing(f"{tool} not installed (scripts/install-system-deps.sh servers)")
    if not MODEL.exists():
        missing(f"no trained model at {MODEL}: run `make model`")
    if os.geteuid() != 0 and os.environ.get("CI", "").lower() != "true":
        missing("deploy/cluster.sh runs PostgreSQL via runuser and needs root")
    already_up = run_cluster("status", check=False).returncode == 0
    run_cluster("up")
    values = parse_env(run_cluster("env").stdout)
    handle = Cluster(
        url=values["CLUSTER_URL"], token=values["RASA_AUTH_TOKEN"],
        tracker_db_url=values["CLUSTER_TRACKER_DB_URL"], knowledge_db_url=values["CLUSTER_KNOWLEDGE_DB_URL"],
        rasa_urls=values["CLUSTER_RASA_URLS"].split(), log_dir=Path(values["CLUSTER_LOG_DIR"]),
        ca_cert=values["CLUSTER_CA_CERT"],
    )
    yield handle
    if already_up:
        handle.ensure_up()  # give the developer back a whole cluster
    else:
        run_cluster("down", timeout=180, check=False)


@pytest.fixture
def healthy_cluster(cluster: Cluster) -> Cluster:
    """The cluster with every service running when the test starts (a fault test may leave one down)."""
    cluster.ensure_up()
    return cluster


def wait_until(predicate, timeout: float, interval: float = 1.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"{what} not reached within {timeout:.0f}s (last: {last!r})")
