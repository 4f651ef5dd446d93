"""Weighted total, district weight overrides (env, file, partial merge), confidence and staleness."""
from __future__ import annotations

import pytest
import yaml

from knowledge import KnowledgeBase, KnowledgeError
from knowledge.scoring import weighted_total
from knowledge.weights import load_weights

from .conftest import TODAY, fixture_records
from .helpers import CONFIG, occupation, record, score


def test_defaults_are_the_documented_weights():
    assert CONFIG["credential"]["weights"] == {"F1": 20, "F2": 15, "F3": 15, "F4": 15, "F5": 10, "F6": 10,
                                               "F7": 5, "F8": 5, "F9": 5}
    assert set(CONFIG["route"]["weights"]) == {f"T{i}" for i in range(1, 9)}


def test_total_is_weighted_mean():
    result = score(record("comptia-a-plus"), [occupation(median=60000)])
    weights = CONFIG["credential"]["weights"]
    expected = 100 * sum(weights[f.id] * f.score / 4 for f in result.factors) / sum(weights.values())
    assert result.total == int(expected + 0.5)
    assert weighted_total(result.factors, {k: 0 for k in weights}) == 0


def test_partial_override_merges(tmp_path):
    path = tmp_path / "district.yml"
    path.write_text(yaml.safe_dump({"credential": {"weights": {"F1": 50}}}))
    config = load_weights(path)
    assert config["credential"]["weights"]["F1"] == 50 and config["credential"]["weights"]["F2"] == 15
    assert config["route"] == CONFIG["route"]


def test_env_override_changes_total(tmp_path, monkeypatch):
    only_demand = {f"F{i}": 0 for i in range(2, 10)}
    path = tmp_path / "w.yml"
    path.write_text(yaml.safe_dump({"credential": {"weights": {"F1": 1, **only_demand}}}))
    monkeypatch.setenv("KNOWLEDGE_WEIGHTS", str(path))
    kb = KnowledgeBase.from_records(fixture_records(), today=TODAY)
    result = kb.score("hs-data-entry-certificate")
    assert result.total == result.factor("F1").score * 25


@pytest.mark.parametrize("override, words", [
    ({"credential": {"weights": {"F10": 5}}}, "unknown factor"),
    ({"credential": {"weights": {"F1": -1}}}, ">= 0"),
    ({"route": {"weights": {f"T{i}": 0 for i in range(1, 9)}}}, "must not all be 0"),
])
def test_bad_overrides_are_one_clear_error(override, words):
    with pytest.raises(KnowledgeError, match=words):
        load_weights(override)


def test_unreadable_weights_file(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text("credential: [unclosed")
    with pytest.raises(KnowledgeError, match="cannot read weights file"):
        load_weights(path)


def test_confidence_high_when_complete_fresh_and_official():
    assert score(record("comptia-a-plus"), [occupation(median=60000)]).confidence == "high"


def test_stale_and_weak_facts_lower_confidence():
    result = score(record("hs-data-entry-certificate"), [occupation("declining", -24.6, 28010)])
    assert result.confidence == "low"
    assert {"cost", "validity", "summary"} <= set(result.stale)


def test_unknown_data_lowers_confidence():
    rec = record("comptia-a-plus")
    rec["recognition"]["employer_demand"] = "unknown"
    rec["assessment"].update(proctored=None, performance_based=None, practical=None)
    assert score(rec, []).confidence in ("medium", "low")


def test_sources_are_listed_once():
    result = score(record("comptia-a-plus"), [occupation(median=60000)])
    urls = [(s["url"], s["as_of"]) for s in result.sources]
    assert len(urls) == len(set(urls)) and all(s["name"] == "example.org" for s in result.sources)


def test_score_cache_and_unknown_record(kb):
    assert kb.score("comptia-a-plus") is kb.score("comptia-a-plus")
    assert kb.score("comptia-a-plus", state="TX") is not kb.score("comptia-a-plus")
    with pytest.raises(KnowledgeError, match="no credential matches 'soc-15-1232'"):
        kb.score("soc-15-1232")
    with pytest.raises(KnowledgeError, match="unknown state"):
        kb.score("comptia-a-plus", state="Narnia")


def test_score_dict_shape(kb):
    d = kb.score("comptia-a-plus").to_dict()
    assert {"credential", "total", "factors", "pitfalls", "sources", "confidence"} <= set(d)
    assert {"name", "label", "score", "max", "evidence", "source", "as_of"} <= set(d["factors"][0])
    assert {"id", "title", "reason", "source"} <= set(d["pitfalls"][0])
    assert {"name", "url", "as_of"} == set(d["sources"][0])


def test_compare(kb):
    result = kb.compare("route-teach-for-america", "route-teacher-residency")
    assert result["a"]["credential"] == "route-teach-for-america" and len(result["rows"]) == 8
    clinical = [r for r in result["rows"] if r["id"] == "T4"][0]
    assert clinical["a"] < clinical["b"] and "Teacher residency is stronger on" in result["summary"]
    with pytest.raises(KnowledgeError, match="cannot compare"):
        kb.compare("comptia-a-plus", "route-teach-for-america")
