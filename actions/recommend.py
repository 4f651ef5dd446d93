"""Which credentials fit me: the profile form's checks and the recommendation that follows it."""
from __future__ import annotations

import dataclasses
import re
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.base import KnowledgeAction, Question, state_code
from actions.explain import explain
from actions.subjects import find_subjects
from actions.unknowable import ActionUnknowable
from actions.profile import NO_LIMIT, age_mentioned, budget_mentioned, grade_mentioned, parse_budget, parse_grade
from actions.render import send
from actions.reply import Answer, Button, Reply, intent_button, unavailable
from knowledge import KnowledgeBase, Profile

MAX_EXCLUDED_SHOWN = 3
PROFILE_FORM = "profile_form"
PROFILE_SLOTS = ("interest", "grade", "budget", "age")
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
    "ask_unknowable", "ask_pitfalls", "compare", "ask_demand_gap", "become_teacher", "ask_renewal", "ask_evidence",
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
    """Ranked credentials in the first reply, from whatever the conversation has said about the person (interest,
    goal job, grade, age, budget, state, in this message or earlier); then an offer to refine, never a form."""

    def name(self) -> Text:
        return "action_recommend"

    def read_and_answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        """Suggestions, unless the message is about something it names ("do hospitals need CNAs", "should I get
        my CNA first", "what jobs can I get with it") or names a credential we do not hold."""
        from actions.understand import job_facts, named_records, pathway, understood  # they build on this module

        text = question.text if question.text and not question.text.startswith("/") else ""
        if LOCAL_QUESTION.search(text.lower()):  # "which employers near us hire welders": local facts we lack
            return local_facts(knowledge, question)
        about_a_job = job_facts(knowledge, question) if text else None
        if about_a_job:  # "will robots replace welders", "what education do welders need": the job, not suggestions
            return about_a_job
        named = named_records(knowledge, text) if text else []
        about = dataclasses.replace(question, intent="ask_what_is")
        if named:
            answer = pathway(knowledge, about)
            if answer or wants_suggestions(knowledge, text):
                return answer or self.answer(knowledge, question)
            return understood(knowledge, about) or Answer(explain(knowledge, named[0]), [SlotSet("subject", named[0]["id"])])
        if text and question.subject and REFERS_BACK.search(text.lower()):
            answer = understood(knowledge, about)
            if answer:
                return answer
        if text and question.subject and not wants_suggestions(knowledge, text) and not profile_named(knowledge, text):
            about_subject = understood(knowledge, about)  # "do i get a raise" after National Board: about it
            if about_subject or UNKNOWABLE.search(text.lower()):
                return about_subject or ActionUnknowable().answer(knowledge, about)
        if text and not profile_named(knowledge, text) and UNKNOWN_NAME.search(text.lower()):
            found = find_subjects(knowledge, question, use_slot=False)
            if found.reply:
                return Answer(found.reply)  # "should i get the scrum master cert": not in the knowledge base
        return self.answer(knowledge, question)

    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        said = profile_said(knowledge, question)
        budget = said.get("budget")
        interest = knowledge.get(said["interest"]) if said.get("interest") else None
        profile = Profile(
            interest=interest["name"] if interest else None,  # the name always resolves (a 2-letter id may not)
            grade=said.get("grade"),
            age=said.get("age"),
            budget_usd=None if budget in (None, NO_LIMIT) else budget,
            state=state_code(knowledge, question),
        )
        result = knowledge.recommend(profile, limit=CANDIDATES)
        result["recommendations"] = closest_fit(knowledge, result["recommendations"], question.text, said)[:MAX_SHOWN]
        events: List[Dict[str, Any]] = [SlotSet(slot, said.get(slot)) for slot in REMEMBERED if said.get(slot) is not None]
        recommendations = result["recommendations"]
        if recommendations:
            events.append(SlotSet("subject", recommendations[0]["credential"]))
        reply = recommendation_reply(knowledge, recommendations, result["excluded"], said)
        return Answer(reply, events)


ASKS_FOR_SUGGESTIONS = re.compile(
    r"\bshould (i|my \w+|our \w+) (get|do|take|earn|go for|study)\b|\bwhat (can|should|could) i (get|do|take|earn)\b"
    r"|\bwhat (cert|certs|certificate|certification|credential)s?\b|\bwhat'?s a (good )?(cert|certificate|certification)\b"
    r"|\b(which|what|any|good|best|starter) (cert|certs|certificates?|certifications?|credentials?)\b|recommend|suggest"
    r"|\bwhere do i start\b|\bhow do i get into\b|\bwant to (be|become|work|do|go into)\b|\bwanna (be|do|work)\b"
    r"|\bwhat can i (get|earn)\b|\bis there a cert"
)


def wants_suggestions(knowledge: KnowledgeBase, text: str) -> bool:
    """Asks which credentials to get, in so many words or by naming an interest with a credential word."""
    lowered = (text or "").lower()
    if not lowered or lowered.startswith("/"):
        return False
    return bool(ASKS_FOR_SUGGESTIONS.search(lowered))


LOCAL_QUESTION = re.compile(r"\bnear (me|us|our|here)\b|\b(our|my) (district|town|city|area|county|school)\b"
                            r"|\b(which|what) (employers|companies|schools)\b")
UNKNOWABLE = re.compile(r"\b(raise|salary|pass rate|placement|hired|in my (town|area))\b")
REFERS_BACK = re.compile(r"\b(it|that|this|them|those)\b")
# a word right before a credential word is a name: "the scrum master cert", "massage therapy licenses"
UNKNOWN_NAME = re.compile(r"\b(?!(?:a|an|the|any|good|best|free|some|which|what|my|your|first|real|cheap|online|it|"
                          r"industry|career|high|school)\b)[a-z][a-z0-9+]*\s+(?:cert|certs|certificate|certificates|"
                          r"certification|certifications|license|licenses|badge|badges)\b")


def local_facts(knowledge: KnowledgeBase, question: Question) -> Answer:
    """Local numbers (employers near us, our district's funding, the next test at my school) are not in the
    knowledge base: say so, give the closest thing it has, and log the question for counselors."""
    return ActionUnknowable().answer(knowledge, dataclasses.replace(question, intent="ask_unknowable"))


def profile_named(knowledge: KnowledgeBase, text: str) -> bool:
    """The text names an interest or a goal job, so its other words are about the person, not a credential."""
    interest = interest_named(knowledge, text)
    return (interest is not None and interest["id"] != GENERAL_INTEREST) or goal_interest(knowledge, text) is not None


REMEMBERED = ("interest", "grade", "age", "budget")
MAX_SHOWN = 4
CANDIDATES = 40  # ranked by score; the closest fit to what was asked is picked from these


def closest_fit(knowledge: KnowledgeBase, ranked: List[Dict], text: str, said: Dict[str, Any]) -> List[Dict]:
    """Score order, except that credentials the text names ("pharmacy tech", "cisco") and those leading to a job it
    names come first, and ones meant for any field ("general") come after those of the field asked about."""
    words = text if text and not text.startswith("/") else ""
    goal_jobs = {m.record["id"] for m in knowledge.find_mentions(words, ["occupation"]) if m.status == "matched"}
    named = {m.record["id"] for m in knowledge.find_mentions(words) if m.status == "matched"} | field_credentials(knowledge, words)
    specific = said.get("interest") not in (None, GENERAL_INTEREST)

    def rank(item: Dict) -> tuple:
        record = knowledge.get(item["credential"]) or {}
        family = knowledge.family_of(record["id"]) if record else None
        is_named = record.get("id") in named or bool(family and family["id"] in named)
        leads_to_goal = bool(goal_jobs & set(record.get("occupations") or []))
        general = GENERAL_INTEREST in (record.get("interest_areas") or [])
        return (not is_named, not leads_to_goal, specific and general)

    return sorted(ranked, key=rank)  # stable: score order within each group


FIELD_MATCH = 0.7  # how closely a credential's name must fit the field the user named ("networks" ~ Network+)


def field_credentials(knowledge: KnowledgeBase, text: str) -> set:
    """Credentials whose names fit the words the user named their interest with ("cloud" -> AWS Cloud Practitioner,
    CompTIA Cloud+; "marketing" -> the marketing certificates), as the knowledge base resolves those words."""
    found: set = set()
    for mention in knowledge.find_mentions(text, ["interest"]) if text else []:
        if mention.status != "matched" or mention.record["id"] == GENERAL_INTEREST:
            continue
        resolution = knowledge.resolve(mention.text, ["credential", "family"])
        found |= {c.id for c in resolution.candidates if c.confidence >= FIELD_MATCH}
    return found


def profile_said(knowledge: KnowledgeBase, question: Question) -> Dict[str, Any]:
    """The person's interest, grade, age and budget: said in this message, else remembered from earlier.
    A goal job ("I want to be a nurse") stands for the interest of the credentials that lead to it."""
    text = question.text if not question.text.startswith("/") else ""
    said: Dict[str, Any] = {slot: question.slots.get(slot) for slot in REMEMBERED}
    interest = interest_named(knowledge, text) if text else None
    if interest is None and text:
        interest = goal_interest(knowledge, text)
    if interest is not None:
        said["interest"] = interest["id"]
    grade = grade_mentioned(text) if text else None
    age = age_mentioned(text) if text else None
    budget = budget_mentioned(text) if text else None
    for slot, value in (("grade", grade), ("age", age), ("budget", budget)):
        if value is not None:
            said[slot] = value
    return said


def goal_interest(knowledge: KnowledgeBase, text: str) -> Optional[Dict]:
    """The interest area of the credentials leading to a job named in the text ("electrician" -> trades)."""
    jobs = {m.record["id"] for m in knowledge.find_mentions(text, ["occupation"]) if m.status == "matched"}
    if not jobs:
        return None
    areas: Dict[str, int] = {}
    for credential in knowledge.records("credential"):
        if jobs & set(credential.get("occupations") or []):
            for area in credential.get("interest_areas") or []:
                areas[area] = areas.get(area, 0) + 1
    best = max(areas, key=areas.get) if areas else None
    return knowledge.get(best) if best else None


class ActionStopProfile(Action):
    """Leaving the profile form ("nevermind", "bye", "can i talk to a person") forgets its answers, so the next
    request starts fresh; the rules in data/rules.yml say what the user hears."""

    def name(self) -> Text:
        return "action_stop_profile"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return [SlotSet(slot, None) for slot in PROFILE_SLOTS]


def recommendation_reply(knowledge: KnowledgeBase, recommendations: List[Dict], excluded: List[Dict],
                         said: Optional[Dict[str, Any]] = None) -> Reply:
    """The best fit in the first sentence, a few more with one reason each, then what would narrow it down."""
    said = said or {}
    if not recommendations:
        reply = Reply(text="I found no credential that fits all your answers. A counselor can help you look wider.")
        reply.buttons = [intent_button("Talk to a person", "talk_to_human"), intent_button("Try again", "recommend")]
        return reply
    interest = knowledge.get(said["interest"]) if said.get("interest") else None
    field = f" for {interest['name'][0].lower()}{interest['name'][1:]}" if interest and interest["id"] != GENERAL_INTEREST else ""
    best = recommendations[0]
    reply = Reply(text=f"Best fit{field}: {best['name']} ({best['total']}/100). {_first_reason(best)}".strip())
    for item in recommendations[1:]:
        reply.bullets.append(f"{item['name']} ({item['total']}/100): {_first_reason(item)}".strip())
    for item in recommendations:
        _cite_summary(knowledge, reply, item["credential"])
    for item in excluded[:MAX_EXCLUDED_SHOWN] if said.get("grade") or said.get("age") or said.get("budget") is not None else []:
        reply.bullets.append(f"Not for you yet: {item['name']}, because {item['why']}.")
    missing = [label for slot, label in (("interest", "what you're into"), ("grade", "your grade or age"),
                                         ("budget", "your budget")) if said.get(slot) is None
               and not (slot == "grade" and said.get("age"))]
    if missing:
        reply.bullets.append(f"Tell me {' or '.join(missing)} and I'll narrow it down.")
    reply.buttons = [intent_button(f"Is {i['name']} worth it?", "ask_worth", i["credential"]) for i in recommendations[:2]]
    if said.get("interest") is None:
        reply.buttons += ActionAskInterest.question.buttons[:4]
    return reply


def _first_reason(item: Dict) -> str:
    """The strongest reason in a few words: its evidence's first sentence ("Job demand: 4/4. Employers ..." -> "Employers ...")."""
    reasons = item.get("reasons") or []
    if not reasons:
        return ""
    evidence = reasons[0].split(". ", 1)[-1]
    return _sentence(evidence.split(". ")[0].split("; ")[0])


def _cite_summary(knowledge: KnowledgeBase, reply: Reply, record_id: str) -> None:
    record = knowledge.get(record_id)
    if record:
        reply.cite_fact(knowledge, record, "summary")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
