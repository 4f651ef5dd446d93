"""The input guard: every input channel passes each incoming message through `guard_message`.

It turns hostile or broken input into a clear reply or a 4xx before anything reaches Rasa, and it
redacts personal details (names in introductions, emails, phone numbers, dates of birth, SSNs, student
and state ids, addresses, social handles, logins: privacy/redact.py) from the text and metadata, so they
never reach the NLU, the tracker store, the action server or the logs. Parts of a message that only
carried such details are dropped when a question remains (privacy/focus.py), so "hi I'm Maria, my email
is ... is CNA worth it?" reaches Rasa as "is CNA worth it?".

    verdict = guard_message(sender, text, metadata, channel="rest")
    verdict.ok       -> pass verdict.sender / verdict.text / verdict.metadata on to Rasa
    verdict.reply    -> (not ok) a sentence to show the user, e.g. for an empty message
    verdict.status   -> (not ok) the HTTP status for channels that answer over HTTP (400, 413)
    verdict.error    -> (not ok) a short machine code, e.g. "message_too_long"

Channel helpers:
  * `guard_json_body(raw_bytes, channel)`     REST-style JSON bodies (sender/message/metadata)
  * `wrap_on_new_message(on_new_message, ch)` for channels that build a UserMessage themselves (Slack)
  * `protect_blueprint(blueprint)`            request-level checks (size, UTF-8, JSON object) for a
                                              channel blueprint that parses the body itself (Slack)
  * `install_socketio_guard(socketio_input)`  wraps the socket.io `user_uttered` handler

Limits come from the environment: GUARD_MAX_MESSAGE_CHARS (5000), GUARD_MAX_BODY_BYTES (65536),
GUARD_MAX_METADATA_BYTES (16384). Senders that look like personal details (an email or phone number
used as a conversation id) are replaced with a stable pseudonym keyed by PRIVACY_SENDER_SALT.
"""
from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Dict, Optional, Tuple

from privacy import logfilter
from privacy.identity import pseudonym
from privacy.focus import without_detail_only_parts
from privacy.redact import contains_pii, redact, redact_value

logger = logging.getLogger(__name__)


def _int_env(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name, default))
        return value if value > 0 else default
    except ValueError:
        return default


MAX_MESSAGE_CHARS = _int_env("GUARD_MAX_MESSAGE_CHARS", 5000)
MAX_BODY_BYTES = _int_env("GUARD_MAX_BODY_BYTES", 64 * 1024)
MAX_METADATA_BYTES = _int_env("GUARD_MAX_METADATA_BYTES", 16 * 1024)
MAX_SENDER_CHARS = 128

REPLY_EMPTY = "I didn't get any words there. Type a question, for example: What is CompTIA A+?"
REPLY_TOO_LONG = (
    "That message is too long for me ({length:,} characters). Please keep it under {limit:,} characters "
    "and ask one question at a time."
)
REPLY_UNREADABLE = "I couldn't read that message. Please type your question as plain text."
REPLY_NO_SESSION = "Your chat session was lost. Please reload the page to start again."

# Invisible characters that can hide text from people or from the redaction patterns: bidi
# embeddings/overrides/isolates, zero-width space, word joiner, BOM. (ZWJ/ZWNJ stay: emoji and
# Persian need them.)
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]")
# C0/C1 control characters except tab and newline
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CHANNEL_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


@dataclass
class Verdict:
    ok: bool
    sender: Optional[str] = None
    text: Optional[str] = None
    metadata: Optional[Dict[str, Any]] = None
    status: int = 200
    error: Optional[str] = None
    detail: Optional[str] = None
    reply: Optional[str] = None
    notes: Dict[str, Any] = field(default_factory=dict)

    def error_body(self) -> Dict[str, Any]:
        return {"error": self.error, "detail": self.detail}


def _reject(status: int, error: str, detail: str, reply: Optional[str] = None, **kw: Any) -> Verdict:
    return Verdict(ok=False, status=status, error=error, detail=detail, reply=reply or detail, **kw)


def clean_text(text: str) -> str:
    """Plain, storable text: valid Unicode (lone surrogates replaced), NFC, no control/invisible chars."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub(" ", _INVISIBLE.sub("", text)).strip()


def check_sender(sender: Any, pseudonymize: bool = True) -> Tuple[Optional[str], Optional[Verdict]]:
    if sender is None or (isinstance(sender, str) and not sender.strip()):
        return None, _reject(400, "missing_sender", "The request needs a non-empty `sender` (the conversation id).")
    if isinstance(sender, bool) or not isinstance(sender, (str, int)):
        return None, _reject(400, "bad_sender", "`sender` must be a string (or an integer).")
    sender = str(sender).strip()
    if len(sender) > MAX_SENDER_CHARS:
        return None, _reject(400, "bad_sender", f"`sender` is longer than {MAX_SENDER_CHARS} characters.")
    if _CONTROL.search(sender) or _INVISIBLE.search(sender) or "\ufffd" in sender.encode("utf-8", "replace").decode():
        return None, _reject(400, "bad_sender", "`sender` contains control or invalid characters.")
    if contains_pii(sender):
        if not pseudonymize:
            return None, _reject(400, "bad_sender", "`sender` looks like personal information; use a random id.")
        sender = pseudonym(sender)
    return sender, None


def check_metadata(metadata: Any) -> Tuple[Optional[Dict[str, Any]], Optional[Verdict]]:
    if metadata is None:
        return None, None
    if isinstance(metadata, str):  # the socket.io channel accepts metadata as a JSON string
        try:
            metadata = json.loads(metadata) if metadata.strip() else {}
        except ValueError:
            return None, _reject(400, "bad_metadata", "`metadata` must be a JSON object.", REPLY_UNREADABLE)
    if not isinstance(metadata, dict):
        return None, _reject(400, "bad_metadata", "`metadata` must be a JSON object.", REPLY_UNREADABLE)
    try:
        size = len(json.dumps(metadata, ensure_ascii=False, default=str).encode("utf-8", "replace"))
    except (TypeError, ValueError, RecursionError):
        return None, _reject(400, "bad_metadata", "`metadata` could not be read.", REPLY_UNREADABLE)
    if size > MAX_METADATA_BYTES:
        return None, _reject(413, "metadata_too_large", f"`metadata` is larger than {MAX_METADATA_BYTES} bytes.")
    return redact_value(_plain_widget_fields(metadata)), None


# Widget/portal fields that actions copy into slots (CONTRACT: customData {school, grade_band, state,
# language}): only short strings get through, anything else (lists, objects, numbers) is dropped.
WIDGET_FIELDS = ("school", "grade_band", "state", "language")


def _plain_widget_fields(metadata: Dict[str, Any]) -> Dict[str, Any]:
    def clean(mapping: Dict[str, Any]) -> Dict[str, Any]:
        result = dict(mapping)
        for key in WIDGET_FIELDS:
            if key in result:
                value = result[key]
                if isinstance(value, str) and len(value) <= 100:
                    result[key] = clean_text(value)
                else:
                    result.pop(key)
        return result

    cleaned = clean(metadata)
    for key in ("customData", "custom_data"):
        if isinstance(cleaned.get(key), dict):
            cleaned[key] = clean(cleaned[key])
        elif key in cleaned and cleaned[key] is not None:
            cleaned.pop(key)
    return cleaned


def guard_message(
    sender: Any,
    text: Any,
    metadata: Any = None,
    channel: str = "rest",
    pseudonymize_sender: bool = True,
) -> Verdict:
    """The one input check for every channel: validates, cleans and redacts one incoming message."""
    clean_sender, problem = check_sender(sender, pseudonymize_sender)
    if problem:
        return problem
    if text is None:
        return _reject(400, "missing_message", "The request needs a `message` (the user's text).", REPLY_EMPTY,
                       sender=clean_sender)
    if not isinstance(text, str):
        return _reject(400, "bad_message", "`message` must be a string.", REPLY_UNREADABLE, sender=clean_sender)
    if len(text) > MAX_MESSAGE_CHARS * 4:  # do not even clean something this big
        return _reject(413, "message_too_long", f"`message` is longer than {MAX_MESSAGE_CHARS} characters.",
                       REPLY_TOO_LONG.format(length=len(text), limit=MAX_MESSAGE_CHARS), sender=clean_sender)
    cleaned = clean_text(text)
    if not cleaned:
        return _reject(200, "empty_message", "The message is empty.", REPLY_EMPTY, sender=clean_sender)
    if len(cleaned) > MAX_MESSAGE_CHARS:
        return _reject(413, "message_too_long", f"`message` is longer than {MAX_MESSAGE_CHARS} characters.",
                       REPLY_TOO_LONG.format(length=len(cleaned), limit=MAX_MESSAGE_CHARS), sender=clean_sender)
    clean_metadata, problem = check_metadata(metadata)
    if problem:
        problem.sender = clean_sender
        return problem
    redacted = redact(cleaned)
    focused = without_detail_only_parts(redacted)
    return Verdict(ok=True, sender=clean_sender, text=focused, metadata=clean_metadata,
                   notes={"redacted": redacted != cleaned, "details_dropped": focused != redacted, "channel": channel})




def parse_json_object(raw: bytes) -> Tuple[Optional[Dict[str, Any]], Optional[Verdict]]:
    """The request body as a JSON object, or a 4xx verdict (too large, invalid UTF-8, not JSON, not an object)."""
    if raw is None or not raw.strip():
        return None, _reject(400, "empty_body", "The request body is empty; send a JSON object.")
    if len(raw) > MAX_BODY_BYTES:
        return None, _reject(413, "body_too_large", f"The request body is larger than {MAX_BODY_BYTES} bytes.",
                             REPLY_TOO_LONG.format(length=len(raw), limit=MAX_MESSAGE_CHARS))
    try:
        body_text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, _reject(400, "invalid_utf8", "The request body is not valid UTF-8.", REPLY_UNREADABLE)
    try:
        body = json.loads(body_text)
    except (ValueError, RecursionError):
        return None, _reject(400, "invalid_json", "The request body is not valid JSON.", REPLY_UNREADABLE)
    if not isinstance(body, dict):
        return None, _reject(400, "not_an_object", "The request body must be a JSON object.", REPLY_UNREADABLE)
    return body, None


def guard_json_body(raw: bytes, channel: str = "rest") -> Tuple[Verdict, Dict[str, Any]]:
    """REST-style body {"sender", "message", "metadata", "input_channel"} -> (verdict, parsed body)."""
    body, problem = parse_json_object(raw)
    if problem:
        return problem, {}
    return guard_message(body.get("sender"), body.get("message"), body.get("metadata"), channel), body


def input_channel_name(requested: Any, default: str) -> str:
    """The client may name its input channel (as in Rasa's RestInput) but only with a plain identifier."""
    return requested if isinstance(requested, str) and _CHANNEL_NAME.match(requested) else default


# ---------------------------------------------------------------------------------------------
# Helpers for channels that Rasa implements (Slack, socket.io): the smallest hooks to call.


def wrap_on_new_message(
    on_new_message: Callable[[Any], Awaitable[Any]], channel: str, pseudonymize_sender: bool = True
) -> Callable[[Any], Awaitable[Any]]:
    """Wraps Rasa's `on_new_message`: guards and redacts each UserMessage; rejected ones get a reply."""
    logfilter.install()

    async def guarded(message: Any) -> Any:
        verdict = guard_message(message.sender_id, message.text, message.metadata, channel, pseudonymize_sender)
        if verdict.ok:
            message.sender_id, message.text, message.metadata = verdict.sender, verdict.text, verdict.metadata
            return await on_new_message(message)
        logger.info(f"{channel}: rejected a message ({verdict.error})")
        if verdict.error in ("missing_sender", "bad_sender"):  # nobody to answer: drop it
            return None
        if verdict.reply and message.output_channel is not None:
            try:
                await message.output_channel.send_text_message(verdict.sender or message.sender_id, verdict.reply)
            except Exception as error:  # the reply is best effort (e.g. Slack API unreachable)
                logger.warning(f"{channel}: could not send the rejection reply: {type(error).__name__}")
        return None

    return guarded


def protect_blueprint(
    blueprint: Any, channel: str, authentic: Optional[Callable[[Any], bool]] = None
) -> Any:
    """Adds request-level checks to a channel blueprint that parses bodies itself (e.g. Slack).

    POST bodies that are too large, not UTF-8, or (for JSON content) not a JSON object get a JSON 4xx
    instead of a 500 from deep inside the channel. Form bodies with a `payload` field must carry a
    JSON object there. With `authentic` (e.g. the Slack signature check), requests that fail it are
    left to the channel, which answers them itself (401).
    """
    from sanic import response

    logfilter.install()

    @blueprint.middleware("request")
    async def _guard_request(request: Any) -> Any:
        if request.method != "POST":
            return None
        if authentic is not None and not authentic(request):
            return None
        raw = request.body or b""
        content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if content_type == "application/json":
            _, problem = parse_json_object(raw)
        elif len(raw) > MAX_BODY_BYTES:
            _, problem = parse_json_object(raw)
        else:
            problem = None
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                _, problem = parse_json_object(raw)
            if problem is None and content_type == "application/x-www-form-urlencoded":
                payload = request.form.get("payload") if request.form else None
                if payload is not None:
                    _, problem = parse_json_object(payload.encode("utf-8"))
        if problem:
            logger.info(f"{channel}: rejected a request ({problem.error})")
            return response.json(problem.error_body(), status=problem.status)
        return None

    return blueprint


def install_socketio_guard(socketio_input: Any) -> None:
    """Wraps the `user_uttered` handler of a SocketIOInput after its `blueprint()` ran.

    Anything that is not {"message": str, "session_id": ..., <metadata_key>: {...}} gets a bot reply
    explaining the problem instead of an exception in the socket.io server; valid messages are
    cleaned and redacted before Rasa's own handler sees them.
    """
    logfilter.install()
    sio = socketio_input.sio
    namespace = socketio_input.namespace or "/"
    event = socketio_input.user_message_evt
    original = sio.handlers[namespace][event]
    metadata_key = socketio_input.metadata_key
    bot_event = socketio_input.bot_message_evt

    async def reply(sid: str, text: str) -> None:
        await sio.emit(bot_event, {"text": text}, room=sid, namespace=socketio_input.namespace)

    async def guarded(sid: str, data: Any = None, *_: Any) -> None:
        if not isinstance(data, dict):
            logger.info("socketio: rejected a message (not_an_object)")
            return await reply(sid, REPLY_UNREADABLE)
        if socketio_input.session_persistence:
            sender = data.get("session_id")
            if not sender:
                logger.info("socketio: rejected a message (missing session_id)")
                return await reply(sid, REPLY_NO_SESSION)
        else:
            sender = sid
        verdict = guard_message(sender, data.get("message"), data.get(metadata_key), "socketio",
                                pseudonymize_sender=False)
        if not verdict.ok:
            logger.info(f"socketio: rejected a message ({verdict.error})")
            return await reply(sid, verdict.reply or REPLY_UNREADABLE)
        cleaned = dict(data)
        cleaned["message"] = verdict.text
        cleaned[metadata_key] = verdict.metadata or {}
        return await original(sid, cleaned)

    sio.on(event, namespace=socketio_input.namespace)(guarded)

