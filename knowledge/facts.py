"""Is a fact known? One answer for validate, audit and the API: a null group, or a group whose value
fields are all null and whose text only says the fact is missing, is unknown."""
from __future__ import annotations

import re
from typing import Any, Dict, List

from .schema import FLAGSHIP_GROUPS, value_fields

# A text that only admits the fact is missing ("No verified figure.") states no fact.
_NO_FACT_TEXT = re.compile(r"^\s*(no (verified|published|official|confirmed|reliable)\b|no data\b|unknown\b|"
                           r"not (known|published|confirmed)\b|we (found|have) no\b)", re.IGNORECASE)


# Fields that qualify a fact but do not state it ("the rules changed" says nothing about how long it lasts).
_QUALIFIERS = ("policy_changed",)


def is_null(value: Any) -> bool:
    """A field that states nothing: null, "unknown", an empty list or text."""
    return value is None or value == "unknown" or value == [] or value == ""


def group_known(kind: str, name: str, group: Any) -> bool:
    """True when the group states at least one fact: a value field, or a text that is not an admission."""
    if not isinstance(group, dict):
        return False
    if any(not is_null(group.get(field)) for field in value_fields(kind, name) if field not in _QUALIFIERS):
        return True
    text = group.get("text")
    return isinstance(text, str) and bool(text.strip()) and not _NO_FACT_TEXT.match(text)


def unknown_flagship(record: Dict[str, Any]) -> List[str]:
    """The flagship groups (a credential's cost/validity/assessment, an occupation's outlook/wage) not known."""
    kind = record.get("kind")
    return [name for name in FLAGSHIP_GROUPS.get(kind, ()) if not group_known(kind, name, record.get(name))]
