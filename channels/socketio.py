"""Rasa's socket.io channel with the session room join awaited (credentials.yml key `channels.socketio.SocketIOInput`).

Rasa 3.6's SocketIOInput calls `sio.enter_room(sid, session_id)` without `await`. In python-socketio 5.x as
installed here (5.18), `AsyncServer.enter_room` is a coroutine, so the call never runs: with
`session_persistence: true` (which rasa-webchat needs) the browser never joins its session's room and every
bot reply, sent to that room, is lost. The channel name stays "socketio"; everything else is Rasa's.
"""
from __future__ import annotations

import inspect
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint

logger = logging.getLogger(__name__)


class SocketIOInput(RasaSocketIOInput):
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socketio_webhook = super().blueprint(on_new_message)
        sio = self.sio

        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            data = data if isinstance(data, dict) else {}
            if not data.get("session_id"):
                data["session_id"] = uuid.uuid4().hex
            if self.session_persistence:
                joined = sio.enter_room(sid, data["session_id"], namespace=self.namespace)
                if inspect.isawaitable(joined):  # python-socketio >= 5.10: a coroutine
                    await joined
            await sio.emit("session_confirm", data["session_id"], room=sid, namespace=self.namespace)
            logger.debug(f"User {sid} joined session {data['session_id']}.")

        sio.on("session_request", session_request, namespace=self.namespace)  # replaces Rasa's handler
        # --- hardening (channels/guard.py): every message is checked and redacted before Rasa sees it ---
        from channels import guard

        guard.install_socketio_guard(self)
        # --- end hardening ---
        return socketio_webhook
