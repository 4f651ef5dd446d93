"""Who is asking: the few facts recommend() and the eligibility rules use."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Tuple

NUMERIC_FIELDS = ("grade", "age", "budget_usd", "hours", "gpa")
TEXT_FIELDS = ("interest", "state")


def _number(value: Any) -> Optional[float]:
    """A number from what a form or a slot holds ("10", 10.0); anything else is unknown, not an error."""
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


@dataclass(frozen=True)
class Profile:
    interest: Optional[str] = None     # interest id or alias ("it", "computers"); None/"general" = all
    grade: Optional[int] = None        # school grade 6..12
    age: Optional[int] = None
    budget_usd: Optional[float] = None
    hours: Optional[float] = None      # hours the person can spend
    state: Optional[str] = None        # state code, name or id
    gpa: Optional[float] = None        # used by eligibility warnings (W6)

    def __post_init__(self) -> None:
        """Slots can hold anything a client sent: keep what makes sense, treat the rest as unknown."""
        for name in NUMERIC_FIELDS:
            object.__setattr__(self, name, _number(getattr(self, name)))
        for name in TEXT_FIELDS:
            value = getattr(self, name)
            object.__setattr__(self, name, value.strip() or None if isinstance(value, str) else None)

    def age_range(self) -> Optional[Tuple[int, int]]:
        """(youngest, oldest) plausible age: the age if given, else grade g -> g+5 .. g+6."""
        if self.age is not None:
            return int(self.age), int(self.age)
        if self.grade is not None:
            return int(self.grade) + 5, int(self.grade) + 6
        return None
