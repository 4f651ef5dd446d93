"""Which facts a question asks for, in everyday words, and the one-sentence answer to each for one record.

"how long does a cna take and how much do they make" asks two things (duration, pay): every part gets its
own sentence, with its source. The intent only says what to answer when the words name no fact. A fact the
knowledge base does not hold is said to be unknown, never guessed.
"""
from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Sequence

from actions.reply import Reply
from knowledge import KnowledgeBase
from knowledge import expiry as expiry_kinds

# checked in this order; a question may name several
PATTERNS: Dict[str, "re.Pattern[str]"] = {name: re.compile(pattern) for name, pattern in (
    ("summary", r"^(?:so |ok |and )?what(?:'s| is| are|s)\s+(?:a |an |the )?(?!on\b|covered|the )(?!(?:price|cost|fee|pay|age|minimum|passing)\b)"),
    ("exams", r"how many (exams?|tests?|parts?|components?|sections?)|\b(1|one) (test|exam)s? or (2|two)"
              r"|\bcomponents?\b|\bparts? (is|are|does|to)\b|\bhow many\b.*\b(exams?|tests?)\b"),
    ("content", r"what'?s on|what is on|\btopics?\b|\bcovered\b|\bcover\b|on the (state )?(test|exam)\b|is the test hard"
                r"|what do you (have to )?(know|learn)"),
    ("format", r"proctor|hands[ -]?on|multiple[ -]choice|\bonline\b|in person|how many questions|passing score"),
    ("cost", r"\bcosts?\b|\bprice|\bfees?\b|\bpay for\b|\bhow much\b(?!.*\b(make|makes|earn|earns|paid|salary|pay|pays)\b)"
             r"|\$|expensive|cheap|\bfree\b|\bbucks\b"),
    ("validity", r"expire|renew|good for|\blasts?\b|\bvalid|run out|how often|keep it"),
    ("duration", r"how long (does|is|to|would|will|do|it)(?!.*(good for|last|valid))|how long\W*$|how (many|much) (weeks|months|hours|time)"
                 r"|how fast|how quick|training hours|\btake me\b|\btakes?\b.*\b(finish|complete)"),
    ("commitment", r"\bcommit|how many years (do|must|will)|years? (do|must) (i|you) (teach|stay|serve)"),
    ("age", r"\bage\b|how old|years? old|\d ?yo\b|too young|\bat (1[0-9])\b|\bi'?m 1[0-9]\b|\bminors?\b|\bbe 1[0-9]\b"),
    ("prereq", r"prereq|requirements?|need (to have|first)|eligib|qualif|who can|what do i need"),
    ("pay", r"\b(make|makes|earn|earns|earning|salary|salaries|wages?|income)\b|\b(get )?paid\b|\bpay(s)?\b(?! for)"),
    ("jobs", r"\b(what|which|any) (kinds? of )?(jobs?|careers?|work)\b|\bjobs? (can|could|does|do|will|would)\b|work as"
             r"|where .*\bwork\b|\blead(s)? to\b|what can i do with"),
    ("pathway", r"\bfirst\b|\bbefore\b|\bnext\b|\bafter\b|\bsteps?\b|stepping|move up|\bstart\b|\bladder\b"),
    ("demand", r"in demand|dying|going away|disappear|outlook|growing|shrinking|need (more )?\w+s\b|oversaturated"
               r"|\breplac(e|ed|ing)\b|\bautomat|\brobots?\b|still (be )?(needed|around)|long.?term"),
    ("entry", r"\b(degree|college|diploma|schooling|education)\b|without (going to )?(college|school)"
              r"|what (do|does) (you|u|i|one) need to (become|be)\b|what (does it|do (you|u)) take to (become|be)\b"),
)}
PATHWAY_ONLY_WITH = re.compile(r"\b(should|do|does|can|is|what|where|lead|get)\b")
ROUTE_GROUPS = {"cost": "candidate_cost", "duration": "time_to_classroom", "pay": "pay_during_prep",
                "commitment": "service_commitment", "prereq": "eligibility", "validity": "leads_to",
                "content": "clinical_practice", "format": "clinical_practice"}
INTENT_FACETS = {"ask_cost": "cost", "ask_duration": "duration", "ask_validity": "validity",
                 "ask_prerequisites": "prereq", "ask_assessment": "format"}


def asked(text: str) -> List[str]:
    """The facts a message asks for, in the order of PATTERNS ("cost" before "validity")."""
    lowered = text.lower()
    found = [name for name, pattern in PATTERNS.items() if pattern.search(lowered)]
    if "pay" in found and "cost" in found and re.search(r"\bpay for\b", lowered) and not re.search(r"make|earn|salary|wage", lowered):
        found.remove("pay")
    if found == ["summary"]:
        return []  # "what is X" alone is the explain action's question
    if "exams" in found and "format" in found and "how many questions" in lowered and not re.search(r"how many (exams|tests)", lowered):
        found.remove("exams")
    return found


def first_sentence(text: str) -> str:
    """The first sentence of a fact's text: the answer, without the caveats that follow."""
    match = re.match(r"(.+?[.!?])(\s|$)", (text or "").strip())
    return match.group(1) if match else (text or "").strip()


class Facts:
    """Builds the sentences for one record, citing each group it uses on `reply`."""

    def __init__(self, knowledge: KnowledgeBase, record: Dict, reply: Reply):
        self.knowledge, self.record, self.reply = knowledge, record, reply
        self.name = record["name"]

    def group(self, name: str, record: Optional[Dict] = None) -> Dict:
        return self.reply.cite_fact(self.knowledge, record or self.record, name) or {}

    def sentence(self, facet: str) -> Optional[str]:
        kind = self.record.get("kind")
        if kind == "family":
            return self.family(facet)
        if kind == "route":
            return self.route(facet)
        if kind == "occupation":
            return self.occupation(facet)
        handler: Optional[Callable[[], Optional[str]]] = getattr(self, f"credential_{facet}", None)
        return handler() if handler else None

    # -- credentials ----------------------------------------------------------------------------------
    def unknown(self, label: str) -> str:
        stub = self.record.get("stub")
        return f"I don't know {label} for {self.name} yet." + (f" {stub}" if stub else "")

    def credential_summary(self) -> Optional[str]:
        return first_sentence(self.group("summary").get("text") or "") or None

    def credential_cost(self) -> str:
        group = self.group("cost")
        if not group.get("text") and group.get("usd_max") is None:
            return self.unknown("the price")
        price = price_range(group.get("usd_min"), group.get("usd_max")) if group.get("usd_max") is not None else None
        text = group.get("text") or ""
        return f"{self.name}: {price}. {text}".strip() if price and price not in text else text

    def credential_duration(self) -> str:
        text = self.group("duration").get("text")
        return text or self.unknown("how long it takes")

    def credential_validity(self) -> str:
        group = self.group("validity")
        if not group:
            return self.unknown("whether it expires")
        lasts = expiry_kinds.expiry(group)
        text = group.get("text") or ""
        if lasts.kind == expiry_kinds.YEARS and not re.search(r"\d", text):
            text = f"It lasts {lasts.years:g} years. {text}"
        if group.get("renewal") and group["renewal"] not in text:
            text += f" To renew: {group['renewal']}"
        return text.strip() or self.unknown("whether it expires")

    def credential_exams(self) -> str:
        group = self.group("assessment")
        parts = group.get("parts")
        if parts is None:
            return group.get("text") or self.unknown("how many exams it has")
        count = "one exam" if parts == 1 else f"{parts:g} exams or parts" if parts != 4 else "4 parts (components)"
        return f"{self.name} has {count}. {group.get('text') or ''}".strip()

    def credential_content(self) -> str:
        group = self.group("assessment")
        return " ".join(filter(None, [group.get("content"), group.get("text")])) or self.unknown("what is on the test")

    credential_format = credential_content

    def credential_age(self) -> str:
        group = self.group("eligibility")
        age = group.get("min_age")
        if age:
            return f"You must be at least {age:g} for {self.name}. {group.get('text') or ''}".strip()
        if group:
            return f"No minimum age is listed for {self.name}. {group.get('text') or ''}".strip()
        return self.unknown("the age rules")

    def credential_prereq(self) -> str:
        group = self.group("eligibility")
        return group.get("text") or group.get("prerequisites") or self.unknown("what you need first")

    def jobs(self) -> List[Dict]:
        return [job for job in map(self.knowledge.get, self.record.get("occupations") or []) if job]

    def credential_jobs(self) -> str:
        jobs = self.jobs()
        if not jobs:
            return f"My knowledge base links no jobs to {self.name} yet."
        for job in jobs:
            self.group("outlook", job)
        return f"{self.name} leads to jobs as: " + "; ".join(job_line(job) for job in jobs) + "."

    def credential_pay(self) -> str:
        jobs = self.jobs()
        lines = [wage_line(job, self.group("wage", job)) for job in jobs]
        lines = [line for line in lines if line]
        if not lines:
            return f"I don't have pay figures for the jobs {self.name} leads to."
        return f"{self.name} leads to these jobs. " + " ".join(lines)

    def credential_demand(self) -> str:
        lines = [self.group("outlook", job).get("text") for job in self.jobs()]
        return " ".join(filter(None, lines)) or f"I don't have job outlook figures for {self.name}."

    def credential_pathway(self) -> str:
        group = self.group("stackability")
        nexts = [r["name"] for r in map(self.knowledge.get, group.get("leads_to") or []) if r]
        jobs = self.jobs()
        parts = [f"{self.name} leads to: {', '.join(nexts)}." if nexts else f"{self.name}:"]
        if jobs:
            parts.append("jobs as " + "; ".join(job["name"].lower() for job in jobs) + ".")
        if group.get("text"):
            parts.append(group["text"])
        return " ".join(parts) or f"I don't know what {self.name} leads to yet."

    def credential_commitment(self) -> Optional[str]:
        return None

    # -- families, routes and occupations -------------------------------------------------------------
    def family(self, facet: str) -> Optional[str]:
        """What every member shares, said once; where members differ, each variant with its members."""
        members = self.knowledge.family_members(self.record["id"])
        group_name = FAMILY_GROUPS.get(facet)
        if facet in ("summary", "pathway"):
            names = ", ".join(short_name(m["name"], self.name) for m in members)
            summary = first_sentence(self.group("summary").get("text") or "")
            return f"{self.name} has {len(members)} certifications: {names}. {summary}".strip()
        if group_name is None:
            occupations = list(dict.fromkeys(o for m in members for o in m.get("occupations") or []))
            return Facts(self.knowledge, {"kind": "credential", "name": self.name, "occupations": occupations},
                         self.reply).sentence(facet)
        shared = self.knowledge.family_fact(self.record["id"], group_name)
        if shared.get("agree") and shared.get("fact"):
            every = {"kind": "credential", "name": f"Each {self.name} exam", group_name: shared["fact"]}
            return Facts(self.knowledge, every, self.reply).sentence(facet)
        variants = shared.get("variants") or []
        if not any(variant.get("fact") for variant in variants):
            label = FAMILY_LABELS.get(facet, "that")
            return f"I don't know {label} for any {self.name} exam yet." + (f" {self.record['stub']}" if self.record.get("stub") else "")
        lines = []
        for variant in variants:
            names = ", ".join(short_name(m["name"], self.name) for m in variant["members"])
            fact = variant.get("fact") or {}
            if fact.get("source"):
                self.reply.cite_group(fact, (self.knowledge.fact_source(variant["members"][0]["id"], group_name) or {}).get("name") or "")
            lines.append(f"{names}: {first_sentence(fact.get('text') or '') or 'not known'}")
        return f"It depends on which {self.name} you mean. " + " ".join(lines) if lines else None


    def route(self, facet: str) -> Optional[str]:
        group_name = ROUTE_GROUPS.get(facet)
        if facet in ("jobs", "pathway"):
            group_name = "leads_to"
        if not group_name:
            return None
        text = self.group(group_name).get("text")
        if facet == "duration":
            commitment = self.group("service_commitment").get("text")
            text = " ".join(filter(None, [text, commitment]))
        return text or f"I don't know that for {self.name} yet."

    def occupation(self, facet: str) -> Optional[str]:
        if facet in ("pay", "cost"):
            return wage_line(self.record, self.group("wage")) or f"I don't have pay figures for {self.name.lower()}."
        if facet in ("demand", "jobs", "pathway"):
            return self.group("outlook").get("text") or f"I don't have a job outlook for {self.name.lower()}."
        if facet in ("entry", "prereq"):
            return self.group("entry").get("text") or f"I don't know what it takes to start as {self.name.lower()}."
        return None


FAMILY_LABELS = {"cost": "the price", "duration": "how long it takes", "validity": "how long it lasts",
                 "exams": "the number of exams", "age": "the age rules", "prereq": "the requirements"}
FAMILY_GROUPS = {"cost": "cost", "duration": "duration", "validity": "validity", "exams": "assessment",
                 "content": "assessment", "format": "assessment", "age": "eligibility", "prereq": "eligibility"}


def short_name(member: str, family: str) -> str:
    """ "Cisco Certified Support Technician (CCST) Networking" within its family is just "Networking"."""
    return member[len(family):].strip(" :-") or member if member.startswith(family) else member


def job_line(job: Dict) -> str:
    outlook = job.get("outlook") or {}
    if outlook.get("percent") is not None and outlook.get("vintage"):
        bls = "BLS, " if from_bls(outlook) else ""
        return f"{job['name'].lower()} ({outlook['percent']:+g}% jobs, {bls}{outlook['vintage']})"
    return job["name"].lower()


def from_bls(group: Dict) -> bool:
    """The figure is BLS's own (its page, or a copy whose publisher or text says it is BLS's)."""
    return "bls.gov" in str(group.get("source")) or any("BLS" in str(group.get(key)) for key in ("publisher", "text"))


def wage_line(job: Dict, wage: Optional[Dict]) -> Optional[str]:
    wage = wage or {}
    if wage.get("median_usd"):
        bls = from_bls(wage)
        year = f" ({'BLS, ' if bls else ''}{wage['year']})" if wage.get("year") else (" (BLS)" if bls else "")
        return f"{job['name']} earn a median of ${wage['median_usd']:,.0f} a year{year}."
    return wage.get("text")


def price_range(low, high) -> str:
    if not high:
        return "free"
    if low is None or low == high:
        return f"${high:,.0f}"
    return f"${low:,.0f} to ${high:,.0f}"


def facts_reply(knowledge: KnowledgeBase, record: Dict, facets: Sequence[str]) -> Optional[Reply]:
    """One sentence per facet asked about `record` (the first answers the first part); None when no facet
    applies to this kind of record."""
    reply = Reply(text="")
    facts = Facts(knowledge, record, reply)
    sentences = [s for s in (facts.sentence(facet) for facet in dict.fromkeys(facets)) if s]
    if not sentences:
        return None
    if record["name"] not in sentences[0][:120]:
        sentences[0] = f"{record['name']}: {sentences[0]}"  # the answer says what it is about
    reply.text = sentences[0]
    reply.bullets = sentences[1:]
    return reply
