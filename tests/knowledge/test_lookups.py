"""Rasa lookup tables generated from the data: every name and alias, deduplicated and sorted."""
from __future__ import annotations

import yaml

from knowledge.lookups import render_files

from .conftest import VALID, fixture_records


def test_credential_lookup_content():
    files = render_files(fixture_records())
    doc = yaml.safe_load(files["credentials.yml"])
    assert doc["version"] == "3.1" and doc["nlu"][0]["lookup"] == "credential"
    examples = [line[2:] for line in doc["nlu"][0]["examples"].splitlines()]
    assert {"CompTIA A+", "a+", "tfa", "Teach For America", "Micro-credential", "microcredential",
            "Cisco CCST", "ccst", "Google Career Certificates"} <= set(examples)             # family names too
    assert not any("leave more often" in e for e in examples)                              # findings are no names
    assert "Texas" not in examples and "Computer user support specialists" not in examples
    folded = [e.casefold() for e in examples]
    assert folded == sorted(folded) and len(folded) == len(set(folded))   # "teach for america" once


def test_state_lookup_has_full_names_only():
    doc = yaml.safe_load(render_files(fixture_records())["states.yml"])
    assert doc["nlu"][0]["lookup"] == "state"
    assert doc["nlu"][0]["examples"].splitlines() == ["- Arkansas", "- North Carolina", "- Texas"]


def test_cli_writes_then_check_passes_then_detects_stale(run_cli, tmp_path):
    out = tmp_path / "lookups"
    first = run_cli("lookups", "--data", VALID, "--out", out)
    assert first.returncode == 0 and "wrote" in first.stdout
    assert run_cli("lookups", "--data", VALID, "--out", out, "--check").returncode == 0
    assert "unchanged" in run_cli("lookups", "--data", VALID, "--out", out).stdout
    (out / "states.yml").write_text("stale\n")
    check = run_cli("lookups", "--data", VALID, "--out", out, "--check")
    assert check.returncode == 1 and "states.yml is stale" in check.stderr and "credentials.yml" not in check.stderr
