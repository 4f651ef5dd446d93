"""action_talk_to_human: counselor contact at once, the request saved, then delivered out of the student's
turn with backoff, once even with several workers."""
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import json

import pytest

from actions import handoff_store
from actions.district import handoff_settings
from actions.handoff import DELIVERY, ActionTalkToHuman, main
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
        self.delay = 0.0
        self.received = []
        self.times = []
        webhook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                webhook.times.append(time.monotonic())
                webhook.received.append((webhook.failing, body))
                time.sleep(webhook.delay)
                self.send_response(503 if webhook.failing else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/handoff"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def delivered(self):
        return [body for failed, body in self.received if not failed]


@pytest.fixture
def webhook():
    server = Webhook()
    yield server
    assert DELIVERY.idle(timeout=15), "the delivery worker did not finish"
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


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


async def test_reply_comes_at_once_while_the_webhook_hangs(district, webhook):
    """A counselor webhook that does not answer never delays the student's reply."""
    webhook.delay = 3.0
    district(webhook.url, attempts=1)
    started = time.monotonic()
    _, messages = await run_action(ActionTalkToHuman(), ask(sender="hurry"))
    assert time.monotonic() - started < 1.0
    assert "passing your request on" in only_text(messages)
    assert wait_for(lambda: len(webhook.received) == 1)


async def test_failed_post_is_retried_with_backoff_until_delivered(district, webhook):
    district(webhook.url, attempts=4)
    await run_action(ActionTalkToHuman(), ask(sender="first"))
    assert wait_for(lambda: len(webhook.received) >= 2)  # two failures, the second after a backoff
    webhook.failing = False
    # the webhook sees the post before the worker records it as sent
    assert wait_for(lambda: handoff_store.requests_with_status(handoff_store.SENT))
    assert [body["sender_id"] for body in webhook.delivered()] == ["first"]
    (sent,) = handoff_store.requests_with_status(handoff_store.SENT)
    assert sent["attempts"] == len(webhook.received) and sent["last_error"] is None
    first, second = webhook.times[0], webhook.times[1]
    assert second - first >= 0.009  # backoff_seconds * 2^0 before the second try


async def test_a_request_that_keeps_failing_is_marked_failed_and_retry_requeues_it(district, webhook, capsys):
    district(webhook.url, attempts=2)
    await run_action(ActionTalkToHuman(), ask(sender="waiting"))
    assert wait_for(lambda: handoff_store.requests_with_status(handoff_store.FAILED))
    assert [failed for failed, _ in webhook.received] == [True, True]
    assert main(["list", "--status", "failed"]) == 0
    assert "failed" in capsys.readouterr().out
    webhook.failing = False
    assert main(["retry"]) == 0
    assert "1 failed request(s) queued again" in capsys.readouterr().out
    assert [body["sender_id"] for body in webhook.delivered()] == ["waiting"]
    assert webhook.delivered()[0]["message"] == "can i talk to a real person"


def test_several_workers_deliver_each_request_once(district, webhook):
    """Two action servers (two workers on one database) racing over the same requests post each once."""
    webhook.failing = False
    district(webhook.url, attempts=3)
    for n in range(12):
        handoff_store.record_request(sender_id=f"s{n}", channel="rest", school=None, message="help", recent=[],
                                     webhook=True)
    settings = handoff_settings()
    workers = [threading.Thread(target=handoff_store.deliver_due, args=(settings, f"worker-{i}")) for i in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    senders = sorted(body["sender_id"] for body in webhook.delivered())
    assert senders == sorted(f"s{n}" for n in range(12))
    assert len(handoff_store.requests_with_status(handoff_store.SENT)) == 12


async def test_env_webhook_overrides_district_file(district, webhook, monkeypatch):
    webhook.failing = False
    monkeypatch.setenv("HANDOFF_WEBHOOK_URL", webhook.url)
    await run_action(ActionTalkToHuman(), ask())
    assert wait_for(lambda: len(webhook.delivered()) == 1)


async def test_school_from_the_message_custom_data_when_the_slot_is_empty(district):
    tracker = make_tracker("talk to my counselor", "talk_to_human", metadata={"school": "lincoln-high"})
    _, messages = await run_action(ActionTalkToHuman(), tracker)
    assert "Ms. Rivera" in only_text(messages)


def test_several_workers_deliver_each_request_once_on_postgresql(district, webhook, monkeypatch):
    """The same race on PostgreSQL, where the production action servers keep their handoffs."""
    url = os.environ.get("KNOWLEDGE_TEST_PG_URL")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("KNOWLEDGE_TEST_PG_URL not set under CI (make test runs pytest through deploy/pg-for-tests.sh)")
        pytest.skip("no throwaway PostgreSQL (run through deploy/pg-for-tests.sh)")
    monkeypatch.setenv("HANDOFF_DB_URL", url)
    with handoff_store.engine(url).begin() as connection:
        connection.execute(handoff_store.handoff_requests.delete())
    test_several_workers_deliver_each_request_once(district, webhook)
