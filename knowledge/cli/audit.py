"""`audit`: how complete and fresh the data is, per record and in total (reads the YAML files)."""
from __future__ import annotations

from pathlib import Path

from ..audit import audit
from ..errors import KnowledgeError
from ..loader import read_dir
from ..schema import KINDS
from .output import add_data_option, add_json_option, command, emit, table


def _percent(share) -> str:
    return "-" if share is None else f"{share:.0%}"


def render(data) -> str:
    rows = [(r["id"], r["kind"], _percent(r["share_known"]), r["oldest_as_of"] or "-",
             ", ".join(r["weak_sources"]) or "-", ", ".join(r["unknown_flagship"]) or "-", r["stub"] or "")
            for r in data["records"]]
    t = data["totals"]
    counts = ", ".join(f"{n} {kind}" for kind, n in t["records"].items())
    lines = [table(rows, ["id", "kind", "known", "oldest fact", "weak sources", "unknown key facts", "stub"]), "",
             f"records: {counts}",
             f"fields known: {_percent(t['share_known'])}",
             f"facts older than {t['old_years']} years: {t['old_facts']}",
             f"weak sources: {t['weak_sources']}",
             f"unknown key facts: {t['unknown_flagship']}",
             f"stubs: {t['stubs']}"]
    return "\n".join(lines)


def run(args) -> int:
    records, issues = read_dir(Path(args.data))
    if issues:
        first = issues[0]
        where = f"{first.file}:{first.line}" if first.line else first.file
        raise KnowledgeError(f"{where}: {first.message} (run: python -m knowledge validate)")
    return emit(args, audit([r.data for r in records], kind=args.kind), render)


def register(sub) -> None:
    parser = command(sub, "audit", "report how complete and how fresh the records are",
                     "python -m knowledge audit --kind credential --json")
    add_data_option(parser)
    parser.add_argument("--kind", choices=[k for k in KINDS], help="only records of this kind")
    add_json_option(parser)
    parser.set_defaults(func=run)
