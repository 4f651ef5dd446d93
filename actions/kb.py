"""One knowledge base per action-server process, opened on first use and kept current.

A counselor's `python -m knowledge load` must show in answers without restarting anything: at most every
KNOWLEDGE_REFRESH_SECONDS (2) the process compares the database's content hash with the one it holds and
reads the new records when they differ (one small query; a load is one transaction, so it sees the old
or the new knowledge, never a mix). If the check fails, answers keep coming from the copy already held.

Every call goes through `run`, which executes in a worker thread (`asyncio.to_thread`), so a slow
database query never blocks the action server's event loop.
"""
from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from typing import Any, Callable, Optional, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from knowledge import KnowledgeBase, KnowledgeError

logger = logging.getLogger(__name__)
T = TypeVar("T")

REFRESH_SECONDS = float(os.environ.get("KNOWLEDGE_REFRESH_SECONDS", "2"))
_knowledge_base: Optional[KnowledgeBase] = None
_checked_at = 0.0
_open_lock = threading.Lock()


class KnowledgeUnavailable(Exception):
    """The knowledge base could not answer (database missing or unreachable)."""


def knowledge_base() -> KnowledgeBase:
    """The process-wide knowledge base, as loaded last; `KNOWLEDGE_DB_URL` picks the database."""
    global _knowledge_base, _checked_at
    with _open_lock:
        now = time.monotonic()
        if _knowledge_base is None or now - _checked_at >= REFRESH_SECONDS:
            try:
                # the same object while the content hash is unchanged (KnowledgeBase.open caches it)
                _knowledge_base = KnowledgeBase.open()
            except (KnowledgeError, SQLAlchemyError):
                if _knowledge_base is None:
                    raise
                logger.warning("knowledge base refresh failed; answering from the copy already loaded")
            _checked_at = now
        return _knowledge_base


def reset() -> None:
    """Forget the open knowledge base (tests point each run at their own database)."""
    global _knowledge_base, _checked_at
    with _open_lock:
        _knowledge_base = None
        _checked_at = 0.0


async def run(work: Callable[..., T], *args: Any) -> T:
    """Runs `work(kb, *args)` in a worker thread; knowledge failures become KnowledgeUnavailable."""

    def call() -> T:
        try:
            return work(knowledge_base(), *args)
        except (KnowledgeError, SQLAlchemyError) as error:
            logger.exception("knowledge base failed")
            raise KnowledgeUnavailable(str(error)) from error

    return await asyncio.to_thread(call)
