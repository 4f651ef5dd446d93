"""YAML files -> plain record dicts, remembering file and line so errors can point at them."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, List, Tuple

import yaml

from .issues import Issue
from .paths import display_path


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps dates as the text written, so validate.py can report bad ones."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


@dataclass
class SourceRecord:
    file: str
    line: int
    data: Any


def _plain(value: Any) -> Any:
    """Keys become strings so records are JSON-ready and compare the same after a DB round trip."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _record_lines(node: yaml.Node) -> List[int]:
    """1-based start line of each item under the top-level `records:` key."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "records" and isinstance(value, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value.value]
    return []


def read_file(path: Path) -> Tuple[List[SourceRecord], List[Issue]]:
    """Records of one file, or issues when it cannot be read (never raises for bad YAML)."""
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_Loader)
        doc = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [], [Issue(name, None, None, f"unreadable YAML: {problem}", line=mark.line + 1 if mark else None)]
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Issue(name, None, None, f"cannot read file: {exc}")]
    if not isinstance(doc, dict) or not isinstance(doc.get("records"), list):
        return [], [Issue(name, None, "records", "file must be a mapping with a list under `records:`")]
    extra = sorted(set(doc) - {"records"})
    issues = [Issue(name, None, key, "unknown top-level key") for key in extra]
    lines = _record_lines(node)
    records = [SourceRecord(name, lines[i] if i < len(lines) else 0, _plain(item))
               for i, item in enumerate(doc["records"])]
    return records, issues


def read_dir(data_dir: Path) -> Tuple[List[SourceRecord], List[Issue]]:
    """All *.yml files of a data directory, in name order."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return [], [Issue(display_path(data_dir), None, None, "data directory not found")]
    records: List[SourceRecord] = []
    issues: List[Issue] = []
    for path in sorted(data_dir.glob("*.yml")):
        got, problems = read_file(path)
        records.extend(got)
        issues.extend(problems)
    if not records and not issues:
        issues.append(Issue(display_path(data_dir), None, None, "no records found (*.yml files)"))
    return records, issues
