"""`search TEXT`: which records a text names (whole name, or names inside a sentence)."""
from __future__ import annotations

from .output import add_query_options, command, emit, open_kb, table


def run(args) -> int:
    kb = open_kb(args)
    kinds = [args.kind] if args.kind else None
    res = kb.resolve(args.text, kinds)
    mentions = [] if res.status == "matched" else kb.find_mentions(args.text, kinds)
    data = {"query": args.text, "resolution": res.to_dict(), "mentions": [m.to_dict() for m in mentions]}

    def render(d):
        r = d["resolution"]
        if r["status"] == "matched":
            return f"matched ({r['method']}, {r['confidence']:.2f}): {r['id']}  {r['name']}"
        rows = [(m["status"], m["text"], m["id"] or ", ".join(c["id"] for c in m["candidates"])) for m in d["mentions"]]
        out = [f"{r['status']}: " + (", ".join(f"{c['id']} ({c['confidence']:.2f})" for c in r["candidates"]) or "-")]
        if rows:
            out += ["mentions in the text:", table(rows, ["status", "text", "record"])]
        return "\n".join(out)

    return emit(args, data, render)


def register(sub) -> None:
    parser = command(sub, "search", "find records named in a text (typos allowed)",
                     "python -m knowledge search 'is comptia a pluss worth it'")
    parser.add_argument("text")
    parser.add_argument("--kind", choices=["credential", "family", "route", "concept", "occupation", "state", "interest"])
    add_query_options(parser)
    parser.set_defaults(func=run)
