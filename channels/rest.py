"""The guarded REST channel: Rasa's RestInput with the input guard (channels/guard.py) in front.

credentials.yml key: `channels.rest.GuardedRestInput` (it replaces `rest:`). The channel keeps the name
"rest", so the webhook stays at POST /webhooks/rest/webhook, GET /webhooks/rest/ is the health check,
and actions render replies for "rest" exactly as before.

What changes compared with Rasa's RestInput (which answers 500 to a JSON list, files a missing sender
under "default", and sends a 100 KB message through the NLU):

  body larger than GUARD_MAX_BODY_BYTES (64 KiB)        -> 413 {"error": "body_too_large", "detail": ...}
  body not UTF-8 / not JSON / not a JSON object          -> 400 {"error": "invalid_utf8" | "invalid_json" | "not_an_object"}
  missing or empty `sender`, sender not a string/int     -> 400 {"error": "missing_sender" | "bad_sender"}
  missing `message` or `message` not a string            -> 400 {"error": "missing_message" | "bad_message"}
  `metadata` not an object / larger than 16 KiB          -> 400 / 413
  `message` longer than GUARD_MAX_MESSAGE_CHARS (5,000)  -> 413 {"error": "message_too_long"}
  empty or whitespace-only `message`                     -> 200 with one bot message asking for a question
  anything else                                          -> cleaned, redacted (emails, phones, addresses,
                                                            student ids -> placeholders), then Rasa
If Rasa fails while handling a message, the user gets an apology instead of an empty list.
"""
from __future__ import annotations

import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Text, Union

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
import rasa.utils.endpoints
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from channels import guard
from privacy import logfilter

logger = logging.getLogger(__name__)

REPLY_FAILURE = "Sorry, something went wrong on my side. Please try again in a minute."


class GuardedRestInput(RestInput):
    """POST /webhooks/rest/webhook with input checks and redaction before Rasa sees the message."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        logfilter.install()
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Union[ResponseStream, HTTPResponse]:
            verdict, body = guard.guard_json_body(request.body, self.name())
            if not verdict.ok:
                logger.info(f"rest: rejected a request ({verdict.error})")
                if verdict.status == 200:  # e.g. an empty message: answer like the bot would
                    return response.json([{"recipient_id": verdict.sender, "text": verdict.reply}])
                return response.json(verdict.error_body(), status=verdict.status)

            input_channel = guard.input_channel_name(body.get("input_channel"), self.name())
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(on_new_message, verdict.text, verdict.sender, input_channel,
                                         verdict.metadata),
                    content_type="text/event-stream",
                )

            collector = CollectingOutputChannel()
            failed = False
            try:
                await on_new_message(
                    UserMessage(verdict.text, collector, verdict.sender, input_channel=input_channel,
                                metadata=verdict.metadata)
                )
            except CancelledError:
                failed = True
                logger.error("rest: handling a message timed out")
            except Exception as error:  # the text is already redacted, but keep it out of the log anyway
                failed = True
                logger.exception(f"rest: handling a message failed ({type(error).__name__})")
            if failed and not collector.messages:
                return response.json([{"recipient_id": verdict.sender, "text": REPLY_FAILURE}])
            return response.json(collector.messages)

        return webhook
