"""How complete and how fresh the records are: per record the share of fields known, the oldest fact,
weak sources, unknown flagship facts and the stub reason; totals for the whole knowledge base.

Counselors read it to see where the data is thin before they trust (or fill in) an answer.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Dict, Iterable, List, Optional, Tuple

from .facts import is_null, unknown_flagship
from .schema import KINDS, Group, Value

OLD_YEARS = 3
COUNTED_KINDS = ("credential", "occupation", "state", "finding", "family")


def _facts(record: Dict[str, Any]) -> List[Tuple[str, Dict[str, Any]]]:
    """(where, fact) for every fact of a record: each fact group (list groups as name[i]) and the record
    itself when it carries its own source (findings, pitfalls)."""
    found: List[Tuple[str, Dict[str, Any]]] = []
    if "source" in record:
        found.append(("record", record))
    for name, spec in KINDS.get(record.get("kind"), {}).items():
        value = record.get(name)
        if isinstance(spec, Group) and isinstance(value, dict):
            found.append((name, value))
        elif isinstance(spec, Group) and isinstance(value, list):
            found += [(f"{name}[{i}]", v) for i, v in enumerate(value) if isinstance(v, dict)]
    return found


def _field_counts(record: Dict[str, Any]) -> Tuple[int, int]:
    """(known, total) over the fields that may be unknown: each single fact group's value fields (a null
    group counts all of them as unknown; a group without value fields counts its text) and the record's
    own nullable values (a finding's figure and population)."""
    known = total = 0
    for name, spec in KINDS.get(record.get("kind"), {}).items():
        value = record.get(name)
        if isinstance(spec, Value) and spec.nullable:
            total += 1
            known += 0 if is_null(value) else 1
        elif isinstance(spec, Group) and not spec.many:
            group = value if isinstance(value, dict) else {}
            fields = list(spec.fields) or ["text"]
            total += len(fields)
            known += sum(1 for f in fields if not is_null(group.get(f)))
    return known, total


def _day(value: Any) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def audit_record(record: Dict[str, Any], today: dt.date) -> Dict[str, Any]:
    """One record's row: known/fields, share_known, oldest_as_of, old_facts, weak_sources, unknown_flagship, stub."""
    known, total = _field_counts(record)
    facts = _facts(record)
    days = sorted(d for d in (_day(f.get("as_of")) for _, f in facts) if d)
    cutoff = today - dt.timedelta(days=round(365.25 * OLD_YEARS))
    return {"id": record["id"], "kind": record.get("kind"), "name": record.get("name") or record.get("title"),
            "known_fields": known, "fields": total,
            "share_known": round(known / total, 2) if total else None,
            "oldest_as_of": days[0].isoformat() if days else None,
            "old_facts": sum(1 for d in days if d < cutoff),
            "weak_sources": [where for where, f in facts if f.get("source_type") == "weak"],
            "unknown_flagship": unknown_flagship(record), "stub": record.get("stub")}


def audit(records: Iterable[Dict[str, Any]], today: Optional[dt.date] = None,
          kind: Optional[str] = None) -> Dict[str, Any]:
    """{"records": [row per record], "totals": {...}} for all records, or those of one kind."""
    today = today or dt.date.today()
    rows = [audit_record(r, today) for r in records if isinstance(r, dict) and r.get("id")
            and (kind is None or r.get("kind") == kind)]
    counts = {k: sum(1 for r in rows if r["kind"] == k) for k in COUNTED_KINDS if kind in (None, k)}
    counts.update({k: sum(1 for r in rows if r["kind"] == k) for k in sorted({r["kind"] for r in rows} - set(counts))})
    known, total = sum(r["known_fields"] for r in rows), sum(r["fields"] for r in rows)
    totals = {"records": counts, "share_known": round(known / total, 2) if total else None,
              "old_facts": sum(r["old_facts"] for r in rows), "old_years": OLD_YEARS,
              "weak_sources": sum(len(r["weak_sources"]) for r in rows),
              "unknown_flagship": sum(len(r["unknown_flagship"]) for r in rows),
              "stubs": sum(1 for r in rows if r["stub"])}
    return {"as_of": today.isoformat(), "records": rows, "totals": totals}
