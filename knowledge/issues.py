"""One data problem = one line naming file, line, record id and field."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Issue:
    file: str
    record_id: Optional[str]
    field: Optional[str]
    message: str
    line: Optional[int] = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where, self.record_id or "-", self.field or "-", self.message]
        return ": ".join(parts)
