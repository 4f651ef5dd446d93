"""Is a credential (or teacher route) worth it: the transparent score, its top factors, pitfalls and sources.
("what jobs can i get with it" is answered by the jobs themselves: actions/understand.py.)"""
from __future__ import annotations

from typing import Any, Dict, Text

from rasa_sdk.events import SlotSet

from actions.base import KnowledgeAction, Question, state_code
from actions.explain import explain
from actions.facets import first_sentence
from actions.reply import Answer, Reply, Source, intent_button
from actions.subjects import ask_which, find_subjects
from knowledge import KnowledgeBase

TOP_FACTORS = 3
MAX_PITFALLS = 2
SCORED_KINDS = ("credential", "route")


class ActionScoreCredential(KnowledgeAction):
    def name(self) -> Text:
        return "action_score_credential"

    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        found = find_subjects(knowledge, question)
        if found.reply:
            return Answer(found.reply)
        if not found.records:
            return Answer(ask_which(knowledge, question))
        record = found.records[0]
        events = [SlotSet("subject", record["id"])]
        if record["kind"] == "family":
            return Answer(family_scores(knowledge, record, state_code(knowledge, question)), events)
        if record["kind"] not in SCORED_KINDS:
            # concepts ("is a micro-credential worth it?") have no score: explain them instead
            return Answer(explain(knowledge, record), events)
        result = knowledge.score(record["id"], state=state_code(knowledge, question)).to_dict()
        return Answer(score_reply(result), events)


def family_scores(knowledge: KnowledgeBase, family: Dict[str, Any], state: Any) -> Reply:
    """Each member's score in one line, best first: a family has no score of its own."""
    results = sorted((knowledge.score(m["id"], state=state).to_dict() for m in knowledge.family_members(family["id"])),
                     key=lambda r: -r["total"])
    reply = Reply(text=f"It depends on which {family['name']} you take. Best first:")
    for result in results:
        reply.bullets.append(f"{result['name']}: {result['total']}/100 (based on {result['based_on']}).")
        for source in result["sources"][:2]:
            reply.cite(Source(source["name"], source["url"], str(source["as_of"])))
    reply.buttons = [intent_button(f"Is {r['name']} worth it?", "ask_worth", r["credential"]) for r in results[:3]]
    return reply


def score_reply(result: Dict[str, Any]) -> Reply:
    """The verdict first (yes or no in words, the total, what it rests on, how sure), then the strongest known
    factors, the warnings specific to this credential, and one freshness line when the figures are old."""
    reply = Reply(
        text=f"{result['verdict']}: {result['name']} scores {result['total']}/100, based on {result['based_on']}. "
        f"How sure I am: {result['confidence']}.",
    )
    known = [f for f in result["factors"] if f.get("known", True)]
    factors = sorted(known, key=lambda f: f["score"] / (f["max"] or 1), reverse=True)
    for factor in factors[:TOP_FACTORS]:
        reply.bullets.append(f"{factor['label']} ({factor['score']}/{factor['max']}): {first_sentence(factor['evidence'])}")
    for pitfall in result["pitfalls"][:MAX_PITFALLS]:
        reply.bullets.append(f"Watch out: {first_sentence(pitfall.get('detail') or pitfall['reason'])}")
    for source in result["sources"]:
        reply.cite(Source(source["name"], source["url"], str(source["as_of"])))
    if result.get("freshness"):
        reply.note(result["freshness"])
    reply.buttons = [
        intent_button("What are the pitfalls?", "ask_pitfalls", result["credential"]),
        intent_button("Compare with...", "compare", result["credential"]),
        intent_button("How much does it cost?", "ask_cost", result["credential"]),
    ]
    return reply
