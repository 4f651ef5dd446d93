"""Helpers that read and drive the rasa-webchat widget in Chromium the way a student does."""
from __future__ import annotations

import time
from typing import Callable, List

from selenium.common.exceptions import (
    ElementClickInterceptedException,
    ElementNotInteractableException,
    NoAlertPresentException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

REPLY_TIMEOUT = 90


def wait_until(condition: Callable[[], object], timeout: float = REPLY_TIMEOUT, what: str = "condition", driver=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except StaleElementReferenceException:
            value = None
        if value:
            return value
        time.sleep(0.25)
    logs = ""
    if driver is not None:
        logs = "\n".join(entry["message"][:300] for entry in driver.get_log("browser"))[-4000:]
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}\nbrowser log:\n{logs}")


def click_when_ready(driver, css: str, what: str):
    """Clicks the first element matching `css` once it can take a click (the widget animates in, so an
    element can be in the page before it is clickable); returns the element."""
    def clicked():
        elements = driver.find_elements(By.CSS_SELECTOR, css)
        if not elements or not elements[0].is_displayed():
            return None
        try:
            elements[0].click()
        except (ElementNotInteractableException, ElementClickInterceptedException):
            return None
        return elements[0]

    return wait_until(clicked, what=f"{what} to take a click", driver=driver)


def bot_messages(driver) -> List[str]:
    """Texts of the bot's messages, oldest first."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.rw-response')).map(e => e.innerText)"
    )


def user_messages(driver) -> List[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.rw-client')).map(e => e.innerText)"
    )


def wait_for_greeting(driver) -> List[str]:
    """The bot's first message(s), once one has text (the widget draws the bubble before its text)."""
    return wait_until(lambda: [text for text in bot_messages(driver) if text.strip()],
                      what="the greeting (initPayload /greet)", driver=driver)


def new_bot_messages(driver, before: int, settle: float = 1.5) -> List[str]:
    """Waits for the bot to answer (at least one message after the first `before`) and to go quiet."""
    wait_until(lambda: any(text.strip() for text in bot_messages(driver)[before:]), what="a bot reply", driver=driver)
    count = -1
    while count != len(bot_messages(driver)):
        count = len(bot_messages(driver))
        time.sleep(settle)
    return bot_messages(driver)[before:]


def type_message(driver, text: str) -> None:
    """Types into the widget's input and presses Enter, as a student does."""
    box = wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, ".rw-new-message"), what="the message box", driver=driver)[0]
    wait_until(lambda: box.is_enabled(), what="an enabled message box", driver=driver)
    box.click()
    box.send_keys(text)
    box.send_keys(Keys.ENTER)


def ask(driver, text: str) -> List[str]:
    before = len(bot_messages(driver))
    type_message(driver, text)
    wait_until(lambda: any(text.strip() in message for message in user_messages(driver)),
               what=f"the student's message {text!r} in the chat", driver=driver)
    return new_bot_messages(driver, before)


def last_reply_buttons(driver):
    """The answer buttons of the newest bot message group that has any."""
    groups = driver.find_elements(By.CSS_SELECTOR, ".rw-replies")
    return groups[-1].find_elements(By.CSS_SELECTOR, ".rw-reply") if groups else []


def alert_text(driver) -> str:
    """The text of an open alert() dialog, or '' when none is open."""
    try:
        return driver.switch_to.alert.text
    except NoAlertPresentException:
        return ""
