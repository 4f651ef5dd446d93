"""A bare name after a question ("how much is a+?" ... "and network+?"): the same question about the new name."""
from __future__ import annotations

import dataclasses
from typing import Dict, Optional, Text

from rasa_sdk import Tracker

from actions.base import KnowledgeAction, Question
from actions.details import FACETS, ActionCredentialDetail
from actions.explain import ActionExplain
from actions.pitfalls import ActionPitfalls
from actions.reply import Answer
from actions.scoring import ActionScoreCredential
from knowledge import KnowledgeBase

ANSWERS: Dict[str, KnowledgeAction] = {
    **{intent: ActionCredentialDetail() for intent in FACETS},
    "ask_worth": ActionScoreCredential(),
    "ask_pitfalls": ActionPitfalls(),
    "ask_what_is": ActionExplain(),
}
DEFAULT_INTENT = "ask_what_is"  # nothing to borrow: say what the named thing is


class ActionFollowUp(KnowledgeAction):
    def name(self) -> Text:
        return "action_follow_up"

    def question(self, tracker: Tracker) -> Question:
        question = Question.from_tracker(tracker)
        return dataclasses.replace(question, intent=earlier_intent(tracker) or DEFAULT_INTENT)

    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        return ANSWERS[question.intent].read_and_answer(knowledge, question)


def earlier_intent(tracker: Tracker) -> Optional[str]:
    """The last question asked before this message, skipping earlier bare names ("and security+?")."""
    user_turns = [event for event in tracker.events if event.get("event") == "user"][:-1]
    for event in reversed(user_turns):
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent != "inform":
            return intent if intent in ANSWERS else None
    return None
