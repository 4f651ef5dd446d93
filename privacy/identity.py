"""Conversation ids that are personal details themselves (an email or phone number used as the id).

The input guard stores such a conversation under `anon-<hash>` (keyed by PRIVACY_SENDER_SALT); the
privacy commands look a person up under both the id they are given and that pseudonym.
"""
from __future__ import annotations

import hashlib
import os
from typing import List

from privacy.redact import contains_pii


def pseudonym(sender: str) -> str:
    salt = os.environ.get("PRIVACY_SENDER_SALT", "credential-advisor")
    return "anon-" + hashlib.sha256(f"{salt}:{sender}".encode("utf-8")).hexdigest()[:24]


def stored_ids(sender: str) -> List[str]:
    """The ids a conversation can be stored under: as given, and its pseudonym when it looks personal."""
    sender = str(sender).strip()
    return [sender, pseudonym(sender)] if contains_pii(sender) else [sender]
