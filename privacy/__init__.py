"""Student privacy: redaction of personal details, a redacting tracker store, log redaction, retention.

Users are mostly minors. Nothing they type that looks like an email, phone number, street address or
student id is stored or logged: `privacy.redact` replaces it with a placeholder. The README section "Student privacy" says where data goes and how long it stays.
"""
from privacy.redact import PLACEHOLDERS, contains_pii, redact, redact_value

__all__ = ["PLACEHOLDERS", "contains_pii", "redact", "redact_value"]
