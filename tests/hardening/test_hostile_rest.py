"""Hostile input at the REST boundary (channels.rest.GuardedRestInput), against the real servers."""
from __future__ import annotations

import json
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.hardening.conftest import answers_normally

pytestmark = pytest.mark.stack


def short_id(value) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return repr(text[:30]) + (f"..({len(text)})" if len(text) > 30 else "")


def post(stack, body=None, raw: bytes = None, **kw) -> requests.Response:
    url = f"{stack.rasa_url}/webhooks/rest/webhook"
    if raw is not None:
        return requests.post(url, data=raw, headers={"content-type": "application/json"}, timeout=60, **kw)
    return requests.post(url, json=body, timeout=60, **kw)


def assert_clear_error(response: requests.Response, status: int, error: str) -> None:
    assert response.status_code == status, (response.status_code, response.text[:300])
    body = response.json()
    assert body["error"] == error and body["detail"], body


@pytest.mark.parametrize("message", ["", " ", "   \n\t  ", "\u200b\u202e", "\x00\x01"])
def test_empty_and_whitespace_get_a_clear_reply(hardened_stack, message):
    response = post(hardened_stack, {"sender": "hostile-empty", "message": message})
    assert response.status_code == 200
    replies = response.json()
    assert len(replies) == 1 and "question" in replies[0]["text"], replies


def test_100_kb_message_is_refused_with_413(hardened_stack):
    response = post(hardened_stack, {"sender": "hostile-big", "message": "why " * 25_600})
    assert_clear_error(response, 413, "body_too_large")


def test_message_over_the_character_limit_is_refused_with_413(hardened_stack):
    response = post(hardened_stack, {"sender": "hostile-long", "message": "a" * 5_001})
    assert_clear_error(response, 413, "message_too_long")
    assert "5000" in response.json()["detail"]


def test_message_at_the_limit_is_answered(hardened_stack):
    response = post(hardened_stack, {"sender": "hostile-at-limit", "message": ("is a+ worth it " * 400)[:5_000]})
    assert response.status_code == 200 and isinstance(response.json(), list)


@pytest.mark.parametrize("raw", [b"\xff\xfe\xfd", b'{"sender": "x", "message": "\xc3\x28"}', b"\xed\xa0\x80"])
def test_invalid_utf8_is_refused_with_400(hardened_stack, raw):
    assert_clear_error(post(hardened_stack, raw=raw), 400, "invalid_utf8")


@pytest.mark.parametrize("raw, error", [
    (b"[1, 2, 3]", "not_an_object"),
    (b'"just a string"', "not_an_object"),
    (b"42", "not_an_object"),
    (b"null", "not_an_object"),
    (b'[{"sender": "a", "message": "hi"}]', "not_an_object"),
    (b"{not json", "invalid_json"),
    (b"", "empty_body"),
    (b"[" * 100_000 + b"]" * 100_000, "body_too_large"),
    (b"[" * 20_000 + b"]" * 20_000, "invalid_json"),
], ids=short_id)
def test_json_that_is_not_an_object_is_refused_with_400(hardened_stack, raw, error):
    response = post(hardened_stack, raw=raw)
    assert_clear_error(response, 413 if error == "body_too_large" else 400, error)


@pytest.mark.parametrize("body, error", [
    ({"message": "hi"}, "missing_sender"),
    ({"sender": None, "message": "hi"}, "missing_sender"),
    ({"sender": "   ", "message": "hi"}, "missing_sender"),
    ({"sender": ["a"], "message": "hi"}, "bad_sender"),
    ({"sender": {"id": 1}, "message": "hi"}, "bad_sender"),
    ({"sender": True, "message": "hi"}, "bad_sender"),
    ({"sender": "x" * 500, "message": "hi"}, "bad_sender"),
    ({"sender": "bad\x00sender", "message": "hi"}, "bad_sender"),
    ({"sender": "a"}, "missing_message"),
    ({"sender": "a", "message": 12}, "bad_message"),
    ({"sender": "a", "message": {"text": "hi"}}, "bad_message"),
    ({"sender": "a", "message": "hi", "metadata": "not an object"}, "bad_metadata"),
    ({"sender": "a", "message": "hi", "metadata": [1]}, "bad_metadata"),
    ({"sender": "a", "message": "hi", "metadata": {"blob": "x" * 20_000}}, "metadata_too_large"),
], ids=short_id)
def test_missing_or_wrong_fields_get_a_json_4xx(hardened_stack, body, error):
    response = post(hardened_stack, body)
    assert_clear_error(response, 413 if error == "metadata_too_large" else 400, error)


@pytest.mark.parametrize("message", [
    "🎓🤖 is A+ worth it? 👍🏽👩‍💻",
    "ما هي شهادة CompTIA A+؟",
    "מה זה תעודת A+?",
    "\u202eworth it a+ is",
    "<script>alert('x')</script> what is a+",
    "<img src=x onerror=alert(1)> compare a+ and network+",
    "is '; DROP TABLE records;-- worth it",
    "what is \"; DELETE FROM events; --",
    "/inform{\"credential\": \"'; DROP TABLE events;--\"}",
    "/inform{\"credential\": \"<script>alert(1)</script>\", \"state\": \"' OR 1=1 --\"}",
    "/ask_worth{\"credential\": \"" + "A" * 300 + "\"}",
    "/inform{broken json",
    "/nonexistent_intent",
    "/",
    "{{7*7}} ${jndi:ldap://x} %s%s%n",
    "ｉｓ ａ＋ ｗｏｒｔｈ ｉｔ",
    "A" * 4_999,
], ids=short_id)
def test_odd_but_valid_messages_get_a_reply(hardened_stack, message):
    response = post(hardened_stack, {"sender": "hostile-odd", "message": message})
    assert response.status_code == 200, response.text[:300]
    replies = response.json()
    assert isinstance(replies, list) and replies, f"no reply to {message[:60]!r}"
    assert all(isinstance(reply.get("recipient_id"), str) for reply in replies)
    for reply in replies:  # the bot never echoes markup back (the page must not be able to run it)
        assert "<script" not in json.dumps(reply).lower() and "onerror=" not in json.dumps(reply).lower(), reply


def test_sql_text_in_entity_values_does_not_touch_the_stores(hardened_stack):
    """The tracker store still works after SQL-like entity values (parameterised queries)."""
    sender = "hostile-sql-entities"
    hardened_stack.say(sender, "is '; DROP TABLE records;-- worth it")
    hardened_stack.say(sender, '/inform{"credential": "x\'); DROP TABLE events;--"}')
    tracker = requests.get(f"{hardened_stack.rasa_url}/conversations/{sender}/tracker",
                           params={"token": hardened_stack.auth_token}, timeout=30).json()
    texts = [event.get("text") for event in tracker["events"] if event["event"] == "user"]
    assert "is '; DROP TABLE records;-- worth it" in texts
    answers_normally(hardened_stack)


def test_stream_mode_is_guarded_too(hardened_stack):
    response = requests.post(f"{hardened_stack.rasa_url}/webhooks/rest/webhook?stream=true",
                             data=b"[1]", headers={"content-type": "application/json"}, timeout=60)
    assert response.status_code == 400
    ok = requests.post(f"{hardened_stack.rasa_url}/webhooks/rest/webhook?stream=true",
                       json={"sender": "hostile-stream", "message": "hello"}, timeout=60)
    assert ok.status_code == 200
    lines = [json.loads(line) for line in ok.text.splitlines() if line.strip()]
    assert lines and all("recipient_id" in line for line in lines)


def test_health_check_and_wrong_methods(hardened_stack):
    assert requests.get(f"{hardened_stack.rasa_url}/webhooks/rest/", timeout=10).json() == {"status": "ok"}
    assert 400 <= requests.get(f"{hardened_stack.rasa_url}/webhooks/rest/webhook", timeout=10).status_code < 500


def test_thousand_distinct_senders(hardened_stack):
    """1,000 conversations from distinct senders (loopback, 8 at a time): each one answered.

    Most send the /greet payload (the whole dialogue, tracker store and action server, without the NLU
    model, to keep the run short on 2 shared cores); every 20th types a greeting for the NLU.
    """
    def one(index: int) -> int:
        message = "hi there" if index % 20 == 0 else "/greet"
        response = requests.post(f"{hardened_stack.rasa_url}/webhooks/rest/webhook",
                                 json={"sender": f"crowd-{index:04d}", "message": message}, timeout=120)
        return response.status_code if response.ok and response.json() else -response.status_code

    crowd = int(os.environ.get("HARDENING_SENDERS", "1000"))  # lower it only for quick local runs
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(one, range(crowd)))
    assert statuses.count(200) == crowd, {code: statuses.count(code) for code in set(statuses)}
    with sqlite3.connect(hardened_stack.tracker_db) as db:
        stored = db.execute("SELECT COUNT(DISTINCT sender_id) FROM events WHERE sender_id LIKE 'crowd-%'").fetchone()[0]
    assert stored == crowd
    answers_normally(hardened_stack, "after-the-crowd")


def test_server_still_answers_after_hostile_input(hardened_stack):
    answers_normally(hardened_stack)
