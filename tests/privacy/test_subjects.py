"""`python -m privacy export SENDER` and `forget SENDER`: one conversation, everywhere it is kept
(tracker store, gap log, handoff store), on SQLite and PostgreSQL; other conversations untouched."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import sqlalchemy as sa

from actions import handoff_store
from knowledge import inbox
from privacy.identity import pseudonym
from tests.privacy.conftest import save_conversation, unique_sender
from tests.stack import REPO

QUESTION = "hi I'm Maria Lopez, cell 555 867 5309. is there a cheaper zorblax badge?"


def run_privacy(*args: str, env: dict = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "privacy", *args], cwd=REPO, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO), "TRACKER_STORE_URL": "", **(env or {})},
    )


def fill(stores, monkeypatch, sender: str) -> None:
    """One student's conversation in every store, as the servers write it."""
    save_conversation(stores.tracker, sender, [QUESTION, "talk to a person"])
    assert inbox.log_gap(stores.gaps, QUESTION, channel="rest", sender=sender)
    monkeypatch.setenv("HANDOFF_DB_URL", stores.handoffs)
    handoff_store.metadata.create_all(handoff_store.engine(stores.handoffs))
    handoff_store.record_request(sender, "rest", "lincoln-high", "talk to a person", [QUESTION], webhook=False)


@pytest.fixture
def two_students(stores, monkeypatch):
    maria, other = unique_sender("maria"), unique_sender("other")
    fill(stores, monkeypatch, maria)
    fill(stores, monkeypatch, other)
    return stores, maria, other


def export(stores, sender: str) -> dict:
    result = run_privacy("export", sender, *stores.cli_args())
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_export_prints_one_conversation_from_every_store(two_students):
    stores, maria, other = two_students
    data = export(stores, maria)
    user_texts = [event["text"] for event in data["tracker_store"]["events"] if event["event"] == "user"]
    assert len(user_texts) == 2 and "[name]" in user_texts[0] and "[phone]" in user_texts[0]
    assert [gap["question"] for gap in data["gap_log"]["questions"]] == [
        "is there a cheaper zorblax badge?"]
    assert data["gap_log"]["questions"][0]["sender_hash"] == inbox.sender_hash(maria)
    assert [request["sender_id"] for request in data["handoff_requests"]["requests"]] == [maria]
    dump = json.dumps(data)
    assert other not in dump and "Maria" not in dump and "867" not in dump
    assert "password" not in dump.lower() or ":***@" in dump


def test_forget_removes_one_conversation_everywhere_and_keeps_the_others(two_students):
    stores, maria, other = two_students
    dry = run_privacy("forget", maria, *stores.cli_args(), "--dry-run")
    assert dry.returncode == 0 and "would delete" in dry.stdout, dry.stderr
    assert export(stores, maria)["gap_log"]["questions"], "a dry run deletes nothing"

    result = run_privacy("forget", maria, *stores.cli_args())
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1, result.stdout
    assert "1 gap-log questions" in result.stdout and "1 handoff requests" in result.stdout
    left = export(stores, maria)
    assert left["tracker_store"]["events"] == [] and left["gap_log"]["questions"] == []
    assert left["handoff_requests"]["requests"] == []
    kept = export(stores, other)
    assert kept["tracker_store"]["events"] and kept["gap_log"]["questions"] and kept["handoff_requests"]["requests"]
    again = run_privacy("forget", maria, *stores.cli_args())
    assert again.returncode == 0 and "deleted 0 tracker events" in again.stdout


def test_conversation_stored_under_a_pseudonym_is_found_by_its_original_id(stores, monkeypatch):
    """The guard stores an email used as a conversation id as anon-<hash>; the parent knows the email."""
    email = "maria.lopez09@example.com"
    fill(stores, monkeypatch, pseudonym(email))
    assert export(stores, email)["tracker_store"]["events"]
    result = run_privacy("forget", email, *stores.cli_args())
    assert result.returncode == 0 and "1 gap-log questions" in result.stdout, result.stdout + result.stderr
    assert export(stores, email)["tracker_store"]["events"] == []


def test_missing_side_stores_hold_nothing_and_are_not_created(tmp_path):
    save_conversation(f"sqlite:///{tmp_path / 'tracker.db'}", "lonely", ["is cna worth it"])
    result = run_privacy("export", "lonely", "--url", f"sqlite:///{tmp_path / 'tracker.db'}",
                         "--knowledge-url", f"sqlite:///{tmp_path / 'none-kb.db'}",
                         "--handoff-url", f"sqlite:///{tmp_path / 'none-handoff.db'}")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["gap_log"] == {"store": None, "questions": []} and data["tracker_store"]["events"]
    assert not (tmp_path / "none-kb.db").exists() and not (tmp_path / "none-handoff.db").exists()


@pytest.mark.parametrize("command", ["forget", "export"])
@pytest.mark.parametrize("args, code, needle", [
    (["--url", "postgresql://rasa:hunter2@127.0.0.1:1/rasa"], 2, "postgresql://rasa:***@"),
    (["--url", "sqlite:////nonexistent-dir/x.db"], 2, "cannot open tracker store"),
    (["--endpoints", "/nonexistent/endpoints.yml"], 2, "no endpoints file"),
    (["--url", "sqlite:///:memory:", "--knowledge-url", "postgresql://kb:hunter2@127.0.0.1:1/kb"], 2, "kb:***@"),
])
def test_errors_are_one_clear_line_without_passwords(command, args, code, needle, tmp_path):
    if "--knowledge-url" in args:  # the tracker store must work for the gap log to be reached
        tracker = f"sqlite:///{tmp_path / 'tracker.db'}"
        save_conversation(tracker, "someone", ["hello"])
        args = ["--url", tracker] + args[2:]
    result = run_privacy(command, "someone", *args)
    assert result.returncode == code, (result.returncode, result.stderr)
    assert needle in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert "hunter2" not in result.stderr + result.stdout and "Traceback" not in result.stderr


def test_empty_sender_is_a_usage_error():
    result = run_privacy("forget", "  ")
    assert result.returncode == 1 and result.stderr.strip() == "forget: SENDER must not be empty"


def test_export_reads_only(two_students):
    stores, maria, _ = two_students
    engine = sa.create_engine(stores.tracker, future=True)
    with engine.connect() as connection:
        before = connection.execute(sa.text("SELECT count(*) FROM events")).scalar_one()
    export(stores, maria)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM events")).scalar_one() == before
    engine.dispose()
