"""The gaps log: questions the bot could not answer, kept for counselors (survives every reload).

Only questions are offered to counselors: text is redacted first (`privacy.redact`), and what is not a
plausible question (injection strings such as "'; DROP TABLE events; --", key mashing, bare links,
only placeholders, over-long text) is not logged at all. Senders are kept as a hash, so counselors can
group questions by person without seeing who it was; `python -m privacy forget/export SENDER` finds a
person's questions by the same hash, and `python -m privacy retention` prunes old ones.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any, Dict, List, Optional

from sqlalchemy import delete, func, insert, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from privacy.focus import detail_only, without_detail_only_parts
from privacy.lexicon import COMMON_WORDS, domain_words
from privacy.redact import PLACEHOLDERS, redact

from .errors import KnowledgeError
from .store import gaps_table, get_engine

MAX_QUESTION = 400  # longer text is a paste or a story, not a question a counselor can act on

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# SQL, script and template injection: not something a student asks
_INJECTION = re.compile(
    r"(?:;|')\s*(?:drop|delete|insert|update|select|alter|truncate|create|exec|union|shutdown)\b"
    r"|\b(?:union\s+(?:all\s+)?select|drop\s+table|insert\s+into|delete\s+from|or\s+1\s*=\s*1|sleep\s*\()"
    r"|--\s*$|/\*|\*/|<\s*/?\s*(?:script|img|iframe|svg)\b|\{\{|\}\}|\$\{|`|\bjavascript:|\\x[0-9a-f]{2}",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}", re.IGNORECASE)
_REPEAT = re.compile(r"(.)\1{3,}")
_KEYBOARD_RUN = re.compile(r"qwer|wert|erty|asdf|sdfg|dfgh|fghj|ghjk|hjkl|zxcv|xcvb|cvbn|uiop|yuio|poiu|lkjh|jkl", re.I)


def sender_hash(sender: Optional[str]) -> Optional[str]:
    """A stable pseudonym: counselors can group questions by person without seeing who it was."""
    if not sender:
        return None
    return hashlib.sha256(str(sender).encode("utf-8")).hexdigest()[:16]


def _word_like(token: str) -> bool:
    lowered = token.lower()
    return (bool(re.search(r"[aeiouy]", lowered)) and not _CONSONANT_RUN.search(lowered)
            and not _REPEAT.search(lowered) and not _KEYBOARD_RUN.search(lowered) and len(lowered) <= 20) or not lowered.isascii()


def plausible_question(text: str) -> bool:
    """True for text a counselor can read as a question: words, not code, links, noise or a paste."""
    if not isinstance(text, str):
        return False
    text = " ".join(text.split())
    if not text or len(text) > MAX_QUESTION or _INJECTION.search(text) or detail_only(text):
        return False
    words = _URL.sub(" ", text)
    for placeholder in PLACEHOLDERS:
        words = words.replace(placeholder, " ")
    tokens = _TOKEN.findall(words)
    if len(tokens) < 2:
        return False
    word_like = [token for token in tokens if _word_like(token)]
    if len(word_like) < 2 or len(word_like) < 0.75 * len(tokens):
        return False
    letters = sum(ch.isalpha() or ch.isspace() for ch in words)
    if letters < 0.6 * len(words.strip()):
        return False
    vocabulary = COMMON_WORDS | domain_words()
    return any(token.lower() in vocabulary for token in tokens) or len(word_like) == len(tokens)


def log_gap(url: str, question: str, channel: Optional[str] = None, sender: Optional[str] = None) -> bool:
    """Logs a redacted question; returns False (and logs nothing) when the text is not a plausible question."""
    cleaned = without_detail_only_parts(redact(" ".join(str(question).split())))
    if not plausible_question(cleaned):
        return False
    row = {"question": cleaned, "channel": str(channel)[:64] if channel else None,
           "sender_hash": sender_hash(sender), "created_at": dt.datetime.utcnow()}
    try:
        with get_engine(url).begin() as conn:
            gaps_table.create(conn, checkfirst=True)
            conn.execute(insert(gaps_table), [row])
    except SQLAlchemyError as exc:
        raise KnowledgeError(f"cannot log the question: {type(exc).__name__}") from exc
    return True


def list_gaps(url: str, limit: Optional[int] = None) -> List[Dict[str, Any]]:
    """Logged questions, newest first."""
    query = select(gaps_table).order_by(gaps_table.c.created_at.desc(), gaps_table.c.id.desc())
    if limit:
        query = query.limit(limit)
    try:
        with get_engine(url).connect() as conn:
            rows = conn.execute(query).all()
    except SQLAlchemyError:
        return []
    return [_as_dict(row) for row in rows]


def gaps_for_sender(url: str, sender: str) -> List[Dict[str, Any]]:
    """One person's logged questions, oldest first (for `python -m privacy export`)."""
    query = select(gaps_table).where(gaps_table.c.sender_hash == sender_hash(sender)).order_by(gaps_table.c.id)
    with get_engine(url).connect() as conn:
        if not _has_gaps_table(conn):
            return []
        return [_as_dict(row) for row in conn.execute(query).all()]


def forget_sender(url: str, sender: str, dry_run: bool = False) -> int:
    """Deletes one person's logged questions; returns how many there were."""
    condition = gaps_table.c.sender_hash == sender_hash(sender)
    return _delete_or_count(url, condition, dry_run)


def prune_gaps(url: str, before: dt.datetime, dry_run: bool = False) -> int:
    """Deletes questions logged before `before` (naive UTC, as stored); returns how many."""
    return _delete_or_count(url, gaps_table.c.created_at < before, dry_run)


def _delete_or_count(url: str, condition: Any, dry_run: bool) -> int:
    with get_engine(url).begin() as conn:
        if not _has_gaps_table(conn):
            return 0
        if dry_run:
            return int(conn.execute(select(func.count()).select_from(gaps_table).where(condition)).scalar_one())
        return int(conn.execute(delete(gaps_table).where(condition)).rowcount or 0)


def _has_gaps_table(conn: Any) -> bool:
    return inspect(conn).has_table(gaps_table.name)


def _as_dict(row: Any) -> Dict[str, Any]:
    return {"id": row.id, "question": row.question, "channel": row.channel, "sender_hash": row.sender_hash,
            "created_at": row.created_at.replace(microsecond=0).isoformat() + "Z"}
