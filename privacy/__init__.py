"""Student privacy: redaction of personal details, a redacting tracker store, log redaction, retention.

Users are mostly minors, some under 13. Nothing they type that looks like a name in an introduction, an
email, phone number, date of birth, SSN, student or state id, street address, social handle or school
login is stored or logged: `privacy.redact` replaces it with a placeholder. `python -m privacy` deletes
old data (retention) and answers a parent's request (export, forget). docs/PRIVACY.md says what is kept,
where, for how long and who can read it.
"""
from privacy.redact import PLACEHOLDERS, contains_pii, redact, redact_value

__all__ = ["PLACEHOLDERS", "contains_pii", "redact", "redact_value"]
