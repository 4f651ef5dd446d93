"""Replaces personal details in free text with placeholders before anything is stored or logged.

Users are mostly minors, some under 13. They write things like "hi I'm Maria Lopez, my email is
maria@example.com, cell 555 867 5309, born 03/14/2009, insta @maria_l09. is CNA worth it?" None of
that is needed to answer a question about credentials, so it is replaced everywhere (every channel,
the tracker store, the logs, the counselors' gap log, handoff requests) with a placeholder:

    [name] [email] [phone] [address] [ssn] [dob] [age] [student id] [state id] [handle] [login]
    [password] [number]

What counts (tests/privacy/corpus.yml holds the examples and the measured recall):
  * names where people introduce themselves: "I'm Maria", "my name is ...", "this is ... from ...",
    "call me ...", "my daughter ...", "Mrs. Lopez", a sign-off ("thanks, Maria");
  * dates of birth ("born 3/14/09", "dob 2009-03-14", "birthday March 14"); a full date whose year is
    at least 8 years back; ages and birth years only when the same message names the person ("I'm
    16" alone is kept: it matters for eligibility and identifies nobody);
  * SSNs with dashes, spaces, dots or none; student, state and school ids; driver's licenses;
    street addresses, PO boxes, zip codes given as such; emails (also "sam at gmail dot com");
    phone numbers in every common US format (parsed by `phonenumbers`), international ones with +;
    social handles (@name, "my snap is ..."); school logins and passwords; other long digit runs.

Never redacted: exam codes (220-1201, SY0-701, N10-009, CLF-C02), prices, years, hours, SOC codes,
state and credential names, "I'm interested/looking/in 10th grade/a teacher/16".

`redact(text)` is pure, idempotent (placeholders are never matched again), never raises on str
input, and quick on text without digits, "@" or an introduction. `redact_value` walks JSON-like values;
`contains_pii` says whether `redact` would change a text.
"""
from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Any, Callable, Iterable, List, Match, Tuple

import phonenumbers

from privacy import lexicon

NAME = "[name]"
EMAIL = "[email]"
PHONE = "[phone]"
ADDRESS = "[address]"
SSN = "[ssn]"
DOB = "[dob]"
AGE = "[age]"
STUDENT_ID = "[student id]"
STATE_ID = "[state id]"
HANDLE = "[handle]"
LOGIN = "[login]"
PASSWORD = "[password]"
NUMBER = "[number]"
PLACEHOLDERS = (NAME, EMAIL, PHONE, ADDRESS, SSN, DOB, AGE, STUDENT_ID, STATE_ID, HANDLE, LOGIN, PASSWORD, NUMBER)

_I = re.IGNORECASE
_APOS = "['’]"
_IS = r"(?:\s*(?:is|was|are|=|:|#|-)\s*|\s+)"  # "my email is", "email:", "email -", "email "

# --- emails -----------------------------------------------------------------------------------------
# user@example.org, also with unicode letters; "sam (at) x (dot) org", "sam at x dot org", "sam [at] x.org"
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}", _I)
_EMAIL_SPELLED = re.compile(
    r"[\w.+%-]+\s*(?:\(at\)|\[at\]|\{at\}|\s+at\s+)\s*[\w-]+\s*(?:\(dot\)|\[dot\]|\{dot\}|\s+dot\s+|\.)\s*"
    r"(?:com|org|net|edu|gov|us|io|co|me|info|k12(?:\.\w{2}\.us)?)\b",
    _I,
)

# --- handles, logins, passwords ---------------------------------------------------------------------
_AT_HANDLE = re.compile(r"(?<![\w.@\[])@[a-z0-9_][a-z0-9_.]{1,29}(?<!\.)", _I)
_PLATFORM = (
    r"insta(?:gram)?|ig|snap(?:chat)?|tik\s?tok|tt|twitter|discord|facebook|fb|youtube|yt|twitch|roblox|reddit|"
    r"threads|bereal|telegram|kik|psn|xbox|gamertag|steam|github|venmo|cash\s?app|whatsapp|linkedin|pinterest|"
    r"spotify|vsco|tumblr|minecraft|fortnite|epic"
)
_SOCIAL = re.compile(
    r"\b(?P<lead>(?P<my>my\s+|(?:add|follow|dm|find|message|hmu)\s+(?:me\s+)?(?:on|at)\s+)?(?:" + _PLATFORM + r")(?:\s+(?:handle|username|user|name|acct|account|id|tag|is|@))*"
    r"(?P<sep>\s*(?:is|:|=|-)\s*|\s+))(?P<value>[a-z0-9_][\w.]{1,29}(?<!\.)(?:#\d{4})?)",
    _I,
)
_LOGIN = re.compile(
    r"\b(?P<lead>(?:school\s+|student\s+|google\s+|clever\s+|canvas\s+|chromebook\s+|network\s+|computer\s+|"
    r"portal\s+|powerschool\s+)?(?:log\s?-?in|user\s?name|user\s?id|sign\s?-?in|screen\s?name|account\s+name)"
    r"(?:\s+(?:name|id))?(?P<sep>\s*(?:is|was|:|=|-)\s*|\s+))(?P<value>[a-z0-9_][\w.\-]{2,40})(?<![.\-])",
    _I,
)
_PASSWORD = re.compile(
    r"\b(?P<lead>(?:pass\s?word|passcode|pwd|pw)(?P<sep>\s*(?:is|was|:|=|-)\s*|\s+))(?P<value>\S{3,64})", _I
)

# --- numbers: ssn, ids, dates of birth ---------------------------------------------------------------
# 123-45-6789, 123 45 6789, 123.45.6789; after an SSN word also 123456789
_SSN = re.compile(r"(?<![\w$.-])\d{3}([- .])\d{2}\1\d{4}(?![\w-]|\.\d)")
_SSN_CONTEXT = re.compile(
    r"\b(?P<lead>(?:ssn|ss\s?#|ss\s?no\.?|soc(?:ial)?\s*(?:sec(?:urity)?)?\s*(?:number|no\.?|num|#)?|social)"
    r"(?P<sep>\s*(?:is|was|:|=|#|-)\s*|\s+))(?P<value>\d{3}[- .]?\d{2}[- .]?\d{4})(?![\w-])",
    _I,
)
_STUDENT_ID = re.compile(
    r"\b(?:(?:(?:state\s+)?(?:student|school|pupil|lunch|library|badge|district|learner|cafeteria|bus)\s*"
    r"(?:id(?:entification)?|number|num|no\.?|#|code|pin|card(?:\s+number)?)"
    r"|ssid|sasid|lasid|osis|suid|nsn|sis\s+id|id\s*(?:#|number|num|no\.?|code)|id)"
    r"(?:\s*(?:is|was|=|:|#|-))*\s*#?\s*[a-z]{0,3}[-\s]?\d{3,12}(?:-\d{2,8})*"
    r"|[a-z]{0,3}[-\s]?\d{3,12}\s+is\s+my\s+student\s+id)\b",
    _I,
)
_STATE_ID = re.compile(
    r"\b(?:driver'?s?\s*licen[cs]e|drivers?\s*lic|licen[cs]e|dl|learner'?s?\s*permit|permit|state\s+id(?:\s+card)?|"
    r"id\s+card|passport)(?:\s*(?:number|num|no\.?|#))?(?:\s*(?:is|was|=|:|#|-))*\s*#?\s*"
    r"(?=[a-z0-9-]*\d)[a-z]{0,2}[-\s]?[\d-]{5,15}\d\b",
    _I,
)

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_ORD = r"\d{1,2}(?:st|nd|rd|th)?"
_NUMERIC_DATE = r"\d{1,2}[/.-]\d{1,2}(?:[/.-](?:\d{4}|\d{2}))?(?![\d/])"
_ISO_DATE = r"(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}"
_WORD_DATE = (rf"(?:{_MONTH}\s+{_ORD}(?:\s*,?\s*(?:\d{{4}}|'\d{{2}}))?|{_ORD}\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*\d{{4}})?"
              rf"|{_MONTH}\s*,?\s*(?:19|20)\d{{2}})")
_ANY_DATE = rf"(?:{_ISO_DATE}|{_NUMERIC_DATE}|\d{{8}}|{_WORD_DATE})"
_DOB = re.compile(
    r"\b(?P<lead>(?:born(?:\s+(?:on|in))?|birth\s?day(?:\s+is)?|b[-\s]?day(?:\s+is)?|dob|d\.o\.b\.?|date\s+of\s+birth|"
    r"birth\s?date)(?:\s*(?:is|was|:|=|-))?\s*(?:on\s+)?)(?P<value>" + _ANY_DATE + r")(?!\w)",
    _I,
)
# A full date written alone: a date of birth when its year is at least 8 years back
_FULL_DATE = re.compile(
    rf"(?<![\w/.-])(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?P<y1>(?:19|20)\d{{2}})|(?P<y2>(?:19|20)\d{{2}})-\d{{1,2}}-\d{{1,2}}"
    rf"|{_MONTH}\s+{_ORD},?\s+(?P<y3>(?:19|20)\d{{2}})|{_ORD}\s+(?:of\s+)?{_MONTH},?\s+(?P<y4>(?:19|20)\d{{2}}))(?![\w/-])",
    _I,
)

# --- phone numbers ----------------------------------------------------------------------------------
_PHONE_WORDS = re.compile(
    r"\b(?:call|text|txt|phone|cell|mobile|number|num|tel|reach|contact|whatsapp|ph|#)\b[^\d\n]{0,20}$", _I
)
_PHONE_CANDIDATE = re.compile(r"\+?\(?\d[\d\s().-]{5,22}\d")
_PHONE_GLUED = re.compile(r"[\w$/.-]$")
_PHONE_GLUED_AFTER = re.compile(r"\w|[./-]\d")
# Forms phonenumbers does not take (letters between groups are not allowed there): "555 867 5309 ext 12"
_PHONE_FALLBACK = re.compile(
    r"(?<![\w+.$/-])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?![\w/-]|\.\d)"
)

# --- addresses --------------------------------------------------------------------------------------
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
_ZIP = re.compile(r"\b(?:(?:[a-z]{2})\.?\s+\d{5}-\d{4}|zip(?:\s*code)?(?:\s*(?:is|:|=|-))?\s*\d{5}(?:-\d{4})?)\b", _I)
_APARTMENT = re.compile(r"\b(?:apt|apartment|unit|suite)\.?\s*#?\s*\d{1,5}[a-z]?\b", _I)

# --- other identifiers ------------------------------------------------------------------------------
# Bare identifiers that look like student ids: S1234567, AB123456 (1-3 letters + 6-12 digits)
_BARE_ID = re.compile(r"(?<![\w-])[a-z]{1,3}-?\d{6,12}(?![\w-])", _I)
# Any other run of 7+ digits, or 3+ digit groups (account, card or id numbers), not a price or exam code
_LONG_NUMBER = re.compile(r"(?<![\w$.,-])(?:\d{7,}|\d{3,4}(?:[ -]\d{3,4}){2,})(?![\w-]|\.\d)")

# --- names ------------------------------------------------------------------------------------------
_WORD = r"[^\W\d_][\w'’-]*"
# Where a name can start, with how strong the cue is: "my name is" is enough on its own; "I'm",
# "this is", "call me" need a word that reads as a name.
_NAME_CUES: Tuple[Tuple[re.Pattern, str], ...] = (
    (re.compile(r"\b(?:my\s+(?:full\s+|first\s+|real\s+|legal\s+)?name(?:\s*" + _APOS + r"?s|\s+is|\s*:|\s*=|\s*-)"
                r"|(?:^|[.,!?]\s*)name\s*[:=-]|\bnames?\s+is)\s*", _I), "strong"),
    (re.compile(r"\b(?:me\s+llamo|mi\s+nombre\s+es)\s+", _I), "strong"),
    (re.compile(r"\b(?:i\s*" + _APOS + r"?\s*m|i\s+am|iam|soy)\s+(?:called\s+|named\s+)?", _I), "intro"),
    (re.compile(r"\bit\s*" + _APOS + r"?s\s+(?:me|just\s+me)\s*[,-]?\s+", _I), "intro"),
    (re.compile(r"\b(?:this\s+is|it\s*" + _APOS + r"?s|here\s+is)\s+", _I), "weak"),
    (re.compile(r"\b(?:call\s+me|they\s+call\s+me|people\s+call\s+me|goes\s+by|go\s+by|i\s+go\s+by)\s+(?!at\b|on\b)",
                _I), "intro"),
    (re.compile(r"\bmy\s+(?:son|daughter|kid|child|grandson|granddaughter|brother|sister|student|stepson|stepdaughter"
                r"|nephew|niece|cousin)(?:\s*" + _APOS + r"?s\s+name\s+is|,)?\s+", _I), "relation"),
    (re.compile(r"\b(?i:mr|mrs|ms|miss|mx|dr|coach|prof)\.?\s+(?=[A-Z])"), "title"),
    (re.compile(r"(?:^|[.!?]\s+)(?:thanks|thank\s+you|thx|ty|sincerely|regards|best|cheers|love|from)\s*[,!-]?\s*"
                r"(?:-\s*)?", _I), "signoff"),
    (re.compile(r"(?:^|\s)[-–—~]+\s*(?=[A-Z])"), "signoff"),
    (re.compile(r"^\s*(?:(?:hi|hey|hello|yo)\s*[,!]?\s+)?(?:it\s*" + _APOS + r"?s\s+)?(?=\S+(?:\s+\S+)?\s+here\b)", _I), "here"),
)
# One cheap test before the cues above: does the text hold any of their words at all?
_ANY_NAME_CUE = re.compile(
    r"\b(?:i\s*['’]?\s*m|i\s+am|iam|soy|llamo|nombre|names?|this|it\s*['’]?s|here|call|go\s+by|goes\s+by|son|daughter|kid"
    r"|child|grandson|granddaughter|brother|sister|student|stepson|stepdaughter|nephew|niece|cousin|mr|mrs|ms|miss|mx"
    r"|dr|coach|prof|thanks|thank|thx|ty|sincerely|regards|best|cheers|love|from)\b|(?:^|\s)[-–—~]",
    _I,
)
_NAME_TOKEN = re.compile(_WORD)
# What may follow a name for a weak cue to count ("this is Maria from Lincoln", "this is Maria.")
_AFTER_NAME_END = re.compile(r"\s*(?:$|[,.!?;:)]|-\s|\s(?:from|at|here|and|in|i|my|a|an|the|im|i'm|,))", _I)

# Ages, counted only next to a name: "I'm 15", "15 years old", "age 15", "[name], 15"
_AGES = (
    re.compile(r"\b(?P<lead>(?:i\s*" + _APOS + r"?\s*m|i\s+am|im|iam|and|,)\s*)(?P<value>\d{1,2})\b"
               r"(?!\s*(?:th|st|nd|rd|grade|%|hours?|hrs?|years?\s+of|credits?|dollars?|\$|[/:.,-]\d))", _I),
    re.compile(r"\b(?P<value>\d{1,2}\s*(?:years?|yrs?|y/o|yo)(?:\s*old)?)\b(?!\s+of\b)", _I),
    re.compile(r"\b(?P<lead>(?:age|aged)\s*:?\s*)(?P<value>\d{1,2})\b", _I),
    re.compile(r"(?P<lead>\[name\](?:\s*[,(]|\s+is|\s+who\s+is)\s*)(?P<value>\d{1,2})\b(?!\s*(?:th|st|nd|rd)\b)", _I),
)
_BIRTH_YEAR = re.compile(r"\b(?:born\s+(?:in\s+)?|class\s+of\s+|graduating\s+(?:in\s+)?|grad\s+year\s+)'?(?:19|20)?\d{2}\b", _I)

_MAY_CONTAIN = re.compile(
    r"[\d@]|\sat\s|\(at\)|\[at\]|\{at\}|\b(?:i\s*['’]?\s*m|i\s+am|iam|name|this\s+is|it\s*['’]?s|here|call|"
    r"my|mr|mrs|ms|miss|dr|coach|prof|thanks|thank|thx|ty|sincerely|regards|best|cheers|love|from|pass|pw|"
    r"log|user|sign|screen|account|insta|ig|snap|tik|tt|twitter|discord|fb|facebook|yt|youtube|twitch|roblox|"
    r"reddit|psn|xbox|gamertag|steam|github|venmo|cash|whatsapp|linkedin|threads|bereal|telegram|kik|spotify|"
    r"vsco|tumblr|minecraft|fortnite|epic|go\s+by|goes\s+by|pinterest)",
    _I,
)


def _sub_value(pattern: re.Pattern, placeholder: str, check: Callable[[Match], bool] = lambda m: True):
    """A rule that keeps the cue words ("my snap is") and replaces only the value group."""

    def apply(text: str) -> str:
        def replace(match: Match) -> str:
            if not check(match):
                return match.group(0)
            return match.group(0)[: match.start("value") - match.start()] + placeholder + \
                match.group(0)[match.end("value") - match.start():]

        return pattern.sub(replace, text)

    return apply


def _sub(pattern: re.Pattern, placeholder: str):
    return lambda text: pattern.sub(placeholder, text)


def _only_if(gate: re.Pattern, rule: Callable[[str], str]) -> Callable[[str], str]:
    """Runs a costly rule only on text that holds one of its cue words."""
    return lambda text: rule(text) if gate.search(text) else text


def _plausible_value(match: Match) -> bool:
    """A login or handle after its cue: a separator ("is", ":") or a value that is clearly not a word."""
    value = match.group("value")
    if value.lower() in lexicon.COMMON_WORDS or value.startswith("["):
        return False
    explicit = match.group("sep").strip() != "" or bool(match.groupdict().get("my"))
    return explicit or bool(re.search(r"[\d_.]", value))


def _phones(text: str) -> str:
    """Phone numbers found by Google's libphonenumber (POSSIBLE leniency), then a pattern for the rest.

    Ten digits (or an international number with +) always count; seven digits only after a phone word
    ("call me at 201-3344"), so exam codes such as 220-1201 stay.
    """
    if not any(_digits(match.group(0)) >= 10 or (_digits(match.group(0)) >= 7 and _PHONE_WORDS.search(
            text[:match.start()])) for match in _PHONE_CANDIDATE.finditer(text)):
        return _PHONE_FALLBACK.sub(PHONE, text)  # libphonenumber's matcher is slow: run it only where it can find one
    spans: List[Tuple[int, int]] = []
    for match in phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.POSSIBLE):
        if _PHONE_GLUED.search(text[max(0, match.start - 1):match.start]) or \
                _PHONE_GLUED_AFTER.match(text[match.end:match.end + 2]):
            continue  # part of an id or a decimal ("U0TEST_1700000000.0001")
        digits = re.sub(r"\D", "", match.raw_string)
        if match.raw_string.startswith("+") or len(digits) >= 10:
            spans.append((match.start, match.end))
        elif len(digits) == 7 and _PHONE_WORDS.search(text[: match.start]) and re.search(r"\d[\s.-]\d", match.raw_string):
            spans.append((match.start, match.end))
    for start, end in reversed(spans):
        text = text[:start] + PHONE + text[end:]
    return _PHONE_FALLBACK.sub(PHONE, text)


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _full_dates(text: str) -> str:
    """A full date alone is a date of birth when its year is 8 or more years back (exam dates are not)."""
    newest_birth_year = _dt.date.today().year - 8

    def replace(match: Match) -> str:
        year = int(next(group for group in match.group("y1", "y2", "y3", "y4") if group))
        return DOB if 1900 < year <= newest_birth_year else match.group(0)

    return _FULL_DATE.sub(replace, text)


def _name_tokens(text: str, start: int) -> List[Match]:
    """Up to three words from `start`, separated by single spaces."""
    tokens: List[Match] = []
    position = start
    while len(tokens) < 3:
        match = _NAME_TOKEN.match(text, position)
        if not match:
            break
        tokens.append(match)
        gap = re.match(r"[ \t]+", text[match.end():])
        if not gap or len(gap.group(0)) > 2:
            break
        position = match.end() + len(gap.group(0))
    return tokens


def _is_capitalised(token: str, text: str) -> bool:
    """Upper-case first letter, in a message that is not written all in capitals or all in Title Case."""
    return token[:1].isupper() and not text.isupper()


def _name_span(text: str, cue_end: int, strength: str) -> Tuple[int, int]:
    """(start, end) of the name after a cue, or (cue_end, cue_end) when the next words are no name."""
    tokens = _name_tokens(text, cue_end)
    if not tokens:
        return cue_end, cue_end
    first = tokens[0].group(0)
    evidence = lexicon.name_evidence(first)
    capital = _is_capitalised(first, text)
    # "Maria Lopez", "maria lopez"; not "Mrs. Johnson said" (a capitalised name takes a capitalised surname)
    surname = len(tokens) > 1 and lexicon.surname_evidence(tokens[1].group(0)) and \
        capital == _is_capitalised(tokens[1].group(0), text)
    after_first = text[tokens[0].end():]
    ends_like_name = bool(_AFTER_NAME_END.match(after_first))

    acronym = len(first) > 1 and first.isupper() and not text.isupper()  # "I'm ESL", "I'm LPN"
    if evidence == "no":
        accepted = strength == "strong" and first.lower() not in lexicon.COMMON_WORDS and first.isalpha()
    elif strength == "strong":
        accepted = True
    elif evidence == "identity" or acronym:  # "I'm Hispanic", "I'm Deaf"; "I'm Christian Moore" is a name
        accepted = surname and not acronym and first.lower() in lexicon.first_names()
    elif strength == "title":
        accepted = capital
    elif evidence == "ambiguous":  # "I'm Will", "It's Lily," but not "it's April 2025" or "I'm will"
        follows = re.match(r"\s*(?:$|[,.!]|\s(?:here|from|and)\b)", after_first)
        place = first.lower() in lexicon.STATE_WORDS  # "it's Georgia, right?" is a state
        accepted = capital and (surname or (strength != "title" and bool(follows) and
                                            (not place or strength == "intro")))
    elif strength == "relation":  # "my nephew Diego wants", "my daughter emily is 12"
        accepted = capital or (evidence == "known" and ends_like_name)
    elif strength == "intro":  # "I'm Maria", "im maria", "I'm Jayden"; not "im dumb", "I'm so lost"
        accepted = evidence == "known" or capital or surname
    elif strength in ("signoff", "here"):
        at_end = strength == "here" or bool(re.match(r"\s*[.!]*\s*$", text[(tokens[1] if surname else tokens[0]).end():]))
        accepted = at_end and (capital or evidence == "known")
    else:  # weak: "this is", "it's", "my daughter"
        accepted = (capital or evidence == "known") and (ends_like_name or surname)
    if not accepted:
        return cue_end, cue_end
    end = tokens[1].end() if surname else tokens[0].end()
    if surname and len(tokens) > 2 and lexicon.surname_evidence(tokens[2].group(0)) and \
            _is_capitalised(tokens[2].group(0), text) and capital:
        end = tokens[2].end()  # "Maria Lopez Garcia"
    return tokens[0].start(), end


def _names(text: str) -> str:
    if not _ANY_NAME_CUE.search(text):
        return text
    spans: List[Tuple[int, int]] = []
    for cue, strength in _NAME_CUES:
        for match in cue.finditer(text):
            start, end = _name_span(text, match.end(), strength)
            if end > start:
                spans.append((match.start() if strength == "title" else start, end))  # "Mrs. Lopez" -> [name]
    last_start = len(text) + 1
    for start, end in sorted(set(spans), key=lambda span: (span[0], -span[1]), reverse=True):
        if end > last_start or "[" in text[start:end]:
            continue  # overlaps a name already replaced ("this is Mrs. Lopez": the title span wins)
        text = text[:start] + NAME + text[end:]
        last_start = start
    return text


def _ages_next_to_names(text: str) -> str:
    """Ages and birth years identify a student together with a name; alone they are kept."""
    if NAME not in text:
        return text
    for pattern in _AGES:
        text = _sub_value(pattern, AGE)(text)
    return _BIRTH_YEAR.sub(lambda m: m.group(0)[: len(m.group(0)) - len(m.group(0).lstrip())] + DOB
                           if m.group(0).lower().startswith("born") else m.group(0), text)


# Order matters: emails before handles, logins and ids before the number rules, dates and SSNs before
# phones, names last (they look at what the earlier rules left).
_RULES: Tuple[Callable[[str], str], ...] = (
    _sub(_EMAIL, EMAIL),
    _only_if(re.compile(r"\bat\b|\(at\)|\[at\]|\{at\}", _I), _sub(_EMAIL_SPELLED, EMAIL)),
    _sub_value(_PASSWORD, PASSWORD, _plausible_value),
    _sub_value(_LOGIN, LOGIN, _plausible_value),
    _sub(_AT_HANDLE, HANDLE),
    _only_if(re.compile(r"\b(?:" + _PLATFORM + r")\b", _I), _sub_value(_SOCIAL, HANDLE, _plausible_value)),
    _sub_value(_SSN_CONTEXT, SSN),
    _sub(_SSN, SSN),
    _sub_value(_DOB, DOB),
    _full_dates,
    _sub(_STATE_ID, STATE_ID),
    _sub(_STUDENT_ID, STUDENT_ID),
    _sub(_ADDRESS, ADDRESS),
    _sub(_PO_BOX, ADDRESS),
    _sub(_ZIP, ADDRESS),
    _phones,
    _sub(_APARTMENT, ADDRESS),
    _sub(_BARE_ID, STUDENT_ID),
    _sub(_LONG_NUMBER, NUMBER),
    _names,
    _ages_next_to_names,
)


def redact(text: Any) -> Any:
    """`text` with personal details replaced by placeholders; non-strings are returned unchanged."""
    if not isinstance(text, str) or not text or not _MAY_CONTAIN.search(text):
        return text
    if len(text) <= _CACHED_LENGTH:
        return _redact_cached(text)
    return _redact(text)


def _redact(text: str) -> str:
    for rule in _RULES:
        text = rule(text)
    return text


# The tracker store redacts every event of a conversation each time it saves it, and bot replies repeat:
# remembering recent results keeps that cheap. `_redact` is pure, so a cached result is always right.
_CACHED_LENGTH = 4000
_redact_cached = lru_cache(maxsize=4096)(_redact)


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
