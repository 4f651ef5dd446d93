"""Talk to a person: gives the counselor contact at once and saves the request; delivery to the district's
webhook happens after the reply, in a background worker (handoff_store has the rules), so a slow or
failing webhook never delays the student.

    python -m actions.handoff list [--status pending|sent|failed|saved] [--json]
    python -m actions.handoff deliver [--loop]    deliver what is due (--loop: keep doing it; compose's worker)
    python -m actions.handoff retry               give failed requests new tries, then deliver
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import socket
import sys
import threading
import time
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
        counselor, queued = await asyncio.to_thread(hand_off, request)
        send(dispatcher, handoff_reply(counselor, queued), request["channel"])
        return []


def hand_off(request: Dict[str, Any]) -> tuple[Counselor, bool]:
    """Saves the request and wakes the delivery worker; returns the counselor and whether the request
    will be sent to the counselors' webhook (False: no webhook, or the database is down)."""
    settings = handoff_settings()
    counselor = counselor_for(request["school"])
    try:
        handoff_store.record_request(webhook=bool(settings.webhook_url), **request)
    except Exception:  # the contact details must reach the user even when the database is down
        logger.exception("could not save the handoff request")
        return counselor, False
    if settings.webhook_url:
        DELIVERY.wake()
    return counselor, bool(settings.webhook_url)


class DeliveryWorker:
    """A background thread that delivers due requests until none is pending, sleeping through backoffs.
    Several processes may run one each: handoff_store's leases make sure each request is posted once."""

    def __init__(self) -> None:
        self.worker_id = f"{socket.gethostname()}-{os.getpid()}"
        self._lock = threading.Lock()
        self._thread: Optional[threading.Thread] = None
        self._wake = threading.Event()

    def wake(self) -> None:
        with self._lock:
            self._wake.set()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="handoff-delivery", daemon=True)
                self._thread.start()

    def idle(self, timeout: float) -> bool:
        """Waits until nothing is being delivered (shutdown, tests); True when idle."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self._thread is None or not self._thread.is_alive()

    def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                handoff_store.deliver_due(handoff_settings(), self.worker_id)
                wait = handoff_store.next_due_in(default=5.0)
            except Exception:  # a database hiccup: try again a little later
                logger.exception("handoff delivery failed")
                wait = 5.0
            if wait is None:
                with self._lock:  # nothing pending: stop, unless a new request arrived meanwhile
                    if not self._wake.is_set():
                        self._thread = None
                        return
                continue
            self._wake.wait(timeout=min(max(wait, 0.05), 60.0))


DELIVERY = DeliveryWorker()


def handoff_reply(counselor: Counselor, queued: bool) -> Reply:
    ways = [f"email {counselor.email}" if counselor.email else "", f"call {counselor.phone}" if counselor.phone else ""]
    contact = " or ".join(way for way in ways if way)
    text = f"You can reach {counselor.name}" + (f": {contact}" if contact else "") + "."
    if counselor.hours:
        text += f" Hours: {counselor.hours}."
    if queued:
        text += " I'm also passing your request on to them, so they can get back to you."
    else:
        text += " I've noted your request for the counselors."
    reply = Reply(title="Talk to a person", text=text)
    reply.buttons = [intent_button("Back to my question", "what_can_you_do")]
    return reply


def _recent_user_messages(tracker: Tracker) -> List[str]:
    texts = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"]
    return [text for text in texts if text and not text.startswith("/")][-RECENT_MESSAGES:]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.handoff", description=__doc__.splitlines()[0],
                                     epilog="example: python -m actions.handoff list --status failed")
    sub = parser.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list", help="requests with their status, oldest first")
    listing.add_argument("--status", choices=handoff_store.STATUSES)
    listing.add_argument("--json", action="store_true", help="JSON instead of a table")
    deliver = sub.add_parser("deliver", help="deliver the requests that are due")
    deliver.add_argument("--loop", action="store_true", help="keep delivering (a worker process)")
    sub.add_parser("retry", help="give failed requests new tries, then deliver")
    args = parser.parse_args(argv)
    try:
        if args.command == "list":
            return _list(args.status, args.json)
        if args.command == "retry":
            print(f"{handoff_store.requeue_failed()} failed request(s) queued again")
        return _deliver(loop=args.command == "deliver" and args.loop)
    except Exception as error:  # one clear line for the counselor, never a traceback
        print(f"handoff: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}", file=sys.stderr)
        return 2


def _list(status: Optional[str], as_json: bool) -> int:
    rows = handoff_store.requests_with_status(status)
    if as_json:
        print(json.dumps([{key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in row.items()}
                          for row in rows], indent=2))
        return 0
    print(f"{'id':>5}  {'status':<8} {'attempts':>8}  {'created':<19}  {'school':<16} last error")
    for row in rows:
        created = row["created_at"].strftime("%Y-%m-%d %H:%M:%S") if row["created_at"] else ""
        print(f"{row['id']:>5}  {row['status']:<8} {row['attempts']:>8}  {created:<19}  {str(row['school'] or ''):<16} "
              f"{row['last_error'] or ''}")
    return 0


def _deliver(loop: bool) -> int:
    settings = handoff_settings()
    if not settings.webhook_url:
        print("no handoff webhook in district.yml: requests stay saved for counselors")
        return 0
    while True:
        outcome = handoff_store.deliver_due(settings, DELIVERY.worker_id)
        if outcome or not loop:
            delivered = sum(outcome.values())
            print(f"{delivered} delivered, {len(outcome) - delivered} to try again later", flush=True)
        if not loop:
            return 0 if all(outcome.values()) else 1
        wait = handoff_store.next_due_in(default=5.0)
        time.sleep(5.0 if wait is None else min(max(wait, 0.5), 30.0))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
