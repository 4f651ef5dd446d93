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
    "direction_contradicts_percent": ("soc-43-4171", "outlook.direction", "contradicts percent -3.5; use 'declining'"),
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


def _edit(data_dir, file, record_id, change):
    """Change one record of a fixture file in place."""
    import yaml
    path = data_dir / file
    doc = yaml.safe_load(path.read_text())
    change(next(r for r in doc["records"] if r["id"] == record_id))
    path.write_text(yaml.safe_dump(doc, sort_keys=False))


def test_unknown_groups_may_be_null_but_summary_and_issuer_may_not(data_dir):
    def nulls(rec):
        rec.update(duration=None, eligibility=None, outcomes=None, summary=None, issuer=None)
    _edit(data_dir, "credentials_test.yml", "comptia-a-plus", nulls)
    assert sorted((i.field, i.message.split(":")[0]) for i in _issues(data_dir)) == [
        ("issuer", "must not be null"), ("summary", "must not be null")]


def test_text_that_only_admits_a_gap_needs_a_stub(data_dir):
    def no_price(rec):
        rec["cost"].update(usd_min=None, usd_max=None, text="No verified price; check the issuer.")
    _edit(data_dir, "credentials_test.yml", "comptia-network-plus", no_price)
    (issue,) = _issues(data_dir)
    assert (issue.record_id, issue.field) == ("comptia-network-plus", "stub")
    _edit(data_dir, "credentials_test.yml", "comptia-network-plus",
          lambda rec: rec.update(stub="CompTIA sells vouchers through many resellers at different prices."))
    assert _issues(data_dir) == []


def test_occupation_openings_and_wage_year(data_dir):
    def fields(rec):
        rec["outlook"]["openings_per_year"] = "many"
        rec["wage"]["year"] = "May 2024"
    _edit(data_dir, "occupations.yml", "soc-15-1232", fields)
    (issue,) = _issues(data_dir)
    assert issue.field == "outlook.openings_per_year" and "number" in issue.message


def test_finding_needs_a_known_direction_and_subjects_that_exist(data_dir):
    def wrong(rec):
        rec.update(direction="sideways", subjects=["route-nowhere"])
    _edit(data_dir, "findings.yml", "finding-tfa-effectiveness", wrong)
    assert sorted(i.field for i in _issues(data_dir)) == ["direction", "subjects[0]"]
