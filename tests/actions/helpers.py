"""Builds trackers the way Rasa sends them to the action server, and runs actions against them."""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


def make_tracker(
    text: str = "",
    intent: str = "",
    entities: Iterable[Tuple[str, str]] = (),
    slots: Optional[Dict[str, Any]] = None,
    channel: str = "rest",
    metadata: Optional[Dict[str, Any]] = None,
    history: Iterable[str] = (),
    sender: str = "test-user",
) -> Tracker:
    """A tracker whose latest user message is `text` (with intent and entities); `history` adds earlier
    user messages."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": [{"entity": name, "value": value, "start": 0, "end": len(value)} for name, value in entities],
        "metadata": metadata or {},
    }
    events: List[Dict[str, Any]] = [{"event": "user", "text": t, "input_channel": channel} for t in history]
    events.append({"event": "user", "text": text, "parse_data": latest, "input_channel": channel, "metadata": metadata})
    return Tracker(
        sender_id=sender,
        slots=dict(slots or {}),
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


async def run_action(action: Action, tracker: Tracker, domain: Optional[Dict[str, Any]] = None):
    """Runs the action; returns (events, messages sent)."""
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain or {})
    return events, dispatcher.messages


def only_text(messages: List[Dict[str, Any]]) -> str:
    assert len(messages) == 1, messages
    return messages[0]["text"]


def payloads(messages: List[Dict[str, Any]]) -> List[str]:
    return [button["payload"] for button in messages[-1].get("buttons") or []]


def cites(text: str, group: Dict[str, Any]) -> bool:
    """The reply names the fact group's source address and as-of date."""
    return group["source"] in text and str(group["as_of"]) in text
