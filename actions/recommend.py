"""Which credentials fit me: the profile form's checks and the recommendation that follows it."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.base import KnowledgeAction, Question, state_code
from actions.profile import NO_LIMIT, grade_mentioned, parse_budget, parse_grade
from actions.render import send
from actions.reply import Answer, Button, Reply, intent_button, unavailable
from knowledge import KnowledgeBase, Profile

MAX_EXCLUDED_SHOWN = 3
PROFILE_FORM = "profile_form"
PROFILE_SLOTS = ("interest", "grade", "budget")
GENERAL_INTEREST = "general"


class AskProfileQuestion(Action, ABC):
    """One question of the profile form, with answer buttons (payloads are plain text the form reads)."""

    question: Reply

    @abstractmethod
    def name(self) -> Text:
        """action_ask_<slot>: the name the form looks for."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        send(dispatcher, self.question, tracker.get_latest_input_channel())
        return []


class ActionAskInterest(AskProfileQuestion):
    question = Reply(
        text="What are you into? Pick one or type your own.",
        buttons=[Button(title, payload) for title, payload in (
            ("Computers and tech", "computers"), ("Health care", "health"), ("Building and trades", "construction"),
            ("Cars", "cars"), ("Food and cooking", "cooking"), ("Business", "business"), ("Art and design", "design"),
            ("Teaching", "teaching"), ("Not sure yet", "not sure"),
        )],
    )

    def name(self) -> Text:
        return "action_ask_interest"


class ActionAskGrade(AskProfileQuestion):
    question = Reply(
        text="What grade are you in?",
        buttons=[Button(title, f"{title} grade") for title in ("8th", "9th", "10th", "11th", "12th")],
    )

    def name(self) -> Text:
        return "action_ask_grade"


class ActionAskBudget(AskProfileQuestion):
    question = Reply(
        text="How much could you spend on exams or fees? Many schools pay, so free is a fine answer.",
        buttons=[Button("Free only", "free"), Button("Up to $100", "up to $100"), Button("Up to $300", "up to $300"),
                 Button("More than that", "no limit")],
    )

    def name(self) -> Text:
        return "action_ask_budget"


class ValidateProfileForm(FormValidationAction):
    """Turns free-text answers into an interest id, a grade number and a dollar budget, or asks again."""

    def name(self) -> Text:
        return "validate_profile_form"

    # The slots have custom mappings: these methods decide whether the latest message answers the form's
    # question or is a question of its own. Returning nothing makes the form step aside, so the
    # interruption rules in data/rules.yml answer it and the form asks again (or stops, on "nevermind").
    async def extract_interest(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        text = _latest_text(tracker)
        try:
            if _opening_request(tracker, "interest"):
                # "what should i get im into cooking": keep the interest so the form does not ask for it
                named = await kb.run(interest_mentioned, text)
                return {"interest": named} if named else {}
            if tracker.get_slot("requested_slot") != "interest":
                return {}
            understood = await kb.run(interest_named, text) is not None
        except kb.KnowledgeUnavailable:
            return {"interest": text} if tracker.get_slot("requested_slot") == "interest" else {}
        return _answer_or_step_aside(tracker, "interest", understood)

    def extract_grade(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        text = _latest_text(tracker)
        if tracker.get_slot("requested_slot") == "grade":
            return _answer_or_step_aside(tracker, "grade", parse_grade(text) is not None)
        # a grade said in passing, in the request or another answer ("cooking, im a junior"), is kept
        said_in_passing = _latest_intent(tracker) in ("recommend", "inform") and _speaks_to_the_form(tracker)
        grade = grade_mentioned(text) if said_in_passing and tracker.get_slot("grade") is None else None
        return {"grade": grade} if grade is not None else {}

    def extract_budget(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return _answer_or_step_aside(tracker, "budget", parse_budget(_latest_text(tracker)) is not None)

    async def validate_interest(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        try:
            interest = await kb.run(interest_named, str(value))
        except kb.KnowledgeUnavailable:
            send(dispatcher, unavailable(), tracker.get_latest_input_channel())
            return {"interest": None}
        if interest:
            return {"interest": interest["id"]}
        dispatcher.utter_message(text="I don't know that one. Pick a button, or type something like \"cars\" or \"not sure\".")
        return {"interest": None}

    def validate_grade(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        grade = parse_grade(str(value))
        if grade is None:
            dispatcher.utter_message(text="Sorry, which grade? A number like 10 works.")
        return {"grade": grade}

    def validate_budget(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        budget = parse_budget(str(value))
        if budget is None:
            dispatcher.utter_message(text="Sorry, how many dollars? Say \"free\" if it has to cost nothing.")
        return {"budget": budget}


def interest_named(knowledge: KnowledgeBase, text: str) -> Optional[Dict]:
    """The interest area an answer names: the whole answer ("computers"), else one named inside it
    ("idk maybe art" -> design; "not sure" only when nothing more specific is named)."""
    exact = knowledge.resolve_interest(text)
    if exact:
        return exact
    named = [r.record for r in knowledge.find_mentions(text, ["interest"]) if r.status == "matched"]
    specific = [record for record in named if record["id"] != GENERAL_INTEREST]
    return (specific or named or [None])[0]


def interest_mentioned(knowledge: KnowledgeBase, text: str) -> Optional[str]:
    """The words naming a specific interest inside a request ("cooking"), for validate_interest to read."""
    named = [r for r in knowledge.find_mentions(text, ["interest"]) if r.status == "matched"]
    return next((r.text for r in named if r.record["id"] != GENERAL_INTEREST), None)


# Intents the form steps aside for when the message does not answer its question; each has a rule in
# data/rules.yml that answers it and returns to the form, or (WAYS_OUT) leaves the form.
QUESTIONS_DURING_THE_FORM = frozenset({
    "ask_what_is", "ask_worth", "ask_cost", "ask_duration", "ask_validity", "ask_prerequisites", "ask_assessment",
    "ask_unknowable", "ask_pitfalls", "compare", "ask_demand_gap", "become_teacher", "ask_renewal",
    "bot_challenge", "what_can_you_do", "thank",
})
WAYS_OUT_OF_THE_FORM = frozenset({"deny", "goodbye", "talk_to_human"})
CLEARLY_A_QUESTION = 0.8  # intent confidence above which a question is not read as an answer


def _answer_or_step_aside(tracker: Tracker, slot: str, understood: bool) -> Dict[Text, Any]:
    """The message as the answer to the question about `slot`, or {} when it is a question or a way out.

    A question that names a credential or is classified with confidence ("is cna worth it", "how do i become
    a teacher") is a question even if the form could read an answer in it; otherwise an answer the form can
    read wins over a doubtful intent ("i graduated", read as ask_worth at 0.57, is still grade 13)."""
    if tracker.get_slot("requested_slot") != slot or not _speaks_to_the_form(tracker):
        return {}
    intent = _latest_intent(tracker)
    confidence = (tracker.latest_message.get("intent") or {}).get("confidence") or 0.0
    names_a_credential = any(e.get("entity") == "credential" for e in tracker.latest_message.get("entities") or [])
    clearly_a_question = names_a_credential or confidence >= CLEARLY_A_QUESTION
    if intent in QUESTIONS_DURING_THE_FORM and (clearly_a_question or not understood):
        return {}
    if intent in WAYS_OUT_OF_THE_FORM and not understood:
        return {}
    return {slot: _latest_text(tracker)}


def _speaks_to_the_form(tracker: Tracker) -> bool:
    """The form reads the user's latest message, not its way back after another action answered that message.

    Rasa hands the validation action a tracker ending in the form's own ActionExecuted, so the latest action
    name cannot tell; an action other than the form since the user spoke can."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "action" and event.get("name") not in ("action_listen", PROFILE_FORM):
            return False
    return True


def _opening_request(tracker: Tracker, slot: str) -> bool:
    """The latest message is the recommend request itself and the slot is still empty."""
    return _latest_intent(tracker) == "recommend" and tracker.get_slot(slot) is None


def _latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def _latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


class ActionRecommend(KnowledgeAction):
    def name(self) -> Text:
        return "action_recommend"

    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        budget = question.slots.get("budget")
        profile = Profile(
            interest=question.slots.get("interest"),
            grade=question.slots.get("grade"),
            budget_usd=None if budget in (None, NO_LIMIT) else budget,
            state=state_code(knowledge, question),
        )
        result = knowledge.recommend(profile, limit=5)
        # clear the answers so the next "what should I get?" asks again
        events: List[Dict[str, Any]] = [SlotSet(slot, None) for slot in PROFILE_SLOTS]
        recommendations = result["recommendations"]
        if recommendations:
            events.append(SlotSet("subject", recommendations[0]["credential"]))
        return Answer(recommendation_reply(knowledge, recommendations, result["excluded"]), events)


class ActionStopProfile(Action):
    """Leaving the profile form ("nevermind", "bye", "can i talk to a person") forgets its answers, so the next
    request starts fresh; the rules in data/rules.yml say what the user hears."""

    def name(self) -> Text:
        return "action_stop_profile"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return [SlotSet(slot, None) for slot in PROFILE_SLOTS]


def recommendation_reply(knowledge: KnowledgeBase, recommendations: List[Dict], excluded: List[Dict]) -> Reply:
    if not recommendations:
        reply = Reply(text="I found no credential that fits all your answers. A counselor can help you look wider.")
        reply.buttons = [intent_button("Talk to a person", "talk_to_human"), intent_button("Try again", "recommend")]
    else:
        reply = Reply(title="Credentials that fit you", text="Best fits first, with a score out of 100:")
    for item in recommendations:
        reasons = " ".join(_sentence(reason) for reason in item.get("reasons") or [])
        reply.bullets.append(f"{item['name']} ({item['total']}/100): {reasons}")
        _cite_summary(knowledge, reply, item["credential"])
    for item in excluded[:MAX_EXCLUDED_SHOWN]:
        reply.bullets.append(f"Not for you right now: {item['name']}, because {item['why']}")
    if recommendations:
        reply.buttons = [intent_button(f"Is {i['name']} worth it?", "ask_worth", i["credential"]) for i in recommendations[:3]]
    return reply


def _cite_summary(knowledge: KnowledgeBase, reply: Reply, record_id: str) -> None:
    record = knowledge.get(record_id)
    if record:
        reply.cite_fact(knowledge, record, "summary")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
