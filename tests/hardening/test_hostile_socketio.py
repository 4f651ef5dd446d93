"""Hostile input at the socket.io boundary (channels.socketio.SocketIOInput + guard.install_socketio_guard)."""
from __future__ import annotations

import queue
import time
import uuid

import pytest
import requests
import socketio
import websocket

from tests.hardening.conftest import answers_normally

pytestmark = pytest.mark.stack


class Chat:
    """A socket.io client speaking like rasa-webchat 1.0.1 (session_request, user_uttered, customData)."""

    def __init__(self, url: str, session_id: str = None) -> None:
        self.replies: "queue.Queue[dict]" = queue.Queue()
        self.session_id = session_id or uuid.uuid4().hex
        self.client = socketio.Client(reconnection=False)
        confirmed: "queue.Queue[str]" = queue.Queue()
        self.client.on("bot_uttered", lambda data: self.replies.put(data))
        self.client.on("session_confirm", lambda data: confirmed.put(data))
        self.client.connect(url, socketio_path="/socket.io", transports=["websocket"], wait_timeout=20)
        self.client.emit("session_request", {"session_id": self.session_id})
        assert confirmed.get(timeout=20) == self.session_id

    def send(self, data) -> None:
        self.client.emit("user_uttered", data)

    def say(self, text: str, **extra) -> dict:
        self.send({"message": text, "session_id": self.session_id, "customData": {"language": "en"}, **extra})
        return self.first_reply()

    def first_reply(self, timeout: float = 60) -> dict:
        reply = self.replies.get(timeout=timeout)
        time.sleep(0.3)  # let the rest of this answer arrive, then drop it
        while not self.replies.empty():
            self.replies.get_nowait()
        return reply

    def close(self) -> None:
        self.client.disconnect()


@pytest.fixture
def chat(hardened_stack):
    client = Chat(hardened_stack.rasa_url)
    yield client
    client.close()


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u200b"])
def test_empty_messages_get_a_clear_reply(chat, text):
    assert "question" in chat.say(text)["text"]


def test_100_kb_message_gets_a_too_long_reply(chat):
    reply = chat.say("why " * 25_600)
    assert "too long" in reply["text"] and "5,000" in reply["text"]


@pytest.mark.parametrize("data", [
    "just a string",
    ["a", "list"],
    12,
    None,
    b"\xff\xfe\xfd invalid utf-8 bytes",
])
def test_payloads_that_are_not_objects_get_a_reply(chat, data):
    chat.send(data)
    assert "couldn't read" in chat.first_reply()["text"]


def test_message_that_is_not_text_gets_a_reply(chat):
    chat.send({"message": {"nested": "object"}, "session_id": chat.session_id})
    assert "couldn't read" in chat.first_reply()["text"]


def test_metadata_that_is_not_an_object_gets_a_reply(chat):
    chat.send({"message": "hi", "session_id": chat.session_id, "customData": "{not json"})
    assert "couldn't read" in chat.first_reply()["text"]


def test_missing_session_gets_a_reply(chat):
    chat.send({"message": "hi"})
    assert "session" in chat.first_reply()["text"]


@pytest.mark.parametrize("text", [
    "🎓🤖 is A+ worth it? 👍🏽👩‍💻",
    "ما هي شهادة CompTIA A+؟",
    "<script>alert('x')</script> what is a+",
    "is '; DROP TABLE records;-- worth it",
    '/inform{"credential": "\'; DROP TABLE events;--"}',
])
def test_odd_but_valid_messages_get_a_reply(chat, text):
    reply = chat.say(text)
    assert reply.get("text") or reply.get("quick_replies") or reply.get("attachment")
    assert "<script" not in str(reply).lower()


def test_raw_garbage_frames_do_not_take_the_server_down(hardened_stack):
    url = hardened_stack.rasa_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    for frames in (
        ["40", '42["user_uttered", {broken'],
        ["40", "42" + "[" * 5000],
        ["40"],
    ):
        connection = websocket.create_connection(url, timeout=10)
        try:
            connection.recv()  # engine.io open packet
            for frame in frames:
                connection.send(frame)
            connection.send_binary(b"\xff\xfe\x00garbage")
        except websocket.WebSocketException:
            pass
        finally:
            connection.close()
    assert requests.get(f"{hardened_stack.rasa_url}/socket.io/?EIO=4&transport=polling", timeout=10).status_code == 200
    answers_normally(hardened_stack, "after-socket-garbage")


def test_socket_still_answers_a_normal_question(hardened_stack):
    client = Chat(hardened_stack.rasa_url)
    try:
        assert client.say("what is comptia a+").get("text")
    finally:
        client.close()
