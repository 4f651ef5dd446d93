"""`load`: validate, then build the database (refuses bad data; a failed load keeps the old database)."""
from __future__ import annotations

import sys

from ..paths import default_db_url
from ..store import load_records, safe_url
from .output import add_data_option, command
from .validate import check_data


def run(args) -> int:
    records, problems = check_data(args.data)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"error: {len(problems)} problem(s) in the data; nothing loaded (run: python -m knowledge validate)",
              file=sys.stderr)
        return 1
    url = args.db or default_db_url()
    result = load_records([r.data for r in records], url)
    print(f"{result.status}: {result.records} records in {safe_url(url)} (hash {result.content_hash[:12]})")
    return 0


def register(sub) -> None:
    parser = command(sub, "load", "validate the data and load it into the database",
                     "KNOWLEDGE_DB_URL=postgresql://kb@localhost/kb python -m knowledge load")
    add_data_option(parser)
    parser.add_argument("--db", metavar="URL", help="database URL (default: env KNOWLEDGE_DB_URL or .data/knowledge.db)")
    parser.set_defaults(func=run)
