"""Per-message costs inside Rasa 3.6 that our measurements showed to be waste, removed without changing behaviour.

Installed by our entity extractor when a model is created or loaded, so every process that serves our
model (`rasa run`, `rasa shell`, `rasa test`, the cluster) gets them and nothing else is touched.

- `validator`: Rasa checks every action server response with `jsonschema.validate`, which re-checks the
  whole event schema against its meta-schema on each call: about 39 ms of CPU per custom action on these
  machines, against about 2 ms with a validator built once. The same schema is still enforced and the same
  error is raised.
- `event_types`: every time Rasa reads a conversation from its tracker store it turns each stored event
  back into an object, and finds the event's class by walking the whole Event class tree (with an
  `inspect.isabstract` check per class) for every single event. A profile of our server under load put
  about a quarter of its CPU there. The classes are now looked up in a table built from the same walk,
  first match first as in Rasa; a name the table lacks rebuilds it, then goes to Rasa's own code.

bench/RESULTS.md has a before/after row for each. `CA_RASA_SPEEDUPS=off` leaves Rasa as it ships;
`CA_RASA_SPEEDUPS=validator` (a comma-separated list of the names above) installs only those; the
benchmark uses both for its lever rows.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Callable, Dict, List, Optional, Text, Type

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_rasa_validate_action_result = RemoteAction._validate_action_result
_rasa_resolve_event_type = Event.resolve_by_type
_event_types: Dict[Text, Type[Event]] = {}


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


def _event_type_table() -> Dict[Text, Type[Event]]:
    table: Dict[Text, Type[Event]] = {}
    for event_class in all_subclasses(Event):  # Rasa's order: the first class with a name wins
        table.setdefault(event_class.type_name, event_class)
    return table


def _resolve_event_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """Rasa's `Event.resolve_by_type` from a table; "topic", defaults and the error stay Rasa's."""
    global _event_types
    event_class = _event_types.get(type_name)
    if event_class is None:
        _event_types = _event_type_table()  # replaced whole, so a concurrent reader never sees it half built
        event_class = _event_types.get(type_name)
    return event_class if event_class is not None else _rasa_resolve_event_type(type_name, default)


def _install_validator() -> None:
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]


def _install_event_types() -> None:
    Event.resolve_by_type = staticmethod(_resolve_event_type)  # type: ignore[method-assign]


SPEEDUPS: Dict[Text, Callable[[], None]] = {"validator": _install_validator, "event_types": _install_event_types}


def chosen(setting: Optional[Text]) -> List[Text]:
    """The speedups a `CA_RASA_SPEEDUPS` value asks for: all by default, none for "off", or the names listed."""
    setting = (setting or "on").strip().lower()
    if setting in ("on", "1", "true"):
        return list(SPEEDUPS)
    if setting in ("off", "0", "false"):
        return []
    names = [name.strip() for name in setting.split(",") if name.strip()]
    unknown = [name for name in names if name not in SPEEDUPS]
    if unknown:
        raise ValueError(f"CA_RASA_SPEEDUPS: unknown {', '.join(unknown)}; use on, off or some of {', '.join(SPEEDUPS)}")
    return names


def install() -> None:
    """Idempotent: safe to call from every component instance."""
    for name in chosen(os.environ.get("CA_RASA_SPEEDUPS")):
        SPEEDUPS[name]()
