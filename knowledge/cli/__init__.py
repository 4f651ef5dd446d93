"""The counselor CLI: one module per command; errors are one line on stderr, never a traceback."""
from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from ..errors import KnowledgeError
from . import audit, compare, gaps, load, lookups, recommend, score, search, show, validate
from .output import fail

COMMANDS = (validate, audit, load, lookups, search, show, score, compare, recommend, gaps)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m knowledge", description="Credential Advisor knowledge base: check, load and query it.",
        epilog="example:\n  python -m knowledge score 'comptia a+' --json",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KnowledgeError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted")
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: still one line, with what failed
        print(f"error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
