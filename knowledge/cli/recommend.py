"""`recommend`: ranked credentials for a student profile, and the ones left out with the reason."""
from __future__ import annotations

from ..profile import Profile
from .output import add_query_options, command, emit, open_kb, table


def run(args) -> int:
    kb = open_kb(args)
    profile = Profile(interest=args.interest, grade=args.grade, age=args.age, budget_usd=args.budget,
                      hours=args.hours, state=args.state, gpa=args.gpa)
    data = kb.recommend(profile, limit=args.limit)

    def render(d):
        rows = [(i + 1, r["credential"], r["total"], r["reasons"][0] if r["reasons"] else "")
                for i, r in enumerate(d["recommendations"])]
        out = [table(rows, ["#", "credential", "score", "main reason"]) if rows else "no credential fits this profile"]
        if d["excluded"]:
            out += ["", "left out:"] + [f"  {e['credential']}: {e['why']}" for e in d["excluded"]]
        return "\n".join(out)

    return emit(args, data, render)


def register(sub) -> None:
    parser = command(sub, "recommend", "rank credentials for a student",
                     "python -m knowledge recommend --interest it --grade 10 --budget 100 --state TX")
    parser.add_argument("--interest", help="interest area id or word (it, health, computers...)")
    parser.add_argument("--grade", type=int)
    parser.add_argument("--age", type=int)
    parser.add_argument("--budget", type=float, metavar="USD")
    parser.add_argument("--hours", type=float)
    parser.add_argument("--gpa", type=float)
    parser.add_argument("--state", metavar="XX")
    parser.add_argument("--limit", type=int, default=5)
    add_query_options(parser)
    parser.set_defaults(func=run)
