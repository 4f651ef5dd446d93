"""Who is asking: the few facts recommend() and the eligibility rules use."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass(frozen=True)
class Profile:
    interest: Optional[str] = None     # interest id or alias ("it", "computers"); None/"general" = all
    grade: Optional[int] = None        # school grade 6..12
    age: Optional[int] = None
    budget_usd: Optional[float] = None
    hours: Optional[float] = None      # hours the person can spend
    state: Optional[str] = None        # state code, name or id
    gpa: Optional[float] = None        # used by eligibility warnings (W6)

    def age_range(self) -> Optional[Tuple[int, int]]:
        """(youngest, oldest) plausible age: the age if given, else grade g -> g+5 .. g+6."""
        if self.age is not None:
            return int(self.age), int(self.age)
        if self.grade is not None:
            return int(self.grade) + 5, int(self.grade) + 6
        return None
