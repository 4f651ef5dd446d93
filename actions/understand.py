"""What a question asks when its words say more than its intent: evidence, a pathway, several facts at once,
suggestions, a refinement of earlier suggestions, or local numbers we do not have.

Intents are a hint; "how long does a cna take and how much do they make" is one message with two facts, "I want
to be a nurse, should I get my CNA first" asks for a pathway, and "do alt-cert teachers quit more" for evidence,
whatever intent the classifier picked. Every knowledge action asks `understood` first (actions/base.py), and so
do the fallback and out-of-scope actions (actions/fallback.py).
"""
from __future__ import annotations

import re
from typing import List, Optional

from rasa_sdk.events import SlotSet

from actions.base import Question
from actions.evidence import findings_reply, is_evidence_question, subject_ids
from actions.facets import INTENT_FACETS, Facts, asked, facts_reply
from actions.profile import age_mentioned, budget_mentioned, grade_mentioned
from actions.recommend import (
    LOCAL_QUESTION, REFERS_BACK, UNKNOWN_NAME, ActionRecommend, interest_named, local_facts, wants_suggestions,
)
from actions.reply import Answer, Reply, intent_button
from actions.subjects import find_subjects
from knowledge import KnowledgeBase
from knowledge.findings import question_topics

# intents whose own action already answers the whole question
OWN_ANSWER = {"recommend", "become_teacher", "ask_pitfalls", "greet", "goodbye", "thank",
              "talk_to_human", "affirm", "deny", "bot_challenge", "what_can_you_do", "ask_demand_gap"}
STRONG_EVIDENCE = re.compile(r"research|evidence|\bstud(y|ies)\b|critic|skeptic|\bhype\b|\bmyth\b|pros and cons"
                             r"|is it true|more likely|less likely|\bdata on\b")
PATHWAY = re.compile(
    r"\b(get|do|take|start with|need)\b.*\b(first|before)\b|\bfirst step|stepping stone|what comes next|what'?s next"
    r"|\bnext step|\bmove up\b|\bafter (the |my |being (a |an )?)?\w+.*\b(what|next)\b|\bgood (first )?(step|start)"
    r"|\bstart(ing)? point|\btoward(s)? (becoming|being|an?)\b|\bprepare me\b|\bget me ready\b|\bbefore\b.*\?"
)
LEADS_TO = re.compile(r"\blead(s)? to\b|\bget me to\b")
# "how much will i make at my first job in my town": local numbers stay with action_unknowable
LOCAL = re.compile(r"\b(my|our|near|town|city|local|area|district|first job|pass rate|average score|percent|starting)\b")
SCORE_INTENTS = {"ask_worth"}
SURE_NAME = 0.9  # a job name matched this closely is meant ("welders"), not a loose hit ("water" ~ "waiter")


def understood(knowledge: KnowledgeBase, question: Question) -> Optional[Answer]:
    """An answer shaped by the question's words, or None to let the intent's own action answer."""
    text = question.text
    if not text or text.startswith("/"):
        return None
    if question.intent in OWN_ANSWER:
        # "what do you need to become a dental assistant" read as the teacher question: that job's facts
        return job_facts(knowledge, question) if question.intent == "become_teacher" else None
    if question.intent == "ask_unknowable" and LOCAL.search(text.lower()):
        return None
    if question.intent == "compare":  # two names are compared; one name with "first" asks for a pathway
        return evidence(knowledge, question) or pathway(knowledge, question) or suggestions(knowledge, question)
    if LOCAL_QUESTION.search(text.lower()):
        return local_facts(knowledge, question)
    return (refinement(knowledge, question) or evidence(knowledge, question) or pathway(knowledge, question)
            or job_facts(knowledge, question) or suggestions(knowledge, question) or several_facts(knowledge, question))


def refinement(knowledge: KnowledgeBase, question: Question) -> Optional[Answer]:
    """"im in 9th grade and have $50" after suggestions: the same suggestions, narrowed by what was added."""
    suggested_before = any(question.slots.get(slot) is not None for slot in ("interest", "grade", "age", "budget"))
    text = question.text
    added = grade_mentioned(text) or age_mentioned(text) or budget_mentioned(text) is not None
    if not (suggested_before and added) or named_records(knowledge, text):
        return None
    return ActionRecommend().answer(knowledge, question)


def suggestions(knowledge: KnowledgeBase, question: Question) -> Optional[Answer]:
    """"what certificate would help me get an office job", or an interest with no credential named ("I'm 15 and
    good with computers, what can I get"), whatever intent it was read as: ranked suggestions."""
    text = question.text
    if named_records(knowledge, text):
        return None  # a named credential is the subject, not a request for suggestions
    asks = wants_suggestions(knowledge, text)
    names_something = bool(question.credentials) or UNKNOWN_NAME.search(text.lower())
    refers_back = bool(question.subject) and REFERS_BACK.search(text.lower())
    if refers_back or (not asks and (names_something or interest_named(knowledge, text) is None)):
        return None  # "the zorblax welding badge", "what jobs can i get with it": not a request for suggestions
    jobs = [m for m in knowledge.find_mentions(text, ["occupation"]) if m.status == "matched" and m.confidence >= SURE_NAME]
    if jobs and set(asked(text)) & {"pay", "demand"}:
        return None  # "how much do welders make": the job's own facts
    return ActionRecommend().answer(knowledge, question)


def named_records(knowledge: KnowledgeBase, text: str) -> List[dict]:
    """Credentials, routes, families and concepts the text names for sure."""
    return [m.record for m in knowledge.find_mentions(text) if m.status == "matched" and m.confidence >= SURE_NAME]


def evidence(knowledge: KnowledgeBase, question: Question) -> Optional[Answer]:
    text = question.text.lower()
    strong = STRONG_EVIDENCE.search(text)
    topics = question_topics(text)
    if not (strong or (is_evidence_question(text) and topics)):
        return None
    if question.intent in SCORE_INTENTS and not strong and not topics - {"wages", "outcomes"}:
        return None
    subjects = subject_ids(knowledge, question)
    jobs_named = any((knowledge.get(s) or {}).get("kind") == "occupation" for s in subjects)
    if jobs_named and set(asked(text)) & {"pay", "demand"} and not strong and "automation" not in topics:
        return None  # "are electricians in demand": the job's own outlook answers it (several_facts); "will AI
        # replace data entry" goes to the findings on that job, and to its outlook when there are none
    reply = findings_reply(knowledge, question.text, subjects)
    if reply is None:
        return None
    reply.buttons = [intent_button("Is it worth it?", "ask_worth", subjects[0])] if subjects else []
    return Answer(reply, [SlotSet("subject", subjects[0])] if subjects else [])


def pathway(knowledge: KnowledgeBase, question: Question) -> Optional[Answer]:
    """What a credential leads to and the next steps, for each credential named, then what studies say."""
    lowered = question.text.lower()
    named = [r for r in named_records(knowledge, question.text) if r["kind"] in ("credential", "family")]
    if not (PATHWAY.search(lowered) or (len(named) >= 2 and LEADS_TO.search(lowered))):
        return None
    if not named or (question.intent == "ask_prerequisites" and len(named) < 2):
        return None  # "what do i need before X" asks for its prerequisites; "A+ before Security+" for a pathway
    reply = Reply(text="")
    sentences: List[str] = []
    for record in named[:2]:
        facts = Facts(knowledge, record, reply)
        sentences.append(facts.sentence("pathway") or "")
    goal = [m.record for m in knowledge.find_mentions(question.text, ["occupation"]) if m.status == "matched"]
    for job in goal[:1]:
        outlook = Facts(knowledge, job, reply).sentence("demand")
        if outlook:
            sentences.append(outlook)
    found = findings_reply(knowledge, question.text, [r["id"] for r in named])
    if found:
        sentences.append("What studies say: " + found.text)
        for source in found.sources:
            reply.cite(source)
    sentences = [s for s in sentences if s]
    reply.text, reply.bullets = sentences[0], sentences[1:]
    record = named[0]
    reply.buttons = [intent_button("Is it worth it?", "ask_worth", record["id"]),
                     intent_button("How long does it take?", "ask_duration", record["id"]),
                     intent_button("How much does it cost?", "ask_cost", record["id"])]
    return Answer(reply, [SlotSet("subject", record["id"])])


JOB_FACETS = {"demand", "entry", "pay"}


def jobs_named(knowledge: KnowledgeBase, text: str) -> List[dict]:
    """Occupations the text names for sure ("welders", "plumbing")."""
    return [m.record for m in knowledge.find_mentions(text, ["occupation"])
            if m.status == "matched" and m.confidence >= SURE_NAME]


def job_facts(knowledge: KnowledgeBase, question: Question) -> Optional[Answer]:
    """A question about a job itself (its future, what it takes to start, its pay) that names the job and no
    credential: that job's facts. Teaching jobs are left to the routes to teacher certification."""
    if not set(asked(question.text)) & JOB_FACETS:
        return None
    jobs = jobs_named(knowledge, question.text)
    if not jobs or all(job["soc"].startswith("25-") for job in jobs) or named_records(knowledge, question.text):
        return None
    return several_facts(knowledge, question)


def several_facts(knowledge: KnowledgeBase, question: Question) -> Optional[Answer]:
    """Each fact the words ask for ("how long ... and how much do they make"), one sentence each."""
    facets = asked(question.text)
    facets = [f for f in facets if f != "pathway"]
    if not facets or facets == [INTENT_FACETS.get(question.intent)]:
        return None  # one fact of the intent's own kind: the intent's action answers it
    found = find_subjects(knowledge, question)
    records = found.records
    if found.reply or not records:
        jobs = jobs_named(knowledge, question.text)
        if not jobs or not set(facets) & (JOB_FACETS | {"jobs"}):
            return None
        records = jobs
    record = records[0]
    if record["kind"] == "concept":
        return None
    reply = facts_reply(knowledge, record, facets)
    if reply is None:
        return None
    if set(facets) & {"cost", "validity"}:
        reply.caveat()
    if question.intent in SCORE_INTENTS and record["kind"] in ("credential", "route"):
        result = knowledge.score(record["id"]).to_dict()
        reply.bullets.append(f"Score: {result['total']}/100, based on {result['based_on']}.")
    reply.buttons = [intent_button("Is it worth it?", "ask_worth", record["id"]),
                     intent_button("What are the pitfalls?", "ask_pitfalls", record["id"])] \
        if record["kind"] in ("credential", "route") else []
    return Answer(reply, [SlotSet("subject", record["id"])])
