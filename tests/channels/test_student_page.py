"""The student page in real headless Chromium against the running stack (web/serve.py + Rasa socket.io)."""
from __future__ import annotations

import re
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.channels.conftest import screenshot
from tests.channels.page_driver import (
    alert_text, ask, bot_messages, click_when_ready, last_reply_buttons, new_bot_messages, wait_for_greeting, wait_until,
)

pytestmark = pytest.mark.stack
SOURCE = re.compile(r"\bSources?:", re.IGNORECASE)


def grounded_answer(driver, question: str) -> str:
    answers = ask(driver, question)
    sourced = [text for text in answers if SOURCE.search(text)]
    assert sourced, f"no reply naming a source for {question!r}: {answers}"
    return sourced[0]


def source_links(driver):
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('.rw-response a[href]'))
          .filter(a => /^https?:/.test(a.getAttribute('href')))
          .map(a => ({href: a.href, target: a.target, rel: a.rel}));""")


def click_first_button_and_get_reply(driver) -> list:
    buttons = wait_until(lambda: last_reply_buttons(driver), what="answer buttons", driver=driver)
    before = len(bot_messages(driver))
    title = buttons[0].text
    buttons[0].click()
    replies = new_bot_messages(driver, before)
    assert any(reply.strip() for reply in replies), f"no reply after clicking {title!r}"
    return replies


def test_student_asks_about_comptia_and_follows_a_button(browser, web_server):
    browser.get(web_server)
    assert "Lincoln High School" in browser.find_element(By.ID, "school-name").text
    greeting = wait_for_greeting(browser)
    assert greeting[0].strip(), "the bot greets when the chat opens"

    answer = grounded_answer(browser, "is comptia a+ worth it")
    assert "CompTIA" in answer
    links = source_links(browser)
    assert links, "the source in the answer is a clickable link"
    assert all(link["target"] == "_blank" and "noopener" in link["rel"] for link in links)

    click_first_button_and_get_reply(browser)
    path = screenshot(browser, "student-page-desktop")
    assert path.stat().st_size > 10_000


def test_phone_sized_window(phone_browser, web_server):
    driver = phone_browser
    driver.get(web_server)
    wait_for_greeting(driver)
    layout = driver.execute_script("""
        const chat = document.querySelector('#advisor-chat').getBoundingClientRect();
        const input = document.querySelector('.rw-new-message').getBoundingClientRect();
        const message = getComputedStyle(document.querySelector('.rw-response'));
        return {width: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth,
                chatLeft: chat.left, chatRight: chat.right, inputRight: input.right, inputBottom: input.bottom,
                height: window.innerHeight, fontSize: parseFloat(message.fontSize),
                counselor: document.querySelector('.counselor').getBoundingClientRect().top};""")
    assert layout["width"] == 390, "the viewport meta tag gives a phone-width layout"
    assert layout["scroll"] <= layout["width"], "no sideways scrolling"
    assert 0 <= layout["chatLeft"] and layout["chatRight"] <= 390 and layout["inputRight"] <= 390
    assert layout["inputBottom"] <= layout["height"], "the message box is on screen without scrolling"
    assert layout["fontSize"] >= 14
    assert layout["counselor"] > 0, "the counselor contact stacks under the chat"

    grounded_answer(driver, "is comptia a+ worth it")
    click_first_button_and_get_reply(driver)
    screenshot(driver, "student-page-phone")


def test_keyboard_only_and_screen_reader_labels(browser, web_server):
    driver = browser
    driver.get(web_server)
    wait_for_greeting(driver)
    labels = driver.execute_script("""
        const log = document.querySelector('.rw-messages-container');
        return {role: log.getAttribute('role'), live: log.getAttribute('aria-live'),
                input: document.querySelector('.rw-new-message').getAttribute('aria-label'),
                send: document.querySelector('.rw-send').getAttribute('aria-label'),
                chat: document.querySelector('#advisor-chat').getAttribute('aria-label')};""")
    assert labels == {"role": "log", "live": "polite", "input": "Type your question", "send": "Send",
                      "chat": "Chat with Credential Advisor"}

    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    assert driver.switch_to.active_element.get_attribute("class") == "skip-link"

    # Tab to the message box, type, Enter; then Tab to an answer button and press Enter.
    def tab_to(css: str, limit: int = 60):
        for _ in range(limit):
            if driver.execute_script(f"return document.activeElement.matches({css!r})"):
                return driver.switch_to.active_element
            driver.switch_to.active_element.send_keys(Keys.TAB)
        raise AssertionError(f"Tab never reached {css}")

    before = len(bot_messages(driver))
    box = tab_to(".rw-new-message")
    box.send_keys("is comptia a+ worth it", Keys.ENTER)
    answers = new_bot_messages(driver, before)
    assert any(SOURCE.search(text) for text in answers), answers

    wait_until(lambda: last_reply_buttons(driver), what="answer buttons", driver=driver)
    button = tab_to("[role=button].rw-reply")
    assert button.get_attribute("tabindex") == "0"
    before = len(bot_messages(driver))
    button.send_keys(Keys.ENTER)
    assert new_bot_messages(driver, before), "Enter on an answer button sends it"


XSS = "<img src=x onerror=alert(1)>"
XSS_FLAG = '<img src=x onerror="window.__xss=1">'
XSS_LINK = "[free exam voucher](javascript:window.__xss=2)"


@pytest.mark.parametrize("page", ["/", "/embed-example.html"])
def test_html_from_users_is_shown_as_text_never_run(browser, web_server, page):
    """The student page (with its CSP) and a portal page without any CSP: the widget itself never turns
    message text into HTML, so the payloads show as text and no script runs."""
    driver = browser
    driver.get(web_server.rstrip("/") + page)
    if page != "/":
        click_when_ready(driver, ".rw-launcher", "the chat launcher")
    wait_for_greeting(driver)
    for payload in (XSS, XSS_FLAG, XSS_LINK):
        ask(driver, payload)
    time.sleep(1)
    assert alert_text(driver) == "", "alert() ran"
    state = driver.execute_script("""
        return {flag: window.__xss === undefined ? null : window.__xss,
                images: document.querySelectorAll('.rw-conversation-container img[src="x"]').length,
                scriptLinks: Array.from(document.querySelectorAll('a[href]'))
                  .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript')).length,
                shown: Array.from(document.querySelectorAll('.rw-client')).map(e => e.innerText)};""")
    assert state["flag"] is None, "an injected handler ran"
    assert state["images"] == 0, "user text became an <img> element"
    assert state["scriptLinks"] == 0, "a javascript: link is clickable"
    assert XSS in state["shown"] and XSS_FLAG in state["shown"], "the student sees what they typed, as text"
