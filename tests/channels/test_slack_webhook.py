"""Slack for teachers: real signed Events API and interactivity requests against the running server; the
replies are captured by a local server speaking Slack's Web API (chat.postMessage)."""
from __future__ import annotations

import json
import time
import uuid
from urllib.parse import urlencode

import pytest
import requests

from tests.channels.conftest import SLACK_SIGNING_SECRET
from tests.channels.slack_fake import block_text, signed_headers

pytestmark = pytest.mark.stack
BOT_USER = "UBOT0001"
CHANNEL = "C0TEACHERS"


def webhook(stack) -> str:
    return f"{stack.rasa_url}/webhooks/slack/webhook"


def post_event(stack, payload: dict, secret: str = SLACK_SIGNING_SECRET, timestamp=None, headers=None):
    body = json.dumps(payload).encode()
    sent = headers if headers is not None else signed_headers(secret, body, timestamp=timestamp)
    return requests.post(webhook(stack), data=body, headers=sent, timeout=30)


def mention(text: str, user: str = "UTEACHER1") -> dict:
    ts = f"{time.time():.6f}"
    return {
        "token": "legacy-verification-token",
        "type": "event_callback",
        "event_id": "Ev" + uuid.uuid4().hex[:10].upper(),
        "event_time": int(time.time()),
        "authorizations": [{"user_id": BOT_USER, "is_bot": True}],
        "event": {"type": "app_mention", "user": user, "text": f"<@{BOT_USER}> {text}", "ts": ts,
                  "channel": CHANNEL, "event_ts": ts},
    }


def in_thread(ts: str):
    return lambda post: post.get("channel") == CHANNEL and post.get("thread_ts") == ts


def test_url_verification_challenge(channels_stack):
    response = post_event(channels_stack, {"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"})
    assert response.status_code == 200
    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


def test_signed_mention_is_answered_in_its_thread_with_block_kit(channels_stack, fake_slack):
    event = mention("is comptia a+ worth it")
    response = post_event(channels_stack, event)
    assert response.status_code == 200
    thread = event["event"]["ts"]
    posts = fake_slack.wait_for(lambda post: in_thread(thread)(post) and "Source" in block_text(post))
    card = posts[0]
    assert isinstance(card.get("blocks"), list) and card["blocks"], "a Block Kit card"
    assert "as_user" not in card
    shown = block_text({"blocks": card["blocks"]})  # what Slack draws (the `text` field is the notification)
    assert "CompTIA" in shown and "<http" in shown, "mrkdwn link to the source"
    assert "**" not in shown, "Slack mrkdwn, not Markdown"
    buttons = [element for post in fake_slack.posts(in_thread(thread)) for block in post.get("blocks") or []
               if block.get("type") == "actions" for element in block["elements"]]
    assert buttons and all(button["type"] == "button" and button.get("value") for button in buttons)

    # the teacher clicks a button: an interactivity request (form-encoded, signed) from the bot's message
    before = len(fake_slack.posts(in_thread(thread)))
    payload = {
        "type": "block_actions",
        "user": {"id": event["event"]["user"]},
        "channel": {"id": CHANNEL},
        "message": {"ts": "1800000000.000001", "thread_ts": thread, "text": card.get("text", "")},
        "actions": [{"type": "button", "action_id": "button-0", "value": buttons[0]["value"],
                     "text": buttons[0]["text"], "action_ts": f"{time.time():.6f}"}],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    click = requests.post(webhook(channels_stack), data=body, timeout=30,
                          headers=signed_headers(SLACK_SIGNING_SECRET, body, "application/x-www-form-urlencoded"))
    assert click.status_code == 200
    fake_slack.wait_for(in_thread(thread), count=before + 1)


def test_direct_message_and_a_redelivered_event_is_answered_once(channels_stack, fake_slack):
    ts = f"{time.time():.6f}"
    event = {
        "type": "event_callback", "event_id": "EvDM" + uuid.uuid4().hex[:8], "authorizations": [{"user_id": BOT_USER}],
        "event": {"type": "message", "channel_type": "im", "user": "UTEACHER2", "text": "what is a micro credential",
                  "ts": ts, "channel": "D0DIRECT"},
    }
    assert post_event(channels_stack, event).status_code == 200
    retry = post_event(channels_stack, event)
    assert retry.status_code == 200
    ours = lambda post: post.get("channel") == "D0DIRECT" and post.get("thread_ts") == ts  # noqa: E731
    first = fake_slack.wait_for(ours)
    time.sleep(4)
    assert len(fake_slack.posts(ours)) == len(first), "Slack's redelivery was answered again"


@pytest.mark.parametrize("case", ["wrong signature", "missing signature", "old timestamp", "tampered body"])
def test_unsigned_or_stale_requests_get_401(channels_stack, fake_slack, case):
    event = mention("what is a micro credential", user="UINTRUDER")
    body = json.dumps(event).encode()
    if case == "wrong signature":
        headers = signed_headers("not-the-secret", body)
    elif case == "missing signature":
        headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": str(int(time.time()))}
    elif case == "old timestamp":
        headers = signed_headers(SLACK_SIGNING_SECRET, body, timestamp=int(time.time()) - 6 * 60)
    else:
        headers = signed_headers(SLACK_SIGNING_SECRET, body)
        body = body.replace(b"micro credential", b"free voucher!!!!")
    response = requests.post(webhook(channels_stack), data=body, headers=headers, timeout=30)
    assert response.status_code == 401
    challenge = json.dumps({"type": "url_verification", "challenge": "c"}).encode()
    assert requests.post(webhook(channels_stack), data=challenge, timeout=30,
                         headers={"Content-Type": "application/json"}).status_code == 401
    time.sleep(2)
    assert not fake_slack.posts(lambda post: event["event"]["ts"] == post.get("thread_ts")), "an unsigned request got an answer"
