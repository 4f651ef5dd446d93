"""Redaction measured on the corpus (tests/privacy/corpus.yml): recall per kind of detail and the
false-positive rate on domain questions, written to reports/privacy-redaction.json.

Targets (issue 14): structured details (email, phone, SSN, dates of birth, ids, addresses, handles,
logins) 100%, names in self-introductions 95% or better, false positives under 1%.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from privacy.redact import PLACEHOLDERS, redact
from tests.stack import REPO

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus.yml").read_text(encoding="utf-8"))
REPORT = REPO / "reports" / "privacy-redaction.json"
TARGETS = {"name": 0.95, "age_with_name": 0.95}  # every other kind: 1.0
MAX_FALSE_POSITIVE_RATE = 0.01


def leaked(text: str, parts: List[str]) -> List[str]:
    """The parts of a personal detail still in the redacted text (case-insensitive)."""
    redacted = redact(text).lower()
    return [part for part in parts if str(part).lower() in redacted]


def measure() -> Dict:
    kinds = {}
    for kind, items in CORPUS["personal"].items():
        misses = [{"text": text, "redacted": redact(text), "leaked": leaked(text, parts)}
                  for text, parts in items if leaked(text, parts)]
        kinds[kind] = {"strings": len(items), "caught": len(items) - len(misses),
                       "recall": round((len(items) - len(misses)) / len(items), 4),
                       "target": TARGETS.get(kind, 1.0), "misses": misses}
    changed = [{"text": text, "redacted": redact(text)} for text in CORPUS["domain"] if redact(text) != text]
    return {
        "corpus": "tests/privacy/corpus.yml",
        "strings": sum(len(items) for items in CORPUS["personal"].values()) + len(CORPUS["domain"]),
        "recall": kinds,
        "false_positives": {"domain_strings": len(CORPUS["domain"]), "changed": len(changed),
                            "rate": round(len(changed) / len(CORPUS["domain"]), 4),
                            "target_below": MAX_FALSE_POSITIVE_RATE, "examples": changed},
    }


@pytest.fixture(scope="module")
def report() -> Dict:
    result = measure()
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result


def test_corpus_is_large_and_covers_every_kind():
    assert sum(len(items) for items in CORPUS["personal"].values()) + len(CORPUS["domain"]) >= 300
    assert {"name", "dob", "ssn", "email", "phone", "student_id", "state_id", "address", "handle",
            "login", "age_with_name"} <= set(CORPUS["personal"])
    for kind, items in CORPUS["personal"].items():
        assert len(items) >= 8, kind
        for text, parts in items:
            assert parts and all(str(part).lower() in text.lower() for part in parts), (kind, text)


@pytest.mark.parametrize("kind", sorted(CORPUS["personal"]))
def test_recall_per_kind_meets_its_target(report, kind):
    result = report["recall"][kind]
    assert result["recall"] >= result["target"], json.dumps(result["misses"], indent=1)


def test_domain_questions_are_not_redacted(report):
    result = report["false_positives"]
    assert result["rate"] < MAX_FALSE_POSITIVE_RATE, json.dumps(result["examples"], indent=1)


def test_every_redaction_uses_a_known_placeholder():
    """What replaces a detail is one of the documented placeholders, never a half-cut word."""
    for items in CORPUS["personal"].values():
        for text, parts in items:
            redacted = redact(text)
            if not leaked(text, parts):
                assert any(placeholder in redacted for placeholder in PLACEHOLDERS), (text, redacted)
            assert redact(redacted) == redacted, (text, redacted)
