"""Replaces personal details in free text with placeholders before anything is stored or logged.

Users are mostly minors. They type things like "my email is sam@x.org", "call me at 555-201-3344",
"I live at 12 Oak Street" or "my student id is 123456" into a chat box. None of that is needed to
answer a question about credentials, so it is replaced, everywhere, with a placeholder:

    [email]  [phone]  [address]  [student id]  [ssn]  [number]

`redact(text)` is pure, fast for text without digits or "@", idempotent (placeholders are never
matched again) and never raises on str input. `redact_value` walks JSON-like values (dicts, lists)
and redacts every string; `contains_pii` says whether `redact` would change a text.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Tuple

EMAIL = "[email]"
PHONE = "[phone]"
ADDRESS = "[address]"
STUDENT_ID = "[student id]"
SSN = "[ssn]"
NUMBER = "[number]"
PLACEHOLDERS = (EMAIL, PHONE, ADDRESS, STUDENT_ID, SSN, NUMBER)

_I = re.IGNORECASE

# user@example.org, also with unicode letters; "sam (at) x (dot) org", "sam at x dot org", "sam [at] x.org"
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}", _I)
_EMAIL_SPELLED = re.compile(
    r"[\w.+%-]+\s*(?:\(at\)|\[at\]|\{at\}|\s+at\s+)\s*[\w-]+\s*(?:\(dot\)|\[dot\]|\{dot\}|\s+dot\s+|\.)\s*"
    r"(?:com|org|net|edu|gov|us|io|co|me|info|k12(?:\.\w{2}\.us)?)\b",
    _I,
)

# US social security numbers (checked before phones: 123-45-6789)
_SSN = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")

# Phone numbers: (555) 201-3344, 555.201.3344, 555 201 3344, +1 555 201 3344, 5552013344,
# international +44 20 7946 0958, and 7-digit local numbers with a separator: 201-3344.
_PHONE = re.compile(
    r"(?<![\w+.])(?:"
    r"\+\d{1,3}[\s.-]?(?:\(?\d{1,4}\)?[\s.-]?){2,5}\d{2,4}"            # international, starts with +
    r"|(?:1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}"                 # North American 10 digits
    r")(?![\w]|\.\d)"
)
# 7-digit local numbers only after a phone word ("call me at 201-3344"): exam codes like 220-1101 stay
_LOCAL_PHONE = re.compile(
    r"\b((?:call|text|phone|cell|mobile|number|tel|reach|contact|whatsapp)\b[^\d\n]{0,20})\d{3}[\s.-]\d{4}(?![\w])", _I
)

_STREET_SUFFIX = (
    r"street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|"
    r"circle|cir|parkway|pkwy|highway|hwy|trail|trl|square|sq|loop|run|row|pike|alley|aly|crescent|cres|"
    r"close|path|point|pt|ridge|hollow|heights|hts|estates|commons|plaza|plz|expressway|expy|freeway|fwy"
)
# Words that follow a number in ordinary sentences ("3 years of experience and drive") and never start
# a street name
_NOT_STREET_WORD = (
    r"(?!(?:years?|yrs?|hours?|hrs?|days?|weeks?|months?|minutes?|mins?|times?|classes|courses|credits?|"
    r"points?|dollars?|bucks|of|and|or|to|the|a|an|in|on|at|for|with|my|i|is|are|was|it|per|more|less|"
    r"grade|th|kids|people|students|schools?)\b)"
)
# 1234 N. Oak Hill Rd, Apt 4B, Springfield, IL 62704  (unit, city, state and zip are optional)
_ADDRESS = re.compile(
    r"(?<![\w$])\d{1,6}[a-z]?\s+(?:[nsew]\.?\s+|north\s+|south\s+|east\s+|west\s+)?"
    r"(?:" + _NOT_STREET_WORD + r"[^\W\d_][\w'.-]*\s+){0,2}?(?:" + _NOT_STREET_WORD + r"[^\W_][\w'.-]*\s+)"
    r"(?:" + _STREET_SUFFIX + r")\b\.?"
    r"(?:\s*,?\s*(?:apt|apartment|unit|suite|ste|#)\.?\s*#?\s*\w{1,6})?"
    r"(?:\s*,\s*[^\W\d_][\w .'-]{1,30}?,?\s+(?:[a-z]{2})\.?\s+\d{5}(?:-\d{4})?)?"
    r"(?:\s*,?\s*\d{5}(?:-\d{4})?)?",
    _I,
)
_PO_BOX = re.compile(r"\bp\.?\s*o\.?\s*box\s*#?\s*\d{1,8}\b", _I)
_ZIP_WITH_STATE = re.compile(r"\b(?:[a-z]{2})\.?\s+\d{5}-\d{4}\b", _I)

# "student id 123456", "student ID: S1234567", "ID# S1234567", "id number 12345", "student number 1234567",
# "my id is 20231234", "lunch number 4567", "school id s-123456", "badge id 12345"
_STUDENT_ID = re.compile(
    r"\b(?:(?:student|school|pupil|lunch|library|badge|state|district|learner)\s*"
    r"(?:id(?:entification)?|number|num|no\.?|#|code|pin)"
    r"|id\s*(?:#|number|num|no\.?|code)|id)"
    r"(?:\s*(?:is|was|=|:|#|-))*\s*#?\s*[a-z]{0,3}[-\s]?\d{3,12}\b",
    _I,
)
# Bare identifiers that look like student ids: S1234567, AB123456 (1-3 letters + 6-12 digits)
_BARE_ID = re.compile(r"(?<![\w-])[a-z]{1,3}-?\d{6,12}(?![\w-])", _I)
# Any other run of 7+ digits, or 3+ digit groups (account, card or id numbers), not a price or exam code
_LONG_NUMBER = re.compile(
    r"(?<![\w$.,-])(?:\d{7,}|\d{3,4}(?:[ -]\d{3,4}){2,})(?![\w-]|\.\d)"
)

# Order matters: emails and SSNs before phones, ids and addresses before the long-number catch-all.
_RULES: Tuple[Tuple[re.Pattern, str], ...] = (
    (_EMAIL, EMAIL),
    (_EMAIL_SPELLED, EMAIL),
    (_STUDENT_ID, STUDENT_ID),
    (_SSN, SSN),
    (_ADDRESS, ADDRESS),
    (_PO_BOX, ADDRESS),
    (_PHONE, PHONE),
    (_LOCAL_PHONE, r"\1" + PHONE),
    (_ZIP_WITH_STATE, ADDRESS),
    (_BARE_ID, STUDENT_ID),
    (_LONG_NUMBER, NUMBER),
)

_MAY_CONTAIN = re.compile(r"[\d@]|\sat\s|\(at\)|\[at\]|\{at\}", _I)


def redact(text: Any) -> Any:
    """`text` with personal details replaced by placeholders; non-strings are returned unchanged."""
    if not isinstance(text, str) or not text or not _MAY_CONTAIN.search(text):
        return text
    for pattern, placeholder in _RULES:
        text = pattern.sub(placeholder, text)
    return text


def contains_pii(text: Any) -> bool:
    return isinstance(text, str) and redact(text) != text


def redact_value(value: Any, skip_keys: Iterable[str] = ()) -> Any:
    """A copy of a JSON-like value (dict/list/str/number) with every string redacted.

    Dict keys are kept; values under `skip_keys` (technical fields such as "message_id") are kept as
    they are. Non-JSON objects are returned unchanged.
    """
    skip = frozenset(skip_keys)

    def walk(item: Any, depth: int) -> Any:
        if depth > 50:  # hostile nesting: do not recurse forever, drop what is that deep
            return None
        if isinstance(item, str):
            return redact(item)
        if isinstance(item, dict):
            return {key: (val if key in skip else walk(val, depth + 1)) for key, val in item.items()}
        if isinstance(item, (list, tuple)):
            return [walk(val, depth + 1) for val in item]
        return item

    return walk(value, 0)
