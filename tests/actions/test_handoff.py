"""action_talk_to_human: counselor contact, the request saved before posting, retried until delivered."""
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
import json

import pytest

from actions import handoff_store
from actions.handoff import ActionTalkToHuman, main
from tests.actions.helpers import make_tracker, only_text, run_action

DISTRICT = """
counselor:
  default: {name: School counseling office, email: counseling@example.org, phone: "555-0100", hours: Mon-Fri 8-4}
  schools:
    lincoln-high: {name: Ms. Rivera, email: rivera@lincoln.example.org, phone: "555-0142"}
handoff:
  webhook_url: "%s"
  timeout_seconds: 2
  attempts: %d
  backoff_seconds: 0.01
"""


class Webhook:
    """A local HTTP server that answers 503 while `failing`, and records what it received."""

    def __init__(self):
        self.failing = True
        self.received = []
        webhook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                webhook.received.append((webhook.failing, body))
                self.send_response(503 if webhook.failing else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/handoff"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def delivered(self):
        return [body for failed, body in self.received if not failed]


@pytest.fixture
def webhook():
    server = Webhook()
    yield server
    server.server.shutdown()


@pytest.fixture
def district(tmp_path, monkeypatch):
    """Points the action server at a temporary district.yml and handoff database."""
    monkeypatch.setenv("HANDOFF_DB_URL", f"sqlite:///{tmp_path / 'handoff.db'}")
    monkeypatch.delenv("HANDOFF_WEBHOOK_URL", raising=False)

    def write(url: str = "", attempts: int = 2):
        path = tmp_path / "district.yml"
        path.write_text(DISTRICT % (url, attempts))
        monkeypatch.setenv("DISTRICT_FILE", str(path))

    write()
    return write


def ask(text="can i talk to a real person", school=None, sender="student-1"):
    return make_tracker(text, "talk_to_human", slots={"school": school}, sender=sender, history=["is a+ worth it"])


async def test_gives_the_schools_counselor_and_saves_the_request(district):
    events, messages = await run_action(ActionTalkToHuman(), ask(school="lincoln-high"))
    assert events == []
    text = only_text(messages)
    assert "Ms. Rivera" in text and "rivera@lincoln.example.org" in text and "555-0142" in text
    (saved,) = handoff_store.requests_with_status(handoff_store.SAVED)
    assert saved["school"] == "lincoln-high" and saved["message"] == "can i talk to a real person"
    assert saved["recent_messages"].splitlines() == ["is a+ worth it", "can i talk to a real person"]


async def test_unknown_school_gets_the_district_default(district):
    _, messages = await run_action(ActionTalkToHuman(), ask(school="no-such-school"))
    assert "School counseling office" in only_text(messages) and "counseling@example.org" in only_text(messages)


async def test_failed_post_stays_pending_and_is_delivered_on_the_next_handoff(district, webhook):
    district(webhook.url, attempts=2)
    _, messages = await run_action(ActionTalkToHuman(), ask(sender="first"))
    assert "noted your request" in only_text(messages)
    assert [failed for failed, _ in webhook.received] == [True, True]  # retried once, then gave up
    (pending,) = handoff_store.requests_with_status(handoff_store.PENDING)
    assert pending["sender_id"] == "first" and pending["attempts"] == 2 and pending["last_error"] == "HTTP 503"

    webhook.failing = False
    _, messages = await run_action(ActionTalkToHuman(), ask(sender="second"))
    assert "sent them your request" in only_text(messages)
    assert [body["sender_id"] for body in webhook.delivered()] == ["first", "second"]
    assert handoff_store.requests_with_status(handoff_store.PENDING) == []
    assert len(handoff_store.requests_with_status(handoff_store.SENT)) == 2


async def test_retry_command_delivers_pending_requests(district, webhook, capsys):
    district(webhook.url, attempts=1)
    await run_action(ActionTalkToHuman(), ask(sender="waiting"))
    assert main(["retry"]) == 1  # still failing: stays pending
    webhook.failing = False
    assert main(["retry"]) == 0
    assert "1 delivered, 0 still pending" in capsys.readouterr().out
    assert [body["sender_id"] for body in webhook.delivered()] == ["waiting"]
    assert webhook.delivered()[0]["message"] == "can i talk to a real person"


async def test_env_webhook_overrides_district_file(district, webhook, monkeypatch):
    webhook.failing = False
    monkeypatch.setenv("HANDOFF_WEBHOOK_URL", webhook.url)
    await run_action(ActionTalkToHuman(), ask())
    assert len(webhook.delivered()) == 1


async def test_school_from_the_message_custom_data_when_the_slot_is_empty(district):
    tracker = make_tracker("talk to my counselor", "talk_to_human", metadata={"school": "lincoln-high"})
    _, messages = await run_action(ActionTalkToHuman(), tracker)
    assert "Ms. Rivera" in only_text(messages)
