"""The counselor contact and handoff settings of district.yml (the web settings there belong to web/)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Optional

import yaml

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Counselor:
    name: str
    email: str = ""
    phone: str = ""
    hours: str = ""


@dataclass(frozen=True)
class HandoffSettings:
    webhook_url: str = ""
    timeout_seconds: float = 5.0
    attempts: int = 3
    backoff_seconds: float = 1.0


def district_file() -> Path:
    """DISTRICT_FILE overrides the repository's district.yml (tests, several districts on one host)."""
    return Path(os.environ.get("DISTRICT_FILE") or REPO / "district.yml")


def _load() -> Dict[str, Any]:
    path = district_file()
    return (yaml.safe_load(path.read_text()) or {}) if path.exists() else {}


def counselor_for(school: Optional[str]) -> Counselor:
    """The school's own counselor when the district lists one, else the district default."""
    section = _load().get("counselor") or {}
    school_id = school if isinstance(school, str) else ""  # a slot may hold whatever a client sent
    entry = (section.get("schools") or {}).get(school_id) or section.get("default") or {}
    fields = {key: str(entry[key]) for key in ("email", "phone", "hours") if entry.get(key)}
    return Counselor(name=str(entry.get("name") or "your school counselor"), **fields)


def handoff_settings() -> HandoffSettings:
    section = _load().get("handoff") or {}
    defaults = HandoffSettings()
    return HandoffSettings(
        webhook_url=os.environ.get("HANDOFF_WEBHOOK_URL") or str(section.get("webhook_url") or ""),
        timeout_seconds=float(section.get("timeout_seconds", defaults.timeout_seconds)),
        attempts=max(1, int(section.get("attempts", defaults.attempts))),
        backoff_seconds=float(section.get("backoff_seconds", defaults.backoff_seconds)),
    )
