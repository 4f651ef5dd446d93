"""`make shell` (scripts/shell.sh) driven through a pseudo-terminal: the counselor types a question into
`rasa shell` and reads a grounded answer; leaving the shell stops the action server it started."""
from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import socket
import struct
import subprocess
import termios
import time

import pytest

from tests.channels.conftest import need
from tests.stack import MODEL, REPO, free_port

pytestmark = pytest.mark.stack
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\r")


class Terminal:
    """A process on the slave side of a pty; everything it prints is collected without ANSI codes."""

    def __init__(self, command, env) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        self.process = subprocess.Popen(command, cwd=REPO, env=env, stdin=slave, stdout=slave, stderr=slave,
                                        start_new_session=True, close_fds=True)
        os.close(slave)
        self.output = ""

    def read_until(self, pattern: str, timeout: float, start: int = 0) -> str:
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while time.monotonic() < deadline:
            if regex.search(self.output, start):
                return self.output[start:]
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the process closed the terminal
                    chunk = b""
                if not chunk and self.process.poll() is not None:
                    break
                self.output += ANSI.sub("", chunk.decode(errors="replace"))
            elif self.process.poll() is not None:
                break
        raise AssertionError(f"no {pattern!r} within {timeout:.0f}s; terminal showed:\n{self.output[-3000:]}")

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def close(self) -> int:
        for keys in ("\x03", "\x03", "/stop\r"):
            if self.process.poll() is not None:
                break
            try:
                self.type(keys)
            except OSError:
                break
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        os.close(self.master)
        return self.process.returncode


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_counselor_shell_gives_a_grounded_answer(stack_env):
    need(MODEL.exists(), f"no trained model at {MODEL}: run `make model`")
    action_port = free_port()
    env = {**os.environ, **stack_env, "ACTION_PORT": str(action_port), "SHELL_PORT": str(free_port()),
           "TERM": "xterm-256color", "PYTHONPATH": str(REPO)}
    terminal = Terminal([str(REPO / "scripts" / "shell.sh")], env)
    try:
        terminal.read_until(r"Your input ->", timeout=300)
        assert listening(action_port), "the action server runs while the shell is open"
        start = len(terminal.output)
        terminal.type("is comptia a+ worth it\r")
        answer = terminal.read_until(r"Sources?: [^\n]*https?://", timeout=120, start=start)
        assert "CompTIA" in answer
    finally:
        terminal.close()
    deadline = time.monotonic() + 20
    while listening(action_port) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not listening(action_port), "leaving the shell stops the action server it started"
