"""Redaction rules, the input guard, the logging filter and the redacting tracker store, in-process."""
from __future__ import annotations

import io
import json
import logging
import logging.config
import sqlite3

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from channels import guard
from privacy.logfilter import RedactingFilter, install
from privacy.redact import contains_pii, redact, redact_value
from tests.stack import REPO


@pytest.mark.parametrize("text, expected", [
    ("my email is sam.lee+x@school.k12.ca.us ok", "my email is [email] ok"),
    ("write to sam at gmail dot com", "write to [email]"),
    ("call (555) 201-3344", "call [phone]"),
    ("call 555.201.3344 or +1 555 201 3344", "call [phone] or [phone]"),
    ("text me 5552013344", "text me [phone]"),
    ("uk +44 20 7946 0958", "uk [phone]"),
    ("call me at 201-3344", "call me at [phone]"),
    ("I live at 1234 N. Oak Hill Rd, Apt 4B, Springfield, IL 62704 now", "I live at [address] now"),
    ("i live at 12 main st", "i live at [address]"),
    ("742 Evergreen Terrace", "[address]"),
    ("PO Box 123", "[address]"),
    ("student id 123456", "[student id]"),
    ("my student ID: S1234567", "my [student id]"),
    ("ID# S1234567", "[student id]"),
    ("id number 12345", "[student id]"),
    ("my id is 20231234", "my [student id]"),
    ("S1234567 is me", "[student id] is me"),
    ("ssn 123-45-6789", "ssn [ssn]"),
    ("card 4111 1111 1111 1111", "card [number]"),
])
def test_personal_details_become_placeholders(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "is '; DROP TABLE records;-- worth it", "does comptia a+ cost $253 in 2024-2025",
    "I have 3 years of experience and drive", "how long is the 220-1101 exam", "is network+ worth it for 10th grade",
    "about $100", "soc 15-1232 outlook 8.9 percent", "i am 15 and in grade 10", "A+ costs $1,200 maybe",
    "I can study 5 hours a week", "look at the badge", "I did 40 hours of training in 2023", "from 2019 - 2024",
    "U0TEST1_C0TEST_1700000000.000100", "what is comptia a+", "osha 10 construction", "sy0-701 or n10-009",
    "🎓 ما هي شهادة", "/inform{\"credential\": \"comptia-a-plus\"}",
])
def test_ordinary_questions_stay_as_they_are(text):
    assert redact(text) == text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_redact_never_fails_and_is_idempotent(text):
    once = redact(text)
    assert isinstance(once, str) and redact(once) == once


def test_redact_value_walks_json_and_keeps_keys():
    value = {"a@b.org": ["mail a@b.org", {"phone": "555-201-3344"}], "n": 5, "message_id": "S1234567"}
    assert redact_value(value, skip_keys=["message_id"]) == {
        "a@b.org": ["mail [email]", {"phone": "[phone]"}], "n": 5, "message_id": "S1234567"}
    deep = current = {}
    for _ in range(200):
        current["x"] = {}
        current = current["x"]
    redact_value(deep)  # hostile nesting does not recurse forever


def test_widget_fields_must_be_short_text():
    verdict = guard.guard_message("a", "hi", {"school": ["x"], "state": "NC", "customData": {
        "school": {"id": 1}, "grade_band": "high", "language": 5, "extra": [1]}})
    assert verdict.metadata == {"state": "NC", "customData": {"grade_band": "high", "extra": [1]}}
    assert guard.guard_message("a", "hi", {"customData": "oops"}).metadata == {}


def test_guard_cleans_redacts_and_pseudonymises():
    verdict = guard.guard_message("sam@x.org", "  my id is S1234567 \u202e\u200b hi\x00 ", {"mail": "a@b.org"})
    assert verdict.ok and verdict.text == "my [student id]  hi" and verdict.metadata == {"mail": "[email]"}
    assert verdict.sender.startswith("anon-") and verdict.sender == guard.pseudonym("sam@x.org")
    assert guard.guard_message(12345, "hi").sender == "12345"
    lone_surrogate = guard.guard_message("a", "\ud800 hi")
    assert lone_surrogate.ok and lone_surrogate.text.encode("utf-8")


@pytest.mark.parametrize("raw, status, error", [
    (b"", 400, "empty_body"), (b"\xff", 400, "invalid_utf8"), (b"{x", 400, "invalid_json"),
    (b"[]", 400, "not_an_object"), (b'{"message": "hi"}', 400, "missing_sender"),
    (b'{"sender": "a"}', 400, "missing_message"), (b'{"sender": "a", "message": " "}', 200, "empty_message"),
    (json.dumps({"sender": "a", "message": "x" * 5001}).encode(), 413, "message_too_long"),
    (b"x" * (guard.MAX_BODY_BYTES + 1), 413, "body_too_large"),
])
def test_guard_json_body_verdicts(raw, status, error):
    verdict, _ = guard.guard_json_body(raw)
    assert (verdict.ok, verdict.status, verdict.error) == (False, status, error)
    assert verdict.detail and verdict.reply


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                              lambda children: st.lists(children, max_size=4)
                              | st.dictionaries(st.sampled_from(["sender", "message", "metadata", "x"]), children,
                                                max_size=4), max_leaves=12).map(lambda v: json.dumps(v).encode())))
def test_guard_never_raises_on_any_body(raw):
    verdict, _ = guard.guard_json_body(raw)
    assert verdict.ok or (verdict.error and (verdict.status == 200 or 400 <= verdict.status < 500))
    if verdict.ok:
        assert isinstance(verdict.text, str) and verdict.text and len(verdict.text) <= guard.MAX_MESSAGE_CHARS
        assert isinstance(verdict.sender, str) and not contains_pii(verdict.sender)


def test_logging_config_file_redacts_records():
    config = yaml.safe_load((REPO / "privacy" / "logging.yml").read_text())
    stream = io.StringIO()
    config["handlers"]["console"]["stream"] = stream
    root = logging.getLogger()
    saved = root.handlers[:], root.filters[:], root.level
    try:
        logging.config.dictConfig(config)
        log = logging.getLogger("rasa.core.processor")
        log.warning("Received user message '%s'", "mail sam@x.org, call 555-201-3344")
        log.warning({"event": "x", "text": "id S1234567"})
        try:
            raise ValueError("bad value sam@x.org")
        except ValueError:
            log.exception("failed for 12 Oak Street")
    finally:
        root.handlers, root.filters = saved[0], saved[1]
        root.setLevel(saved[2])
    output = stream.getvalue()
    assert "sam@x.org" not in output and "555-201-3344" not in output and "S1234567" not in output
    assert "Oak Street" not in output
    assert "[email]" in output and "[phone]" in output and "[student id]" in output and "[address]" in output


def test_install_adds_the_filter_to_existing_handlers_once():
    handler = logging.StreamHandler(io.StringIO())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        install()
        install()
        assert sum(isinstance(f, RedactingFilter) for f in handler.filters) == 1
    finally:
        root.removeHandler(handler)
        root.filters = [f for f in root.filters if not isinstance(f, RedactingFilter)]
        logging.captureWarnings(False)
