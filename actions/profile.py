"""Reads the profile form's free-text answers: grade ("a junior", "10th") and budget ("about $100", "free")."""
from __future__ import annotations

import re
from typing import Optional, Union

NO_LIMIT = "any"  # budget slot value for "money is no problem"; None would make the form ask again
OUT_OF_SCHOOL_GRADE = 13

_GRADE_WORDS = {
    "freshman": 9, "sophomore": 10, "junior": 11, "senior": 12, "middle school": 8,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "college": OUT_OF_SCHOOL_GRADE, "graduated": OUT_OF_SCHOOL_GRADE, "adult": OUT_OF_SCHOOL_GRADE,
}
_GRADE_NUMBER = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
# A grade said in passing ("im in 10th", "a junior"): stricter than an answer to "What grade are you in?"
_GRADE_MENTION = re.compile(
    r"\b(\d{1,2}(?:st|nd|rd|th)|grade \d{1,2}|freshman|sophomore|junior|senior|ninth|tenth|eleventh|twelfth)\b"
)
_FREE_WORDS = re.compile(r"\b(free|nothing|zero|no money|broke|school pays|school covers)\b")
_NO_LIMIT_WORDS = re.compile(r"\b(no limit|any amount|doesn'?t matter|whatever it costs|more than that|a lot)\b")
_MONEY = re.compile(r"\$?\s*(\d[\d,]*(?:\.\d+)?)")
_HUNDREDS = {"a hundred": 100, "one hundred": 100, "a couple hundred": 200, "a few hundred": 300}


def parse_grade(text: str) -> Optional[int]:
    """School grade 6-12, 13 for out of school; None when the answer has no grade in it."""
    lowered = text.lower()
    for word, grade in _GRADE_WORDS.items():
        if word in lowered:
            return grade
    match = _GRADE_NUMBER.search(lowered)
    if match and 6 <= int(match.group(1)) <= 12:
        return int(match.group(1))
    return None


def grade_mentioned(text: str) -> Optional[int]:
    """The grade named inside a longer message; None unless it is clearly a grade (so "$10" is not one)."""
    match = _GRADE_MENTION.search(text.lower())
    return parse_grade(match.group(0)) if match else None


_AGE_MENTION = re.compile(r"\b(?:i'?m|i am|im|age|aged)\s+(1[0-9]|[2-6][0-9])\b(?!\s*(?:st|nd|rd|th|grade|\$|bucks|dollars))"
                          r"|\b(1[0-9]|[2-6][0-9])\s*(?:yo|y/o|years? old|yrs? old)\b")
_BUDGET_MENTION = re.compile(r"\$\s*(\d[\d,]*)|\b(\d[\d,]*)\s*(?:bucks|dollars|usd)\b")
_BUDGET_WORDS = re.compile(r"\b(budget|spend|afford|free|broke|no money|cheap)\b")


def age_mentioned(text: str) -> Optional[int]:
    """An age said in passing ("I'm 16", "a 15 year old"); grades and dollars are not ages."""
    match = _AGE_MENTION.search(text.lower())
    return int(match.group(1) or match.group(2)) if match else None


def budget_mentioned(text: str) -> Optional[Union[float, str]]:
    """A budget said in passing ("I have $200", "100 bucks", "im broke"); a bare number is not one."""
    lowered = text.lower()
    amounts = [float((a or b).replace(",", "")) for a, b in _BUDGET_MENTION.findall(lowered)]
    if amounts:
        return max(amounts)
    return parse_budget(lowered) if _BUDGET_WORDS.search(lowered) else None


def parse_budget(text: str) -> Optional[Union[float, str]]:
    """Dollars the student can spend, NO_LIMIT, or None when the answer has no amount in it."""
    lowered = text.lower()
    if _NO_LIMIT_WORDS.search(lowered):
        return NO_LIMIT
    if _FREE_WORDS.search(lowered):
        return 0.0
    amounts = [float(m.replace(",", "")) for m in _MONEY.findall(lowered)]
    if amounts:
        return max(amounts)
    return next((float(v) for phrase, v in _HUNDREDS.items() if phrase in lowered), None)
