"""Slack channel for teachers: Rasa's SlackInput, hardened and configurable.

credentials.yml key: `channels.slack.SlackInput` (the channel is still called "slack", so actions render
Slack replies for it and the webhook stays at /webhooks/slack/webhook). What it changes in Rasa's stock
channel:

- The bot token and signing secret come from the environment (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET), never
  from a file. Without a signing secret the channel still mounts but refuses every request, so `make run`
  works on machines that do not talk to Slack.
- Requests that fail the signature check (wrong or missing signature, timestamp older than five minutes)
  get 401, not Rasa's 400.
- `url_verification` answers `{"challenge": ...}` as Slack documents it.
- The Web API base URL is configurable (SLACK_API_BASE_URL, e.g. a local fake Slack in tests).
- Replies go into the user's thread (`use_threads`, on by default), one post per reply: mrkdwn text, or the
  Block Kit `blocks` that actions/render.py builds for Slack (sent as `json_message`). Buttons become
  Block Kit buttons. No deprecated `as_user`.
- Events Slack delivers twice (retries with the same event_id) are answered once.
"""
from __future__ import annotations

import json
import logging
import os
from collections import OrderedDict
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot as RasaSlackBot
from rasa.core.channels.slack import SlackInput as RasaSlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

logger = logging.getLogger(__name__)

TOKEN_ENV = "SLACK_BOT_TOKEN"
SIGNING_SECRET_ENV = "SLACK_SIGNING_SECRET"
API_BASE_URL_ENV = "SLACK_API_BASE_URL"
DEFAULT_API_BASE_URL = "https://slack.com/api/"
MAX_BUTTONS_PER_BLOCK = 5  # Slack renders at most 5 buttons per actions block nicely
SEEN_EVENTS_KEPT = 1000


def api_base_url(configured: Optional[Text] = None) -> Text:
    """The Slack Web API base URL (slack_sdk joins it with the method name, so it ends with '/')."""
    url = configured or os.environ.get(API_BASE_URL_ENV) or DEFAULT_API_BASE_URL
    return url if url.endswith("/") else url + "/"


def button_blocks(buttons: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """Block Kit `actions` blocks for Rasa buttons (title -> label, payload -> value)."""
    elements = [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": str(button.get("title", ""))[:75], "emoji": True},
            "value": str(button.get("payload", ""))[:2000],
            "action_id": f"button-{index}",
        }
        for index, button in enumerate(buttons)
    ]
    return [
        {"type": "actions", "elements": elements[start:start + MAX_BUTTONS_PER_BLOCK]}
        for start in range(0, len(elements), MAX_BUTTONS_PER_BLOCK)
    ]


class SlackBot(RasaSlackBot):
    """Posts replies through chat.postMessage at a configurable base URL, in the user's thread."""

    def __init__(
        self,
        token: Text,
        slack_channel: Optional[Text] = None,
        thread_id: Optional[Text] = None,
        proxy: Optional[Text] = None,
        base_url: Optional[Text] = None,
    ) -> None:
        OutputChannel.__init__(self)
        self.slack_channel = slack_channel
        self.thread_id = thread_id
        self.proxy = proxy
        self.client = AsyncWebClient(token, base_url=api_base_url(base_url), proxy=proxy)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        # One post per reply (Rasa's channel splits at blank lines, which scatters a reply over many posts).
        await self._post_message(channel=self.slack_channel or recipient_id, text=text, mrkdwn=True)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}] + button_blocks(buttons)
        await self._post_message(channel=self.slack_channel or recipient_id, text=text, blocks=blocks)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        message = dict(json_message)  # never mutate the tracker's copy
        channel = message.pop("channel", None) or self.slack_channel or recipient_id
        message.pop("as_user", None)
        message.pop("thread_ts", None)  # threads follow the conversation, not the action
        await self._post_message(channel=channel, **message)


class SlackInput(RasaSlackInput):
    """Slack Events API + interactivity webhook at /webhooks/slack/webhook."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        for secret in ("slack_token", "slack_signing_secret"):
            if credentials.get(secret):
                logger.warning(f"Slack: `{secret}` in credentials.yml is ignored; set it in the environment.")
        return cls(
            slack_token=os.environ.get(TOKEN_ENV, ""),
            slack_channel=credentials.get("slack_channel"),
            proxy=credentials.get("proxy"),
            slack_retry_reason_header=credentials.get("slack_retry_reason_header", "x-slack-retry-reason"),
            slack_retry_number_header=credentials.get("slack_retry_number_header", "x-slack-retry-num"),
            errors_ignore_retry=credentials.get("errors_ignore_retry"),
            use_threads=credentials.get("use_threads", True),
            slack_signing_secret=os.environ.get(SIGNING_SECRET_ENV, ""),
            conversation_granularity=credentials.get("conversation_granularity", "thread"),
            api_base_url=credentials.get("api_base_url"),
        )

    def __init__(self, *args: Any, api_base_url: Optional[Text] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.api_base_url = api_base_url
        self._seen_events: "OrderedDict[Text, None]" = OrderedDict()

    def _validate_credentials(self) -> None:
        if not self.slack_signing_secret:
            logger.warning(
                f"Slack: {SIGNING_SECRET_ENV} is not set, so every Slack request is refused (401). "
                f"Set {SIGNING_SECRET_ENV} and {TOKEN_ENV} to talk to Slack."
            )
        elif not self.slack_token:
            logger.warning(f"Slack: {TOKEN_ENV} is not set; replies to Slack will fail.")

    def is_request_from_slack_authentic(self, request: Request) -> bool:
        # An empty secret would make the HMAC computable by anybody: refuse instead.
        return bool(self.slack_signing_secret) and super().is_request_from_slack_authentic(request)

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> OutputChannel:
        return SlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_base_url)

    def _first_delivery(self, event_id: Optional[Text]) -> bool:
        """False when Slack delivers an event we already took (its retries carry the same event_id)."""
        if not event_id:
            return True
        if event_id in self._seen_events:
            return False
        self._seen_events[event_id] = None
        while len(self._seen_events) > SEEN_EVENTS_KEPT:
            self._seen_events.popitem(last=False)
        return True

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # --- hardening (channels/guard.py): every message is checked and redacted before Rasa sees it ---
        from channels import guard

        on_new_message = guard.wrap_on_new_message(on_new_message, self.name())
        # --- end hardening ---
        slack_webhook = Blueprint("slack_webhook", __name__)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @slack_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.is_request_from_slack_authentic(request):
                return response.json({"error": "invalid Slack signature"}, status=HTTPStatus.UNAUTHORIZED)

            content_type = (request.headers.get("content-type") or "").split(";")[0].strip()
            if content_type == "application/json":
                return await self._handle_event(request, on_new_message)
            if content_type == "application/x-www-form-urlencoded":
                return await self._handle_interaction(request, on_new_message)
            return response.text("unsupported content type", status=HTTPStatus.BAD_REQUEST)

        # --- hardening: oversized, non-UTF-8 and non-object bodies of signed requests get a JSON 4xx ---
        guard.protect_blueprint(slack_webhook, self.name(), authentic=self.is_request_from_slack_authentic)
        return slack_webhook

    async def _handle_event(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            output = json.loads(request.body or b"{}")
        except ValueError:
            return response.text("body is not JSON", status=HTTPStatus.BAD_REQUEST)
        if output.get("type") == "url_verification" or ("challenge" in output and "event" not in output):
            return response.json({"challenge": output.get("challenge")})
        if not self._is_user_message(output):
            return response.text("Bot message delivered.")
        metadata = self.get_metadata(request)
        if not self._is_supported_channel(output, metadata):
            logger.debug(f"Slack: message in unsupported channel {metadata.get('out_channel')}")
            return response.text("channel not supported.")
        if not self._first_delivery(output.get("event_id")):
            return response.text("", status=HTTPStatus.OK, headers={"X-Slack-No-Retry": "1"})
        event = output.get("event", {})
        sender_id = self._get_conversation_id(event.get("user", ""), metadata.get("out_channel"), metadata.get("thread_id"))
        return await self.process_message(
            request, on_new_message,
            text=self._sanitize_user_message(event.get("text", ""), metadata.get("users")),
            sender_id=sender_id, metadata=metadata,
        )

    async def _handle_interaction(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            payload = json.loads(request.form["payload"][0])
        except (KeyError, IndexError, ValueError):
            return response.text("missing payload", status=HTTPStatus.BAD_REQUEST)
        if not self._is_interactive_message(payload):
            return response.text("unsupported interaction", status=HTTPStatus.BAD_REQUEST)
        text = self._get_interactive_response(payload["actions"][0])
        if text is None:  # link buttons carry no value: Slack opens the link, nothing to tell the bot
            return response.text("User clicked link button")
        metadata = self.get_metadata(request)
        sender_id = self._get_conversation_id(
            payload.get("user", {}).get("id"), metadata.get("out_channel"), metadata.get("thread_id")
        )
        return await self.process_message(request, on_new_message, text, sender_id, metadata)
