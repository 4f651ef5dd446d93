"""channels/slack.py without a Rasa server: settings from the environment, signature checks, and what the
output channel posts to (a local fake of) Slack's Web API."""
from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from channels.slack import SlackBot, SlackInput, api_base_url, button_blocks
from tests.channels.slack_fake import FakeSlack, signed_headers

SECRET = "unit-secret"


def request(body: bytes, headers: dict) -> SimpleNamespace:
    return SimpleNamespace(body=body, headers=headers)


@pytest.fixture
def channel(monkeypatch) -> SlackInput:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-unit")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    monkeypatch.setenv("SLACK_API_BASE_URL", "http://127.0.0.1:9/api")
    return SlackInput.from_credentials({"use_threads": True})


def test_settings_come_from_the_environment_not_the_file(channel, monkeypatch):
    assert channel.slack_token == "xoxb-unit" and channel.slack_signing_secret == SECRET
    assert channel.use_threads and channel.conversation_granularity == "thread"
    assert channel.name() == "slack"
    from_file = SlackInput.from_credentials({"slack_token": "in-file", "slack_signing_secret": "in-file"})
    assert from_file.slack_token == "xoxb-unit" and from_file.slack_signing_secret == SECRET
    assert channel.get_output_channel("C1", "1.2").client.base_url == "http://127.0.0.1:9/api/"
    monkeypatch.delenv("SLACK_API_BASE_URL")
    assert api_base_url() == "https://slack.com/api/"


def test_signature_rules(channel):
    body = b'{"type": "event_callback"}'
    assert channel.is_request_from_slack_authentic(request(body, signed_headers(SECRET, body)))
    assert not channel.is_request_from_slack_authentic(request(body, signed_headers("wrong", body)))
    assert not channel.is_request_from_slack_authentic(request(body + b" ", signed_headers(SECRET, body)))
    assert not channel.is_request_from_slack_authentic(request(body, {"Content-Type": "application/json"}))
    old = signed_headers(SECRET, body, timestamp=int(time.time()) - 301)
    assert not channel.is_request_from_slack_authentic(request(body, old))


def test_without_a_secret_nothing_is_authentic(monkeypatch):
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    channel = SlackInput.from_credentials({})
    body = b"{}"
    assert not channel.is_request_from_slack_authentic(request(body, signed_headers("", body)))


def test_button_blocks_hold_five_buttons_each():
    blocks = button_blocks([{"title": f"b{i}", "payload": f"/p{i}"} for i in range(7)])
    assert [len(block["elements"]) for block in blocks] == [5, 2]
    assert blocks[0]["elements"][0]["value"] == "/p0"


async def test_replies_go_to_the_thread_at_the_configured_base_url():
    slack = FakeSlack("xoxb-unit").start()
    try:
        bot = SlackBot("xoxb-unit", "C42", "1700000000.000100", base_url=slack.base_url)
        await bot.send_text_message("U1", "*Hello*\n\nsecond paragraph")
        await bot.send_text_with_buttons("U1", "Pick one", [{"title": "Cost", "payload": "/ask_cost"}])
        message = {"text": "fallback", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*card*"}}]}
        await bot.send_custom_json("U1", message)
        assert message == {"text": "fallback", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*card*"}}]}
        posts = slack.posts()
    finally:
        slack.stop()
    assert len(posts) == 3, "one post per reply, not one per paragraph"
    assert all(post["channel"] == "C42" and post["thread_ts"] == "1700000000.000100" for post in posts)
    assert all("as_user" not in post for post in posts)
    assert posts[0]["text"] == "*Hello*\n\nsecond paragraph" and posts[0]["mrkdwn"] is True
    assert posts[1]["blocks"][1]["elements"][0]["value"] == "/ask_cost"
    assert posts[2]["blocks"][0]["text"]["text"] == "*card*"
