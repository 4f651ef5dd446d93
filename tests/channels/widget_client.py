"""Talks to Rasa's socket.io channel exactly as rasa-webchat 1.0.1 does: session_request, then
user_uttered {message, customData, session_id}; bot replies arrive as bot_uttered."""
from __future__ import annotations

import queue
import threading
import time
import uuid
from typing import Any, Dict, List, Optional

import requests
import socketio


class WidgetSession:
    def __init__(self, rasa_url: str, custom_data: Optional[Dict[str, Any]] = None, origin: Optional[str] = None,
                 ca_cert: Optional[str] = None) -> None:
        self.custom_data = dict(custom_data or {})
        self.session_id = uuid.uuid4().hex
        self.replies: "queue.Queue[Dict[str, Any]]" = queue.Queue()
        self._confirmed = threading.Event()
        # behind TLS (nginx in production) the client checks the certificate against ca_cert
        session = requests.Session()
        session.trust_env = False  # else REQUESTS_CA_BUNDLE from the environment wins over `verify`
        session.verify = ca_cert or True
        self.client = socketio.Client(reconnection=False, http_session=session)
        self.client.on("session_confirm", lambda *_: self._confirmed.set())
        self.client.on("bot_uttered", lambda data: self.replies.put(data))
        transports = ["polling"] if ca_cert else ["polling", "websocket"]
        self.client.connect(rasa_url, socketio_path="/socket.io", transports=transports,
                            headers={"Origin": origin} if origin else {}, wait_timeout=30)
        self.client.emit("session_request", {"session_id": self.session_id})
        if not self._confirmed.wait(30):
            raise AssertionError("no session_confirm from Rasa's socket.io channel")

    def say(self, text: str, timeout: float = 90, quiet: float = 2.5) -> List[Dict[str, Any]]:
        """Sends one message; returns every bot message until the bot has been quiet for `quiet` seconds."""
        self.client.emit("user_uttered", {"message": text, "customData": self.custom_data, "session_id": self.session_id})
        replies = [self.replies.get(timeout=timeout)]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                replies.append(self.replies.get(timeout=quiet))
            except queue.Empty:
                break
        return replies

    def close(self) -> None:
        self.client.disconnect()


def text_of(replies: List[Dict[str, Any]]) -> str:
    """Everything the user would read: texts and button titles."""
    parts = []
    for reply in replies:
        parts.append(str(reply.get("text") or ""))
        parts.extend(str(button.get("title", "")) for button in reply.get("quick_replies") or reply.get("buttons") or [])
    return "\n".join(parts)
