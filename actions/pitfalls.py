"""Pitfalls: the warnings the scoring module raises for one credential, or the general list (W1..W9)."""
from __future__ import annotations

from typing import Dict, Text

from rasa_sdk.events import SlotSet

from actions.base import KnowledgeAction, Question
from actions.reply import Answer, Reply, intent_button
from actions.subjects import find_subjects
from knowledge import KnowledgeBase

SCORED_KINDS = ("credential", "route")


class ActionPitfalls(KnowledgeAction):
    def name(self) -> Text:
        return "action_pitfalls"

    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        found = find_subjects(knowledge, question)
        if found.reply:
            return Answer(found.reply)
        scored = [record for record in found.records if record["kind"] in SCORED_KINDS]
        if not scored:
            return Answer(general_pitfalls(knowledge))
        record = scored[0]
        return Answer(pitfalls_of(knowledge, record), [SlotSet("subject", record["id"])])


def pitfalls_of(knowledge: KnowledgeBase, record: Dict) -> Reply:
    result = knowledge.score(record["id"]).to_dict()
    reply = Reply(title=f"Pitfalls of {record['name']}", text="")
    for pitfall in result["pitfalls"]:
        reply.bullets.append(f"{pitfall['title']}: {pitfall['reason']}")
        reply.cite_group(knowledge.get(pitfall["id"]))
    if reply.bullets:
        reply.text = f"Things to know before you spend time or money on {record['name']}:"
    else:
        reply.text = f"My checks found no red flags for {record['name']}."
        reply.cite_fact(knowledge, record, "summary")
    reply.buttons = [
        intent_button("Is it worth it?", "ask_worth", record["id"]),
        intent_button("Compare with...", "compare", record["id"]),
    ]
    return reply


def general_pitfalls(knowledge: KnowledgeBase) -> Reply:
    reply = Reply(title="Common pitfalls", text="Watch out for these with any credential:")
    for pitfall in sorted(knowledge.records(kind="pitfall"), key=lambda p: int(p["id"].lstrip("W") or 0)):
        reply.bullets.append(f"{pitfall['title']}: {pitfall['reason']}")
        reply.cite_group(pitfall)
    reply.buttons = [
        intent_button("Find credentials for me", "recommend"),
        intent_button("Why don't many lead to jobs?", "ask_demand_gap"),
    ]
    return reply

