"""The portal embed: customData reaches the conversation over socket.io and changes the answers where it
should; the snippet works in a real browser; CORS lets only the configured origins in."""
from __future__ import annotations

import pytest
import requests
import yaml
from selenium.webdriver.common.by import By

from tests.channels.conftest import DISALLOWED_ORIGIN
from tests.channels.page_driver import ask, click_when_ready, wait_for_greeting, wait_until
from tests.channels.widget_client import WidgetSession, text_of
from tests.stack import REPO

pytestmark = pytest.mark.stack
DISTRICT = yaml.safe_load((REPO / "district.yml").read_text())
COUNSELORS = DISTRICT["counselor"]["schools"]
HUMAN = "I want to talk to a person"
RENEWAL = "do micro-credentials count toward license renewal"


def conversation(stack, origin, **custom_data):
    return WidgetSession(stack.rasa_url, custom_data, origin=origin)


def test_counselor_contact_follows_the_school_in_custom_data(channels_stack, page_origin):
    answers = {}
    for school in ("lincoln-high", "roosevelt-high"):
        session = conversation(channels_stack, page_origin, school=school, grade_band="9-12", state="NC", language="en")
        try:
            assert text_of(session.say("/greet")).strip()
            answers[school] = text_of(session.say(HUMAN))
        finally:
            session.close()
    assert COUNSELORS["lincoln-high"]["email"] in answers["lincoln-high"], answers["lincoln-high"]
    assert COUNSELORS["roosevelt-high"]["email"] in answers["roosevelt-high"], answers["roosevelt-high"]
    assert COUNSELORS["lincoln-high"]["email"] not in answers["roosevelt-high"]


def test_custom_data_reaches_the_tracker(channels_stack, page_origin):
    session = conversation(channels_stack, page_origin, school="roosevelt-high", grade_band="6-8", state="TX", language="en")
    try:
        session.say("/greet")
    finally:
        session.close()
    tracker = requests.get(f"{channels_stack.rasa_url}/conversations/{session.session_id}/tracker",
                           params={"token": channels_stack.auth_token}, timeout=10).json()
    slots = tracker["slots"]
    assert (slots["school"], slots["grade_band"], slots["state"], slots["language"]) == ("roosevelt-high", "6-8", "TX", "en")
    user_events = [event for event in tracker["events"] if event["event"] == "user"]
    assert user_events[0]["input_channel"] == "socketio"
    assert user_events[0]["metadata"]["school"] == "roosevelt-high"


def test_state_in_custom_data_changes_the_renewal_answer(channels_stack, page_origin):
    answers = {}
    for state in ("AL", "WY"):
        session = conversation(channels_stack, page_origin, school="lincoln-high", grade_band="9-12", state=state, language="en")
        try:
            session.say("/greet")
            answers[state] = text_of(session.say(RENEWAL))
        finally:
            session.close()
    assert "Alabama" in answers["AL"], answers["AL"]
    assert "Wyoming" in answers["WY"], answers["WY"]
    assert answers["AL"] != answers["WY"]


def test_the_snippet_in_a_portal_page(browser, web_server):
    """web/embed-example.html is a portal page with the README snippet (school roosevelt-high)."""
    browser.get(web_server + "embed-example.html")
    launcher = wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, ".rw-launcher"), what="the launcher", driver=browser)[0]
    assert launcher.get_attribute("aria-label").startswith("Open the chat")
    click_when_ready(browser, ".rw-launcher", "the launcher")
    wait_for_greeting(browser)
    answer = "\n".join(ask(browser, HUMAN))
    assert COUNSELORS["roosevelt-high"]["email"] in answer, answer


def test_cors_allows_only_configured_origins(channels_stack, page_origin):
    url = f"{channels_stack.rasa_url}/webhooks/rest/webhook"
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = requests.options(url, headers={"Origin": page_origin, **preflight}, timeout=10)
    assert allowed.headers.get("Access-Control-Allow-Origin") == page_origin
    refused = requests.options(url, headers={"Origin": DISALLOWED_ORIGIN, **preflight}, timeout=10)
    assert "Access-Control-Allow-Origin" not in refused.headers

    body = {"sender": "cors-check", "message": "hello"}
    allowed = requests.post(url, json=body, headers={"Origin": page_origin}, timeout=60)
    assert allowed.headers.get("Access-Control-Allow-Origin") == page_origin
    refused = requests.post(url, json=body, headers={"Origin": DISALLOWED_ORIGIN}, timeout=60)
    assert "Access-Control-Allow-Origin" not in refused.headers

    # the widget's socket.io long-polling handshake, as a browser would send it
    poll = f"{channels_stack.rasa_url}/socket.io/?EIO=4&transport=polling"
    assert requests.get(poll, headers={"Origin": page_origin}, timeout=10).headers.get("Access-Control-Allow-Origin") == page_origin
    assert "Access-Control-Allow-Origin" not in requests.get(poll, headers={"Origin": DISALLOWED_ORIGIN}, timeout=10).headers
