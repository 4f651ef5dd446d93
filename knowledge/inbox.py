"""The gaps log: questions the bot could not answer, kept for counselors (survives every reload)."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Dict, List, Optional

from sqlalchemy import insert, select
from sqlalchemy.exc import SQLAlchemyError

from .errors import KnowledgeError
from .store import gaps_table, get_engine

MAX_QUESTION = 2000


def sender_hash(sender: Optional[str]) -> Optional[str]:
    """A stable pseudonym: counselors can group questions by person without seeing who it was."""
    if not sender:
        return None
    return hashlib.sha256(str(sender).encode("utf-8")).hexdigest()[:16]


def log_gap(url: str, question: str, channel: Optional[str] = None, sender: Optional[str] = None) -> None:
    row = {"question": str(question)[:MAX_QUESTION], "channel": str(channel)[:64] if channel else None,
           "sender_hash": sender_hash(sender), "created_at": dt.datetime.utcnow()}
    try:
        with get_engine(url).begin() as conn:
            gaps_table.create(conn, checkfirst=True)
            conn.execute(insert(gaps_table), [row])
    except SQLAlchemyError as exc:
        raise KnowledgeError(f"cannot log the question: {type(exc).__name__}") from exc


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
    return [{"id": r.id, "question": r.question, "channel": r.channel, "sender_hash": r.sender_hash,
             "created_at": r.created_at.replace(microsecond=0).isoformat() + "Z"} for r in rows]
