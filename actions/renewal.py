"""Do micro-credentials count toward a teaching license? It depends on the state, and the reply says so."""
from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa_sdk.events import SlotSet

from actions.base import KnowledgeAction, Question, state_named
from actions.reply import Answer, Reply
from knowledge import KnowledgeBase

GENERAL_RECORD_ID = "educator-micro-credential-renewal"
ANSWERS = {True: "yes", False: "no", "unknown": "not confirmed in my sources"}


class ActionRenewalRules(KnowledgeAction):
    def name(self) -> Text:
        return "action_renewal_rules"

    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        named = state_named(question)
        state = knowledge.resolve_state(named) if named else None
        if state is None:
            return Answer(ask_for_state(knowledge, named))
        return Answer(state_rules(knowledge, state), [SlotSet("state", state["name"])])


def state_rules(knowledge: KnowledgeBase, state: Dict) -> Reply:
    reply = Reply(text="")
    policy = reply.cite_fact(knowledge, state, "micro_credentials")
    reply.text = (f"In {state['name']}, do micro-credentials count toward renewing a license? "
                  f"{_plain(policy.get('renewal')).capitalize()}.")
    reply.bullets = [
        f"Count toward a first license: {_plain(policy.get('initial_license'))}",
        policy.get("text") or "I have no rules on file for this state.",
    ]
    if "unknown" in (policy.get("renewal"), policy.get("initial_license")):
        reply.note(f"Check with the {state['name']} education department before you count on it.")
    return reply


def ask_for_state(knowledge: KnowledgeBase, named: Optional[str] = None) -> Reply:
    """Explains that the answer depends on the state, with what is known in general, and asks which state."""
    reply = Reply(text="It depends on the state. Some states count micro-credentials toward renewing a teaching "
                  "license, a few toward a first license, and others not at all.")
    states = knowledge.records(kind="state")
    renewal = [s for s in states if (s.get("micro_credentials") or {}).get("renewal") is True]
    if renewal:
        counted = "1 state counts" if len(renewal) == 1 else f"{len(renewal)} states count"
        reply.text += f" In my records, {counted} them toward renewal."
        for state in renewal:
            reply.cite_fact(knowledge, state, "micro_credentials")
    general = knowledge.get(GENERAL_RECORD_ID)
    if general:
        reply.cite_fact(knowledge, general, "summary")
    if named:
        reply.text += f" I don't know a state called \"{named}\"."
    reply.text += " Which state do you teach in?"
    return reply


def _plain(value: Any) -> str:
    return ANSWERS.get(value, ANSWERS["unknown"])
