"""The counselor CLI in a subprocess: tables, --json shapes, one-line errors, exit codes, help examples."""
from __future__ import annotations

import json
import shutil

import pytest

from .conftest import BROKEN, VALID


@pytest.fixture
def cli(run_cli):
    loaded = run_cli("load", "--data", VALID)
    assert loaded.returncode == 0, loaded.stderr
    return run_cli


def one_line_error(result, code=1):
    assert result.returncode == code
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    return lines[0]


def test_load_twice_reports_unchanged(cli):
    again = cli("load", "--data", VALID)
    assert again.returncode == 0 and again.stdout.startswith("unchanged:")


def test_load_refuses_bad_data_and_keeps_database(cli, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(VALID, bad)
    shutil.copy(BROKEN / "unknown_field.yml", bad)
    result = cli("load", "--data", bad)
    assert result.returncode == 1 and "colour: unknown field" in result.stderr and "nothing loaded" in result.stderr
    assert cli("score", "a+").returncode == 0


def test_score_json_shape(cli):
    result = cli("score", "comptia a pluss", "--json", "--state", "TX")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    required = {"credential", "total", "factors", "pitfalls", "sources", "confidence", "based_on"}
    assert required <= set(data) <= required | {"name", "kind", "label", "as_of", "stale", "known_factors",
                                                "factor_count", "freshness", "verdict"}
    assert data["credential"] == "comptia-a-plus" and 0 <= data["total"] <= 100
    assert data["based_on"] == "9 of 9 factors" and data["freshness"] is None
    assert data["verdict"] in ("Yes, for most people", "It can be, if it fits your plans", "Probably not on its own")
    assert all(set(f) == {"name", "label", "score", "max", "known", "shown", "evidence", "source", "as_of"}
               for f in data["factors"])
    assert all({"name", "url", "as_of"} == set(s) for s in data["sources"])
    assert "W5" in [p["id"] for p in data["pitfalls"]]


def test_score_table(cli):
    result = cli("score", "tfa")
    assert result.returncode == 0 and "Practice with a mentor" in result.stdout and "warnings:" in result.stdout


def test_unknown_facts_read_unknown_in_score_and_show(cli):
    scored = cli("score", "work readiness")
    assert "based on 6 of 9 factors" in scored.stdout.splitlines()[0]
    assert scored.stdout.splitlines()[0].endswith("Worth it? " + json.loads(
        cli("score", "work readiness", "--json").stdout)["verdict"] + ".")
    cost_row = [line for line in scored.stdout.splitlines() if line.startswith("Cost and time")][0]
    assert "unknown" in cost_row and "0/4" not in cost_row
    data = json.loads(cli("score", "work readiness", "--json").stdout)
    assert (data["known_factors"], data["factor_count"]) == (6, 9)
    assert [f["shown"] for f in data["factors"] if not f["known"]] == ["unknown"] * 3
    shown = cli("show", "work readiness").stdout
    assert "\ncost: unknown\n" in shown and "stub: Each testing center" in shown
    assert json.loads(cli("show", "work readiness", "--json").stdout)["cost"] is None
    old = cli("score", "data entry").stdout
    assert "Check the price and rules with the issuer before you pay" in old and "W3" not in old


def test_score_weights_override(cli, tmp_path):
    weights = tmp_path / "w.yml"
    weights.write_text("credential:\n  weights: {F1: 100, F2: 0, F3: 0, F4: 0, F5: 0, F6: 0, F7: 0, F8: 0, F9: 0}\n")
    data = json.loads(cli("score", "a+", "--json", "--weights", weights).stdout)
    f1 = [f for f in data["factors"] if f["name"] == "demand"][0]
    assert data["total"] == f1["score"] * 25


def test_unknown_name_is_one_line_with_closest(cli):
    line = one_line_error(cli("score", "comptia a plux plux plux"))
    assert "no credential matches 'comptia a plux plux plux'; closest: comptia-a-plus" in line


def test_ambiguous_name_lists_candidates(cli):
    line = one_line_error(cli("show", "cisco"))
    assert all(i in line for i in ("cisco-ccst-it-support", "cisco-ccst-networking", "cisco-ccst-cybersecurity"))


def test_family_is_shown_by_name(cli):
    family = json.loads(cli("show", "ccst", "--json").stdout)
    assert family["kind"] == "family" and len(family["members"]) == 3
    found = json.loads(cli("search", "ccst", "--kind", "family", "--json").stdout)
    assert found["resolution"]["id"] == "cisco-ccst"


def test_audit_table_json_and_kind(cli):
    table = cli("audit", "--data", VALID)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["id", "kind", "known"]
    wr = [line for line in lines if line.startswith("work-readiness-certificate")][0]
    assert "cost" in wr and "Each testing center" in wr
    assert "records: 12 credential, 3 occupation, 3 state, 5 finding, 2 family" in table.stdout
    assert "stubs: 1" in table.stdout and "weak sources: 2" in table.stdout
    data = json.loads(cli("audit", "--data", VALID, "--kind", "occupation", "--json").stdout)
    rows = {r["id"]: r for r in data["records"]}
    assert set(rows) == {"soc-15-1232", "soc-43-9021", "soc-31-1131"}
    assert rows["soc-31-1131"]["unknown_flagship"] == ["outlook", "wage"]
    assert rows["soc-31-1131"]["share_known"] == 0 and rows["soc-15-1232"]["share_known"] == 1
    assert rows["soc-43-9021"]["oldest_as_of"] == "2024-01-15"
    assert data["totals"]["records"] == {"occupation": 3} and data["totals"]["stubs"] == 0


def test_audit_errors_are_one_line(cli, tmp_path):
    assert "data directory not found" in one_line_error(cli("audit", "--data", tmp_path / "nope"))
    bad = tmp_path / "bad"
    bad.mkdir()
    shutil.copy(BROKEN / "unreadable_yaml.yml", bad)
    assert "unreadable YAML" in one_line_error(cli("audit", "--data", bad))
    assert cli("audit", "--kind", "nonsense").returncode == 2


def test_usage_error_exit_2(cli):
    assert cli("score").returncode == 2
    assert cli("frobnicate").returncode == 2


def test_not_loaded_is_one_line(run_cli):
    assert "python -m knowledge load" in one_line_error(run_cli("score", "a+"))


def test_bad_weights_file_is_one_line(cli, tmp_path):
    assert "cannot read weights file" in one_line_error(cli("score", "a+", "--weights", tmp_path / "missing.yml"))


def test_compare_json_and_table(cli):
    data = json.loads(cli("compare", "a+", "network+", "--json").stdout)
    assert {"a", "b", "rows", "summary"} <= set(data) and len(data["rows"]) == 9
    table = cli("compare", "tfa", "residency").stdout
    assert "Teach For America" in table and "total (0-100)" in table
    assert "cannot compare" in one_line_error(cli("compare", "a+", "tfa"))


def test_search_show_recommend_gaps(cli):
    mentions = json.loads(cli("search", "is comptia a pluss worth it", "--json").stdout)["mentions"]
    assert mentions[0]["id"] == "comptia-a-plus"
    shown = json.loads(cli("show", "Teach For Amercia", "--json").stdout)
    assert shown["id"] == "route-teach-for-america" and shown["kind"] == "route"
    assert "route-teach-for-america" in cli("show", "tfa").stdout
    rec = json.loads(cli("recommend", "--interest", "it", "--grade", "10", "--budget", "100", "--state", "TX",
                         "--json").stdout)
    assert set(rec) == {"recommendations", "excluded"}
    assert any("budget" in e["why"] for e in rec["excluded"])
    assert "left out:" in cli("recommend", "--interest", "it", "--grade", "10", "--budget", "100").stdout
    assert json.loads(cli("gaps", "--json").stdout) == []
    assert "unknown interest" in one_line_error(cli("recommend", "--interest", "astrology"))


@pytest.mark.parametrize("command", ["validate", "audit", "load", "lookups", "search", "show", "score", "compare",
                                     "recommend", "gaps"])
def test_help_ends_with_example(run_cli, command):
    result = run_cli(command, "--help")
    assert result.returncode == 0
    tail = result.stdout.strip().splitlines()
    assert tail[-2].strip() == "example:"
    assert "python -m knowledge " + command in tail[-1]


@pytest.mark.parametrize("url, words", [("nonsense", "bad database URL"),
                                        ("postgresql://kb@127.0.0.1:1/kb", "cannot reach database")])
def test_bad_database_is_one_line(run_cli, url, words):
    assert words in one_line_error(run_cli("gaps", extra_env={"KNOWLEDGE_DB_URL": url}))
