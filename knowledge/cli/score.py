"""`score NAME`: factor breakdown, total, warnings, sources and confidence of a credential or route."""
from __future__ import annotations

from ..api import SCORED_KINDS
from .output import add_query_options, command, emit, open_kb, resolve_one, score_text


def run(args) -> int:
    kb = open_kb(args, weights=args.weights)
    record = resolve_one(kb, args.name, SCORED_KINDS, "credential")
    return emit(args, kb.score(record["id"], state=args.state).to_dict(), score_text)


def register(sub) -> None:
    parser = command(sub, "score", "score a credential or teacher route",
                     "python -m knowledge score 'comptia a+' --state TX --json")
    parser.add_argument("name")
    parser.add_argument("--state", metavar="XX", help="two-letter state code, for state-specific warnings")
    parser.add_argument("--weights", metavar="FILE", help="YAML file overriding knowledge/weights.yml (merged)")
    add_query_options(parser)
    parser.set_defaults(func=run)
