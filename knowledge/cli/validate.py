"""`validate`: check the YAML data; one line per problem, non-zero exit when any."""
from __future__ import annotations

import sys
from pathlib import Path

from ..loader import read_dir
from ..paths import display_path
from ..validate import validate_records
from .output import add_data_option, command


def check_data(data_dir: str):
    """(records, problem lines) for a data folder."""
    records, issues = read_dir(Path(data_dir))
    issues += validate_records(records)
    return records, [str(i) for i in issues]


def run(args) -> int:
    records, problems = check_data(args.data)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {display_path(Path(args.data))}", file=sys.stderr)
        return 1
    files = len({r.file for r in records})
    print(f"ok: {len(records)} records in {files} files")
    return 0


def register(sub) -> None:
    parser = command(sub, "validate", "check every data file against the schema",
                     "python -m knowledge validate --data knowledge/data")
    add_data_option(parser)
    parser.set_defaults(func=run)
