"""The question in a message, without the parts that only carried personal details.

After redaction, "hi I'm Maria, my email is maria@x.org. is CNA worth it?" reads "hi I'm [name], my
email is [email]. is CNA worth it?". The input guard passes on only "is CNA worth it?": nothing of
value is lost, less is stored, and the NLU sees the question alone. The gap log uses the same test
to keep "my email is [email]" (no question at all) away from counselors.
"""
from __future__ import annotations

import re

from privacy.redact import PLACEHOLDERS

# Words that only introduce a personal detail: "hi I'm [name]", "my email is [email]", "cell [phone]"
_DETAIL_WORDS = frozenset("""
hi hey hello yo sup im i'm i’m i am my name names name's is its it's this here from and or also me at on call text
email e-mail mail gmail cell phone number num mobile tel contact born dob birthday bday b-day date of birth ssn social
security sec insta instagram ig snap snapchat tiktok twitter discord handle username user login password pw id student
school lunch state zip code address live lives living apt age aged years yrs yo old y/o the a an you can reach
thanks thank thx so btw lol
""".split())
_PART_BOUNDARY = re.compile(r"(?<=[,.;!?\n])\s*|\s+-\s+")
_PLACEHOLDER = re.compile(r"\[(?:" + "|".join(re.escape(p[1:-1]) for p in PLACEHOLDERS) + r")\]")


def without_detail_only_parts(text: str) -> str:
    """The redacted message without the parts that only carried personal details, when a question remains.

    "hi I'm [name], my email is [email], cell [phone]. is CNA worth it?" becomes "is CNA worth it?":
    nothing of value is lost, less is stored, and the NLU sees the question alone. A message that is
    all details (or has none) is kept whole.
    """
    if "[" not in text:
        return text
    parts = [part for part in _PART_BOUNDARY.split(text) if part and part.strip()]
    kept = [part for part in parts if not detail_only(part)]
    if len(kept) == len(parts) or not kept:
        return text
    return " ".join(part.strip() for part in kept).rstrip(" ,;-")


def detail_only(part: str) -> bool:
    """True when a (redacted) text holds placeholders and nothing but the words that introduce them."""
    if not _PLACEHOLDER.search(part):
        return False
    words = re.findall(r"[^\W\d_][\w'’/-]*", _PLACEHOLDER.sub(" ", part).lower())
    return all(word in _DETAIL_WORDS for word in words)
