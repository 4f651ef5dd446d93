"""Student privacy tools (docs/PRIVACY.md):

    python -m privacy retention --days N [--url URL] [--endpoints FILE] [--dry-run]
    python -m privacy forget SENDER [--dry-run]       # delete one conversation everywhere it is kept
    python -m privacy export SENDER                   # print it as JSON (a parent's request)
    python -m privacy redact TEXT                     # what a sentence becomes

Exit codes: 0 done, 1 bad arguments, 2 a store cannot be read (one line on stderr, password hidden).
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any, List, Optional


def _sender_command(commands: Any, name: str, help_text: str, example_args: str) -> argparse.ArgumentParser:
    """A command about one conversation (a parent's request): its sender id and where the stores are."""
    command = commands.add_parser(name, help=help_text, epilog=f"example: python -m privacy {name} {example_args}")
    command.add_argument("sender", help=f"the conversation id (sender id) to {name}")
    _store_options(command)
    return command


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", "--tracker-url", dest="url",
                        help="SQLAlchemy URL of the tracker store (default: $TRACKER_STORE_URL, else the "
                             "tracker_store in --endpoints)")
    parser.add_argument("--endpoints", default="endpoints.yml", help="Rasa endpoints file (default: endpoints.yml)")
    parser.add_argument("--knowledge-url", help="database of the counselors' gap log (default: $KNOWLEDGE_DB_URL, "
                                                "else .data/knowledge.db)")
    parser.add_argument("--handoff-url", help="database of handoff requests (default: $HANDOFF_DB_URL, else "
                                              ".data/handoff.db)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m privacy", description="Student privacy tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    retention = commands.add_parser(
        "retention", help="delete conversations, gap-log questions and handoff requests older than N days (cron-safe)",
        epilog="example: python -m privacy retention --days 30 --url postgresql://rasa:PASSWORD@db:5432/rasa",
    )
    retention.add_argument("--days", type=float, required=True, help="keep this many days (at least 1)")
    _store_options(retention)
    retention.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
    forget = _sender_command(commands, "forget", "delete one conversation from the tracker store, the gap log and "
                             "the handoff store", "3f2c9a1e-student-session --dry-run")
    forget.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
    _sender_command(commands, "export", "print one conversation as JSON: tracker events, gap-log questions, handoff "
                    "requests", "3f2c9a1e-student-session > request-2026-12.json")
    redact_cmd = commands.add_parser("redact", help="print TEXT with personal details replaced (to check the rules)",
                                     epilog='example: python -m privacy redact "I\'m Sam, sam@example.org"')
    redact_cmd.add_argument("text", nargs="+")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command

    if command == "redact":
        from privacy.redact import redact

        print(redact(" ".join(args.text)))
        return 0
    if command == "retention" and args.days < 1:
        print("retention: --days must be at least 1", file=sys.stderr)
        return 1
    if command in ("forget", "export") and not args.sender.strip():
        print(f"{command}: SENDER must not be empty", file=sys.stderr)
        return 1

    from privacy.retention import RetentionError, apply_retention, safe_url
    from privacy import subjects

    try:
        stores = subjects.resolve_stores(args.url, args.endpoints, args.knowledge_url, args.handoff_url)
        if command == "export":
            print(json.dumps(subjects.export(args.sender.strip(), stores), indent=2, ensure_ascii=False, default=str))
        elif command == "forget":
            print(subjects.forget(args.sender.strip(), stores, dry_run=args.dry_run).summary(stores))
        else:
            result = apply_retention(stores.tracker, args.days, dry_run=args.dry_run)
            pruned = subjects.prune_side_stores(stores, result.cutoff, dry_run=args.dry_run)
            print(f"{result.summary(safe_url(stores.tracker))}; {pruned['gaps']} gap-log questions and "
                  f"{pruned['handoffs']} handoff requests older than that "
                  f"{'would be deleted' if args.dry_run else 'deleted'}")
    except RetentionError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # anything unexpected: still one line, for cron mail
        detail = str(error).splitlines()[0] if str(error) else ""
        print(f"{command}: unexpected {type(error).__name__}: {safe_url(detail) if '://' in detail else detail}",
              file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
