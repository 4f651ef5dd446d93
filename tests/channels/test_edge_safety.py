"""Safety at the edge: Rasa's HTTP API is token-only (or off) while the channel webhooks stay open."""
from __future__ import annotations

import os
import subprocess

import pytest
import requests
import yaml

from tests.stack import REPO

DISTRICT = yaml.safe_load((REPO / "district.yml").read_text())


@pytest.mark.stack
def test_unauthenticated_api_calls_are_refused(channels_stack):
    base = channels_stack.rasa_url
    sender = "edge-check"
    assert channels_stack.say(sender, "hello"), "the REST webhook is open"
    for method, path in (("GET", f"/conversations/{sender}/tracker"), ("GET", "/status"),
                         ("GET", f"/conversations/{sender}/story"), ("PUT", "/model"),
                         ("POST", f"/conversations/{sender}/tracker/events"), ("POST", "/model/parse")):
        for params in ({}, {"token": "wrong-token"}):
            response = requests.request(method, base + path, params=params, json={}, timeout=10)
            assert response.status_code in (401, 403), f"{method} {path} {params}: {response.status_code}"
    tracker = requests.get(f"{base}/conversations/{sender}/tracker", params={"token": channels_stack.auth_token}, timeout=10)
    assert tracker.status_code == 200 and tracker.json()["sender_id"] == sender, "the token opens it"

    # the webhooks stay open without any token
    assert requests.get(f"{base}/webhooks/rest/", timeout=10).status_code == 200
    assert requests.get(f"{base}/webhooks/slack/", timeout=10).status_code == 200
    assert requests.get(f"{base}/socket.io/?EIO=4&transport=polling", timeout=10).status_code == 200


def run_command(token: str = None) -> str:
    env = {key: value for key, value in os.environ.items() if key != "RASA_AUTH_TOKEN"}
    if token:
        env["RASA_AUTH_TOKEN"] = token
    result = subprocess.run([str(REPO / "scripts" / "run.sh"), "--dry-run"], env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    return next(line for line in result.stdout.splitlines() if " run --model " in line)


def test_make_run_keeps_the_api_off_without_a_token_and_cors_from_district_yml():
    command = run_command()
    assert "--enable-api" not in command and "--auth-token" not in command
    assert "--credentials credentials.yml" in command and "--endpoints endpoints.yml" in command
    assert "--cors " + " ".join(DISTRICT["web"]["allowed_origins"]) in command
    assert "*" not in command.split("--cors", 1)[1]

    with_token = run_command("s3cret-token-value")
    assert "--enable-api --auth-token ***" in with_token and "s3cret-token-value" not in with_token
