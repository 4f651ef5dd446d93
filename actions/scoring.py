"""Is a credential (or teacher route) worth it: the transparent score, its top factors, pitfalls and sources;
asked as "what jobs can i get with it", the jobs it is linked to come first."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk.events import SlotSet

from actions.base import KnowledgeAction, Question, state_code
from actions.explain import explain
from actions.reply import STALE_NOTE, Answer, Reply, Source, intent_button
from actions.subjects import ask_which, find_subjects
from knowledge import KnowledgeBase

TOP_FACTORS = 3
JOB_QUESTION = re.compile(r"\bjobs?\b|\bcareers?\b|\bwork as\b|\bkind of work\b")
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
        if record["kind"] not in SCORED_KINDS:
            # concepts ("is a micro-credential worth it?") have no score: explain them instead
            return Answer(explain(knowledge, record), events)
        result = knowledge.score(record["id"], state=state_code(knowledge, question)).to_dict()
        reply = score_reply(result)
        if record["kind"] == "credential" and JOB_QUESTION.search(question.text.lower()):  # the jobs come first
            reply.bullets[:0] = linked_jobs(knowledge, record, reply)
        return Answer(reply, events)


def linked_jobs(knowledge: KnowledgeBase, record: Dict[str, Any], reply: Reply) -> List[str]:
    """One line per job the credential is linked to, with its outlook (cited); says so when there are none."""
    jobs = [job for job in map(knowledge.get, record.get("occupations") or []) if job]
    if not jobs:
        return [f"Jobs: my knowledge base links no jobs to {record['name']} yet."]
    return [f"A job it leads to: {job['name']}. {reply.cite_fact(knowledge, job, 'outlook').get('text') or ''}".strip()
            for job in jobs]


def score_reply(result: Dict[str, Any]) -> Reply:
    """Total, top factors with evidence, pitfalls, confidence and dated sources of one score."""
    reply = Reply(
        title=f"Is {result['name']} worth it?",
        text=f"{result['name']} scores {result['total']} out of 100. "
        f"How sure I am: {result['confidence']}.",
    )
    factors = sorted(result["factors"], key=lambda f: f["score"] / (f["max"] or 1), reverse=True)
    for factor in factors[:TOP_FACTORS]:
        reply.bullets.append(f"{factor['label']} ({factor['score']}/{factor['max']}): {factor['evidence']}")
    for pitfall in result["pitfalls"]:
        reply.bullets.append(f"Watch out: {pitfall['title']}. {pitfall['reason']}")
    for source in result["sources"]:
        reply.cite(Source(source["name"], source["url"], str(source["as_of"])))
    if result.get("stale"):
        reply.note(STALE_NOTE)
    if result["confidence"] == "low":
        reply.note("Some of this comes from weak or unconfirmed sources.")
    reply.buttons = [
        intent_button("What are the pitfalls?", "ask_pitfalls", result["credential"]),
        intent_button("Compare with...", "compare", result["credential"]),
        intent_button("How much does it cost?", "ask_cost", result["credential"]),
    ]
    return reply
