"""What a credential, teacher route or concept is; and why many high-school credentials don't lead to jobs."""
from __future__ import annotations

from typing import Dict, Text

from rasa_sdk.events import SlotSet

from actions.base import KnowledgeAction, Question
from actions.reply import Answer, Reply, intent_button
from actions.subjects import ask_which, find_subjects
from knowledge import KnowledgeBase

DEMAND_GAP_ID = "concept-credential-demand-gap"
ROUTE_FACTS = (
    ("time_to_classroom", "Time to the classroom"),
    ("candidate_cost", "Cost to you"),
    ("pay_during_prep", "Pay while training"),
    ("service_commitment", "Commitment"),
)


class ActionExplain(KnowledgeAction):
    def name(self) -> Text:
        return "action_explain"

    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        found = find_subjects(knowledge, question)
        if found.reply:
            return Answer(found.reply)
        if not found.records:
            return Answer(ask_which(knowledge, question))
        record = found.records[0]
        return Answer(explain(knowledge, record), [SlotSet("subject", record["id"])])


class ActionDemandGap(KnowledgeAction):
    def name(self) -> Text:
        return "action_demand_gap"

    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        record = knowledge.get(DEMAND_GAP_ID)
        if record is None:
            return Answer(Reply(text="I don't have the demand figures in my knowledge base yet."))
        reply = explain(knowledge, record)
        reply.buttons = [
            intent_button("Find credentials that lead to jobs", "recommend"),
            intent_button("What are the pitfalls?", "ask_pitfalls"),
        ]
        return Answer(reply, [SlotSet("subject", record["id"])])


def explain(knowledge: KnowledgeBase, record: Dict) -> Reply:
    """A short description of any record, with the sources of every fact it shows."""
    reply = Reply(title=record["name"], text="")
    reply.text = reply.cite_fact(knowledge, record, "summary").get("text") or "I have no summary for this yet."
    kind = record.get("kind")
    if kind == "credential":
        _credential_facts(knowledge, record, reply)
    elif kind == "route":
        _route_facts(knowledge, record, reply)
    elif kind == "family":
        members = knowledge.family_members(record["id"])
        reply.bullets.append("It includes: " + ", ".join(member["name"] for member in members) + ".")
        reply.buttons = [intent_button(member["name"], "ask_what_is", member["id"]) for member in members[:5]]
    else:
        for point in record.get("points") or []:
            reply.bullets.append(point["text"])
            reply.cite_group(point)
    return reply


def _credential_facts(knowledge: KnowledgeBase, record: Dict, reply: Reply) -> None:
    issuer = reply.cite_fact(knowledge, record, "issuer")
    if issuer.get("name"):
        reply.bullets.append(f"Given by: {issuer['name']}")
    reply.buttons = [
        intent_button("Is it worth it?", "ask_worth", record["id"]),
        intent_button("How much does it cost?", "ask_cost", record["id"]),
        intent_button("What are the pitfalls?", "ask_pitfalls", record["id"]),
    ]


def _route_facts(knowledge: KnowledgeBase, record: Dict, reply: Reply) -> None:
    for group_name, label in ROUTE_FACTS:
        group = reply.cite_fact(knowledge, record, group_name)
        if group.get("text"):
            reply.bullets.append(f"{label}: {group['text']}")
    reply.buttons = [
        intent_button("Is it worth it?", "ask_worth", record["id"]),
        intent_button("Compare with another route", "compare", record["id"]),
        intent_button("All ways to teach", "become_teacher"),
    ]

