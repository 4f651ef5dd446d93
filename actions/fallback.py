"""When the classifier is unsure, or calls a message out of scope: answer it from what it names if it is about
credentials or careers; otherwise ask to rephrase (unclear) or say what the assistant covers (out of scope)."""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions import kb
from actions.base import Question
from actions.explain import explain
from actions.facets import facts_reply
from actions.recommend import (
    LOCAL_QUESTION, UNKNOWN_NAME, ActionRecommend, interest_named, local_facts, profile_named, wants_suggestions,
)
from actions.render import send
from actions.reply import Answer, Reply, intent_button
from actions.subjects import NAME_MARKERS, find_subjects
from actions.understand import named_records, understood
from knowledge import KnowledgeBase
from knowledge.normalize import normalize

NLU_FALLBACK = "nlu_fallback"
ASKS_FOR_SOURCE = re.compile(r"\bwhere (is|did|does|do) (that|this|it|you)\b.*\b(from|get|come)\b|\b(your|the|what) sources?\b"
                             r"|\bsource\??$|\bwho says\b|\bhow do you know\b")
SOURCE_LINE = re.compile(r"^Sources?: (.+)$", re.MULTILINE)
OUT_OF_SCOPE_TEXT = ("That's outside what I know. I only answer questions about career certificates, certifications, "
                     "badges, careers and teaching routes. Try one of these:")


def domain_answer(knowledge: KnowledgeBase, question: Question) -> Optional[Answer]:
    """An answer for a message about credentials or careers that no intent fit, or None when it is not one."""
    answer = understood(knowledge, question)
    if answer:
        return answer
    if LOCAL_QUESTION.search(question.text.lower()):
        return local_facts(knowledge, question)
    text = question.text
    if not text or text.startswith("/"):
        return None
    named = named_records(knowledge, text)
    if named:  # "should our students take Security+": about the credential it names
        return Answer(explain(knowledge, named[0]), [SlotSet("subject", named[0]["id"])])
    if UNKNOWN_NAME.search(text.lower()) and not profile_named(knowledge, text):
        found = find_subjects(knowledge, question, use_slot=False)  # "massage therapy licenses": one we lack
        if found.reply:
            return Answer(found.reply)
    if wants_suggestions(knowledge, text) or interest_named(knowledge, text):
        return ActionRecommend().answer(knowledge, question)
    jobs = [m.record for m in knowledge.find_mentions(text, ["occupation"]) if m.status == "matched"]
    if jobs:
        return Answer(facts_reply(knowledge, jobs[0], ["pay", "demand"]) or explain(knowledge, jobs[0]))
    if NAME_MARKERS & set(normalize(text).split()):  # "the zorblax certificate": a name we do not hold
        found = find_subjects(knowledge, question, use_slot=False)
        if found.reply:
            return Answer(found.reply)
    return None


class DomainFirstAction(Action, ABC):
    """Tries `domain_answer` in a worker thread; `otherwise` says what to do when the message is not about the domain."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        question = Question.from_tracker(tracker)
        cited = earlier_sources(tracker.events) if ASKS_FOR_SOURCE.search(question.text.lower()) else None
        if cited:  # "where is that from": the sources of the answer just given
            send(dispatcher, Reply(text=f"That answer came from: {cited}"), question.channel)
            return []
        try:
            answer = await kb.run(domain_answer, question)
        except kb.KnowledgeUnavailable:
            answer = None
        if answer:
            send(dispatcher, answer.reply, question.channel)
            return answer.events
        send(dispatcher, self.reply(), question.channel)
        return self.otherwise(tracker)

    @abstractmethod
    def reply(self) -> Reply:
        """What to say when the message is not about credentials or careers."""

    def otherwise(self, tracker: Tracker) -> List[Dict[Text, Any]]:
        return []


class ActionFallback(DomainFirstAction):
    """NLU fallback (unclear message) keeps the turn; core fallback (unclear next step) also forgets it,
    so the odd message does not steer the rest of the conversation."""

    def name(self) -> Text:
        return "action_fallback"

    def reply(self) -> Reply:
        return rephrase_reply()

    def otherwise(self, tracker: Tracker) -> List[Dict[Text, Any]]:
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        return [] if intent == NLU_FALLBACK else [UserUtteranceReverted()]


class ActionOutOfScope(DomainFirstAction):
    """Nothing about credentials or careers is called out of scope: those get an answer; the rest a short no."""

    def name(self) -> Text:
        return "action_out_of_scope"

    def reply(self) -> Reply:
        return Reply(text=OUT_OF_SCOPE_TEXT, buttons=[
            intent_button("Find credentials for me", "recommend"),
            intent_button("What is a micro-credential?", "ask_what_is", "concept-micro-credential"),
            intent_button("How do I become a teacher?", "become_teacher"),
            intent_button("What can you do?", "what_can_you_do"),
        ])


def earlier_sources(events: List[Dict[Text, Any]]) -> Optional[str]:
    """The source line of the last answer that had one, as the user saw it."""
    for event in reversed(events or []):
        if event.get("event") == "bot":
            found = SOURCE_LINE.search(event.get("text") or "")
            if found:
                return found.group(1)
    return None


def rephrase_reply() -> Reply:
    return Reply(
        text="Sorry, I didn't get that. I answer questions about credentials, careers and teaching. "
        "Could you say it another way? Or pick one of these:",
        buttons=[
            intent_button("Find credentials for me", "recommend"),
            intent_button("Is a credential worth it?", "ask_worth"),
            intent_button("How do I become a teacher?", "become_teacher"),
            intent_button("Talk to a person", "talk_to_human"),
        ],
    )
