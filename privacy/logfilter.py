"""A logging filter that redacts personal details from every log record, plus a fail-safe installer.

Use it through the logging config file (`rasa run --logging-config-file privacy/logging.yml`). Rasa
applies that file before it adds the repository to `sys.path` and silently ignores a file it cannot
apply, so the guarded channels and the redacting tracker store also call `install()` when Rasa loads
them: whatever handlers exist then get the filter too.
"""
from __future__ import annotations

import logging
from typing import Iterable

from privacy.redact import redact

# Loggers that do not propagate to the root logger in Rasa 3.6 (see rasa.utils.common).
NON_PROPAGATING = ("websockets.protocol", "engineio.server", "socketio.server", "socketio", "engineio")


class RedactingFilter(logging.Filter):
    """Rewrites the record's message (and traceback text) with personal details replaced."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not stop logging; keep the raw template
            message = str(record.msg)
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def _has_filter(filterer: logging.Filterer) -> bool:
    return any(isinstance(existing, RedactingFilter) for existing in filterer.filters)


def install(extra_loggers: Iterable[str] = NON_PROPAGATING) -> None:
    """Adds a RedactingFilter to every handler of the root logger and of `extra_loggers` (idempotent).

    Also routes `warnings.warn` output through logging, so warnings that quote user text are redacted.
    """
    logging.captureWarnings(True)
    loggers = [logging.getLogger()] + [logging.getLogger(name) for name in extra_loggers]
    loggers += [
        item for item in logging.Logger.manager.loggerDict.values()
        if isinstance(item, logging.Logger) and item.handlers
    ]
    for logger in loggers:
        if not _has_filter(logger):
            logger.addFilter(RedactingFilter())
        for handler in logger.handlers:
            if not _has_filter(handler):
                handler.addFilter(RedactingFilter())
    last_resort = logging.lastResort
    if last_resort is not None and not _has_filter(last_resort):
        last_resort.addFilter(RedactingFilter())
