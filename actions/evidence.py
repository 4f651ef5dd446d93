"""Questions about evidence and opinions ("do alternative-route teachers leave more?", "is it just hype?"),
answered from the knowledge base's research findings: the figures, who was studied, and the source; both sides
when the studies disagree."""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Text

from rasa_sdk.events import SlotSet

from actions.base import KnowledgeAction, Question
from actions.explain import explain
from actions.reply import Answer, Reply, Source, intent_button
from knowledge import KnowledgeBase

MAX_FINDINGS = 3
# words that ask what studies, critics or employers say, rather than for one fact
EVIDENCE_CUES = re.compile(
    r"research|evidence|\bstud(y|ies)\b|\bdata (on|show)|critic|skeptic|\bhype\b|\bmyth\b|is it true|\btrue that\b|\breally\b"
    r"|\bactually\b|more likely|less likely|\bleave\b|\bquit|\bstay\b|\bretention\b|as good as|effective|better teachers"
    r"|replace|\bdying\b|going away|disappear|\bvalue\b|care (about|more)|look at|count as|real (teacher )?training"
    r"|pros and cons|to employers|do employers|hiring managers|recogni[sz]e|\bwaste\b|\bbad\b|\bprove\b|\bimprove"
    r"|earn more|get (hired|jobs)|in demand|\bdemand\b|\bmarketing\b|\blegit\b|accept(ed)?\b"
)
LEAD = {"for": "Evidence for", "against": "Evidence against", "mixed": "Mixed evidence"}


def is_evidence_question(text: str) -> bool:
    return bool(EVIDENCE_CUES.search(text.lower()))


def findings_reply(knowledge: KnowledgeBase, text: str, subjects: Sequence[str] = ()) -> Optional[Reply]:
    """The most relevant findings, best first, each with its figure and source; None when none fits."""
    findings = knowledge.findings(text, list(subjects), limit=MAX_FINDINGS)
    if subjects:  # a question about a named thing is answered by findings about it, or not from findings
        related = related_ids(knowledge, subjects)
        findings = [f for f in findings if related & set(f.get("subjects") or [])]
    if not findings:
        return None
    directions = {f.get("direction") for f in findings}
    top = findings[0]
    opening = _sentence(top)
    if {"for", "against"} <= directions:
        opening = "The studies disagree. " + opening
    named = [knowledge.get(s) for s in subjects[:1]]
    if named and named[0] and named[0].get("name"):
        opening = f"On {named[0]['name']}: {opening}" if not opening.startswith("The studies") \
            else opening.replace("The studies disagree.", f"Studies on {named[0]['name']} disagree.")
    reply = Reply(text=opening)
    reply.bullets = [_sentence(f, with_lead=True) for f in findings[1:]]
    for finding in findings:
        source = finding.get("source") or {}
        if source.get("url"):
            reply.cite(Source(source.get("name") or "source", source["url"], str(finding.get("as_of") or "unknown date")))
    if any(f.get("confidence") == "low" for f in findings):
        reply.note("Some of these come from weaker sources; treat them with care.")
    return reply


def related_ids(knowledge: KnowledgeBase, subjects: Sequence[str]) -> set:
    """The subjects with their families and family members (a finding about Google's certificates is about each)."""
    related = set(subjects)
    for subject in subjects:
        family = knowledge.family_of(subject)
        if family:
            related.add(family["id"])
        record = knowledge.get(subject) or {}
        if record.get("kind") == "family":
            related.update(record.get("members") or [])
        related.update(record.get("occupations") or [])
    return related


def _sentence(finding: Dict, with_lead: bool = False) -> str:
    claim = finding["claim"].rstrip(".")
    figure = f" ({finding['figure']})" if finding.get("figure") else ""
    lead = f"{LEAD.get(finding.get('direction'), 'Evidence')}: " if with_lead else ""
    return f"{lead}{claim}{figure}."


class ActionEvidence(KnowledgeAction):
    def name(self) -> Text:
        return "action_evidence"

    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        subjects = subject_ids(knowledge, question)
        reply = findings_reply(knowledge, question.text, subjects)
        events = [SlotSet("subject", subjects[0])] if subjects else []
        if reply is None and subjects and knowledge.get(subjects[0]):
            reply = explain(knowledge, knowledge.get(subjects[0]))  # no study on it: say what it is
        if reply is None:
            knowledge.log_gap(question.text, channel=question.channel, sender=question.sender)
            reply = Reply(text="I have no research findings on that yet, so I won't guess. "
                               "I've noted your question for the counselors.",
                          buttons=[intent_button("Is a credential worth it?", "ask_worth"),
                                   intent_button("Talk to a person", "talk_to_human")])
        return Answer(reply, events)


def subject_ids(knowledge: KnowledgeBase, question: Question) -> List[str]:
    """Records the question names (matched names only), else the subject under discussion."""
    named = [m.record["id"] for m in knowledge.find_mentions(question.text) if m.status == "matched"]
    named += [m.record["id"] for m in knowledge.find_mentions(question.text, ["occupation"]) if m.status == "matched"]
    if not named and question.subject:
        named = [question.subject]
    return list(dict.fromkeys(named))
