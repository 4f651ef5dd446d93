"""Default locations, so every entry point (CLI, actions, tests) agrees on where things live."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
WEIGHTS_FILE = PACKAGE_DIR / "weights.yml"
LOOKUPS_DIR = REPO_DIR / "data" / "lookups"
DEFAULT_DB_FILE = REPO_DIR / ".data" / "knowledge.db"


def default_db_url() -> str:
    """The database URL: env KNOWLEDGE_DB_URL wins, else a SQLite file under <repo>/.data/."""
    return os.environ.get("KNOWLEDGE_DB_URL") or f"sqlite:///{DEFAULT_DB_FILE}"


def display_path(path: Path) -> str:
    """A path relative to the repository when it lies inside it, for short error lines."""
    try:
        return str(Path(path).resolve().relative_to(REPO_DIR))
    except ValueError:
        return str(path)
