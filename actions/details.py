"""One fact about a credential or route (cost, duration, validity, prerequisites, how it is tested), picked by
the intent."""
from __future__ import annotations

from typing import Dict, List, NamedTuple, Text

from rasa_sdk.events import SlotSet

from actions.base import KnowledgeAction, Question
from actions.explain import explain
from actions.facets import INTENT_FACETS, facts_reply, price_range
from actions.reply import Answer, Reply, intent_button
from actions.subjects import ask_which, find_subjects
from knowledge import KnowledgeBase
from knowledge import expiry as expiry_kinds


class Facet(NamedTuple):
    label: str
    credential_group: str
    route_group: str


FACETS: Dict[str, Facet] = {
    "ask_cost": Facet("cost", "cost", "candidate_cost"),
    "ask_duration": Facet("how long it takes", "duration", "time_to_classroom"),
    "ask_validity": Facet("how long it lasts", "validity", "leads_to"),
    "ask_prerequisites": Facet("who can get it", "eligibility", "eligibility"),
    # routes have no tests of their own: their (absent) group gives the honest "no data" sentence
    "ask_assessment": Facet("how it is tested", "assessment", "assessment"),
}
FACET_BUTTONS = {
    "ask_cost": "How much does it cost?",
    "ask_duration": "How long does it take?",
    "ask_validity": "Does it expire?",
    "ask_prerequisites": "What do I need first?",
    "ask_assessment": "How is it tested?",
}


class ActionCredentialDetail(KnowledgeAction):
    def name(self) -> Text:
        return "action_credential_detail"

    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        found = find_subjects(knowledge, question)
        if found.reply:
            return Answer(found.reply)
        if not found.records:
            return Answer(ask_which(knowledge, question))
        record = found.records[0]
        events = [SlotSet("subject", record["id"])]
        facet = FACETS.get(question.intent, FACETS["ask_cost"])
        if record["kind"] == "family":  # what the members share, or which ones differ
            family = facts_reply(knowledge, record, [INTENT_FACETS.get(question.intent, "cost")])
            if family:
                family.caveat()
                return Answer(family, events)
        if record["kind"] not in ("credential", "route"):
            return Answer(explain(knowledge, record), events)
        group_name = facet.credential_group if record["kind"] == "credential" else facet.route_group
        if record["kind"] == "credential" and not record.get(group_name):  # unknown: say so, with the stub's reason
            unknown = facts_reply(knowledge, record, [INTENT_FACETS.get(question.intent, "cost")])
            if unknown:
                return Answer(unknown, events)
        return Answer(detail_reply(knowledge, record, facet, group_name, question.intent), events)


def detail_reply(knowledge: KnowledgeBase, record: Dict, facet: Facet, group_name: str, intent: str) -> Reply:
    reply = Reply(text="")
    group = reply.cite_fact(knowledge, record, group_name)
    if group_name in ("cost", "candidate_cost", "validity"):
        reply.caveat()  # prices and rules change: one line when ours are old or unconfirmed
    reply.bullets = _specifics(group_name, group)
    # credential eligibility groups carry numbers but no text: lead into them instead of saying "no data"
    lead = f"What my source lists for {record['name']} ({facet.label}):" if reply.bullets else ""
    reply.text = group.get("text") or lead or f"I have no data on {facet.label} for {record['name']} yet."
    if not reply.text.startswith(record["name"]) and record["name"] not in reply.text[:80]:
        reply.text = f"{record['name']}: {reply.text}"  # a follow-up answer says what it is about
    if group_name == "candidate_cost":  # "do they pay you?" is asked as a cost question: say both
        pay = reply.cite_fact(knowledge, record, "pay_during_prep")
        if pay.get("text"):
            reply.bullets.append(f"Pay while training: {pay['text']}")
    others = [i for i in FACET_BUTTONS if i != intent]
    reply.buttons = [intent_button(FACET_BUTTONS[i], i, record["id"]) for i in others]
    reply.buttons.append(intent_button("Is it worth it?", "ask_worth", record["id"]))
    return reply


EXPIRY_SENTENCES = {
    expiry_kinds.NEVER: "It does not expire.",
    expiry_kinds.YEARS: "It lasts {years:g} years.",
    expiry_kinds.UNKNOWN_LENGTH: "It expires, but how long it lasts is not verified. Check with the issuer.",
    expiry_kinds.UNKNOWN: "Whether it expires is not verified. Check with the issuer.",
}


def _expiry_sentence(validity: Dict) -> str:
    lasts = expiry_kinds.expiry(validity)
    return EXPIRY_SENTENCES[lasts.kind].format(years=lasts.years)


def _specifics(group_name: str, group: Dict) -> List[str]:
    """The structured numbers of a fact group, said plainly (the text may not spell them out)."""
    lines: List[str] = []
    if group_name in ("cost", "candidate_cost") and group.get("usd_max") is not None:
        lines.append(f"Price: {price_range(group.get('usd_min'), group['usd_max'])}")
    elif group_name == "validity":
        lines.append(_expiry_sentence(group))
        if group.get("renewal"):
            lines.append(f"To renew: {group['renewal']}")
        if group.get("policy_changed"):
            lines.append("The issuer changed its expiry rules recently, so check the latest rules.")
    elif group_name == "eligibility":
        if group.get("prerequisites"):
            lines.append(f"Before you start: {group['prerequisites']}")
        if "min_age" in group:  # credential groups; routes have no age field
            lines.append(f"Minimum age: {group['min_age']}" if group["min_age"] else "No minimum age is listed.")
        if group.get("min_gpa"):
            lines.append(f"Minimum GPA: {group['min_gpa']}")
        if group.get("requires_degree"):
            lines.append("You need a bachelor's degree.")
    elif group_name == "assessment" and group:
        lines.extend(_assessment_lines(group))
    return lines


def _assessment_lines(group: Dict) -> List[str]:
    """Proctored, hands-on part and number of exams; a null value is said to be unverified, never "no"."""
    proctored = group.get("proctored")
    if proctored is True:
        lines = ["Proctored: yes. Someone watches you take the test, in person or online."]
    elif proctored is False:
        lines = ["Proctored: no. Nobody watches you take it."]
    else:
        lines = ["Whether it is proctored is not verified."]
    if group.get("practical") or group.get("performance_based"):
        lines.append("Hands-on part: yes. You do real tasks, not only answer questions.")
    elif group.get("practical") is False:
        lines.append("Hands-on part: no. It checks what you know with questions only.")
    else:
        lines.append("Whether there is a hands-on part is not verified.")
    parts = group.get("parts")
    if parts is None:
        lines.append("How many exams or parts it has is not verified.")
    else:
        lines.append("One exam." if parts == 1 else f"{parts:g} exams or parts.")
    return lines
