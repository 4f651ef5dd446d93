"""`python -m privacy retention --days N [--url URL] [--endpoints FILE] [--dry-run]`; `python -m privacy redact TEXT`."""
from __future__ import annotations

import argparse
import sys
from typing import List, Optional


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m privacy", description="Student privacy tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    retention = commands.add_parser(
        "retention", help="delete conversations older than N days from the SQL tracker store (cron-safe)"
    )
    retention.add_argument("--days", type=float, required=True, help="keep this many days (at least 1)")
    retention.add_argument("--url", help="SQLAlchemy URL of the tracker store (default: $TRACKER_STORE_URL, "
                                         "else the tracker_store in --endpoints)")
    retention.add_argument("--endpoints", default="endpoints.yml", help="Rasa endpoints file (default: endpoints.yml)")
    retention.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
    redact_cmd = commands.add_parser("redact", help="print TEXT with personal details replaced (to check the rules)")
    redact_cmd.add_argument("text", nargs="+")
    args = parser.parse_args(argv)

    if args.command == "redact":
        from privacy.redact import redact

        print(redact(" ".join(args.text)))
        return 0

    from privacy.retention import RetentionError, apply_retention, resolve_url, safe_url

    if args.days < 1:
        print("retention: --days must be at least 1", file=sys.stderr)
        return 1
    try:
        url = resolve_url(args.url, args.endpoints)
        result = apply_retention(url, args.days, dry_run=args.dry_run)
    except RetentionError as error:
        print(f"retention: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # anything unexpected: still one line, for cron mail
        print(f"retention: unexpected {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}",
              file=sys.stderr)
        return 2
    print(result.summary(safe_url(url)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
