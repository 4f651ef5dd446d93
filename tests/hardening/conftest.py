"""One hardened stack for the hardening package: guarded channels, redacting SQLite tracker store,
the redacting logging config, DEBUG logs (the most talkative setting), Slack pointed at a local fake."""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, List

import pytest
import requests
import yaml

from tests.stack import REPO, start_stack

SLACK_SECRET = "hardening-test-signing-secret"
LOGGING_CONFIG = REPO / "privacy" / "logging.yml"


class FakeSlack:
    """A loopback stand-in for the Slack Web API: records chat.postMessage calls."""

    def __init__(self) -> None:
        self.posts: List[Dict] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length).decode("utf-8", "replace")
                try:
                    body = json.loads(raw)
                except ValueError:
                    from urllib.parse import parse_qs

                    body = {key: values[0] for key, values in parse_qs(raw).items()}
                with outer.lock:
                    outer.posts.append({"path": self.path, "body": body})
                payload = json.dumps({"ok": True, "channel": body.get("channel"), "ts": str(time.time())}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def texts(self) -> List[str]:
        with self.lock:
            return [json.dumps(post["body"]) for post in self.posts]

    def stop(self) -> None:
        self.server.shutdown()


def hardened_credentials() -> dict:
    """The repository's credentials.yml, with the guarded REST channel even if `rest:` is still there."""
    credentials = yaml.safe_load((REPO / "credentials.yml").read_text()) or {}
    if "rest" in credentials:
        credentials.pop("rest")
        credentials["channels.rest.GuardedRestInput"] = None
    assert "socketio" not in credentials, "the stock socketio channel has no input guard"
    return credentials


@pytest.fixture(scope="package")
def fake_slack():
    slack = FakeSlack()
    yield slack
    slack.stop()


@pytest.fixture(scope="package")
def hardened_stack(stack_env, fake_slack, tmp_path_factory):
    data = tmp_path_factory.mktemp("hardening")
    tracker_db = data / "tracker.db"
    endpoints = {
        "tracker_store": {
            "type": "privacy.tracker_store.RedactingTrackerStore",
            "store": {"type": "SQL", "dialect": "sqlite", "db": str(tracker_db)},
        }
    }
    env = {
        **stack_env,
        "LOG_LEVEL": "DEBUG",
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "SLACK_BOT_TOKEN": "xoxb-hardening-test",
        "SLACK_API_BASE_URL": fake_slack.url,
    }
    stack = start_stack(credentials=hardened_credentials(), endpoints=endpoints, env=env,
                        rasa_args=["--logging-config-file", str(LOGGING_CONFIG)])
    stack.tracker_db = tracker_db
    yield stack
    stack.stop()


def slack_headers(body: bytes, secret: str = SLACK_SECRET, content_type: str = "application/json") -> dict:
    timestamp = str(int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {
        "content-type": content_type,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
    }


def slack_event(text: str, user: str = "U0HARDEN1", channel: str = "D0HARDEN1", ts: str = None, event_id: str = None):
    ts = ts or f"{time.time():.6f}"
    return {
        "token": "x", "team_id": "T0HARDEN", "api_app_id": "A0HARDEN", "type": "event_callback",
        "event_id": event_id or f"Ev{hashlib.sha1((text + ts).encode()).hexdigest()[:10]}",
        "event_time": int(time.time()), "authorizations": [{"user_id": "U0BOT"}],
        "event": {"type": "message", "channel_type": "im", "user": user, "text": text, "ts": ts, "channel": channel},
    }


def post_slack(stack, payload, raw: bytes = None, content_type: str = "application/json", **kw) -> requests.Response:
    body = raw if raw is not None else json.dumps(payload).encode()
    return requests.post(f"{stack.rasa_url}/webhooks/slack/webhook", data=body,
                         headers=slack_headers(body, content_type=content_type), timeout=60, **kw)


def answers_normally(stack, sender: str = "healthy-user-after-hostile-input") -> List[dict]:
    """The server still answers a normal question for another user."""
    replies = stack.say(sender, "what is comptia a+")
    assert replies and any(message.get("text") for message in replies), replies
    return replies
