"""Names typed by users -> records: exact id/alias, normalized form, plural of a name, then typo-tolerant
fuzzy match.

The index is built once: a dict of normalized names for exact hits, and a character-trigram inverted
index that picks a few fuzzy candidates, so rapidfuzz only ever compares a handful of strings.
An input that fits two records about equally well is reported as ambiguous, never guessed; a name that
exactly names records of different kinds names the most specific kind (KIND_PRIORITY).
"""
from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz, process

from .normalize import normalize

MATCH = 80.0          # fuzzy score (0..100) needed for a match
MENTION_MATCH = 88.0  # stricter inside sentences, where every window is a guess
MARGIN = 4.0          # two records closer than this are ambiguous
SUBSET_FACTOR = 0.9   # a query naming part of a name ("ccst") scores below a full-name match
CANDIDATES = 48       # keys handed to rapidfuzz per query
RAREST = 12           # trigram lists read per query, rarest first (a typo spoils at most 3 per edit)
POSTINGS_BUDGET = 3000  # and at most this many postings, so lookups stay fast as the index grows
MAX_QUERY = 200
WORD_MATCH = 80.0     # a misspelt word of 5+ letters must be this close (fuzz.ratio) to a word of the name
MISMATCH_FACTOR = 0.7  # a fuzzy hit whose distinctive words are not in the name drops below every threshold
# Words that name no particular credential: sharing only these never makes a partial-name match, and they
# never carry a fuzzy match on their own ("real certification" is not "ASE Student Certification").
GENERIC = frozenset("a an the of and for in on to certificate certificates certification certifications certified "
                    "cert certs credential credentials program programs course courses class exam exams test tests "
                    "level card high school student students training plus badge badges online digital license "
                    "licenses licence fundamentals essentials foundations associate professional specialist expert "
                    "basic basics beginner intro entry advanced user".split())
STOPWORDS = frozenset(
    "a an the is it its and or for to of in on at be i im me my you your we do does did what whats which who "
    "how why when where worth good bad vs versus compare get got should can could would will this that with "
    "about any are was if so as by from up out not no yes like want need take have has th grade grader "
    "there their them they than then also just more most much many some".split())
# A name shared exactly by records of different kinds names the first kind here: "cda" asked among credentials
# and interests is the licence, "emt" among occupations and interests is the job. A tie within a kind stays
# ambiguous.
KIND_PRIORITY = ("credential", "family", "route", "concept", "occupation", "state", "interest")


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    confidence: float


@dataclass
class Resolution:
    status: str                    # matched | ambiguous | not_found
    record: Optional[Dict[str, Any]] = None
    confidence: float = 0.0
    method: Optional[str] = None   # id | alias | normalized | plural | fuzzy | mention
    candidates: List[Candidate] = field(default_factory=list)
    text: str = ""
    span: Optional[Tuple[int, int]] = None

    def to_dict(self) -> Dict[str, Any]:
        return {"status": self.status, "id": self.record["id"] if self.record else None,
                "name": self.record.get("name") if self.record else None, "confidence": self.confidence,
                "method": self.method, "candidates": [asdict(c) for c in self.candidates], "text": self.text}


def _trigrams(key: str) -> set:
    padded = f" {key} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def _kinds(kinds: Optional[Iterable[str]]) -> Optional[frozenset]:
    if kinds is None:
        return None
    return frozenset([kinds] if isinstance(kinds, str) else kinds)


def _word_close(word: str, name_words: Sequence[str]) -> bool:
    """The user's word is a word of the name: exactly; a word of 5+ letters also with a small typo
    (edits allowed grow with length); a 3-4 letter word only cut short by its last letter ("cor" ~ "core").
    Short words never match fuzzily: "ccna" is not "cna", "osha 30" is not "osha 10"."""
    if word in name_words:
        return True
    if len(word) >= 5:
        if process.extractOne(word, name_words, scorer=fuzz.ratio, score_cutoff=WORD_MATCH):
            return True
        # two words run together: "aplus" ~ "a plus"
        joined = [a + b for a, b in zip(name_words, name_words[1:])]
        return bool(joined) and process.extractOne(word, joined, scorer=fuzz.ratio, score_cutoff=WORD_MATCH) is not None
    return len(word) >= 3 and any(len(o) == len(word) + 1 and o.startswith(word) for o in name_words)


def _common_word(key: str, capitals: bool) -> bool:
    """A one-word key that is a common English word names nothing unless typed in capitals: "it" and "in"
    are the pronoun and the preposition, "IT" and "IN" the interest and the state."""
    return " " not in key and (len(key) < 2 or key in STOPWORDS) and not capitals


def _in_capitals(word: str) -> bool:
    """Typed as an acronym, also in the plural: "IT", "I.T.", "EMTs", "RNs"."""
    letters = "".join(ch for ch in word if ch.isalpha())
    if len(letters) > 2 and letters.endswith("s"):
        letters = letters[:-1]
    return len(letters) >= 2 and letters.isupper()


def _singulars(key: str, capitals: bool = False) -> List[str]:
    """The key with the plural ending of its last word removed ("cnas" -> "cna", "pharm techs" -> "pharm
    tech", "boxes" -> "boxe", "box"), for a name asked about in the plural. Generic and common words have no
    singular here ("classes", "its", "does"), and a singular under 3 letters only counts in capitals ("RNs")."""
    head, _, last = key.rpartition(" ")
    if not last.endswith("s") or last.endswith("ss") or last in GENERIC or last in STOPWORDS:
        return []
    stems = [last[:-1]] + ([last[:-2]] if last.endswith("es") else [])
    return [f"{head} {stem}".lstrip() for stem in stems
            if (len(stem) >= 3 or (len(stem) == 2 and capitals)) and stem not in GENERIC and stem not in STOPWORDS]


def distinctive_words(query: str) -> List[str]:
    """The words of a normalized query that could name a particular record (not in GENERIC)."""
    return [w for w in query.split() if w not in GENERIC]


def distinctive_words_match(query: str, key: str, words: Optional[List[str]] = None) -> bool:
    """True when the query has a distinctive (non-generic) word and every one of them is in the name key.
    "linux plus" never fits "a plus", "google ai" never fits "google it", "emt certification" fits no name
    that only shares "certification". `words`: the query's distinctive words, when already known."""
    if words is None:
        words = distinctive_words(query)
    if not words:
        return False
    name_words = key.split()
    for word in words:
        if word not in name_words and not _word_close(word, name_words):
            return False
    return True


def similarity(query: str, key: str, subset: bool = True, words: Optional[List[str]] = None) -> float:
    """0..100: whole-string similarity, or (scaled down) the query naming a distinctive part of the key;
    scaled below every match threshold when a distinctive word of the query is not in the key."""
    score = fuzz.ratio(query, key)
    if subset and 3 <= len(query) <= len(key) and score < 100 * SUBSET_FACTOR:
        shared = set(query.split()) & set(key.split())
        if shared - GENERIC:
            score = max(score, fuzz.token_set_ratio(query, key) * SUBSET_FACTOR)
    if score < 100 and not distinctive_words_match(query, key, words):
        score *= MISMATCH_FACTOR
    return float(score)


class NameIndex:
    """Exact and fuzzy lookup of records by id, name and aliases."""

    def __init__(self, records: Iterable[Dict[str, Any]]):
        self.records: Dict[str, Dict[str, Any]] = {}
        self._raw: Dict[str, List[str]] = {}
        self._norm: Dict[str, List[str]] = {}
        self._keys: List[str] = []
        postings: Dict[str, List[int]] = {}
        for rec in records:
            rid = rec["id"]
            self.records[rid] = rec
            names = [rec.get("name") or rec.get("title") or rid] + list(rec.get("aliases") or [])
            for raw in names:
                _add(self._raw, str(raw).strip().lower(), rid)
            for raw in names + [rid]:
                key = normalize(raw)
                if not key:
                    continue
                if key not in self._norm:
                    index = len(self._keys)
                    self._keys.append(key)
                    for gram in _trigrams(key):
                        postings.setdefault(gram, []).append(index)
                _add(self._norm, key, rid)
        self._postings = {gram: array("I", ids) for gram, ids in postings.items()}
        self.max_tokens = min(8, max((len(k.split()) for k in self._keys), default=1))

    def _filter(self, ids: Sequence[str], kinds: Optional[frozenset]) -> List[str]:
        return [i for i in ids if kinds is None or self.records[i].get("kind") in kinds]

    def _most_specific_kind(self, ids: List[str]) -> List[str]:
        """The records of the highest-priority kind among ids (KIND_PRIORITY; other kinds come last)."""
        ranks = [KIND_PRIORITY.index(k) if k in KIND_PRIORITY else len(KIND_PRIORITY)
                 for k in (self.records[i].get("kind") for i in ids)]
        return [i for i, rank in zip(ids, ranks) if rank == min(ranks)]

    def _matched(self, ids: List[str], method: str, text: str, confidence: float = 1.0) -> Resolution:
        """An exact hit: one record, or the records of its most specific kind (ambiguous when several)."""
        ids = self._most_specific_kind(ids)
        cands = [Candidate(i, self.records[i].get("name", i), confidence) for i in ids]
        if len(ids) == 1:
            return Resolution("matched", self.records[ids[0]], confidence, method, cands, text)
        return Resolution("ambiguous", None, confidence, method, cands, text)

    def exact(self, text: str, kinds: Optional[frozenset] = None) -> Optional[Resolution]:
        """Id, alias (as typed), normalized-form or plural hit; None when there is none."""
        raw = text.strip().lower()
        if raw in self.records and (kinds is None or self.records[raw].get("kind") in kinds):
            return self._matched([raw], "id", text)
        ids = self._filter(self._raw.get(raw, ()), kinds)
        if ids:
            return self._matched(ids, "alias", text)
        key = normalize(text)
        ids = self._filter(self._norm.get(key, ()), kinds)
        if ids:
            return self._matched(ids, "normalized", text)
        ids = self._plural_of(key, kinds, _in_capitals(text))
        return self._matched(ids, "plural", text) if ids else None

    def _plural_of(self, key: str, kinds: Optional[frozenset], capitals: bool) -> List[str]:
        """The records a plural key names by its singular ("emts" -> emt), [] when it is no plural of a name."""
        for singular in _singulars(key, capitals):
            ids = self._filter(self._norm.get(singular, ()), kinds)
            if ids:
                return ids
        return []

    def _candidate_keys(self, key: str) -> List[int]:
        lists = sorted((ids for ids in map(self._postings.get, _trigrams(key)) if ids), key=len)[:RAREST]
        counts: Counter = Counter()
        budget = 0
        for ids in lists:
            if budget and budget + len(ids) > POSTINGS_BUDGET:
                break
            budget += len(ids)
            counts.update(ids)
        return [i for i, _ in counts.most_common(CANDIDATES)]

    def fuzzy_scores(self, key: str, kinds: Optional[frozenset], subset: bool = True) -> List[Tuple[str, float]]:
        """(record id, best score) for the closest records, best first."""
        best: Dict[str, float] = {}
        words = distinctive_words(key)
        for index in self._candidate_keys(key):
            wanted = self._filter(self._norm[self._keys[index]], kinds)
            if not wanted:  # scoring a name of another kind is wasted: it would be dropped anyway
                continue
            score = similarity(key, self._keys[index], subset, words)
            for rid in wanted:
                if score > best.get(rid, -1.0):
                    best[rid] = score
        return sorted(best.items(), key=lambda item: (-item[1], item[0]))

    def fuzzy(self, text: str, kinds: Optional[frozenset] = None, threshold: float = MATCH,
              subset: bool = True) -> Resolution:
        key = normalize(text[:MAX_QUERY])
        if not key:
            return Resolution("not_found", text=text)
        scored = self.fuzzy_scores(key, kinds, subset)[:8]
        cands = [Candidate(rid, self.records[rid].get("name", rid), round(s / 100, 3)) for rid, s in scored]
        if not scored or scored[0][1] < threshold:
            return Resolution("not_found", None, round(scored[0][1] / 100, 3) if scored else 0.0, None,
                              cands[:3], text)
        top = scored[0][1]
        close = [c for c, (_, s) in zip(cands, scored) if s >= top - MARGIN]
        if len(close) > 1:
            return Resolution("ambiguous", None, round(top / 100, 3), "fuzzy", close[:8], text)
        return Resolution("matched", self.records[scored[0][0]], round(top / 100, 3), "fuzzy", cands[:3], text)

    def resolve(self, text: Any, kinds: Optional[Iterable[str]] = None) -> Resolution:
        """One name typed by a user -> matched record, ambiguous candidates, or not_found with the closest."""
        text = "" if text is None else str(text)
        wanted = _kinds(kinds)
        return self.exact(text, wanted) or self.fuzzy(text, wanted)

    def find_mentions(self, text: Any, kinds: Optional[Iterable[str]] = None) -> List[Resolution]:
        """Every record named inside a sentence, in reading order: longest exact windows first, then fuzzy."""
        text = "" if text is None else str(text)[:2000]
        wanted = _kinds(kinds)
        toks, spans, capitals = _tokens_with_spans(text)
        covered = [False] * len(toks)
        found: List[Resolution] = []

        def windows(max_size: int):
            for size in range(min(max_size, len(toks)), 0, -1):
                for i in range(len(toks) - size + 1):
                    if not any(covered[i:i + size]):
                        yield i, i + size

        def take(res: Resolution, start: int, end: int) -> None:
            covered[start:end] = [True] * (end - start)
            res.method, res.span = "mention", (spans[start][0], spans[end - 1][1])
            res.text = text[res.span[0]:res.span[1]]
            found.append(res)

        for start, end in windows(self.max_tokens):
            key = " ".join(toks[start:end])
            if _common_word(key, capitals[start]):
                continue
            # a generic one-word name right after a word it does not know names something else:
            # "what is a badge" is the concept, "the xyz blockchain badge" is not
            if end - start == 1 and key in GENERIC and start > 0 and toks[start - 1] not in STOPWORDS:
                continue
            ids = self._filter(self._norm.get(key, ()), wanted) or self._plural_of(key, wanted, capitals[end - 1])
            if ids and self._names_an_unknown_member(ids, text, spans, end):
                continue
            if ids:
                take(self._matched(ids, "mention", key), start, end)
        for start, end in windows(4):
            words = toks[start:end]
            key = " ".join(words)
            if len(key) < 4 or words[0] in STOPWORDS or words[-1] in STOPWORDS or set(words) <= GENERIC | STOPWORDS:
                continue
            res = self.fuzzy(key, wanted, MENTION_MATCH, subset=len(words) > 1)
            named = [res.record["id"]] if res.record else [c.id for c in res.candidates]
            if res.status != "not_found" and not self._names_an_unknown_member(named, text, spans, end):
                take(res, start, end)
        return self._join_family_prefix(sorted(found, key=lambda r: r.span), text)

    def _names_an_unknown_member(self, ids: List[str], text: str, spans: List[Tuple[int, int]], end: int) -> bool:
        """A family name followed by a product name we do not know ("comptia Server+", "cisco CCNP") names
        that product, not the family: such a name carries a plus sign or is an acronym in capitals."""
        if end >= len(spans) or not all(self.records[i].get("kind") == "family" for i in ids):
            return False
        word = text[spans[end][0]:spans[end][1]]
        return "+" in word or (len(word) >= 3 and word.isalpha() and word.isupper())

    def _join_family_prefix(self, found: List[Resolution], text: str) -> List[Resolution]:
        """A family's name right before one of its members names the member ("comptia a pluss" is A+, not
        the CompTIA family and A+): the member's mention takes over the family's words."""
        joined: List[Resolution] = []
        for res in found:
            prev = joined[-1] if joined else None
            family = prev.record if prev is not None and prev.record else None
            ids = [res.record["id"]] if res.record else [c.id for c in res.candidates]
            if (family and family.get("kind") == "family" and ids and set(ids) <= set(family.get("members") or [])
                    and not text[prev.span[1]:res.span[0]].strip()):
                res.span = (prev.span[0], res.span[1])
                res.text = text[res.span[0]:res.span[1]]
                joined[-1] = res
            else:
                joined.append(res)
        return joined


def _add(table: Dict[str, List[str]], key: str, rid: str) -> None:
    if key:
        ids = table.setdefault(key, [])
        if rid not in ids:
            ids.append(rid)


def _tokens_with_spans(text: str) -> Tuple[List[str], List[Tuple[int, int]], List[bool]]:
    """Normalized tokens with the character span of the word each came from (for quoting it back), and
    whether that word was typed in capitals."""
    toks: List[str] = []
    spans: List[Tuple[int, int]] = []
    capitals: List[bool] = []
    pos = 0
    for word in text.split():
        start = text.index(word, pos)
        pos = start + len(word)
        for tok in normalize(word).split():
            toks.append(tok)
            spans.append((start, pos))
            capitals.append(_in_capitals(word))
    return toks, spans, capitals
