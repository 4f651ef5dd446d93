"""`lookups`: write (or --check) data/lookups/credentials.yml and states.yml from the data."""
from __future__ import annotations

import sys
from pathlib import Path

from ..lookups import render_files, stale_files, write_files
from ..paths import LOOKUPS_DIR, display_path
from .output import add_data_option, command
from .validate import check_data


def run(args) -> int:
    records, problems = check_data(args.data)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print("error: the data has problems; lookups not written (run: python -m knowledge validate)", file=sys.stderr)
        return 1
    files = render_files(r.data for r in records)
    out = Path(args.out)
    if args.check:
        stale = stale_files(out, files)
        for path in stale:
            print(f"error: {display_path(path)} is stale; run: python -m knowledge lookups", file=sys.stderr)
        if not stale:
            print("ok: lookups are up to date")
        return 1 if stale else 0
    written = write_files(out, files)
    print("wrote " + ", ".join(display_path(p) for p in written) if written else "unchanged: lookups are up to date")
    return 0


def register(sub) -> None:
    parser = command(sub, "lookups", "generate Rasa lookup tables (credential, state) from the data",
                     "python -m knowledge lookups --check")
    add_data_option(parser)
    parser.add_argument("--out", metavar="DIR", default=str(LOOKUPS_DIR), help="output folder (default: data/lookups)")
    parser.add_argument("--check", action="store_true", help="exit 1 naming the files that are out of date")
    parser.set_defaults(func=run)
