"""`show NAME`: one record as stored, found by id, name, alias or a close spelling."""
from __future__ import annotations

import yaml

from .output import add_query_options, command, emit, open_kb, resolve_one


def run(args) -> int:
    kb = open_kb(args)
    record = resolve_one(kb, args.name)
    return emit(args, record, lambda r: yaml.safe_dump(r, sort_keys=False, allow_unicode=True, width=100).rstrip())


def register(sub) -> None:
    parser = command(sub, "show", "show one record with its sources", "python -m knowledge show tfa")
    parser.add_argument("name")
    add_query_options(parser)
    parser.set_defaults(func=run)
