"""`gaps`: questions the assistant could not answer, newest first (for counselors to fill in the data)."""
from __future__ import annotations

from .output import add_query_options, command, emit, open_kb, table


def run(args) -> int:
    gaps = open_kb(args).gaps(limit=args.limit)
    return emit(args, gaps, lambda g: table([(x["created_at"], x["channel"] or "", x["question"]) for x in g],
                                            ["when (UTC)", "channel", "question"]) if g else "no logged questions")


def register(sub) -> None:
    parser = command(sub, "gaps", "list questions the assistant could not answer", "python -m knowledge gaps --limit 20")
    parser.add_argument("--limit", type=int, default=50)
    add_query_options(parser)
    parser.set_defaults(func=run)
