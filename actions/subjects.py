"""Which knowledge records a question is about: named entities, names in the text, or the last subject.

The rule is never to guess: an unclear name gets a "which one?" question with a button per
candidate, and an unknown name gets "not in my knowledge base", the closest matches and a gap log.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import lru_cache
from typing import Dict, List, Optional, Sequence

from actions.base import Question
from actions.reply import Reply, intent_button
from knowledge import KnowledgeBase
from knowledge.normalize import normalize

SUBJECT_KINDS = ("credential", "route", "concept", "family")
MAX_CHOICES = 5

ORDINAL = re.compile(r"^\d+(st|nd|rd|th)?$")  # "10th", "2": grades and counts, not names
# Words that point back to the subject already under discussion ("how much does IT cost?").
REFERRING_WORDS = {"it", "its", "that", "this", "they", "them", "those", "these", "one", "same"}

# Words of the questions themselves: whatever else a message holds may be an unknown credential name.
QUESTION_WORDS = set(
    """
    a about actually again all also am an and any anything are as ask at be been before being but by can could
    do does doing dont else even ever for from get getting give go good got had has have how i if im in info
    information into is isnt just know let like long many me mean more much my need needs of on or other please
    really should so some something tell than thanks the then there thing things think to u up us use want wanna
    was we well were what whats when where which who why will with would worth ya yeah yes you your ur wats wat
    explain describe definition define exactly stand means cost costs price prices pay paid money expensive
    cheap free fee fees dollars bucks take takes time hours weeks months years year quick fast last lasts expire
    expires expiration valid renew renewal required requirements prerequisite prerequisites prereqs eligible
    qualify age old worthwhile value valuable useful help helpful legit point bother benefit pros cons pitfall
    pitfalls downside downsides risk risks problem problems catch watch out bad wrong compare comparison versus
    vs difference between better best cert certs certificate certificates certification certifications
    credential credentials course courses class classes program programs exam exams test tests badge badges card
    kind type sort two both each either first student students grade grader school high job jobs work career
    teacher teachers state
    tho though lol lmao haha ok okay k cool nice wait hmm hm bro bruh fr ngl tbh rn nah yo hey hi hello yea yep
    sure pls plz thx hard harder hardest easy easier easiest cheaper cheapest faster quicker study studying pass
    passing fail online real actual official certified hired hire
    """.split()
)
LONG_QUESTION_WORDS = sorted(word for word in QUESTION_WORDS if len(word) >= 6)
MIN_TYPO_LENGTH = 6  # shorter words are too close to real names ("mos", "ase") to count as typos
TYPO_CUTOFF = 0.85  # "diffrence" vs "difference" is 0.95; "praxis" vs "practice" 0.57

# Words that make the word next to them a name ("the zorblax certificate"), not small talk.
NAME_MARKERS = {
    "cert", "certs", "certificate", "certification", "certifications", "badge", "exam", "license", "credential",
}
SURE = 0.9  # an ambiguous extra name whose candidates are all below this is noise next to an exact name
NAME_LIKE = 0.7  # a candidate this close means the leftover words were meant as a name


@dataclass
class Subjects:
    """The records a question names, or the reply to send instead when they are unclear or unknown."""

    records: List[Dict] = field(default_factory=list)
    reply: Optional[Reply] = None


def find_subjects(knowledge: KnowledgeBase, question: Question, use_slot: bool = True) -> Subjects:
    """Resolves entity values (or names found in the text); falls back to the `subject` slot."""
    kinds = list(SUBJECT_KINDS)
    if question.credentials:
        named = [(name, knowledge.resolve(name, kinds=kinds)) for name in question.credentials]
    else:
        named = [(m.text, m) for m in knowledge.find_mentions(question.text, kinds=kinds)]
        unknown = "" if named else unknown_name(question)
        resolution = knowledge.resolve(unknown, kinds=kinds) if unknown else None
        small_talk = resolution and resolution.status == "not_found" and question.subject
        if resolution and not (small_talk and not looks_like_name(question, resolution)):
            named = [(unknown, resolution)]
    records: List[Dict] = []
    exact = any(resolution.status == "matched" and resolution.confidence >= SURE for _, resolution in named)
    for name, resolution in named:
        if exact and _only_loose(resolution):
            continue  # "is osha 10 a real certification": "real certification" is not a second name
        if resolution.status == "ambiguous":
            sibling = same_family(knowledge, resolution, question.subject)
            if sibling is None:
                return Subjects(reply=which_one(resolution, question))
            resolution = sibling
        if resolution.status != "matched":
            return Subjects(reply=not_found(knowledge, name, resolution, question))
        if resolution.record["id"] not in {r["id"] for r in records}:
            records.append(resolution.record)
    if not records and use_slot and question.subject:
        remembered = knowledge.get(question.subject)
        if remembered:
            return Subjects(records=[remembered])
    return Subjects(records=records)


def same_family(knowledge: KnowledgeBase, resolution, subject: Optional[str]):
    """ "and the cybersecurity one?" after CCST IT Support means the family's Cybersecurity exam."""
    family = knowledge.family_of(subject) if subject else None
    members = set((family or {}).get("members") or [])
    siblings = [c for c in resolution.candidates if c.id in members]
    if len(siblings) != 1:
        return None
    return knowledge.resolve(siblings[0].id, kinds=list(SUBJECT_KINDS))


def _only_loose(resolution) -> bool:
    """Unmatched, with no candidate we are sure of: noise from the typo-tolerant extractor."""
    return resolution.status != "matched" and all(c.confidence < SURE for c in resolution.candidates)


def unknown_name(question: Question) -> str:
    """The words left after removing question words, words that point back and state names: possibly a
    credential we do not know. Empty means the question is about the subject already under discussion."""
    if question.text.startswith("/"):
        return ""
    known = QUESTION_WORDS | REFERRING_WORDS | {word for state in question.states for word in normalize(state).split()}
    words = [word for word in normalize(question.text).split()
             if word not in known and len(word) > 1 and not misspelled_question_word(word)]
    return " ".join(word for word in words if not ORDINAL.match(word))


@lru_cache(maxsize=4096)
def misspelled_question_word(word: str) -> bool:
    """A typo of a long question word ("diffrence", "certifcate"), which is no more a name than the word itself."""
    return len(word) >= MIN_TYPO_LENGTH and bool(get_close_matches(word, LONG_QUESTION_WORDS, n=1, cutoff=TYPO_CUTOFF))


def looks_like_name(question: Question, resolution) -> bool:
    """Leftover words with a subject under discussion are small talk ("ok", "tho") unless they come close
    to a known name or sit next to a word like "certificate"."""
    if any(candidate.confidence >= NAME_LIKE for candidate in resolution.candidates):
        return True
    words = normalize(question.text).split()
    unknown = set(unknown_name(question).split())
    return any(
        word in unknown and NAME_MARKERS & set(words[max(i - 1, 0):i] + words[i + 1:i + 2])
        for i, word in enumerate(words)
    )


def which_one(resolution, question: Question) -> Reply:
    choices = resolution.candidates[:MAX_CHOICES]
    return Reply(
        text="I know more than one thing by that name. Which one do you mean?",
        buttons=[intent_button(choice.name, question.intent, choice.id) for choice in choices],
    )


def not_found(knowledge: KnowledgeBase, name: str, resolution, question: Question) -> Reply:
    """Says the name is unknown, offers the closest matches and logs the question for counselors."""
    knowledge.log_gap(question.text, channel=question.channel, sender=question.sender)
    reply = Reply(
        text=f"\"{name}\" is not in my knowledge base yet, so I won't guess about it. "
        "I've noted your question for the counselors.",
    )
    choices = resolution.candidates[:MAX_CHOICES]
    if choices:
        reply.text += " The closest ones I know are below."
        reply.buttons = [intent_button(choice.name, question.intent, choice.id) for choice in choices]
    return reply


def ask_which(
    knowledge: KnowledgeBase, question: Question, example_ids: Sequence[str] = ("comptia-a-plus", "servsafe-food-handler")
) -> Reply:
    """No name and nothing to refer back to: ask for one, with a few examples as buttons."""
    examples = [record for record in map(knowledge.get, example_ids) if record]
    return Reply(
        text="Which credential do you mean? Type its name, like CompTIA A+ or ServSafe.",
        buttons=[intent_button(record["name"], question.intent, record["id"]) for record in examples],
    )
