"""One normal form for names, so "CompTIA A+", "comptia a plus" and "comptia-a+" meet in the index."""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"['\u2019`]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    """Lowercase, strip accents, '+' -> ' plus', '&' -> ' and ', punctuation -> space, collapse spaces."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("+", " plus ").replace("&", " and ")
    text = _APOSTROPHES.sub("", text)
    return _NON_WORD.sub(" ", text).strip()
