"""Fixtures for the channel tests: ONE Rasa stack with the repository's credentials.yml (rest, socketio,
slack), a fake Slack Web API, the student page server (web/serve.py) and headless Chromium.

Everything runs on loopback and is started and stopped here. Under CI=true a missing service (Chromium, the
trained model, the widget from npm) fails the test instead of skipping it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
import requests

from tests.channels.slack_fake import FakeSlack
from tests.stack import MODEL, REPO, free_port, start_stack, tail

SLACK_TOKEN = "xoxb-test-" + os.urandom(6).hex()
SLACK_SIGNING_SECRET = "test-signing-secret-" + os.urandom(12).hex()
CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
CHROMEDRIVER = Path(shutil.which("chromedriver") or "/usr/bin/chromedriver")
WIDGET = REPO / "web" / "node_modules" / "rasa-webchat" / "lib" / "index.js"
SCREENSHOTS = REPO / "reports" / "screenshots"
CHROMIUM_FLAGS = (  # ARCHITECTURE.md: Debian's chromium, headless, as root
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
)
DISALLOWED_ORIGIN = "http://evil.example"


def need(condition: bool, message: str) -> None:
    """Skips locally, FAILS under CI=true: a missing service must never pass silently in CI."""
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"required for this test under CI: {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlack]:
    slack = FakeSlack(SLACK_TOKEN).start()
    yield slack
    slack.stop()


@pytest.fixture(scope="session")
def web_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def page_origin(web_port) -> str:
    """The student page's origin; the stack's CORS allows exactly this one."""
    return f"http://127.0.0.1:{web_port}"


@pytest.fixture(scope="session")
def channels_stack(stack_env, fake_slack, page_origin):
    """The real action server + `rasa run` with the repository's credentials.yml (rest, socketio, slack)."""
    need(MODEL.exists(), f"no trained model at {MODEL}: run `make model`")
    env = {
        **stack_env,
        "SLACK_BOT_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
        "SLACK_API_BASE_URL": fake_slack.base_url,
    }
    stack = start_stack(env=env, cors=(page_origin,))
    yield stack
    stack.stop()


@pytest.fixture(scope="session")
def web_server(channels_stack, web_port, page_origin, tmp_path_factory) -> Iterator[str]:
    """web/serve.py pointed at the test stack; yields the page address."""
    need(WIDGET.exists(), "rasa-webchat is not installed: run `make web-deps`")
    log = tmp_path_factory.mktemp("web") / "serve.log"
    process = start_web(web_port, channels_stack.rasa_url, log)
    yield page_origin + "/"
    stop(process)


def start_web(port: int, rasa_url: str, log: Path, district: Path = REPO / "district.yml") -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, str(REPO / "web" / "serve.py"), "--host", "127.0.0.1", "--port", str(port),
         "--rasa-url", rasa_url, "--district", str(district)],
        cwd=REPO, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"web/serve.py exited with {process.returncode}:\n{tail(log)}")
        try:
            requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except requests.RequestException:
            time.sleep(0.2)
    stop(process)
    raise RuntimeError(f"web/serve.py not answering:\n{tail(log)}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def chromium(tmp_path: Path, width: int = 1280, height: int = 900, phone: bool = False):
    """A fresh headless Chromium (own profile directory) driven through Debian's chromedriver."""
    need(CHROMIUM.exists() and CHROMEDRIVER.exists(), "Debian chromium + chromium-driver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    if phone:  # a real mobile viewport: the page's <meta name=viewport> decides the layout width
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": 3.0, "touch": True},
            "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                         "Chrome/126.0 Mobile Safari/537.36",
        })
    else:
        options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    return driver


@pytest.fixture
def browser(tmp_path):
    driver = chromium(tmp_path)
    yield driver
    driver.quit()


@pytest.fixture
def phone_browser(tmp_path):
    driver = chromium(tmp_path, width=390, height=844, phone=True)
    yield driver
    driver.quit()


def screenshot(driver, name: str) -> Path:
    """Saves a screenshot as a test artifact under reports/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


@pytest.fixture(scope="module")
def static_web(tmp_path_factory) -> Iterator[str]:
    """web/serve.py alone (no Rasa behind it), for tests of what the server sends."""
    port = free_port()
    process = start_web(port, "http://127.0.0.1:5999", tmp_path_factory.mktemp("static-web") / "serve.log")
    yield f"http://127.0.0.1:{port}"
    stop(process)
