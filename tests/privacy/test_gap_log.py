"""The counselors' gap log: only redacted, plausible questions are offered to counselors, and the
retention command prunes old questions and old handoff requests like old conversations."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from actions import handoff_store
from knowledge import inbox
from tests.privacy.conftest import save_conversation
from tests.privacy.test_subjects import run_privacy

NOT_QUESTIONS = [
    "'; DROP TABLE events; --",
    "1' OR 1=1 --",
    "Robert'); DROP TABLE students;--",
    "<script>alert('hi')</script>",
    "{{7*7}} ${jndi:ldap://x}",
    "asdkjhaskjdh qwpoeiqwe",
    "qwerty asdf",
    "hjkl hjkl hjkl",
    "aaaaaaaaaaaaaaaa",
    "sdfgsdfg sdfgsdfg sdfg",
    "https://example.com/watch?v=abc",
    "www.example.org https://x.example.com",
    "??? !!! ...",
    "12345 67890",
    "lol",
    "🤣🤣🤣🤣",
    "[email] [phone]",
    "my email is sam@example.org",
    "is welding worth it " * 40,
]
QUESTIONS = [
    ("is there a zorblax badge for 8th graders?", "is there a zorblax badge for 8th graders?"),
    ("whats the salary with the zorblax certificate", "whats the salary with the zorblax certificate"),
    ("I'm Maria Lopez, text 555 867 5309, can I get paid to learn welding?",
     "can I get paid to learn welding?"),
    ("¿cuánto cuesta el examen de soldadura?", "¿cuánto cuesta el examen de soldadura?"),
    ("second question", "second question"),
]


@pytest.mark.parametrize("text", NOT_QUESTIONS)
def test_noise_injection_links_and_pastes_are_not_logged(tmp_path, text):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    assert inbox.log_gap(url, text, channel="rest", sender="s") is False
    assert inbox.list_gaps(url) == []


@pytest.mark.parametrize("text, stored", QUESTIONS)
def test_questions_are_logged_redacted(tmp_path, text, stored):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    assert inbox.log_gap(url, text, channel="rest", sender="s") is True
    assert [gap["question"] for gap in inbox.list_gaps(url)] == [stored]


def _age_rows(url: str, table: str, days: int) -> None:
    engine = sa.create_engine(url, future=True)
    old = dt.datetime.utcnow() - dt.timedelta(days=days)
    with engine.begin() as connection:
        connection.execute(sa.text(f"UPDATE {table} SET created_at = :old"), {"old": old})
    engine.dispose()


def test_retention_prunes_old_gap_questions_and_handoff_requests(stores, monkeypatch):
    save_conversation(stores.tracker, "recent-student", ["is cna worth it"])
    for question in ("is the zorblax badge old news?", "does the zorblax badge expire?"):
        assert inbox.log_gap(stores.gaps, question, sender="old-student")
    monkeypatch.setenv("HANDOFF_DB_URL", stores.handoffs)
    handoff_store.metadata.create_all(handoff_store.engine(stores.handoffs))
    handoff_store.record_request("old-student", "rest", None, "talk to a person", [], webhook=False)
    _age_rows(stores.gaps, "kb_gaps", 45)
    _age_rows(stores.handoffs, "handoff_requests", 45)
    assert inbox.log_gap(stores.gaps, "is the zorblax badge new?", sender="recent-student")
    handoff_store.record_request("recent-student", "rest", None, "talk to a person", [], webhook=False)

    dry = run_privacy("retention", "--days", "30", *stores.cli_args(), "--dry-run")
    assert dry.returncode == 0 and "2 gap-log questions and 1 handoff requests" in dry.stdout, dry.stdout + dry.stderr
    result = run_privacy("retention", "--days", "30", *stores.cli_args())
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1 and "2 gap-log questions and 1 handoff requests" in result.stdout
    assert [gap["question"] for gap in inbox.list_gaps(stores.gaps)] == ["is the zorblax badge new?"]
    assert [r["sender_id"] for r in handoff_store.requests_for_sender(stores.handoffs, "recent-student")] == [
        "recent-student"]
    assert handoff_store.requests_for_sender(stores.handoffs, "old-student") == []
    again = run_privacy("retention", "--days", "30", *stores.cli_args())
    assert "0 gap-log questions and 0 handoff requests" in again.stdout
