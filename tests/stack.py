"""Starts the real action server and Rasa server on loopback for end-to-end tests, and stops them.

Tests talk to the assistant the way its users do (REST, socket.io, Slack webhooks), so they need the
real servers with the trained model, not mocks. Each stack gets its own ports, config files and logs.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import requests
import yaml

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = REPO / ".venv" / "bin"
MODEL = REPO / "models" / "credential-advisor.tar.gz"
STARTUP_TIMEOUT_S = float(os.environ.get("STACK_STARTUP_TIMEOUT", "420"))


def free_port() -> int:
    """A TCP port nobody listens on right now (loopback only)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    """Polls `url` until it answers; fails fast with the log tail when the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{tail(log)}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"server at {url} not ready after {timeout:.0f}s:\n{tail(log)}")


def start_redis(workdir: Path, timeout: float = 20) -> subprocess.Popen:
    """A private redis-server on loopback (no persistence), answering PING when returned; its port is `.port`."""
    import redis

    port = free_port()
    log = workdir / "redis.log"
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(workdir)],
                               stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    process.port = port  # type: ignore[attr-defined]
    client, deadline = redis.Redis(port=port), time.monotonic() + timeout
    while True:
        try:
            client.ping()
            return process
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"redis-server did not start on port {port}:\n{tail(log)}")
            time.sleep(0.1)


def tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"


@dataclass
class Stack:
    """A running pair of servers; `rasa_url` and `action_url` are their base addresses."""

    rasa_url: str
    action_url: str
    auth_token: str
    workdir: Path
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)
    logs: Dict[str, Path] = field(default_factory=dict)

    def say(self, sender: str, message: str, metadata: Optional[dict] = None, timeout: float = 60) -> List[dict]:
        """Sends one message over the REST channel and returns the bot's messages."""
        body = {"sender": sender, "message": message}
        if metadata is not None:
            body["metadata"] = metadata
        response = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=timeout)
        response.raise_for_status()
        return response.json()

    def log_text(self, name: str) -> str:
        return self.logs[name].read_text(errors="replace")

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def start_stack(
    credentials: Optional[dict] = None,
    endpoints: Optional[dict] = None,
    env: Optional[Dict[str, str]] = None,
    cors: Sequence[str] = ("http://localhost:8080",),
    model: Path = MODEL,
    rasa_args: Sequence[str] = (),
) -> Stack:
    """Starts the action server, then `rasa run` with the trained model, and waits until both answer.

    `credentials` and `endpoints` are written to the stack's own files (the repository's files are
    used when omitted); `env` adds environment variables for both servers; `rasa_args` are appended to
    the `rasa run` command line (e.g. a logging config).
    """
    if not model.exists():
        raise RuntimeError(f"no trained model at {model}: run `make model` first")
    workdir = Path(tempfile.mkdtemp(prefix="ca-stack-"))
    action_port, rasa_port = free_port(), free_port()
    auth_token = "test-token-" + os.urandom(8).hex()
    process_env = {**os.environ, "PYTHONPATH": str(REPO), "TF_CPP_MIN_LOG_LEVEL": "2", "SANIC_HOST": "127.0.0.1",
                   **(env or {})}

    endpoint_config = dict(endpoints or {})
    endpoint_config["action_endpoint"] = {"url": f"http://127.0.0.1:{action_port}/webhook"}
    (workdir / "endpoints.yml").write_text(yaml.safe_dump(endpoint_config))
    if credentials is None:
        credentials_file = REPO / "credentials.yml"
    else:
        credentials_file = workdir / "credentials.yml"
        credentials_file.write_text(yaml.safe_dump(credentials))

    stack = Stack(
        rasa_url=f"http://127.0.0.1:{rasa_port}",
        action_url=f"http://127.0.0.1:{action_port}",
        auth_token=auth_token,
        workdir=workdir,
    )
    commands = {
        "actions": [str(VENV_BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(action_port)],
        "rasa": [
            str(VENV_BIN / "rasa"), "run", "--model", str(model), "--endpoints", str(workdir / "endpoints.yml"),
            "--credentials", str(credentials_file), "--interface", "127.0.0.1", "--port", str(rasa_port),
            "--enable-api", "--auth-token", auth_token, "--cors", *cors, *rasa_args,
        ],
    }
    try:
        for name, command in commands.items():
            log = workdir / f"{name}.log"
            stack.logs[name] = log
            stack.processes[name] = subprocess.Popen(
                command, cwd=REPO, env=process_env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for_http(f"{stack.action_url}/health", stack.processes["actions"], stack.logs["actions"], STARTUP_TIMEOUT_S)
        wait_for_http(f"{stack.rasa_url}/", stack.processes["rasa"], stack.logs["rasa"], STARTUP_TIMEOUT_S)
        wait_for_model(stack)
    except Exception:
        stack.stop()
        raise
    return stack


def wait_for_model(stack: Stack) -> None:
    """`rasa run` answers / before the model is loaded; /status says when it is ready."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        status = requests.get(f"{stack.rasa_url}/status", params={"token": stack.auth_token}, timeout=5)
        if status.ok and status.json().get("model_file"):
            return
        time.sleep(0.5)
    raise RuntimeError(f"model not loaded after {STARTUP_TIMEOUT_S:.0f}s:\n{tail(stack.logs['rasa'])}")
