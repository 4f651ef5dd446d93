"""Exceptions shared by the knowledge package; callers catch one type and show its message."""
from __future__ import annotations


class KnowledgeError(Exception):
    """A problem the user can fix (bad data, missing database, unknown name); the message says how."""
