"""Two credentials, routes or concepts side by side: two names in the message, one name + the last subject, or
the last two subjects of the conversation."""
from __future__ import annotations

import dataclasses
import re
from typing import Dict, List, Optional, Text, Union

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.base import KnowledgeAction, Question, recent_subjects, state_code
from actions.explain import explain
from actions.reply import Answer, Reply, Source, intent_button
from actions.subjects import QUESTION_WORDS, REFERRING_WORDS, SUBJECT_KINDS, find_subjects, same_family, which_one
from knowledge import KnowledgeBase
from knowledge.normalize import normalize

SCORED_KINDS = ("credential", "route")
MAX_SUGGESTIONS = 4
CONJUNCTION = re.compile(r"\b(or|vs|versus)\b")


class ActionCompare(KnowledgeAction):
    def name(self) -> Text:
        return "action_compare"

    def question(self, tracker: Tracker) -> Question:
        """Also the subjects discussed so far, for "which one is better" (only this action walks the events)."""
        return dataclasses.replace(Question.from_tracker(tracker), recent_subjects=recent_subjects(tracker.events))

    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        found = find_subjects(knowledge, question, use_slot=False)
        if found.reply:
            return Answer(found.reply)
        records = found.records[:2]
        if not records and len(question.recent_subjects) >= 2:  # "which one is better" after asking about two
            records = [r for r in map(knowledge.get, reversed(question.recent_subjects[:2])) if r]
        if len(records) == 1:
            other = other_side(knowledge, question, records[0])
            if isinstance(other, Reply):
                return Answer(other, [SlotSet("subject", records[0]["id"])])
            records += [other] if other else []
        if len(records) == 1 and is_a_comparison(records[0]):  # "certificate vs certification" is one concept
            return Answer(explain(knowledge, records[0]), [SlotSet("subject", records[0]["id"])])
        remembered = knowledge.get(question.subject) if question.subject else None
        if len(records) == 1 and remembered and remembered["id"] != records[0]["id"]:
            records.insert(0, remembered)
        if len(records) < 2:
            return ask_for_other(knowledge, records[0] if records else remembered)
        a, b = records
        events = [SlotSet("subject", a["id"]), SlotSet("subject_b", b["id"])]
        if a["kind"] == b["kind"] and a["kind"] in SCORED_KINDS:
            comparison = knowledge.compare(a["id"], b["id"], state=state_code(knowledge, question))
            return Answer(scored_comparison(comparison), events)
        return Answer(summaries_side_by_side(knowledge, a, b), events)


def is_a_comparison(record: Dict) -> bool:
    """A concept that already sets two things side by side ("Certification vs. certificate of completion")."""
    return record.get("kind") == "concept" and bool(re.search(r"\bvs\b", record["name"].lower()))


def other_side(knowledge: KnowledgeBase, question: Question, record: Dict) -> Union[Dict, Reply, None]:
    """The side of "X or Y" that the entity extractor missed: "ServSafe Food Handler or Manager" means
    ServSafe Manager (the brand is added when the word alone is unknown); "mos or google data analytics"
    asks which MOS rather than dropping it."""
    text = normalize(question.text)
    named = normalize(question.credential_texts[0] if question.credential_texts else record["name"])
    where, joint = text.find(named), CONJUNCTION.search(text)
    if where < 0 or not joint:
        return None
    side = text[joint.end():] if where < joint.start() else text[:joint.start()]
    words = [w for w in side.split() if w not in QUESTION_WORDS | REFERRING_WORDS]
    if not words:
        return None
    resolution = knowledge.resolve(" ".join(words), kinds=list(SUBJECT_KINDS))
    if resolution.status == "not_found" and where < joint.start():  # "Food Handler or Manager": add the brand
        brand = normalize(record["name"]).split()[0]
        resolution = knowledge.resolve(" ".join([brand] + words), kinds=list(SUBJECT_KINDS))
    if resolution.status == "ambiguous":  # "osha 10 construction vs general industry": the same family's one
        resolution = same_family(knowledge, resolution, record["id"]) or resolution
    if resolution.status == "ambiguous":
        return which_one(resolution, question)
    if resolution.status == "matched" and resolution.record["id"] != record["id"]:
        return resolution.record
    return None


def scored_comparison(comparison: Dict) -> Reply:
    a, b = comparison["a"], comparison["b"]
    reply = Reply(title=f"{a['name']} vs {b['name']}", text=comparison["summary"])
    reply.bullets = [f"{row['factor']}: {a['name']} {row['a']} · {b['name']} {row['b']}" for row in comparison["rows"]]
    for source in a["sources"] + b["sources"]:
        reply.cite(Source(source["name"], source["url"], str(source["as_of"])))
    freshness = a.get("freshness") or b.get("freshness")
    if freshness:
        reply.note(freshness)
    reply.buttons = [
        intent_button(f"Is {a['name']} worth it?", "ask_worth", a["credential"]),
        intent_button(f"Is {b['name']} worth it?", "ask_worth", b["credential"]),
    ]
    return reply


def summaries_side_by_side(knowledge: KnowledgeBase, a: Dict, b: Dict) -> Reply:
    """Concepts have no score, and a credential and a route score on different factors:
    show what each one is, with its source."""
    reply = Reply(title=f"{a['name']} vs {b['name']}", text="Here is what each one means:")
    for record in (a, b):
        summary = reply.cite_fact(knowledge, record, "summary")
        reply.bullets.append(f"{record['name']}: {summary.get('text') or 'no summary yet.'}")
    reply.buttons = [intent_button(f"More about {r['name']}", "ask_what_is", r["id"]) for r in (a, b)]
    return reply


def ask_for_other(knowledge: KnowledgeBase, record: Optional[Dict]) -> Answer:
    """Only one side known: say what it is first, then offer the records it is usually compared with."""
    if record is None:
        return Answer(Reply(text="Which two should I compare? For example: \"A+ vs Network+\" or \"TFA vs a residency\"."))
    suggestions = _related(knowledge, record)
    reply = explain(knowledge, record)
    if suggestions:
        reply.bullets.append("To compare it, pick one below or type another name.")
    reply.buttons = [intent_button(f"vs {other['name']}", "compare", other["id"]) for other in suggestions]
    return Answer(reply, [SlotSet("subject", record["id"])])


def _related(knowledge: KnowledgeBase, record: Dict) -> List[Dict]:
    """Records it leads to first, then others of the same kind sharing a field of interest."""
    leads_to = (record.get("stackability") or {}).get("leads_to") or []
    related = [r for r in map(knowledge.get, leads_to) if r]
    interests = set(record.get("interest_areas") or [])
    for other in knowledge.records(kind=record["kind"]):
        same_field = not interests or interests & set(other.get("interest_areas") or [])
        if other["id"] != record["id"] and same_field and other not in related:
            related.append(other)
    return related[:MAX_SUGGESTIONS]
