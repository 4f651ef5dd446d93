"""How long a credential stays valid, read from its `validity` facts one way for the score and the reply.

`expires` is true, false or unknown (null); `years` may be known or not. An expiry we could not verify
must never read as "does not expire", in the durability factor or in what the assistant says.
"""
from __future__ import annotations

from typing import Mapping, NamedTuple, Optional

NEVER, YEARS, UNKNOWN_LENGTH, UNKNOWN = "never", "years", "unknown_length", "unknown"


class Expiry(NamedTuple):
    kind: str  # one of NEVER, YEARS, UNKNOWN_LENGTH, UNKNOWN
    years: Optional[float] = None


def expiry(validity: Mapping) -> Expiry:
    """A known length wins over `expires: true`; `expires: false` means it does not expire at all."""
    expires, years = validity.get("expires"), validity.get("years")
    if expires is False:
        return Expiry(NEVER)
    if years is not None:
        return Expiry(YEARS, years)
    return Expiry(UNKNOWN_LENGTH if expires is True else UNKNOWN)
