"""One knowledge base per action-server process, opened on first use.

Every call goes through `run`, which executes in a worker thread (`asyncio.to_thread`), so a slow
database query never blocks the action server's event loop.
"""
from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any, Callable, Optional, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from knowledge import KnowledgeBase, KnowledgeError

logger = logging.getLogger(__name__)
T = TypeVar("T")

_knowledge_base: Optional[KnowledgeBase] = None
_open_lock = threading.Lock()


class KnowledgeUnavailable(Exception):
    """The knowledge base could not answer (database missing or unreachable)."""


def knowledge_base() -> KnowledgeBase:
    """The process-wide knowledge base; `KNOWLEDGE_DB_URL` picks the database."""
    global _knowledge_base
    with _open_lock:
        if _knowledge_base is None:
            _knowledge_base = KnowledgeBase.open()
        return _knowledge_base


def reset() -> None:
    """Forget the open knowledge base (tests point each run at their own database)."""
    global _knowledge_base
    with _open_lock:
        _knowledge_base = None


async def run(work: Callable[..., T], *args: Any) -> T:
    """Runs `work(kb, *args)` in a worker thread; knowledge failures become KnowledgeUnavailable."""

    def call() -> T:
        try:
            return work(knowledge_base(), *args)
        except (KnowledgeError, SQLAlchemyError) as error:
            logger.exception("knowledge base failed")
            raise KnowledgeUnavailable(str(error)) from error

    return await asyncio.to_thread(call)
