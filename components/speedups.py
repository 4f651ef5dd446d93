"""Per-message costs inside Rasa 3.6 that our measurements showed to be waste, removed without changing behaviour.

Installed by our entity extractor when a model is created or loaded, so every process that serves our
model (`rasa run`, `rasa shell`, `rasa test`, the cluster) gets them and nothing else is touched.

- Rasa checks every action server response with `jsonschema.validate`, which re-checks the whole event
  schema against its meta-schema on each call: about 39 ms of CPU per custom action on these machines,
  against about 2 ms to validate with a validator built once. The same schema is still enforced and the
  same error is raised (bench/RESULTS.md has the before/after row).

`CA_RASA_SPEEDUPS=off` leaves Rasa as it ships; the benchmark uses it for its "before" rows.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Dict, Text

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction

_rasa_validate_action_result = RemoteAction._validate_action_result


@lru_cache(maxsize=1)
def _action_response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    """Rasa's check with a prebuilt validator; on a bad response Rasa's own code raises its usual error."""
    if best_match(_action_response_validator().iter_errors(result)) is None:
        return True
    return _rasa_validate_action_result(self, result)


def install() -> None:
    """Idempotent: safe to call from every component instance."""
    if os.environ.get("CA_RASA_SPEEDUPS", "on").lower() in ("off", "0", "false"):
        return
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
