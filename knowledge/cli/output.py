"""What every CLI command shares: --json/--db/--data options, table printing, opening and resolving."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Callable, Dict, Iterable, Optional, Sequence

from ..api import KnowledgeBase
from ..errors import KnowledgeError
from ..paths import DATA_DIR


def command(subparsers, name: str, help: str, example: str, description: str = "") -> argparse.ArgumentParser:
    """A subcommand whose --help ends with an example."""
    return subparsers.add_parser(name, help=help, description=description or help,
                                 epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter)


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def add_query_options(parser: argparse.ArgumentParser) -> None:
    """--json and --db, declared once for every query command."""
    add_json_option(parser)
    parser.add_argument("--db", metavar="URL", help="database URL (default: env KNOWLEDGE_DB_URL or .data/knowledge.db)")


def add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR", default=str(DATA_DIR), help="folder of YAML files (default: knowledge/data)")


def open_kb(args: argparse.Namespace, weights: Optional[str] = None) -> KnowledgeBase:
    return KnowledgeBase.open(getattr(args, "db", None), weights=weights)


def resolve_one(kb: KnowledgeBase, name: str, kinds: Optional[Sequence[str]] = None, what: str = "record") -> Dict:
    """The single record NAME means, or a KnowledgeError listing candidates / the closest names."""
    res = kb.resolve(name, kinds)
    if res.status == "matched":
        return res.record
    listed = ", ".join(f"{c.id} ({c.name})" for c in res.candidates[:8])
    if res.status == "ambiguous":
        raise KnowledgeError(f"{name!r} matches several records: {listed}; be more specific")
    raise KnowledgeError(f"no {what} matches {name!r}; closest: {listed or 'none'}")


def table(rows: Iterable[Sequence[Any]], headers: Sequence[str]) -> str:
    """A plain text table sized to its content."""
    rows = [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def emit(args: argparse.Namespace, data: Any, render: Callable[[Any], str]) -> int:
    """Print data as JSON (--json) or through its table renderer; exit status 0."""
    if getattr(args, "json", False):
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(render(data))
    return 0


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def score_text(score: Dict[str, Any]) -> str:
    """The readable form of one score dict: unknown factors read "unknown" and the total says what it rests on."""
    head = (f"{score['name']} ({score['credential']}): {score['total']}/100, based on {score['based_on']}, "
            f"confidence {score['confidence']}. Worth it? {score['verdict']}.")
    rows = [(f["label"], f["shown"], f["evidence"]) for f in score["factors"]]
    parts = [head, table(rows, ["factor", "score", "evidence"])]
    if score["pitfalls"]:
        parts.append("warnings:\n" + "\n".join(f"  {p['id']} {p['title']}: {p['detail']}" for p in score["pitfalls"]))
    if score["freshness"]:
        parts.append(score["freshness"])
    parts.append("sources:\n" + "\n".join(f"  {s['name']} {s['url']} (as of {s['as_of']})" for s in score["sources"]))
    return "\n".join(parts)
