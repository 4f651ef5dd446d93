"""Talk to a person: gives the counselor contact, saves the request, and posts it to the district's webhook.

CLI: `python -m actions.handoff retry` delivers the requests still pending (e.g. from a cron job).
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import handoff_store
from actions.district import Counselor, counselor_for, handoff_settings
from actions.render import send
from actions.reply import Reply, intent_button

logger = logging.getLogger(__name__)
RECENT_MESSAGES = 5


class ActionTalkToHuman(Action):
    def name(self) -> Text:
        return "action_talk_to_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        metadata = (tracker.latest_message or {}).get("metadata") or {}
        school = tracker.get_slot("school") or (metadata.get("customData") or metadata).get("school")
        request = {
            "sender_id": tracker.sender_id,
            "channel": tracker.get_latest_input_channel(),
            "school": school,
            "message": (tracker.latest_message or {}).get("text") or "",
            "recent": _recent_user_messages(tracker),
        }
        counselor, delivered = await asyncio.to_thread(hand_off, request)
        send(dispatcher, handoff_reply(counselor, delivered), request["channel"])
        return []


def hand_off(request: Dict[str, Any]) -> tuple[Counselor, Optional[bool]]:
    """Saves the request, then delivers every pending one; returns the counselor and this request's
    delivery (None when saving failed or no webhook is configured)."""
    settings = handoff_settings()
    counselor = counselor_for(request["school"])
    try:
        request_id = handoff_store.record_request(webhook=bool(settings.webhook_url), **request)
        delivered = handoff_store.deliver_pending(settings).get(request_id)
    except Exception:  # the contact details must reach the user even when the database is down
        logger.exception("could not save or deliver the handoff request")
        delivered = None
    return counselor, delivered


def handoff_reply(counselor: Counselor, delivered: Optional[bool]) -> Reply:
    ways = [f"email {counselor.email}" if counselor.email else "", f"call {counselor.phone}" if counselor.phone else ""]
    contact = " or ".join(way for way in ways if way)
    text = f"You can reach {counselor.name}" + (f": {contact}" if contact else "") + "."
    if counselor.hours:
        text += f" Hours: {counselor.hours}."
    if delivered:
        text += " I've also sent them your request, so they can get back to you."
    else:
        text += " I've noted your request for the counselors."
    reply = Reply(title="Talk to a person", text=text)
    reply.buttons = [intent_button("Back to my question", "what_can_you_do")]
    return reply


def _recent_user_messages(tracker: Tracker) -> List[str]:
    texts = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"]
    return [text for text in texts if text and not text.startswith("/")][-RECENT_MESSAGES:]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.handoff", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["retry"], help="retry: deliver the requests still pending")
    parser.parse_args(argv)
    outcome = handoff_store.deliver_pending(handoff_settings())
    delivered = sum(outcome.values())
    print(f"{delivered} delivered, {len(outcome) - delivered} still pending")
    return 0 if delivered == len(outcome) else 1


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
