"""web/serve.py: the page, the widget from web/node_modules (no CDN), district settings, safe injection."""
from __future__ import annotations

import re
import subprocess
import sys

import requests
import yaml

from tests.channels.conftest import WIDGET, need, start_web, stop
from tests.stack import REPO, free_port

DISTRICT = yaml.safe_load((REPO / "district.yml").read_text())


def test_page_has_phone_viewport_school_and_counselor(static_web):
    response = requests.get(static_web + "/", timeout=5)
    assert response.status_code == 200
    page = response.text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert '<html lang="en">' in page
    default_school = DISTRICT["district"]["default_school"]
    assert DISTRICT["schools"][default_school]["name"] in page
    counselor = DISTRICT["counselor"]["schools"][default_school]
    assert f'href="mailto:{counselor["email"]}"' in page
    assert 'aria-label="Chat with' in page and 'class="skip-link"' in page
    assert "{{" not in page, "every placeholder is filled"


def test_page_for_another_school_shows_that_schools_counselor(static_web):
    page = requests.get(static_web + "/?school=roosevelt-high", timeout=5).text
    assert DISTRICT["schools"]["roosevelt-high"]["name"] in page
    assert DISTRICT["counselor"]["schools"]["roosevelt-high"]["email"] in page
    unknown = requests.get(static_web + "/?school=%3Cscript%3E", timeout=5).text
    assert "<script>" not in unknown and DISTRICT["schools"][DISTRICT["district"]["default_school"]]["name"] in unknown


def test_widget_is_served_locally_and_nothing_comes_from_a_cdn(static_web):
    need(WIDGET.exists(), "rasa-webchat is not installed: run `make web-deps`")
    widget = requests.get(static_web + "/webchat/index.js", timeout=5)
    assert widget.status_code == 200
    original = WIDGET.read_bytes()
    assert b"fonts.googleapis.com" in original, "rasa-webchat 1.0.1 imports Google Fonts; serve.py cuts it out"
    assert widget.content == original.replace(
        b"@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap);", b"")
    assert b"googleapis" not in widget.content
    lock = (REPO / "web" / "package-lock.json").read_text()
    assert '"node_modules/rasa-webchat": {\n      "version": "1.0.1"' in lock
    for path in ("/", "/embed.js", "/app.js", "/embed-example.html"):
        text = requests.get(static_web + path, timeout=5).text
        assert not re.search(r"(src|href)=\"https?://", text), f"{path} loads something from another server"
        assert "cdn.jsdelivr" not in text and "unpkg.com" not in text


def test_security_headers_and_no_file_outside_the_allowlist(static_web):
    page = requests.get(static_web + "/", timeout=5)
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "connect-src 'self' http://127.0.0.1:5999 ws://127.0.0.1:5999" in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    for path in ("/district.yml", "/serve.py", "/../district.yml", "/node_modules/rasa-webchat/package.json", "/package.json"):
        assert requests.get(static_web + path, timeout=5).status_code == 404, path


def test_embed_script_carries_district_settings_as_data(static_web):
    embed = requests.get(static_web + "/embed.js", timeout=5)
    assert embed.headers["Content-Type"].startswith("text/javascript")
    assert "/*DISTRICT_CONFIG*/null" not in embed.text
    assert '"rasaUrl": "http://127.0.0.1:5999"' in embed.text
    assert f'"primary": "{DISTRICT["web"]["colors"]["primary"]}"' in embed.text
    theme = requests.get(static_web + "/theme.css", timeout=5).text
    assert f"--ca-primary: {DISTRICT['web']['colors']['primary']};" in theme


def test_hostile_district_values_are_escaped_or_refused(tmp_path):
    hostile = dict(DISTRICT)
    hostile["schools"] = {"x": {"name": "</script><script>alert(1)</script>"}}
    hostile["district"] = {**DISTRICT["district"], "default_school": "x"}
    district = tmp_path / "district.yml"
    district.write_text(yaml.safe_dump(hostile))
    port = free_port()
    process = start_web(port, "http://127.0.0.1:5999", tmp_path / "serve.log", district=district)
    try:
        page = requests.get(f"http://127.0.0.1:{port}/", timeout=5).text
        embed = requests.get(f"http://127.0.0.1:{port}/embed.js", timeout=5).text
    finally:
        stop(process)
    assert "<script>alert(1)" not in page and "&lt;/script&gt;&lt;script&gt;alert(1)" in page
    injected = next(line for line in embed.splitlines() if "var DISTRICT = " in line)
    assert "</script>" not in injected and "\\u003c/script\\u003e" in injected

    hostile["web"] = {**DISTRICT["web"], "colors": {"primary": "red; } body { display: none"}}
    district.write_text(yaml.safe_dump(hostile))
    result = subprocess.run([sys.executable, str(REPO / "web" / "serve.py"), "--district", str(district)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "web.colors.primary" in result.stderr
