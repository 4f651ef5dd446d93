"""One failing fixture per validation rule; errors name file, record and field; never a traceback."""
from __future__ import annotations

import shutil

import pytest

from knowledge.loader import read_dir
from knowledge.validate import validate_records

from .conftest import BROKEN, VALID

# broken fixture -> (record id, field, words the message must contain)
CASES = {
    "unknown_field": ("extra-field-cred", "colour", "unknown field"),
    "missing_field": ("missing-field-cred", "cost", "missing"),
    "fact_without_source": ("no-source-cred", "validity.source", "missing"),
    "bad_source": ("bad-source-cred", "summary.source", "http(s)"),
    "bad_confidence": ("bad-confidence-cred", "cost.confidence", "high, medium, low"),
    "bad_date": ("bad-date-cred", "duration.as_of", "bad date"),
    "future_date": ("future-date-cred", "duration.as_of", "future"),
    "bad_choice": ("bad-enum-cred", "recognition.employer_demand", "not one of"),
    "unknown_leads_to": ("leads-nowhere-cred", "stackability.leads_to[0]", "unknown id"),
    "unknown_occupation": ("unknown-job-cred", "occupations[0]", "unknown id"),
    "unknown_interest": ("unknown-interest-cred", "interest_areas[0]", "unknown id"),
    "unknown_route_credential": ("route-broken", "credential", "unknown id"),
    "duplicate_id": ("comptia-a-plus", "id", "duplicate id"),
    "duplicate_alias": ("alias-clash-cred", "aliases", "also used by comptia-a-plus"),
    "unknown_kind": ("unknown-kind-cred", "kind", "unknown kind"),
    "bad_id": ("Bad_ID", "id", "kebab-case"),
    "unknown_state_code": ("bad-state-cred", "state_lists[0].state", "unknown state code"),
    "unreadable_yaml": (None, None, "unreadable YAML"),
    "not_records": (None, "records", "records:"),
    "null_flagship_without_stub": ("no-stub-cred", "stub", "cost unknown and no `stub:` reason"),
    "weak_high_confidence": ("weak-high-cred", "cost.confidence", "weak source must be low"),
    "bad_topic": ("finding-bad-topic", "topics[1]", "'vibes' is not one of"),
    "family_one_member": ("family-of-one", "members", "at least 2"),
    "two_families": ("ccst-and-comptia", "members[1]", "one family at most"),
}


def _issues(data_dir):
    records, issues = read_dir(data_dir)
    return issues + validate_records(records)


def test_valid_fixture_set_has_no_issues():
    assert _issues(VALID) == []


def test_every_broken_fixture_has_a_case():
    assert {p.stem for p in BROKEN.glob("*.yml")} == set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_fixture_gives_one_precise_issue(case, data_dir):
    shutil.copy(BROKEN / f"{case}.yml", data_dir)
    issues = _issues(data_dir)
    record_id, field, words = CASES[case]
    assert len(issues) == 1, [str(i) for i in issues]
    issue = issues[0]
    assert issue.file.endswith(f"{case}.yml")
    assert issue.record_id == record_id and issue.field == field
    assert words in issue.message
    line = str(issue)
    assert "\n" not in line and line.startswith(issue.file)


def test_unreadable_yaml_names_the_line(data_dir):
    shutil.copy(BROKEN / "unreadable_yaml.yml", data_dir)
    (issue,) = _issues(data_dir)
    assert issue.line == 5 and "unreadable_yaml.yml:5:" in str(issue)


def test_record_lines_point_at_the_record(data_dir):
    shutil.copy(BROKEN / "unknown_field.yml", data_dir)
    (issue,) = _issues(data_dir)
    text = (data_dir / "unknown_field.yml").read_text().splitlines()
    assert text[issue.line - 1].lstrip("- ").startswith("id: extra-field-cred")


def test_missing_data_dir_is_an_issue(tmp_path):
    (issue,) = _issues(tmp_path / "nope")
    assert "not found" in issue.message


@pytest.mark.parametrize("case", ["unknown_field", "unreadable_yaml", "duplicate_alias"])
def test_cli_validate_exits_nonzero_without_traceback(case, data_dir, run_cli):
    shutil.copy(BROKEN / f"{case}.yml", data_dir)
    out = run_cli("validate", "--data", data_dir)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert f"{case}.yml" in out.stderr.splitlines()[0]


def test_cli_validate_ok(run_cli):
    out = run_cli("validate", "--data", VALID)
    assert out.returncode == 0 and out.stdout.startswith("ok:")
