"""Questions typed the way students, teachers and counselors really type them, over REST with the real servers.

Each case is a short conversation. For every turn we check what a user would notice: the reply names the
credential or route they asked about, a factual reply names its source with an address (http...) and an
as-of date, and a credential we do not have is called "not in my knowledge base" instead of guessed.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import List, Tuple

import pytest

pytestmark = pytest.mark.stack

UNKNOWN = "not in my knowledge base"


@dataclass(frozen=True)
class Turn:
    message: str
    names: Tuple[str, ...] = ()      # each must appear in the reply (case-insensitive)
    sourced: bool = False            # a factual reply: cites an http(s) address and an as-of date
    unknown: bool = False            # the reply admits the credential is not in the knowledge base
    no_facts: bool = False           # small talk / out of scope: no sources, no score


@dataclass(frozen=True)
class Case:
    id: str
    turns: List[Turn] = field(default_factory=list)


def fact(message: str, *names: str) -> Turn:
    return Turn(message, names=names, sourced=True)


CASES = [
    # students, one message
    Case("slang-worth-a-plus", [fact("yo is the comptia a plus thing legit", "CompTIA A+")]),
    Case("cost-servsafe", [fact("how much is servsafe", "ServSafe")]),
    Case("age-cna", [fact("do u need to be 18 for cna", "Certified Nursing Assistant")]),
    Case("expire-sec-plus", [fact("does sec+ expire", "Security+")]),
    Case("worth-photoshop", [fact("photoshop cert worth it?", "Photoshop")]),
    Case("cost-google-it", [fact("how much does the google it certificate cost", "Google IT Support")]),
    # a fact the knowledge base lacks is said to be unknown, with no address standing in for it
    Case("expire-osha", [Turn("does osha 10 expire", names=("OSHA 10", "don't know whether it expires"))]),
    # typos
    Case("typo-a-pluss", [fact("is comptia a pluss worth it", "CompTIA A+")]),
    Case("typo-servesafe", [fact("how much is servesafe manager", "ServSafe Manager")]),
    Case("typo-networkplus", [fact("is networkplus worth it", "Network+")]),
    # teachers
    Case("teach-without-degree", [fact("can i teach w/o an ed degree", "Teach For America", "residency")]),
    Case("tfa-vs-residency", [fact("tfa vs residency?", "Teach For America", "residency")]),
    Case("renewal-alabama", [fact("does my microcredential count for renewal in alabama", "Alabama")]),
    Case("how-long-tfa", [fact("how long is teach for america", "Teach For America")]),
    # counselors
    Case("compare-a-plus-ccst", [fact("Compare CompTIA A+ and Cisco CCST IT Support", "CompTIA A+", "CCST")]),
    Case("oversupplied", [fact("Which credentials here are oversupplied?", "demand")]),
    # things it cannot know
    Case("unknown-pmp", [Turn("is the pmp worth it", names=("pmp",), unknown=True)]),
    Case("unknown-cissp", [Turn("how much does the cissp cost", names=("cissp",), unknown=True)]),
    Case("unknown-locksmith", [Turn("how long is the locksmith certification", names=("locksmith",), unknown=True)]),
    Case("unknown-divemaster", [Turn("is the scuba divemaster certification worth it", names=("divemaster",), unknown=True)]),
    # small talk and out of scope
    Case("bot-challenge", [Turn("r u a real person", names=("bot",), no_facts=True)]),
    Case("out-of-scope-math", [Turn("whats the derivative of x squared", no_facts=True)]),
    # follow-ups that name no credential
    Case("servsafe-follow-ups", [
        fact("is servsafe worth it", "ServSafe"),
        fact("does it expire", "ServSafe"),
        fact("how long does it take", "ServSafe"),
    ]),
    Case("cna-follow-ups", [
        fact("tell me about cna", "Certified Nursing Assistant"),
        Turn("how much", names=("Certified Nursing Assistant", "don't know the price")),
        fact("is it worth it", "Certified Nursing Assistant"),
    ]),
    Case("national-board-cost", [
        fact("is national board worth it", "National Board"),
        fact("how much does it cost", "National Board", "$"),
    ]),
    Case("security-compare-follow-up", [
        fact("is security+ good", "Security+"),
        fact("compare it to the google cybersecurity one", "Security+", "Google Cybersecurity"),
    ]),
    Case("teacher-routes-then-compare", [
        fact("how do i become a teacher", "Teach For America"),
        fact("what is a teacher residency", "residency"),
        fact("compare it with tfa", "residency", "Teach For America"),
    ]),
    Case("which-one-is-better", [
        fact("is comptia a+ worth it", "CompTIA A+"),
        fact("what about security+", "Security+"),
        fact("which one is better", "CompTIA A+ vs CompTIA Security+"),
    ]),
    Case("certificate-vs-certification-typo", [
        fact("whats the diffrence between a certificate and a certification", "certificate of completion"),
    ]),
    Case("age-then-who-pays", [
        fact("can i get my a+ at 15", "CompTIA A+", "age"),
        fact("do i have to pay for it or does the school", "CompTIA A+"),
    ]),
    Case("jobs-follow-up", [
        fact("my counselor said i should get the mos excel thing, is that actually useful", "Excel"),
        fact("what jobs can i get with it", "Excel", "Secretaries and administrative assistants"),
    ]),
    Case("national-board-raise", [
        fact("how much does national board cost", "National Board"),
        Turn("do i get a raise", names=("National Board", "won't guess", "counselor")),
    ]),
    # a question in the middle of "find credentials for me", then a way out
    Case("question-during-the-profile-form", [
        Turn("hi", names=("find credentials",), no_facts=True),
        Turn("yes", names=("What are you into",), no_facts=True),
        Turn("health care", names=("What grade",), no_facts=True),
        fact("is cna even worth it", "Certified Nursing Assistant", "/100", "What grade"),
        Turn("im a junior", names=("How much could you spend",), no_facts=True),
        Turn("nvm", names=("stopped the questions",), no_facts=True),
    ]),
    Case("suggestions-first-then-refined", [
        fact("what should i get, i like computers", "Best fit"),
        fact("im in 9th grade and have $50", "Best fit"),
    ]),
    Case("renewal-asks-state", [
        Turn("do micro-credentials count toward license renewal", names=("state",)),
        Turn("georgia", names=("Georgia", "not confirmed")),
    ]),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_realistic_conversation(rasa_stack, case: Case):
    sender = f"realistic-{case.id}-{uuid.uuid4().hex[:6]}"
    for turn in case.turns:
        messages = rasa_stack.say(sender, turn.message)
        text = "\n".join(m.get("text") or "" for m in messages)
        where = f"{case.id}: {turn.message!r} -> {text[:400]!r}"
        assert text.strip(), f"empty reply for {where}"
        for name in turn.names:
            assert name.lower() in text.lower(), f"{name!r} missing in {where}"
        if turn.sourced:
            assert "http" in text and "as of" in text, f"no dated source in {where}"
            assert UNKNOWN not in text, f"factual question answered as unknown: {where}"
        if turn.unknown:
            assert UNKNOWN in text, f"unknown credential not admitted: {where}"
            assert "/100" not in text, f"unknown credential was scored: {where}"
        if turn.no_facts:
            assert "http" not in text and "/100" not in text, f"small talk answered with facts: {where}"
