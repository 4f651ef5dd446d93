"""Flesch-Kincaid grade level of what a student reads in a reply (sources and addresses left out).

FK grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59. Syllables are counted with
the usual vowel-group rule (silent final e, "-le" endings), which is close enough for plain English.
"""
from __future__ import annotations

import re
from typing import Dict, Iterable, List

SOURCE_LINE = re.compile(r"^\s*_?(sources?|checked|as of)\b.*$", re.IGNORECASE | re.MULTILINE)
URL = re.compile(r"https?://\S+|www\.\S+")
MARKUP = re.compile(r"[*_`#>|]")
SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)|\n+")
WORD = re.compile(r"[A-Za-z][A-Za-z'+-]*|\d[\d,.$%]*")
VOWEL_GROUP = re.compile(r"[aeiouy]+")


def student_text(reply: str) -> str:
    """The words a student reads: no source lines, no addresses, no Markdown marks, list items as sentences."""
    text = SOURCE_LINE.sub("", reply)
    text = URL.sub("", text)
    text = MARKUP.sub("", text)
    return re.sub(r"^\s*[-•]\s*", "", text, flags=re.MULTILINE)


def syllables(word: str) -> int:
    word = word.lower().strip("'")
    if not word[:1].isalpha():
        return 1  # a figure is read as one unit ("$125", "75")
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(VOWEL_GROUP.findall(word)))


def sentences(text: str) -> List[str]:
    return [part.strip() for part in SENTENCE_END.split(text) if WORD.search(part or "")]


def grade(text: str) -> float:
    """Flesch-Kincaid grade of a text (0.0 for an empty one)."""
    parts = sentences(text)
    words = [w for part in parts for w in WORD.findall(part)]
    if not words:
        return 0.0
    syllable_count = sum(syllables(w) for w in words)
    return 0.39 * len(words) / len(parts) + 11.8 * syllable_count / len(words) - 15.59


def summary(replies: Iterable[str]) -> Dict[str, float]:
    """Grade of all student-facing text together, the mean per reply, and reply length in words."""
    texts = [student_text(reply) for reply in replies if reply.strip()]
    if not texts:
        return {"replies": 0}
    grades = sorted(grade(text) for text in texts)
    lengths = sorted(len(WORD.findall(text)) for text in texts)
    return {
        "replies": len(texts),
        "fk_grade_overall": round(grade("\n".join(texts)), 1),
        "fk_grade_median_reply": round(grades[len(grades) // 2], 1),
        "words_median_reply": lengths[len(lengths) // 2],
        "words_p90_reply": lengths[int(len(lengths) * 0.9)],
    }
