"""The database: three portable tables, one engine per URL per process, and an all-or-nothing load.

Record bodies are JSON text so the same schema works on SQLite and PostgreSQL. A load never leaves a
half-written knowledge base: SQLite builds a new file and swaps it in with os.replace; other databases
replace the rows inside one transaction. The gaps table (questions the bot could not answer) is kept.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, create_engine, delete, insert, select
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from .errors import KnowledgeError

SCHEMA_VERSION = "2"  # 2: null fact groups, families and findings
metadata = MetaData()
records_table = Table(
    "kb_records", metadata,
    Column("id", String(120), primary_key=True),
    Column("kind", String(32), nullable=False, index=True),
    Column("name", String(300), nullable=False),
    Column("body", Text, nullable=False),
)
meta_table = Table(
    "kb_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
gaps_table = Table(
    "kb_gaps", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("question", Text, nullable=False),
    Column("channel", String(64)),
    Column("sender_hash", String(64)),
    Column("created_at", DateTime, nullable=False),
)

_ENGINES: Dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


@dataclass(frozen=True)
class LoadResult:
    status: str  # "loaded" | "unchanged"
    records: int
    content_hash: str
    url: str


def _parse(url: str):
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise KnowledgeError(f"bad database URL {url!r}: use e.g. sqlite:///path.db or postgresql://user@host/db") from exc


def sqlite_path(url: str) -> Optional[Path]:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = _parse(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def get_engine(url: str) -> Engine:
    """One pooled engine per URL for the whole process (pre-ping survives a PostgreSQL restart)."""
    with _ENGINES_LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            try:
                if _parse(url).get_backend_name() == "sqlite":
                    # No pooled SQLite connections: a reload swaps the file, and every use must see the new one.
                    engine = create_engine(url, future=True, poolclass=NullPool)
                else:
                    engine = create_engine(url, future=True, pool_pre_ping=True, pool_size=5, max_overflow=5)
            except (ArgumentError, NoSuchModuleError, ImportError) as exc:
                raise KnowledgeError(f"cannot use database {safe_url(url)}: {exc}") from exc
            _ENGINES[url] = engine
        return engine


def content_hash(records: List[Dict[str, Any]]) -> str:
    """Hash of the records' content, independent of file and key order."""
    canonical = json.dumps(sorted(records, key=lambda r: r["id"]), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((SCHEMA_VERSION + canonical).encode("utf-8")).hexdigest()


def _write_records(conn: Connection, records: List[Dict[str, Any]], digest: str) -> None:
    conn.execute(delete(records_table))
    rows = [{"id": r["id"], "kind": r["kind"], "name": str(r.get("name") or r.get("title") or r["id"]),
             "body": json.dumps(r, ensure_ascii=False, sort_keys=True)} for r in records]
    if rows:
        conn.execute(insert(records_table), rows)
    conn.execute(delete(meta_table))
    meta = {"content_hash": digest, "schema_version": SCHEMA_VERSION, "record_count": str(len(rows)),
            "loaded_at": dt.datetime.utcnow().replace(microsecond=0).isoformat() + "Z"}
    conn.execute(insert(meta_table), [{"key": k, "value": v} for k, v in meta.items()])


def read_meta(url: str) -> Dict[str, str]:
    """The meta table as a dict; empty when the database or the table does not exist."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return {}
    try:
        conn = get_engine(url).connect()
    except SQLAlchemyError as exc:
        raise KnowledgeError(f"cannot reach database {safe_url(url)}: {type(exc).__name__}") from exc
    with conn:
        try:
            return {row.key: row.value for row in conn.execute(select(meta_table))}
        except SQLAlchemyError:  # no meta table yet: nothing loaded
            return {}


def _copy_gaps(old_url: str, conn: Connection) -> None:
    """Carry the question log over into a freshly built SQLite file."""
    try:
        with get_engine(old_url).connect() as old:
            rows = [dict(row._mapping) for row in old.execute(select(gaps_table))]
    except SQLAlchemyError:
        return
    if rows:
        conn.execute(insert(gaps_table), rows)


def _load_sqlite_file(url: str, path: Path, records: List[Dict[str, Any]], digest: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{tmp}", future=True, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            metadata.create_all(conn)
            _write_records(conn, records, digest)
            if path.exists():
                _copy_gaps(url, conn)
        engine.dispose()
        os.replace(tmp, path)
    finally:
        engine.dispose()
        tmp.unlink(missing_ok=True)


def load_records(records: List[Dict[str, Any]], url: str) -> LoadResult:
    """Replace the knowledge records atomically; a second load of the same content changes nothing."""
    digest = content_hash(records)
    if read_meta(url).get("content_hash") == digest:
        return LoadResult("unchanged", len(records), digest, url)
    path = sqlite_path(url)
    try:
        if path is not None:
            _load_sqlite_file(url, path, records, digest)
        else:
            with get_engine(url).begin() as conn:
                metadata.create_all(conn)
                _write_records(conn, records, digest)
    except Exception as exc:  # any failure: report it in one line, the previous database is untouched
        raise KnowledgeError(f"load failed, previous knowledge base kept: {type(exc).__name__}: {exc}") from exc
    return LoadResult("loaded", len(records), digest, url)


def read_records(url: str) -> Tuple[Dict[str, str], List[Dict[str, Any]]]:
    """(meta, records) of a loaded database; KnowledgeError with the fix when it is not loaded."""
    meta = read_meta(url)
    if not meta.get("content_hash"):
        raise KnowledgeError(f"knowledge base not loaded at {safe_url(url)}; run: python -m knowledge load")
    try:
        with get_engine(url).connect() as conn:
            rows = conn.execute(select(records_table.c.body).order_by(records_table.c.id)).all()
    except SQLAlchemyError as exc:
        raise KnowledgeError(f"cannot read knowledge base at {safe_url(url)}: {type(exc).__name__}") from exc
    return meta, [json.loads(row.body) for row in rows]


def safe_url(url: str) -> str:
    """URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable URL>"
