"""What every knowledge-backed action shares: read the tracker once, answer in a thread, render, return events."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import kb
from actions.render import send
from actions.reply import Answer, unavailable
from knowledge import KnowledgeBase


@dataclass(frozen=True)
class Question:
    """The parts of the tracker an answer depends on, copied so worker threads never touch the tracker."""

    text: str
    intent: str
    credentials: List[str] = field(default_factory=list)       # record ids (or the words, when unclear)
    credential_texts: List[str] = field(default_factory=list)  # the words the user typed for them
    states: List[str] = field(default_factory=list)
    slots: Dict[str, Any] = field(default_factory=dict)
    metadata: Dict[str, Any] = field(default_factory=dict)
    channel: Optional[str] = None
    sender: Optional[str] = None
    recent_subjects: List[str] = field(default_factory=list)  # filled only by actions that read it

    @classmethod
    def from_tracker(cls, tracker: Tracker) -> "Question":
        message = tracker.latest_message or {}
        entities = message.get("entities") or []
        return cls(
            text=message.get("text") or "",
            intent=(message.get("intent") or {}).get("name") or "",
            # the record id the knowledge base's matcher found (components/credential_entities.py), else the words
            credentials=_unique(e.get("record") or e.get("value") for e in entities if e.get("entity") == "credential"),
            credential_texts=_unique(e.get("value") for e in entities if e.get("entity") == "credential"),
            states=_unique(e.get("value") for e in entities if e.get("entity") == "state"),
            slots=dict(tracker.slots),
            metadata=dict(message.get("metadata") or {}),
            channel=tracker.get_latest_input_channel(),
            sender=tracker.sender_id,
        )

    @property
    def subject(self) -> Optional[str]:
        return self.slots.get("subject")


class KnowledgeAction(Action, ABC):
    """Runs `answer` with the knowledge base in a worker thread and sends its reply for the user's channel."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        question = self.question(tracker)
        try:
            answer = await kb.run(self.read_and_answer, question)
        except kb.KnowledgeUnavailable:
            answer = Answer(unavailable())
        send(dispatcher, answer.reply, question.channel)
        return answer.events

    def read_and_answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        """What the words ask (evidence, a pathway, several facts) wins over the intent's own answer."""
        from actions.understand import understood  # it builds on this module's Question

        return understood(knowledge, question) or self.answer(knowledge, question)

    def question(self, tracker: Tracker) -> Question:
        """What to answer; follow-ups override it to borrow the earlier question's intent."""
        return Question.from_tracker(tracker)

    @abstractmethod
    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        """Builds the reply and events; runs in a worker thread."""


def recent_subjects(events: List[Dict[str, Any]]) -> List[str]:
    """Records the conversation was about, latest first, each once ("which one is better" needs the last two)."""
    return _unique(event.get("value") for event in reversed(events or [])
                   if event.get("event") == "slot" and event.get("name") in ("subject", "subject_b"))


def _unique(values) -> List[str]:
    return list(dict.fromkeys(str(v) for v in values if v))


def state_named(question: Question) -> Optional[str]:
    """The state as the user gave it: in this message, earlier (slot), or by the school's widget (customData)."""
    custom = question.metadata.get("customData") or question.metadata
    return next(iter(question.states), None) or question.slots.get("state") or custom.get("state")


def state_code(knowledge: KnowledgeBase, question: Question) -> Optional[str]:
    """Two-letter code of the user's state, for state-specific scoring; None when unknown."""
    named = state_named(question)
    record = knowledge.resolve_state(named) if named else None
    return record.get("code") if record else None
