"""The data schema as plain declarations: validate.py checks records against it, nothing else encodes it.

Each kind lists its top-level fields. A `Group` is a fact group: it always carries source, as_of and
confidence (plus optional note, text, publisher and source_type) besides its own fields, or is null when the whole
fact is unknown. `Ref` fields name other records.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Tuple, Union

CONFIDENCES = ("high", "medium", "low")
SOURCE_TYPES = ("issuer", "government", "study", "secondary", "weak")
FACT_KEYS = ("source", "as_of", "confidence")
# publisher: whose data the source carries, named in replies when the address alone would mislead
# (BLS figures read from a copy of BLS's table on github.com)
FACT_OPTIONAL = ("note", "text", "publisher")
# Fields a fact carries besides its own values (everything else in a group is a value field).
FACT_FIELDS = FACT_KEYS + FACT_OPTIONAL + ("source_type",)
FINDING_DIRECTIONS = ("for", "against", "mixed")
FINDING_TOPICS = (
    "retention", "effectiveness", "training_quality", "clinical_practice", "cost_to_candidate", "teacher_shortage",
    "micro_credential_quality", "standardization", "deprofessionalization", "state_recognition", "automation",
    "job_decline", "soft_skills", "demand_mismatch", "industry_recognition", "wages", "outcomes", "flexibility",
    "affordability", "personalization", "employer_views", "stackability", "equity", "completion")
# Groups a credential cannot leave unknown without a `stub:` reason, and an occupation's key facts.
FLAGSHIP_GROUPS = {"credential": ("cost", "validity", "assessment"), "occupation": ("outlook", "wage")}


@dataclass(frozen=True)
class Value:
    """A scalar field. type: str | int | num | bool | date | id ...; choices restrict strings."""

    type: str
    required: bool = True
    nullable: bool = False
    choices: Tuple = ()
    signed: bool = False


@dataclass(frozen=True)
class Strings:
    """A list of strings (aliases); choices restrict the items, min_items the length."""

    required: bool = False
    choices: Tuple = ()
    min_items: int = 0


@dataclass(frozen=True)
class Ref:
    """An id (or list of ids, many=True) of records of the given kinds."""

    kinds: Tuple[str, ...]
    many: bool = False
    required: bool = True
    nullable: bool = False


@dataclass(frozen=True)
class Group:
    """A fact group (many=True: a list of them); nullable: the whole group may be null (unknown)."""

    fields: Dict[str, Union[Value, Ref]] = field(default_factory=dict)
    many: bool = False
    required: bool = True
    nullable: bool = True


Spec = Union[Value, Strings, Ref, Group]

TEXT = Value("str", required=False, nullable=True)
MAYBE_NUM = Value("num", nullable=True)
MAYBE_BOOL = Value("bool", nullable=True)
TRISTATE = Value("tristate")  # true | false | unknown


def _enum(*choices: str) -> Value:
    return Value("str", choices=choices)


SUMMARY = Group({}, nullable=False)  # what a record is: always known


COMMON: Dict[str, Spec] = {
    "id": Value("id"),
    "kind": Value("str"),
    "name": Value("str"),
    "aliases": Strings(),
}

KINDS: Dict[str, Dict[str, Spec]] = {
    "credential": {
        **COMMON,
        "ctdl_type": _enum("Certification", "Certificate", "CertificateOfCompletion", "Badge",
                           "MicroCredential", "License"),
        "category": _enum("career_certificate", "industry_certification", "work_readiness", "digital_badge",
                          "educator_microcredential", "educator_certification", "license"),
        "interest_areas": Ref(("interest",), many=True),
        "summary": SUMMARY,
        "issuer": Group({"name": Value("str"), "kind": _enum(
            "industry_body", "vendor", "government", "school", "nonprofit", "course_platform", "unknown")},
            nullable=False),
        "cost": Group({"usd_min": MAYBE_NUM, "usd_max": MAYBE_NUM}),
        "duration": Group({"hours_min": MAYBE_NUM, "hours_max": MAYBE_NUM}),
        "assessment": Group({"proctored": MAYBE_BOOL, "performance_based": MAYBE_BOOL, "practical": MAYBE_BOOL,
                             "parts": Value("int", nullable=True)}),
        "validity": Group({"expires": TRISTATE, "years": MAYBE_NUM, "renewal": TEXT,
                           "policy_changed": Value("bool", required=False, nullable=True)}),
        "eligibility": Group({"min_age": Value("int", nullable=True), "prerequisites": TEXT,
                              "min_gpa": Value("num", required=False, nullable=True)}),
        "stackability": Group({"leads_to": Ref(("credential", "route"), many=True),
                               "college_credit": MAYBE_BOOL}),
        "outcomes": Group({"evidence": _enum("none", "self_reported", "admin_data", "experimental")}),
        "recognition": Group({"employer_demand": _enum(
            "undersupplied", "in_demand", "balanced", "oversupplied", "unknown"),
            "wioa_recognized": MAYBE_BOOL}),
        "state_lists": Group({"state": Value("state_code"), "year": Value("int", nullable=True),
                              "tier": Value("any", required=False, nullable=True)}, many=True, required=False),
        "occupations": Ref(("occupation",), many=True, required=False),
        "stub": Value("str", required=False, nullable=True),
    },
    "family": {
        **COMMON,
        "members": Ref(("credential",), many=True),
        "summary": SUMMARY,
    },
    "finding": {
        **COMMON,
        "claim": Value("str"),
        "figure": Value("str", nullable=True),
        "population": Value("str", nullable=True),
        "direction": _enum(*FINDING_DIRECTIONS),
        "topics": Strings(required=True, choices=FINDING_TOPICS, min_items=1),
        "subjects": Ref(("credential", "route", "family", "concept", "occupation"), many=True),
        "source": Value("url"),
        "as_of": Value("date"),
        "confidence": Value("str", choices=CONFIDENCES),
        "source_type": Value("str", required=False, nullable=True, choices=SOURCE_TYPES),
        "publisher": Value("str", required=False, nullable=True),
        "note": TEXT,
    },
    "route": {
        **COMMON,
        "route_type": _enum("traditional", "alternative_college", "alternative_nonprofit", "teach_for_america",
                            "residency", "micro_credentials", "national_board"),
        "summary": SUMMARY,
        "time_to_classroom": Group({"months_min": MAYBE_NUM, "months_max": MAYBE_NUM}),
        "candidate_cost": Group({"usd_min": MAYBE_NUM, "usd_max": MAYBE_NUM}),
        "pay_during_prep": Group({"kind": _enum("salary", "stipend", "none", "unknown")}),
        "clinical_practice": Group({"kind": _enum("none", "summer", "student_teaching", "full_year", "ongoing",
                                                   "unknown")}),
        "service_commitment": Group({"years": MAYBE_NUM}),
        "leads_to": Group({"certificate": _enum("initial", "alternative", "advanced", "renewal")}),
        "eligibility": Group({"min_gpa": MAYBE_NUM, "requires_degree": MAYBE_BOOL}),
        "retention_evidence": Group({"rating": _enum("strong", "mixed", "weak", "none")}),
        "effectiveness_evidence": Group({"rating": _enum("strong", "mixed", "weak", "none")}),
        "criticisms": Group({}, many=True, required=False),
        "credential": Ref(("credential",), required=False, nullable=True),
    },
    "occupation": {
        **COMMON,
        "soc": Value("str"),
        "outlook": Group({"direction": _enum("growing", "stable", "declining", "unknown"),
                          "percent": Value("num", nullable=True, signed=True), "vintage": Value("str", nullable=True),
                          "openings_per_year": Value("num", required=False, nullable=True)}),
        "wage": Group({"median_usd": MAYBE_NUM, "year": Value("str", required=False, nullable=True)}),
        # what it typically takes to start: BLS's entry-level education, related work experience, training
        "entry": Group({"education": Value("str", nullable=True), "experience": Value("str", nullable=True),
                        "training": Value("str", nullable=True)}, required=False),
    },
    "concept": {
        **COMMON,
        "summary": SUMMARY,
        "points": Group({}, many=True, required=False),
    },
    "state": {
        **COMMON,
        "code": Value("state_code"),
        "micro_credentials": Group({"initial_license": TRISTATE, "renewal": TRISTATE}),
    },
    "interest": {**COMMON},
    "pitfall": {
        "id": Value("pitfall_id"),
        "kind": Value("str"),
        "name": Value("str", required=False),
        "title": Value("str"),
        "reason": Value("str"),
        "source": Value("url"),
        "as_of": Value("date"),
        "confidence": Value("str", choices=CONFIDENCES),
        "source_type": Value("str", required=False, nullable=True, choices=SOURCE_TYPES),
        "note": TEXT,
    },
}

# Fact-group field names per kind (used to find stale facts).
GROUP_NAMES = {kind: [name for name, spec in fields.items() if isinstance(spec, Group)]
               for kind, fields in KINDS.items()}


def value_fields(kind: str, group: str) -> Tuple[str, ...]:
    """The fields that hold a group's own values (cost: usd_min, usd_max), without the fact keys."""
    spec = KINDS.get(kind, {}).get(group)
    return tuple(spec.fields) if isinstance(spec, Group) else ()
