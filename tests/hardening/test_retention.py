"""`python -m privacy retention`: old conversations go, new ones stay; errors are one clear line."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.stack import REPO

DAY = 86400
# The gap log and handoff store are pruned too (tests/privacy/test_gap_log.py); here they do not exist,
# so the developer's own .data/ databases are never touched.
NO_SIDE_STORES = {"KNOWLEDGE_DB_URL": "sqlite:////nonexistent-privacy-test/kb.db",
                  "HANDOFF_DB_URL": "sqlite:////nonexistent-privacy-test/handoff.db"}


def run_retention(*args: str, env: dict = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "privacy", "retention", *args], cwd=REPO, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), **NO_SIDE_STORES, **(env or {})}, timeout=120,
    )


def make_store(path, conversations: dict) -> None:
    """Writes events the way Rasa's SQLTrackerStore does: {sender: [(type_name, age_in_days), ...]}."""
    from rasa.core.tracker_store import SQLTrackerStore

    SQLTrackerStore(dialect="sqlite", db=str(path))  # creates the real table
    now = time.time()
    with sqlite3.connect(path) as db:
        for sender, events in conversations.items():
            for type_name, age in events:
                stamp = now - age * DAY
                db.execute(
                    "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
                    "VALUES (?, ?, ?, NULL, NULL, ?)",
                    (sender, type_name, stamp, json.dumps({"event": type_name, "timestamp": stamp})),
                )


def senders_and_ages(path) -> dict:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT sender_id, timestamp FROM events ORDER BY id").fetchall()
    result: dict = {}
    for sender, stamp in rows:
        result.setdefault(sender, []).append(round((time.time() - stamp) / DAY))
    return result


CONVERSATIONS = {
    "old-1": [("session_started", 100), ("user", 100), ("bot", 100)],
    "old-2": [("session_started", 45), ("user", 40), ("bot", 40)],
    "new-1": [("session_started", 2), ("user", 2), ("bot", 1)],
    "new-2": [("session_started", 0), ("user", 0)],
    # still active, with an old session before the current one
    "mixed": [("session_started", 90), ("user", 90), ("bot", 90), ("session_started", 1), ("user", 1)],
}


def test_old_conversations_go_and_new_ones_stay(tmp_path):
    db = tmp_path / "tracker.db"
    make_store(db, CONVERSATIONS)
    result = run_retention("--days", "30", "--url", f"sqlite:///{db}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1 and "deleted 9 events" in result.stdout, result.stdout
    remaining = senders_and_ages(db)
    assert set(remaining) == {"new-1", "new-2", "mixed"}
    assert remaining["mixed"] == [1, 1] and remaining["new-1"] == [2, 2, 1]
    again = run_retention("--days", "30", "--url", f"sqlite:///{db}")  # idempotent, cron-safe
    assert again.returncode == 0 and "deleted 0 events" in again.stdout


def test_dry_run_deletes_nothing(tmp_path):
    db = tmp_path / "tracker.db"
    make_store(db, CONVERSATIONS)
    result = run_retention("--days", "30", "--url", f"sqlite:///{db}", "--dry-run")
    assert result.returncode == 0 and "would delete 9 events" in result.stdout
    assert set(senders_and_ages(db)) == set(CONVERSATIONS)


def test_store_from_endpoints_file_through_the_redacting_wrapper(tmp_path):
    db = tmp_path / "tracker.db"
    make_store(db, CONVERSATIONS)
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "tracker_store:\n  type: privacy.tracker_store.RedactingTrackerStore\n  store:\n"
        "    type: SQL\n    dialect: sqlite\n    db: ${TRACKER_DB_FILE}\n"
    )
    result = run_retention("--days", "7", "--endpoints", str(endpoints), env={"TRACKER_DB_FILE": str(db)})
    assert result.returncode == 0, result.stderr
    assert set(senders_and_ages(db)) == {"new-1", "new-2", "mixed"}


@pytest.mark.parametrize("args, code, needle", [
    (["--days", "0", "--url", "sqlite:///x.db"], 1, "--days must be at least 1"),
    (["--days", "30", "--url", "sqlite:////nonexistent-dir/x.db"], 2, "cannot open tracker store"),
    (["--days", "30", "--url", "postgresql://rasa:hunter2@127.0.0.1:1/rasa"], 2, "postgresql://rasa:***@"),
    (["--days", "30", "--url", "notadialect://x"], 2, "retention:"),
    (["--days", "30", "--endpoints", "/nonexistent/endpoints.yml"], 2, "no endpoints file"),
])
def test_errors_are_one_clear_line(args, code, needle):
    result = run_retention(*args, env={"TRACKER_STORE_URL": ""})
    assert result.returncode == code, (result.returncode, result.stderr)
    assert needle in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert "hunter2" not in result.stderr and "Traceback" not in result.stderr


def test_missing_table_is_a_clear_error(tmp_path):
    db = tmp_path / "empty.db"
    sqlite3.connect(db).close()
    result = run_retention("--days", "30", "--url", f"sqlite:///{db}")
    assert result.returncode == 2 and "no Rasa `events` table" in result.stderr
