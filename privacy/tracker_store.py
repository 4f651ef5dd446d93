"""A tracker store wrapper that redacts personal details before anything is persisted.

endpoints.yml:

    tracker_store:
      type: privacy.tracker_store.RedactingTrackerStore
      store:                      # the real store, exactly as Rasa's own `tracker_store:` block
        type: SQL
        dialect: sqlite           # or postgresql with url/port/db/username/password/login_db
        db: .data/tracker.db

Without `store:` the conversations stay in memory (Rasa's InMemoryTrackerStore).

Every event (user text, parse data and entities, bot text, slot values, metadata) is redacted with
`privacy.redact` before the wrapped store saves it, so the store, its event broker and the tracker
API (`GET /conversations/<id>/tracker`) only ever see placeholders. The input channels redact
messages before Rasa sees them (channels/guard.py); this wrapper is the second line of defence for
everything else that reaches a tracker (slots set by actions, bot replies that quote the user, events
posted to the HTTP API, metadata from widgets).
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Iterable, List, Optional, Text, Tuple

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import TrackerStore, _create_from_endpoint_config
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from privacy import logfilter
from privacy.redact import redact_value

logger = logging.getLogger(__name__)

# Technical fields that never hold user text (kept byte-for-byte).
SKIP_KEYS = ("event", "timestamp", "message_id", "policy", "confidence", "input_channel")


def redact_events(events: Iterable[Dict[Text, Any]]) -> Tuple[List[Dict[Text, Any]], bool]:
    """Redacted copies of serialised events, and whether anything changed."""
    originals = list(events)
    cleaned = [redact_value(event, SKIP_KEYS) for event in originals]
    return cleaned, cleaned != originals


def redact_tracker(tracker: DialogueStateTracker, domain: Domain) -> DialogueStateTracker:
    """`tracker` itself when it holds no personal details, else a redacted copy."""
    events = [event.as_dict() for event in tracker.events]
    cleaned, changed = redact_events(events)
    if not changed:
        return tracker
    return DialogueStateTracker.from_dict(
        tracker.sender_id, cleaned, domain.slots if domain else None, tracker._max_event_history
    )


class RedactingTrackerStore(TrackerStore):
    """Wraps any Rasa tracker store; everything saved through it is redacted first."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        host: Optional[Text] = None,
        event_broker: Optional[EventBroker] = None,
        store: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> None:
        logfilter.install()
        if host:
            logger.warning("RedactingTrackerStore ignores `url`; put the real store under `store:`.")
        if kwargs:
            logger.warning(f"RedactingTrackerStore ignores unknown keys {sorted(kwargs)}; use `store:`.")
        if store is not None and not isinstance(store, dict):
            raise ValueError("RedactingTrackerStore: `store:` must be a mapping like Rasa's `tracker_store:` block")
        inner_config = EndpointConfig.from_dict(dict(store)) if store else None
        if inner_config is not None and str(inner_config.type or "").endswith("RedactingTrackerStore"):
            raise ValueError("RedactingTrackerStore cannot wrap itself")
        self._inner: TrackerStore = _create_from_endpoint_config(inner_config, domain, event_broker)
        # The wrapped store streams (already redacted) events to the broker; this wrapper does not.
        super().__init__(domain, None)
        logger.debug(f"RedactingTrackerStore wraps {type(self._inner).__name__}.")

    @property
    def inner(self) -> TrackerStore:
        return self._inner

    @property
    def domain(self) -> Domain:
        return self._inner.domain

    @domain.setter
    def domain(self, domain: Optional[Domain]) -> None:
        self._inner.domain = domain or Domain.empty()

    async def save(self, tracker: DialogueStateTracker) -> None:
        redacted = redact_tracker(tracker, self.domain)
        result = self._inner.save(redacted)
        if hasattr(result, "__await__"):
            await result

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        result = self._inner.retrieve(sender_id)
        return await result if hasattr(result, "__await__") else result

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        result = self._inner.retrieve_full_tracker(conversation_id)
        return await result if hasattr(result, "__await__") else result

    async def keys(self) -> Iterable[Text]:
        result = self._inner.keys()
        return await result if hasattr(result, "__await__") else result

    async def exists(self, conversation_id: Text) -> bool:
        return await self._inner.exists(conversation_id)
