"""Session start: copies the school's widget settings (customData) into slots, then listens."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

CUSTOM_DATA_SLOTS = ("school", "grade_band", "state", "language")


class ActionSessionStart(Action):
    def name(self) -> Text:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        events: List[Dict[Text, Any]] = [SessionStarted()]
        if (domain.get("session_config") or {}).get("carry_over_slots_to_new_session", True):
            events += [SlotSet(name, value) for name, value in tracker.slots.items() if value is not None]
        events += [SlotSet(name, value) for name, value in custom_data(tracker).items()]
        events.append(ActionExecuted("action_listen"))
        return events


def custom_data(tracker: Tracker) -> Dict[str, Any]:
    """The widget's settings: socket.io passes customData as the metadata itself, REST clients may nest it."""
    metadata = tracker.get_slot("session_started_metadata") or {}
    data = metadata.get("customData") or metadata
    return {name: data[name] for name in CUSTOM_DATA_SLOTS if data.get(name) not in (None, "")}
