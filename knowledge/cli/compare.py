"""`compare A B`: two credentials (or two routes) side by side."""
from __future__ import annotations

from ..api import SCORED_KINDS
from .output import add_query_options, command, emit, open_kb, resolve_one, table


def run(args) -> int:
    kb = open_kb(args, weights=args.weights)
    a = resolve_one(kb, args.a, SCORED_KINDS, "credential")
    b = resolve_one(kb, args.b, SCORED_KINDS, "credential")
    data = kb.compare(a["id"], b["id"], state=args.state)

    def render(d):
        rows = [(r["id"], r["factor"], r["a"], r["b"]) for r in d["rows"]]
        rows.append(("", "total (0-100)", d["a"]["total"], d["b"]["total"]))
        rows.append(("", "based on", d["a"]["based_on"], d["b"]["based_on"]))
        return "\n".join([table(rows, ["id", "factor", d["a"]["name"], d["b"]["name"]]), "", d["summary"]])

    return emit(args, data, render)


def register(sub) -> None:
    parser = command(sub, "compare", "compare two credentials or two teacher routes",
                     "python -m knowledge compare a+ network+")
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--state", metavar="XX")
    parser.add_argument("--weights", metavar="FILE", help="YAML file overriding knowledge/weights.yml (merged)")
    add_query_options(parser)
    parser.set_defaults(func=run)
