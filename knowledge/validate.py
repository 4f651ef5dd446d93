"""Checks records against schema.py: fields, fact sources, dates, references, duplicate ids and aliases."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Dict, Iterable, List, Optional, Tuple

from .facts import unknown_flagship
from .issues import Issue
from .loader import SourceRecord
from .normalize import normalize
from .schema import CONFIDENCES, FACT_KEYS, FACT_OPTIONAL, KINDS, SOURCE_TYPES, Group, Ref, Spec, Strings, Value

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PITFALL_ID_RE = re.compile(r"^W[0-9]+$")
URL_RE = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STATE_RE = re.compile(r"^[A-Z]{2}$")


def check_date(value: Any, today: dt.date) -> Optional[str]:
    """None when value is an ISO date not in the future, else what is wrong."""
    if not isinstance(value, str) or not DATE_RE.match(value):
        return f"bad date {value!r}: use YYYY-MM-DD"
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return f"bad date {value!r}: no such day"
    if day > today:
        return f"bad date {value!r}: in the future"
    return None


class _Checker:
    """Collects issues for one record; `refs` keeps (field, kinds, id) to resolve once all ids are known."""

    def __init__(self, rec: SourceRecord, today: dt.date):
        self.rec = rec
        self.today = today
        self.issues: List[Issue] = []
        self.refs: List[Tuple[str, Tuple[str, ...], Any]] = []
        self.state_codes: List[Tuple[str, str]] = []
        data = rec.data if isinstance(rec.data, dict) else {}
        self.record_id = data.get("id") if isinstance(data.get("id"), str) else None

    def add(self, field: Optional[str], message: str) -> None:
        self.issues.append(Issue(self.rec.file, self.record_id, field, message, line=self.rec.line))

    def value(self, path: str, spec: Value, value: Any) -> None:
        if value is None:
            if not spec.nullable:
                self.add(path, "must not be empty")
            return
        problem = self._type_problem(spec, value)
        if problem:
            self.add(path, problem)
        elif spec.choices and value not in spec.choices:
            self.add(path, f"{value!r} is not one of: {', '.join(spec.choices)}")
        elif spec.type == "state_code":
            self.state_codes.append((path, value))

    def _type_problem(self, spec: Value, value: Any) -> Optional[str]:
        kind = spec.type
        if kind == "any":
            return None
        if kind == "date":
            return check_date(value, self.today)
        if kind in ("str", "id", "pitfall_id", "url", "state_code"):
            if not isinstance(value, str) or not value.strip():
                return "must be text"
            if kind == "id" and not ID_RE.match(value):
                return f"bad id {value!r}: use lowercase kebab-case"
            if kind == "pitfall_id" and not PITFALL_ID_RE.match(value):
                return f"bad pitfall id {value!r}: use W<number>"
            if kind == "url" and not URL_RE.match(value):
                return f"bad source {value!r}: must be an http(s) address"
            if kind == "state_code" and not STATE_RE.match(value):
                return f"bad state code {value!r}: use two capital letters"
            return None
        if kind == "bool":
            return None if isinstance(value, bool) else "must be true or false"
        if kind == "tristate":
            return None if value in (True, False, "unknown") else "must be true, false or unknown"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "must be a number"
        if kind == "int" and not (isinstance(value, int) or float(value).is_integer()):
            return "must be a whole number"
        if value < 0 and not spec.signed:
            return "must not be negative"
        return None

    def ref(self, path: str, spec: Ref, value: Any) -> None:
        if value is None:
            if not spec.nullable:
                self.add(path, "must not be empty")
            return
        items = value if spec.many else [value]
        if spec.many and not isinstance(value, list):
            self.add(path, "must be a list of ids")
            return
        for i, item in enumerate(items):
            where = f"{path}[{i}]" if spec.many else path
            if not isinstance(item, str):
                self.add(where, "must be an id")
            else:
                self.refs.append((where, spec.kinds, item))

    def group(self, path: str, spec: Group, value: Any) -> None:
        if value is None:
            if not spec.nullable:
                self.add(path, "must not be null: this fact is always known")
            return
        if not isinstance(value, dict):
            self.add(path, "must be a fact group (mapping with source, as_of, confidence), or null when unknown")
            return
        self.fields(path + ".", {**_FACT_SPECS, **spec.fields}, value)
        self.weak_source(path + ".", value)

    def weak_source(self, prefix: str, fact: Dict[str, Any]) -> None:
        """A weak source (reseller, blog, test-prep site) is never more than low confidence."""
        if fact.get("source_type") == "weak" and fact.get("confidence") in CONFIDENCES and fact["confidence"] != "low":
            self.add(prefix + "confidence", f"{fact['confidence']!r} with source_type weak: a weak source must be low")

    def strings(self, path: str, spec: Strings, value: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.add(path, "must be a list of names")
            return
        if len(value) < spec.min_items:
            self.add(path, f"must list at least {spec.min_items}")
        for i, item in enumerate(value):
            if spec.choices and item not in spec.choices:
                self.add(f"{path}[{i}]", f"{item!r} is not one of: {', '.join(spec.choices)}")

    def fields(self, prefix: str, specs: Dict[str, Spec], data: Dict[str, Any]) -> None:
        for key in data:
            if key not in specs:
                self.add(prefix + key, "unknown field")
        for key, spec in specs.items():
            path = prefix + key
            if key not in data:
                if getattr(spec, "required", False):
                    hint = " (every fact needs source, as_of and confidence)" if key in FACT_KEYS else ""
                    self.add(path, "missing" + hint)
                continue
            value = data[key]
            if isinstance(spec, Value):
                self.value(path, spec, value)
            elif isinstance(spec, Ref):
                self.ref(path, spec, value)
            elif isinstance(spec, Strings):
                self.strings(path, spec, value)
            elif spec.many:
                if not isinstance(value, list):
                    self.add(path, "must be a list of fact groups")
                else:
                    for i, item in enumerate(value):
                        self.group(f"{path}[{i}]", spec, item)
            else:
                self.group(path, spec, value)


_FACT_SPECS: Dict[str, Spec] = {
    "source": Value("url"), "as_of": Value("date"), "confidence": Value("str", choices=CONFIDENCES),
    **{key: Value("str", required=False, nullable=True) for key in FACT_OPTIONAL},
    "source_type": Value("str", required=False, nullable=True, choices=SOURCE_TYPES),
}
MIN_FAMILY_MEMBERS = 2


def _check_stub(check: _Checker, data: Dict[str, Any]) -> None:
    """A credential whose cost, validity or assessment is unknown says why in `stub:`."""
    stub = data.get("stub")
    unknown = [name for name in unknown_flagship(data) if name in data]  # a missing group is reported as missing
    if unknown and not (isinstance(stub, str) and stub.strip()):
        check.add("stub", f"{', '.join(unknown)} unknown and no `stub:` reason; add a one-line reason "
                          "(e.g. \"Each training sponsor sets its own price\") or fill in the fact")


# An outlook's direction follows its percent change: above +1% grows, below -1% declines, else stable.
STABLE_BAND = 1.0


def _check_direction(check: _Checker, data: Dict[str, Any]) -> None:
    """An occupation's outlook says the direction its own figure gives (a text saying "grows" over -3% misleads)."""
    outlook = data.get("outlook")
    if not isinstance(outlook, dict) or not isinstance(outlook.get("percent"), (int, float)):
        return
    percent = outlook["percent"]
    expected = "growing" if percent > STABLE_BAND else "declining" if percent < -STABLE_BAND else "stable"
    if outlook.get("direction") != expected:
        check.add("outlook.direction", f"{outlook.get('direction')!r} contradicts percent {percent:+g}; "
                                       f"use {expected!r} (growing above +{STABLE_BAND:g}%, declining below "
                                       f"-{STABLE_BAND:g}%, else stable)")


def _check_families(checkers: Dict[str, _Checker], owners: Dict[str, SourceRecord]) -> None:
    """A family has at least two members; a credential belongs to one family at most."""
    family_of: Dict[str, str] = {}
    for rid, rec in owners.items():
        if rec.data.get("kind") != "family" or not isinstance(rec.data.get("members"), list):
            continue
        members = rec.data["members"]
        if len(set(members)) < MIN_FAMILY_MEMBERS:
            checkers[rid].add("members", f"a family needs at least {MIN_FAMILY_MEMBERS} different members")
        for i, member in enumerate(members):
            other = family_of.setdefault(member, rid) if isinstance(member, str) else rid
            if other != rid:
                checkers[rid].add(f"members[{i}]", f"{member!r} is already in family {other}; "
                                                   "a credential belongs to one family at most")


def _keys(data: Dict[str, Any]) -> Iterable[str]:
    """Normalized names a record answers to (id, name, aliases)."""
    names = [data.get("id"), data.get("name")] + list(data.get("aliases") or [])
    return {normalize(n) for n in names if isinstance(n, str) and normalize(n)}


def validate_records(records: List[SourceRecord], today: Optional[dt.date] = None) -> List[Issue]:
    """Every problem found in the records, in file order; empty list = valid."""
    today = today or dt.date.today()
    issues: List[Issue] = []
    checkers: List[_Checker] = []
    by_id: Dict[str, _Checker] = {}
    owners: Dict[str, SourceRecord] = {}
    key_owner: Dict[Tuple[bool, str], str] = {}
    for rec in records:
        check = _Checker(rec, today)
        checkers.append(check)
        data = rec.data
        if not isinstance(data, dict):
            check.add(None, "record must be a mapping")
            continue
        kind = data.get("kind")
        if kind not in KINDS:
            check.add("kind", "missing" if kind is None else f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
            continue
        check.fields("", KINDS[kind], data)
        if kind in ("finding", "pitfall"):
            check.weak_source("", data)
        if kind == "credential":
            _check_stub(check, data)
        if kind == "occupation":
            _check_direction(check, data)
        rid = check.record_id
        if rid is None:
            continue
        if rid in owners:
            check.add("id", f"duplicate id (also in {owners[rid].file}:{owners[rid].line})")
            continue
        owners[rid] = rec
        by_id[rid] = check
        if kind in ("pitfall", "finding"):  # titles of claims and rules, not names people type
            continue
        for key in sorted(_keys(data)):
            # interest words ("welder", "nurse") are looked up on their own and may also name a job
            other = key_owner.setdefault((kind == "interest", key), rid)
            if other != rid:
                check.add("aliases", f"name or alias {key!r} is also used by {other}")
    _check_families(by_id, owners)
    kinds = {rid: rec.data.get("kind") for rid, rec in owners.items()}
    codes = {rec.data.get("code") for rec in owners.values() if rec.data.get("kind") == "state"}
    for check in checkers:
        for path, allowed, target in check.refs:
            if target not in kinds:
                check.add(path, f"unknown id {target!r}")
            elif kinds[target] not in allowed:
                check.add(path, f"{target!r} is a {kinds[target]}, expected {' or '.join(allowed)}")
        for path, code in check.state_codes:
            if codes and code not in codes and path != "code":
                check.add(path, f"unknown state code {code!r}")
        issues.extend(check.issues)
    return issues
