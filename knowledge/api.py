"""KnowledgeBase: the one facade actions, components, the CLI and tests call.

open() reads every record from the database once, builds the name index once and caches scores per
(record, state, profile, weights). Instances are cached per URL and reused while the database content
(its content hash) is unchanged, so calling open() per request is cheap.
"""
from __future__ import annotations

import copy
import datetime as dt
import os
import threading
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import inbox, store
from .errors import KnowledgeError
from .families import family_fact
from .findings import rank_findings
from .matching import NameIndex, Resolution
from .paths import default_db_url
from .profile import Profile
from .recommend import recommend
from .scoring import ScoreResult, score_record
from .scoring.context import source_name
from .weights import fingerprint, load_weights

SUBJECT_KINDS = ("credential", "route", "concept", "family")
SCORED_KINDS = ("credential", "route")
UNNAMED_KINDS = ("pitfall", "finding")  # rules and research claims: never named by users, not in the name index
WeightsArg = Union[None, str, os.PathLike, Dict[str, Any]]
UNKNOWN = "unknown"


class KnowledgeBase:
    _instances: Dict[Tuple[str, str], "KnowledgeBase"] = {}
    _lock = threading.Lock()

    def __init__(self, records: Iterable[Dict[str, Any]], url: Optional[str] = None, weights: WeightsArg = None,
                 content_hash: Optional[str] = None, today: Optional[dt.date] = None):
        self.url = url
        self.content_hash = content_hash
        self.today = today
        self._records: Dict[str, Dict[str, Any]] = {}
        for rec in records:
            rec.setdefault("name", rec.get("title") or rec["id"])
            self._records[rec["id"]] = rec
        self.index = NameIndex(r for r in self._records.values() if r.get("kind") not in UNNAMED_KINDS)
        self._family_of = {member: r["id"] for r in self._records.values() if r.get("kind") == "family"
                           for member in r.get("members") or []}
        self.config = load_weights(weights)
        self._weights_key = fingerprint(self.config)
        self._pitfalls = {r["id"]: r for r in self._records.values() if r.get("kind") == "pitfall"}
        self._states_by_code = {str(r.get("code", "")).upper(): r for r in self._records.values()
                                if r.get("kind") == "state"}
        self._scores: Dict[Tuple, ScoreResult] = {}

    # -- construction ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, url: Optional[str] = None, weights: WeightsArg = None) -> "KnowledgeBase":
        """The knowledge base in the database at url (None: env KNOWLEDGE_DB_URL, else .data/knowledge.db)."""
        url = url or default_db_url()
        digest = store.read_meta(url).get("content_hash")
        if not digest:
            raise KnowledgeError(f"knowledge base not loaded at {store.safe_url(url)}; run: python -m knowledge load")
        cacheable = weights is None or isinstance(weights, (str, os.PathLike))
        key = (url, f"{weights}|{os.environ.get('KNOWLEDGE_WEIGHTS', '')}")
        with cls._lock:
            cached = cls._instances.get(key) if cacheable else None
            if cached is not None and cached.content_hash == digest:
                return cached
            meta, records = store.read_records(url)
            kb = cls(records, url=url, weights=weights, content_hash=meta["content_hash"])
            if cacheable:
                cls._instances[key] = kb
            return kb

    @classmethod
    def from_records(cls, records: Iterable[Dict[str, Any]], weights: WeightsArg = None,
                     today: Optional[dt.date] = None) -> "KnowledgeBase":
        """An in-memory knowledge base without a database (benchmarks, tests); log_gap is unavailable."""
        return cls([copy.deepcopy(r) for r in records], weights=weights, today=today)

    # -- records --------------------------------------------------------------------------------------
    def get(self, record_id: str) -> Optional[Dict[str, Any]]:
        """A copy of the record as in YAML (always has id, kind, name), or None."""
        rec = self._records.get(str(record_id))
        return copy.deepcopy(rec) if rec else None

    def records(self, kind: Optional[str] = None) -> List[Dict[str, Any]]:
        return [copy.deepcopy(r) for r in self._records.values() if kind is None or r.get("kind") == kind]

    def fact_source(self, record: Union[str, Dict[str, Any]], group: str) -> Optional[Dict[str, Any]]:
        """Where a fact group comes from: {name, url, as_of, confidence, source_type}; None if the record has
        no such group or the group is null (unknown)."""
        rec = self._records.get(record) if isinstance(record, str) else record
        fact = (rec or {}).get(group)
        if not isinstance(fact, dict) or "source" not in fact:
            return None
        return {"name": source_name(fact["source"], fact.get("publisher")), "url": fact["source"],
                "as_of": fact.get("as_of"), "confidence": fact.get("confidence"),
                "source_type": fact.get("source_type")}

    # -- families -------------------------------------------------------------------------------------
    def _family(self, family_id: str) -> Dict[str, Any]:
        family = self._records.get(str(family_id))
        if family is None or family.get("kind") != "family":
            raise KnowledgeError(f"no family with id {family_id!r}")
        return family

    def family_of(self, credential_id: str) -> Optional[Dict[str, Any]]:
        """The family a credential belongs to (a copy), or None."""
        family_id = self._family_of.get(str(credential_id))
        return copy.deepcopy(self._records[family_id]) if family_id else None

    def family_members(self, family_id: str) -> List[Dict[str, Any]]:
        """The member credentials of a family (copies), in the family's order."""
        members = self._family(family_id).get("members") or []
        return [copy.deepcopy(self._records[m]) for m in members if m in self._records]

    def family_fact(self, family_id: str, group: str) -> Dict[str, Any]:
        """The fact all members share (agree=True, value, fact), else the members grouped by what they state
        (variants), so the assistant asks "which one?" only where the members differ."""
        return copy.deepcopy(family_fact(self._family(family_id), self.family_members(family_id), group))

    # -- findings -------------------------------------------------------------------------------------
    def findings(self, question: str, subjects: Iterable[str] = (), limit: int = 3) -> List[Dict[str, Any]]:
        """Research findings that answer a question about these subjects (record ids), best first: topic
        words, subject overlap, confidence; both sides when findings on the topic disagree."""
        wanted = set(subjects)
        for subject in list(wanted):  # a credential's family and a family's members are the same subject
            if subject in self._family_of:
                wanted.add(self._family_of[subject])
            record = self._records.get(subject)
            if record and record.get("kind") == "family":
                wanted.update(record.get("members") or [])
        return rank_findings((r for r in self._records.values() if r.get("kind") == "finding"), question,
                             wanted, limit)

    # -- matching -------------------------------------------------------------------------------------
    def _copy(self, res: Resolution) -> Resolution:
        if res.record is not None:
            res.record = copy.deepcopy(res.record)
        return res

    def resolve(self, text: Any, kinds: Optional[Iterable[str]] = None) -> Resolution:
        """One name typed by a user: matched / ambiguous (with candidates) / not_found (with the closest)."""
        return self._copy(self.index.resolve(text, kinds))

    def find_mentions(self, text: Any, kinds: Optional[Iterable[str]] = None) -> List[Resolution]:
        """Every subject named in a sentence (kinds None: credentials, routes, concepts and families). THE
        one answer to "which records does this text name": NLU and actions use it and match names nowhere else."""
        return [self._copy(r) for r in self.index.find_mentions(text, kinds or SUBJECT_KINDS)]

    def resolve_state(self, text: Any) -> Optional[Dict[str, Any]]:
        """A state by two-letter code, id, name or alias; None when unknown."""
        if isinstance(text, dict):
            text = text.get("id")
        if not text or not str(text).strip():
            return None
        code = str(text).strip().upper()
        if code in self._states_by_code:
            return copy.deepcopy(self._states_by_code[code])
        res = self.index.resolve(text, ("state",))
        return copy.deepcopy(res.record) if res.status == "matched" else None

    def resolve_interest(self, text: Any) -> Optional[Dict[str, Any]]:
        """An interest area by id, name or alias ("computers" -> it); None when unknown."""
        if not text or not str(text).strip():
            return None
        res = self.index.resolve(text, ("interest",))
        return copy.deepcopy(res.record) if res.status == "matched" else None

    # -- scoring --------------------------------------------------------------------------------------
    def score(self, record_id: str, state: Any = None, profile: Optional[Profile] = None) -> ScoreResult:
        """Factor breakdown, total 0-100, pitfalls, sources and confidence of a credential or route."""
        rec = self._records.get(str(record_id))
        if rec is None or rec.get("kind") not in SCORED_KINDS:
            res = self.index.resolve(record_id, SCORED_KINDS)
            closest = ", ".join(c.id for c in res.candidates[:3]) or "none"
            raise KnowledgeError(f"no credential matches {str(record_id)!r}; closest: {closest}")
        if state is None and profile is not None:
            state = profile.state
        state_rec = self.resolve_state(state) if state else None
        if state and state_rec is None:
            raise KnowledgeError(f"unknown state {state!r}; use a two-letter code such as TX")
        if profile is not None:  # per-person results are cheap and not cached (the cache must stay bounded)
            return score_record(rec, self._records.get, self._pitfalls, self.config, state_rec, profile, self.today)
        key = (rec["id"], state_rec and state_rec["id"], self._weights_key)
        cached = self._scores.get(key)
        if cached is None:
            cached = score_record(rec, self._records.get, self._pitfalls, self.config, state_rec, None, self.today)
            self._scores[key] = cached
        return cached

    def compare(self, a_id: str, b_id: str, state: Any = None) -> Dict[str, Any]:
        """Two scores side by side, one row per factor ("unknown" where a side has no data), and a summary
        that only weighs factors known on both sides."""
        a, b = self.score(a_id, state), self.score(b_id, state)
        if a.kind != b.kind:
            raise KnowledgeError(f"cannot compare a {a.kind} ({a.record_id}) with a {b.kind} ({b.record_id})")
        rows = [{"factor": fa.label, "id": fa.id, "a": fa.score if fa.known else UNKNOWN,
                 "b": fb.score if fb.known else UNKNOWN} for fa, fb in zip(a.factors, b.factors)]
        both = [(r, fa, fb) for r, fa, fb in zip(rows, a.factors, b.factors) if fa.known and fb.known]
        better_a = [r["factor"].lower() for r, fa, fb in both if fa.score > fb.score]
        better_b = [r["factor"].lower() for r, fa, fb in both if fb.score > fa.score]
        summary = (f"{a.name} scores {a.total}/100 (based on {a.based_on}) and {b.name} {b.total}/100 "
                   f"(based on {b.based_on}).")
        if better_a:
            summary += f" {a.name} is stronger on {', '.join(better_a)}."
        if better_b:
            summary += f" {b.name} is stronger on {', '.join(better_b)}."
        return {"a": a.to_dict(), "b": b.to_dict(), "rows": rows, "summary": summary}

    def recommend(self, profile: Optional[Profile] = None, limit: int = 5) -> Dict[str, Any]:
        """Credentials that fit an interest, ranked, with reasons; the ones left out say why."""
        return recommend(self, profile or Profile(), limit)

    # -- gaps -----------------------------------------------------------------------------------------
    def _db(self) -> str:
        if not self.url:
            raise KnowledgeError("this knowledge base has no database (built from records)")
        return self.url

    def log_gap(self, question: str, channel: Optional[str] = None, sender: Optional[str] = None) -> None:
        """Record a question the bot could not answer (sender stored only as a hash)."""
        inbox.log_gap(self._db(), question, channel, sender)

    def gaps(self, limit: Optional[int] = None) -> List[Dict[str, Any]]:
        """Logged questions, newest first."""
        return inbox.list_gaps(self._db(), limit)
