"""Hostile input at the Slack boundary (channels.slack.SlackInput + the guard), signed requests."""
from __future__ import annotations

import json
import time
import uuid

import pytest
import requests

from tests.hardening.conftest import answers_normally, post_slack, slack_event, slack_headers

pytestmark = pytest.mark.stack


def wait_for_post(fake_slack, needle: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for text in fake_slack.texts():
            if needle in text:
                return text
        time.sleep(0.2)
    raise AssertionError(f"no Slack post containing {needle!r}; posts: {fake_slack.texts()[-5:]}")


def unique_channel() -> str:
    return "D" + uuid.uuid4().hex[:9].upper()


def test_empty_slack_message_gets_a_clear_reply(hardened_stack, fake_slack):
    channel = unique_channel()
    assert post_slack(hardened_stack, slack_event("   ", channel=channel)).status_code == 200
    assert "question" in wait_for_post(fake_slack, channel)


def test_100_kb_slack_body_is_refused_with_413(hardened_stack):
    response = post_slack(hardened_stack, slack_event("why " * 25_600))
    assert response.status_code == 413 and response.json()["error"] == "body_too_large"


def test_long_slack_message_gets_a_too_long_reply(hardened_stack, fake_slack):
    channel = unique_channel()
    assert post_slack(hardened_stack, slack_event("a" * 6_000, channel=channel)).status_code == 200
    assert "too long" in wait_for_post(fake_slack, channel)


@pytest.mark.parametrize("raw, status", [
    (b"\xff\xfe\xfd", 400),
    (b"[1, 2]", 400),
    (b'"string"', 400),
    (b"{not json", 400),
])
def test_signed_bodies_that_are_not_json_objects_get_400(hardened_stack, raw, status):
    response = post_slack(hardened_stack, None, raw=raw)
    assert response.status_code == status, response.text[:200]


def test_form_payload_that_is_not_an_object_gets_400(hardened_stack):
    body = b"payload=%5B1%2C2%5D"
    response = requests.post(f"{hardened_stack.rasa_url}/webhooks/slack/webhook", data=body,
                             headers=slack_headers(body, content_type="application/x-www-form-urlencoded"), timeout=30)
    assert 400 <= response.status_code < 500


def test_unsigned_requests_get_4xx(hardened_stack):
    body = json.dumps(slack_event("hi")).encode()
    response = requests.post(f"{hardened_stack.rasa_url}/webhooks/slack/webhook", data=body,
                             headers={"content-type": "application/json"}, timeout=30)
    assert 400 <= response.status_code < 500


def test_missing_user_is_not_answered_and_does_not_break(hardened_stack):
    event = slack_event("hello")
    del event["event"]["user"]
    assert post_slack(hardened_stack, event).status_code < 500


@pytest.mark.parametrize("text", [
    "🎓 is A+ worth it? 👩‍💻",
    "ما هي شهادة CompTIA A+؟",
    "<script>alert(1)</script> what is a+",
    "is '; DROP TABLE records;-- worth it",
])
def test_odd_but_valid_slack_messages_are_answered(hardened_stack, fake_slack, text):
    channel = unique_channel()
    assert post_slack(hardened_stack, slack_event(text, channel=channel)).status_code == 200
    post = wait_for_post(fake_slack, channel)
    assert "<script" not in post.lower()


def test_slack_still_answers_after_hostile_input(hardened_stack, fake_slack):
    channel = unique_channel()
    assert post_slack(hardened_stack, slack_event("what is comptia a+", channel=channel)).status_code == 200
    wait_for_post(fake_slack, channel)
    answers_normally(hardened_stack, "after-slack")
