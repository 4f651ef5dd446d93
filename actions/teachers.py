"""How to become a teacher: every certification route side by side (time, cost, pay, commitment)."""
from __future__ import annotations

from typing import Dict, Optional, Text

from actions.base import KnowledgeAction, Question
from actions.facets import price_range
from actions.reply import Answer, Reply, intent_button
from knowledge import KnowledgeBase

# The order people usually weigh them in: the usual path, the faster ones, then growing in the job.
ROUTE_ORDER = (
    "route-traditional", "route-alternative-college", "route-alternative-nonprofit", "route-teach-for-america",
    "route-teacher-residency", "route-micro-credentials", "route-national-board",
)
PAY = {"salary": "a teacher's salary", "stipend": "a stipend", "none": "none"}
UNKNOWN = "no verified figure"
ROUTE_LINE_GROUPS = ("time_to_classroom", "candidate_cost", "pay_during_prep", "service_commitment",
                     "retention_evidence", "effectiveness_evidence")


class ActionTeacherRoutes(KnowledgeAction):
    def name(self) -> Text:
        return "action_teacher_routes"

    def answer(self, knowledge: KnowledgeBase, question: Question) -> Answer:
        rank = {route_id: i for i, route_id in enumerate(ROUTE_ORDER)}
        routes = sorted(knowledge.records(kind="route"), key=lambda r: rank.get(r["id"], len(rank)))
        reply = Reply(
            title="Ways to become a teacher",
            text="You don't always need an education degree. Here are the routes side by side "
            "(time to the classroom, cost to you, pay while training, commitment, and what studies say "
            "about how long teachers stay and how well they teach):",
        )
        for route in routes:
            for group in ROUTE_LINE_GROUPS:
                reply.cite_fact(knowledge, route, group)
            reply.bullets.append(route_line(route))
        reply.buttons = [intent_button(route["name"], "ask_what_is", route["id"]) for route in routes]
        return Answer(reply)


def route_line(route: Dict) -> str:
    time = _months(route.get("time_to_classroom") or {})
    cost = route.get("candidate_cost") or {}
    cost_text = price_range(cost.get("usd_min"), cost["usd_max"]) if cost.get("usd_max") is not None else UNKNOWN
    pay = PAY.get((route.get("pay_during_prep") or {}).get("kind"), UNKNOWN)
    years = (route.get("service_commitment") or {}).get("years")
    commitment = UNKNOWN if years is None else ("none" if years == 0 else f"{years} years")
    retention = (route.get("retention_evidence") or {}).get("rating") or UNKNOWN
    effectiveness = (route.get("effectiveness_evidence") or {}).get("rating") or UNKNOWN
    return (f"{route['name']}: time {time}; cost {cost_text}; pay {pay}; commitment {commitment}; "
            f"retention evidence {retention}; effectiveness evidence {effectiveness}")


def _months(group: Dict) -> str:
    low: Optional[int] = group.get("months_min")
    high: Optional[int] = group.get("months_max")
    if high is None:
        return UNKNOWN
    if low is None or low == high:
        return f"{high} months"
    return f"{low} to {high} months"
