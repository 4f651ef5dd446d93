"""Loading: validated first, all-or-nothing, idempotent, and the gaps log survives reloads."""
from __future__ import annotations

import copy

import pytest

from knowledge import KnowledgeBase, KnowledgeError
from knowledge import store
from knowledge.store import load_records, read_meta, read_records

from .conftest import fixture_records


def test_load_then_read_back_same_records(kb_url):
    records = fixture_records()
    result = load_records(records, kb_url)
    assert result.status == "loaded" and result.records == len(records)
    meta, back = read_records(kb_url)
    assert meta["content_hash"] == result.content_hash
    assert sorted(back, key=lambda r: r["id"]) == sorted(records, key=lambda r: r["id"])


def test_second_load_is_unchanged(kb_url):
    records = fixture_records()
    first = load_records(records, kb_url)
    loaded_at = read_meta(kb_url)["loaded_at"]
    second = load_records(list(reversed(records)), kb_url)
    assert second.status == "unchanged" and second.content_hash == first.content_hash
    assert read_meta(kb_url)["loaded_at"] == loaded_at


def test_changed_content_reloads(kb_url):
    records = fixture_records()
    load_records(records, kb_url)
    changed = copy.deepcopy(records)
    changed[0]["name"] = changed[0]["name"] + " (renamed)"
    assert load_records(changed, kb_url).status == "loaded"
    _, back = read_records(kb_url)
    assert any(r.get("name", "").endswith("(renamed)") for r in back)


def test_failed_load_keeps_previous_database(kb_url, monkeypatch):
    records = fixture_records()
    load_records(records, kb_url)
    before = read_records(kb_url)
    real_write = store._write_records

    def write_then_fail(conn, recs, digest):
        real_write(conn, recs[: len(recs) // 2], digest)  # half the rows are written...
        raise RuntimeError("disk full")                  # ...then the load dies

    monkeypatch.setattr(store, "_write_records", write_then_fail)
    changed = copy.deepcopy(records)
    changed[0]["name"] = "Should never be visible"
    with pytest.raises(KnowledgeError, match="previous knowledge base kept"):
        load_records(changed, kb_url)
    assert read_records(kb_url) == before


def test_failed_first_load_leaves_no_database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    monkeypatch.setattr(store, "_write_records", lambda *a: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(KnowledgeError):
        load_records(fixture_records(), url)
    assert list(tmp_path.iterdir()) == []


def test_gaps_survive_reload(kb_url):
    records = fixture_records()
    load_records(records, kb_url)
    kb = KnowledgeBase.open(kb_url)
    kb.log_gap("can I get paid to learn welding?", channel="socketio", sender="student-1")
    changed = copy.deepcopy(records)
    changed[0]["name"] += " v2"
    assert load_records(changed, kb_url).status == "loaded"
    gaps = KnowledgeBase.open(kb_url).gaps()
    assert [g["question"] for g in gaps] == ["can I get paid to learn welding?"]


def test_not_loaded_says_how_to_fix(kb_url):
    with pytest.raises(KnowledgeError, match="run: python -m knowledge load"):
        KnowledgeBase.open(kb_url)


def test_missing_sqlite_file_is_not_created(tmp_path):
    url = f"sqlite:///{tmp_path / 'absent.db'}"
    with pytest.raises(KnowledgeError):
        KnowledgeBase.open(url)
    assert not (tmp_path / "absent.db").exists()


def test_one_engine_per_url():
    url = "sqlite:////tmp/never-used-by-tests.db"
    assert store.get_engine(url) is store.get_engine(url)


def test_safe_url_hides_password():
    assert "secret" not in store.safe_url("postgresql://kb:secret@localhost/kb")
