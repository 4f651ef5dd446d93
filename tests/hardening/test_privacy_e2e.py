"""Student privacy against the real servers: personal details never reach the tracker store or the logs.

Messages with a name, an email, a phone number, a date of birth, an SSN, a social handle, a street
address and a student id go in through every channel
(REST, socket.io, Slack) and straight into the tracker through the HTTP API (which skips the channel
guard, so the redacting tracker store and the logging filter are tested on their own). Then the SQLite
file, the token-protected tracker API and both servers' logs are read.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest
import requests

from tests.hardening.conftest import post_slack, slack_event
from tests.hardening.test_hostile_socketio import Chat
from tests.stack import REPO

pytestmark = pytest.mark.stack

RAW = {
    "email": "jordan.lee2009@gmail.com",
    "phone": "(555) 201-3344",
    "address": "1234 Maple Grove Ave",
    "student_id": "S7654321",
}
RAW_PARTS = list(RAW.values()) + ["jordan.lee2009", "201-3344", "Maple Grove", "Maria", "Lopez", "867 5309",
                                  "03/14/2009", "123 45 6789", "maria_l09"]
MESSAGES = [
    "hi I'm Maria Lopez, my email is maria@example.com, cell 555 867 5309, born 03/14/2009, ssn 123 45 6789, "
    "insta @maria_l09. is CNA worth it?",
    f"my email is {RAW['email']} is comptia a+ worth it",
    f"call me at {RAW['phone']} about network+",
    f"I live at {RAW['address']}, what credentials fit me",
    f"my student id is {RAW['student_id']} what is a micro credential",
    f"{RAW['email']} {RAW['phone']} {RAW['address']} ID# {RAW['student_id']}",
]


def tracker(stack, sender: str) -> dict:
    response = requests.get(f"{stack.rasa_url}/conversations/{sender}/tracker", params={"token": stack.auth_token},
                            timeout=30)
    response.raise_for_status()
    return response.json()


def sqlite_dump(path) -> str:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT sender_id, type_name, intent_name, action_name, data FROM events").fetchall()
    return "\n".join(json.dumps(row) for row in rows)


def assert_clean(text: str, where: str) -> None:
    leaked = [part for part in RAW_PARTS if part.lower() in text.lower()]
    assert not leaked, f"{where} contains {leaked}"


@pytest.fixture(scope="module")
def conversations(hardened_stack, fake_slack):
    """Sends every message through every channel and the tracker API; returns the conversation ids."""
    stack = hardened_stack
    senders = {}
    senders["rest"] = f"privacy-rest-{uuid.uuid4().hex[:8]}"
    for message in MESSAGES:
        stack.say(senders["rest"], message, metadata={"note": f"parent email {RAW['email']}"})
    stack.say(RAW["email"], "hello")  # an email used as the conversation id
    senders["email_sender"] = None

    chat = Chat(stack.rasa_url)
    try:
        for message in MESSAGES:
            chat.say(message, customData={"language": "en", "contact": RAW["phone"]})
    finally:
        chat.close()
    senders["socketio"] = chat.session_id

    slack_user = "U0PRIVACY"
    channel = "D0PRIVACY"
    for message in MESSAGES:
        ts = f"{time.time():.6f}"
        assert post_slack(stack, slack_event(message, user=slack_user, channel=channel, ts=ts)).status_code == 200
    senders["slack_prefix"] = slack_user

    senders["api"] = f"privacy-api-{uuid.uuid4().hex[:8]}"
    for message in MESSAGES:
        response = requests.post(
            f"{stack.rasa_url}/conversations/{senders['api']}/messages", params={"token": stack.auth_token},
            json={"text": message, "sender": "user"}, timeout=60,
        )
        assert response.ok, response.text[:300]
    time.sleep(3)  # Slack messages are handled in background tasks
    return senders


def test_tracker_store_file_holds_placeholders_not_personal_details(hardened_stack, conversations):
    dump = sqlite_dump(hardened_stack.tracker_db)
    assert_clean(dump, "the SQLite tracker store")
    for placeholder in ("[email]", "[phone]", "[address]", "[student id]"):
        assert placeholder in dump, f"{placeholder} missing from the tracker store"
    assert conversations["rest"] in dump and conversations["socketio"] in dump and "U0PRIVACY" in dump
    assert conversations["api"] in dump


@pytest.mark.parametrize("channel", ["rest", "socketio", "api"])
def test_tracker_api_shows_placeholders(hardened_stack, conversations, channel):
    data = tracker(hardened_stack, conversations[channel])
    text = json.dumps(data)
    assert_clean(text, f"the tracker API ({channel})")
    user_texts = [event["text"] for event in data["events"] if event["event"] == "user"]
    assert any("[email]" in t for t in user_texts) and any("[student id]" in t for t in user_texts), user_texts
    assert any("[phone]" in t for t in user_texts) and any("[address]" in t for t in user_texts), user_texts


def test_email_used_as_sender_is_pseudonymised(hardened_stack, conversations):
    dump = sqlite_dump(hardened_stack.tracker_db)
    assert RAW["email"] not in dump and "anon-" in dump


def test_metadata_is_redacted(hardened_stack, conversations):
    events = tracker(hardened_stack, conversations["rest"])["events"]
    notes = [event.get("metadata", {}).get("note") for event in events if event["event"] == "user"]
    assert "parent email [email]" in notes, notes


def test_logs_hold_no_personal_details(hardened_stack, conversations):
    for name in ("rasa", "actions"):
        assert_clean(hardened_stack.log_text(name), f"the {name} server log")
    rasa_log = hardened_stack.log_text("rasa")
    assert "[email]" in rasa_log, "DEBUG logs should show the redacted user text"


def test_slack_replies_and_tracker_are_clean(hardened_stack, fake_slack, conversations):
    assert_clean("\n".join(fake_slack.texts()), "the replies sent to Slack")


# --- issue 14: a conversation full of personal details, read back from every place it is kept ---------

ISSUE_MESSAGE = ("hi I'm Maria Lopez, my email is maria@example.com, cell 555 867 5309, born 03/14/2009, "
                 "ssn 123 45 6789, insta @maria_l09. is CNA worth it?")
MARIA_PARTS = ["Maria", "Lopez", "maria@example.com", "867 5309", "867-5309", "03/14/2009", "123 45 6789",
               "maria_l09", "Mateo", "S7654321", "12 Oak"]
MARIA_CONVERSATION = [
    ISSUE_MESSAGE,
    "my cousin Mateo Lopez asked if the zorblax certificate is worth it",   # unknown: goes to the gap log
    "'; DROP TABLE events; --",                                              # never offered to counselors
    "asdkjhaskjdh qwpoeiqwe",
    "my student id is S7654321 and I live at 12 Oak Street, talk to a person",
]


def assert_no_maria(text: str, where: str) -> None:
    leaked = [part for part in MARIA_PARTS if part.lower() in text.lower()]
    assert not leaked, f"{where} contains {leaked}"


def run_privacy(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "privacy", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.fixture(scope="module")
def maria(hardened_stack):
    sender = f"issue14-{uuid.uuid4().hex[:8]}"
    replies = [hardened_stack.say(sender, message) for message in MARIA_CONVERSATION]
    return sender, replies


def store_args(stack, stack_env) -> list:
    return ["--url", f"sqlite:///{stack.tracker_db}", "--knowledge-url", stack_env["KNOWLEDGE_DB_URL"],
            "--handoff-url", stack_env["HANDOFF_DB_URL"]]


def test_the_question_survives_redaction(maria):
    _, replies = maria
    first = " ".join(message.get("text") or "" for message in replies[0])
    assert "Certified Nursing Assistant" in first and re.search(r"scores \d+ ?(?:/|out of) ?100", first), first
    assert "didn't get that" not in first


def test_read_back_tracker_logs_gap_log_and_handoffs(hardened_stack, stack_env, maria):
    sender, _ = maria
    dump = sqlite_dump(hardened_stack.tracker_db)
    assert sender in dump
    assert_no_maria(dump, "the tracker store")
    assert_no_maria(json.dumps(tracker(hardened_stack, sender)), "the tracker API")
    for name in ("rasa", "actions"):
        assert_no_maria(hardened_stack.log_text(name), f"the {name} log")

    data = json.loads(run_privacy("export", sender, *store_args(hardened_stack, stack_env)).stdout)
    assert_no_maria(json.dumps(data), "the export")
    questions = [gap["question"] for gap in data["gap_log"]["questions"]]
    assert any("zorblax" in question and "[name]" in question for question in questions), questions
    assert not any("DROP" in question or "asdkj" in question for question in questions), questions
    requests_ = data["handoff_requests"]["requests"]
    # the id and address were only details: the guard passed on "talk to a person" alone
    assert requests_ and requests_[0]["message"] == "talk to a person", requests_
    assert "[name]" in json.dumps(requests_) and "zorblax" in json.dumps(requests_), requests_
    user_texts = [event["text"] for event in data["tracker_store"]["events"] if event["event"] == "user"]
    assert user_texts[0] == "is CNA worth it?", user_texts


def test_forget_removes_the_conversation_everywhere(hardened_stack, stack_env, maria):
    sender, _ = maria
    args = store_args(hardened_stack, stack_env)
    result = run_privacy("forget", sender, *args)
    assert result.returncode == 0 and result.stdout.count("\n") == 1, result.stdout + result.stderr
    assert "1 gap-log questions" in result.stdout and "1 handoff requests" in result.stdout, result.stdout
    data = json.loads(run_privacy("export", sender, *args).stdout)
    assert data["tracker_store"]["events"] == [] and data["gap_log"]["questions"] == []
    assert data["handoff_requests"]["requests"] == []
    assert sender not in sqlite_dump(hardened_stack.tracker_db)
