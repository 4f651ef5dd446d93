"""When the bot is unsure: ask the user to say it another way, with buttons for what it can do."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.render import send
from actions.reply import Reply, intent_button

NLU_FALLBACK = "nlu_fallback"


class ActionFallback(Action):
    """NLU fallback (unclear message) keeps the turn; core fallback (unclear next step) also forgets it,
    so the odd message does not steer the rest of the conversation."""

    def name(self) -> Text:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        send(dispatcher, rephrase_reply(), tracker.get_latest_input_channel())
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        return [] if intent == NLU_FALLBACK else [UserUtteranceReverted()]


def rephrase_reply() -> Reply:
    return Reply(
        text="Sorry, I didn't get that. Could you say it another way? Or pick one of these:",
        buttons=[
            intent_button("Find credentials for me", "recommend"),
            intent_button("Is a credential worth it?", "ask_worth"),
            intent_button("How do I become a teacher?", "become_teacher"),
            intent_button("Talk to a person", "talk_to_human"),
        ],
    )
