"""A local stand-in for Slack: the Web API (chat.postMessage) the bot posts to, and signed Events API requests.

Only Slack's Web API is faked (the bot must not post to the real Slack from tests); everything on the Rasa
side is real. The fake checks the bearer token and records every call.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional
from urllib.parse import parse_qs


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's request signature: v0= + HMAC-SHA256(secret, "v0:{timestamp}:{body}")."""
    digest = hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return f"v0={digest}"


def signed_headers(secret: str, body: bytes, content_type: str = "application/json",
                   timestamp: Optional[int] = None) -> Dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature(secret, stamp, body),
    }


class FakeSlack:
    """Threaded HTTP server speaking enough of https://slack.com/api/ for chat.postMessage."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: List[Dict[str, Any]] = []
        self._changed = threading.Condition()
        self._ts = 1700000000.0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if (self.headers.get("Content-Type") or "").startswith("application/json"):
                    params = json.loads(raw or b"{}")
                else:
                    params = {key: values[0] for key, values in parse_qs(raw.decode()).items()}
                method = self.path.rsplit("/", 1)[-1]
                answer = fake.record(method, params, self.headers.get("Authorization", ""))
                body = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def start(self) -> "FakeSlack":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def record(self, method: str, params: Dict[str, Any], authorization: str) -> Dict[str, Any]:
        if authorization != f"Bearer {self.token}":
            return {"ok": False, "error": "invalid_auth"}
        if method != "chat.postMessage":
            return {"ok": False, "error": "unknown_method"}
        with self._changed:
            self._ts += 1
            ts = f"{self._ts:.6f}"
            self.calls.append({"method": method, "params": params, "ts": ts})
            self._changed.notify_all()
        return {"ok": True, "channel": params.get("channel"), "ts": ts, "message": {"text": params.get("text")}}

    def posts(self, predicate: Callable[[Dict[str, Any]], bool] = lambda params: True) -> List[Dict[str, Any]]:
        with self._changed:
            return [call["params"] for call in self.calls if predicate(call["params"])]

    def wait_for(self, predicate: Callable[[Dict[str, Any]], bool], count: int = 1, timeout: float = 60) -> List[Dict[str, Any]]:
        """Waits until `count` chat.postMessage calls match `predicate`; returns them."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [call["params"] for call in self.calls if predicate(call["params"])]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"{len(found)} of {count} expected Slack posts after {timeout:.0f}s; got {self.calls}")
                self._changed.wait(remaining)


def block_text(params: Dict[str, Any]) -> str:
    """All text a chat.postMessage call shows (fallback text + every block), for assertions."""
    parts = [str(params.get("text") or "")]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                parts.append(node["text"])
            for value in node.values():
                if isinstance(value, (dict, list)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(params.get("blocks") or [])
    return "\n".join(parts)
