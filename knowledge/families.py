"""A family (Cisco CCST, MOS, ...) asked about as one: the fact its members share, or where they differ.

So the assistant answers "how much is the CCST exam?" at once when every member costs the same, and asks
"which one?" only when they differ.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from .facts import group_known
from .schema import value_fields


def _values(member: Dict[str, Any], group: str) -> Optional[Dict[str, Any]]:
    """What a member states in a group: its value fields (the text for groups without any); None = unknown."""
    fact = member.get(group)
    if not group_known(member.get("kind", "credential"), group, fact):
        return None
    fields = value_fields(member.get("kind", "credential"), group) or ("text",)
    return {name: fact.get(name) for name in fields}


def family_fact(family: Dict[str, Any], members: List[Dict[str, Any]], group: str) -> Dict[str, Any]:
    """{"family", "group", "agree", "value", "fact", "variants": [{"value", "fact", "members": [{id, name}]}]}.

    agree: every member states the same values (then value/fact are the shared ones); otherwise the members
    are grouped by the values they state, members with the group unknown together under value None."""
    variants: List[Dict[str, Any]] = []
    by_key: Dict[str, Dict[str, Any]] = {}
    for member in members:
        value = _values(member, group)
        key = json.dumps(value, sort_keys=True, default=str)
        variant = by_key.get(key)
        if variant is None:
            fact = member.get(group) if value is not None else None
            variant = by_key[key] = {"value": value, "fact": fact, "members": []}
            variants.append(variant)
        variant["members"].append({"id": member["id"], "name": member.get("name", member["id"])})
    agree = len(variants) == 1 and variants[0]["value"] is not None
    return {"family": family["id"], "group": group, "agree": agree,
            "value": variants[0]["value"] if agree else None, "fact": variants[0]["fact"] if agree else None,
            "variants": variants}
