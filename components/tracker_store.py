"""A Redis tracker store that appends each message's new events instead of rewriting the conversation.

Why: Rasa 3.6's `RedisTrackerStore` keeps a conversation as one JSON string. Every `save` reads that
string back, rebuilds the stored tracker, replays it to the last stored time and compares the two event
lists, then serialises and writes the whole conversation again, so each message costs more than the one
before. A profile under load put about a fifth of the Rasa server's time there (bench/RESULTS.md).

Here a conversation is a Redis list with one JSON event per item. A tracker read from the store
remembers how many stored events it was built from; `save` checks in one round trip that the list still
has that length (the lock store lets one message at a time change a conversation) and appends only the
events after them. Any other tracker (a copy, a rebuilt one, a list changed meanwhile) goes through
Rasa's own merge and the list is rewritten in one transaction, so what is stored is always what
`RedisTrackerStore` would store. Reads, sessions, expiry and the event broker behave as Rasa's.

endpoints.yml: `tracker_store: {type: components.tracker_store.RedisEventLogTrackerStore, url: ..., port: ...,
db: ..., password: ..., key_prefix: ..., record_exp: ...}` (the keys of Rasa's Redis tracker store).
"""
from __future__ import annotations

import json
from typing import Any, Iterable, List, Optional, Text

from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker, get_trackers_for_conversation_sessions

KEY_PREFIX = "events:"
# Set on a tracker this store built or saved: (its events that are stored, length of the stored list,
# id of the tracker). A copy of the tracker has another id and goes through the merge.
_STORED = "_ca_stored_events"
# Appends only if the list still has the length the tracker was read with; one round trip, atomic.
APPEND_IF_UNCHANGED = """
if redis.call('LLEN', KEYS[1]) ~= tonumber(ARGV[1]) then return 0 end
if #ARGV > 2 then redis.call('RPUSH', KEYS[1], unpack(ARGV, 3)) end
if tonumber(ARGV[2]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return 1
"""


def _mark(tracker: DialogueStateTracker, stored_events: int, list_length: int) -> None:
    setattr(tracker, _STORED, (stored_events, list_length, id(tracker)))


class RedisEventLogTrackerStore(RedisTrackerStore):
    """Rasa's Redis tracker store with the conversation kept as an append-only list of events."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_prefix = self.key_prefix.replace("tracker:", KEY_PREFIX)
        self._append_if_unchanged = self.red.register_script(APPEND_IF_UNCHANGED)

    def _key(self, sender_id: Text) -> Text:
        return self.key_prefix + sender_id

    def _ttl(self, timeout: Optional[float]) -> int:
        return int(timeout or self.record_exp or 0)

    async def save(self, tracker: DialogueStateTracker, timeout: Optional[float] = None) -> None:
        """Appends the events the stored list lacks; merges as Rasa does when it cannot tell which."""
        await self.stream_events(tracker)
        events = list(tracker.events)
        known = getattr(tracker, _STORED, None)
        if known is not None and known[2] == id(tracker) and known[0] <= len(events):
            stored_events, list_length, _ = known
            new_events = [json.dumps(event.as_dict()) for event in events[stored_events:]]
            appended = self._append_if_unchanged(keys=[self._key(tracker.sender_id)],
                                                 args=[list_length, self._ttl(timeout), *new_events])
            if appended:
                _mark(tracker, len(events), list_length + len(new_events))
                return
        self._rewrite(tracker, timeout)

    def _rewrite(self, tracker: DialogueStateTracker, timeout: Optional[float]) -> None:
        """Rasa's merge of the stored conversation with `tracker`, written back as a whole list."""
        key = self._key(tracker.sender_id)
        prior = self._read(tracker.sender_id)
        merged = self._merge_trackers(prior, tracker) if prior is not None else tracker
        events = [json.dumps(event.as_dict()) for event in merged.events]
        ttl = self._ttl(timeout)
        pipe = self.red.pipeline(transaction=True)
        pipe.delete(key)
        if events:
            pipe.rpush(key, *events)
        if ttl:
            pipe.expire(key, ttl)
        pipe.execute()
        if merged is tracker and tracker.events.maxlen is None:
            _mark(tracker, len(events), len(events))

    def _read(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The whole stored conversation, all sessions, or None when there is none."""
        items: List[Text] = self.red.lrange(self._key(sender_id), 0, -1)
        if not items:
            return None
        tracker = self.init_tracker(sender_id)
        tracker.update_with_events([Event.from_parameters(json.loads(item)) for item in items],
                                   override_timestamp=False, domain=None)
        if tracker.events.maxlen is None:
            _mark(tracker, len(items), len(items))
        return tracker

    async def _retrieve(self, sender_id: Text, fetch_all_sessions: bool) -> Optional[DialogueStateTracker]:
        tracker = self._read(sender_id)
        if tracker is None or fetch_all_sessions:
            return tracker
        sessions = get_trackers_for_conversation_sessions(tracker)
        if len(sessions) <= 1:
            return tracker
        last = sessions[-1]
        if tracker.events.maxlen is None:
            _mark(last, len(last.events), len(tracker.events))
        return last

    async def keys(self) -> Iterable[Text]:
        """The conversation ids held in this store."""
        return [key[len(self.key_prefix):] for key in self.red.keys(self.key_prefix + "*")]
