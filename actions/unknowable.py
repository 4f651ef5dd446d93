"""Questions the knowledge base cannot answer (pass rates, salaries, job placement, local demand).

The reply says so plainly, shows the closest thing the knowledge base does have (a factor of the
credential's score, with its evidence and source), offers a counselor and logs the question for them.
"""
from __future__ import annotations

import re
from typing import Dict, List, NamedTuple, Optional, Text

from rasa_sdk.events import SlotSet

from actions.base import KnowledgeAction, Question
from actions.reply import Answer, Reply, Source, intent_button
from actions.subjects import find_subjects
from knowledge import KnowledgeBase

SCORED_KINDS = ("credential", "route")
COUNSELOR_TEXT = "Your school counselor may know, since they see local numbers. I've noted your question for the counselors."


class Topic(NamedTuple):
    pattern: "re.Pattern[str]"
    missing: str  # what the knowledge base does not have, as in "I don't have <missing>"
    factors: List[str]  # the score factors that come closest


# checked in order: "how many people pass and get hired" is a pass-rate question first
TOPICS: Dict[str, Topic] = {
    "pass_rate": Topic(
        re.compile(r"\bpass(ed|es|ing)?\b.*\b(rate|percent|how many|students|kids)|\b(rate|percent|how many)\b.*\bpass|average score|\b(fail|success) rate"),
        "pass rates for a school or a class", ["rigor"],
    ),
    "pay": Topic(
        re.compile(r"salar|\bpay\b|\bpays\b|\bpaid\b|wage|\braise\b|pay (bump|increase)|\bearn(s|ings)?\b|money|\bmake\b.*\b(year|hour|much)|income|per hour|an hour"),
        "salaries or starting pay for people who earn it", ["wage"],
    ),
    "placement": Topic(
        re.compile(r"placement|placed|\bhir(e|ed|es|ing)\b|get (a )?jobs?\b|got (a )?jobs?\b|find (a )?jobs?\b|employment rate"),
        "job placement numbers for a school or program", ["outcomes"],
    ),
    "demand": Topic(
        re.compile(r"demand|local|\btown\b|\bcity\b|\barea\b|region|county|near me|around here|employers (here|near)"),
        "how much employers in your town or region want it", ["demand"],
    ),
}
DEFAULT_TOPIC = Topic(re.compile(""), "results numbers like that", ["outcomes"])


class ActionUnknowable(KnowledgeAction):
    def name(self) -> Text:
        return "action_unknowable"

    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        record: Optional[Dict] = None
        if question.credentials:  # a named credential may be unknown or unclear: say so, as everywhere
            found = find_subjects(knowledge, question)
            if found.reply:
                return Answer(found.reply)
            record = found.records[0] if found.records else None
        elif question.subject:  # the words of these questions ("rate", "town") are not names: no text search
            record = knowledge.get(question.subject)
        knowledge.log_gap(question.text, channel=question.channel, sender=question.sender)
        topic = topic_of(question.text)
        if record is None:
            return Answer(unknowable_reply(knowledge, None, topic))
        return Answer(unknowable_reply(knowledge, record, topic), [SlotSet("subject", record["id"])])


def topic_of(text: str) -> Topic:
    lowered = text.lower()
    return next((topic for topic in TOPICS.values() if topic.pattern.search(lowered)), DEFAULT_TOPIC)


def unknowable_reply(knowledge: KnowledgeBase, record: Optional[Dict], topic: Topic) -> Reply:
    name = record["name"] if record else ""
    reply = Reply(
        title=f"{name}: what I don't know" if record else "What I don't know",
        text=f"My knowledge base doesn't have {topic.missing}" + (f" for {name}" if record else "") + ", so I won't guess.",
    )
    if record and record["kind"] in SCORED_KINDS:
        result = knowledge.score(record["id"]).to_dict()
        names = {source["url"]: source["name"] for source in result["sources"]}
        closest = [factor for factor in result["factors"] if factor["name"] in topic.factors]
        if closest:
            reply.text += " Here is the closest thing it has:"
        for factor in closest:
            reply.bullets.append(f"{factor['label']} ({factor['score']}/{factor['max']}): {factor['evidence']}")
            if factor.get("source"):
                reply.cite(Source(names.get(factor["source"]) or factor["source"], factor["source"], str(factor["as_of"])))
    reply.text += " " + COUNSELOR_TEXT
    reply.buttons = [intent_button("Talk to a counselor", "talk_to_human")]
    if record and record["kind"] in SCORED_KINDS:
        reply.buttons.append(intent_button("Is it worth it?", "ask_worth", record["id"]))
    return reply
