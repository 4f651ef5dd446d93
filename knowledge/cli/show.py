"""`show NAME`: one record as stored, found by id, name, alias or a close spelling; unknown facts read "unknown"."""
from __future__ import annotations

from typing import Any, Dict

import yaml

from ..schema import KINDS, Group
from .output import add_query_options, command, emit, open_kb, resolve_one

UNKNOWN = "unknown"


def readable(record: Dict[str, Any]) -> Dict[str, Any]:
    """The record with null fact groups, and null fields inside groups, written as "unknown"."""
    specs = KINDS.get(record.get("kind"), {})
    shown = dict(record)
    for name, value in record.items():
        if not isinstance(specs.get(name), Group):
            continue
        if value is None:
            shown[name] = UNKNOWN
        elif isinstance(value, dict):
            shown[name] = {k: UNKNOWN if v is None else v for k, v in value.items()}
    return shown


def run(args) -> int:
    kb = open_kb(args)
    record = resolve_one(kb, args.name)
    return emit(args, record, lambda r: yaml.safe_dump(readable(r), sort_keys=False, allow_unicode=True,
                                                       width=100).rstrip())


def register(sub) -> None:
    parser = command(sub, "show", "show one record with its sources", "python -m knowledge show tfa")
    parser.add_argument("name")
    add_query_options(parser)
    parser.set_defaults(func=run)
