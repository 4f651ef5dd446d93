"""RedactingTrackerStore created the way Rasa creates it from endpoints.yml, over SQLite and in memory."""
from __future__ import annotations

import json
import sqlite3

import pytest
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

from privacy.tracker_store import RedactingTrackerStore

DOMAIN = Domain.from_dict({"slots": {"school": {"type": "text", "mappings": [{"type": "custom"}]}}})
RAW = ["sam@x.org", "555-201-3344", "12 Oak Street", "S1234567"]


def add_pii_events(tracker) -> None:
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered(
        "mail sam@x.org or 555-201-3344",
        parse_data={"intent": {"name": "inform", "confidence": 1.0}, "text": "mail sam@x.org or 555-201-3344",
                    "entities": [{"entity": "credential", "value": "12 Oak Street", "start": 0, "end": 1}]},
        metadata={"customData": {"student": "S1234567"}},
    ))
    tracker.update(SlotSet("school", "12 Oak Street"))
    tracker.update(BotUttered("Got it, sam@x.org"))


def store_from_endpoints(tmp_path, inner: dict) -> TrackerStore:
    path = tmp_path / "endpoints.yml"
    path.write_text(json.dumps({"tracker_store": {"type": "privacy.tracker_store.RedactingTrackerStore",
                                                  "store": inner}}))
    return TrackerStore.create(read_endpoint_config(str(path), "tracker_store"), DOMAIN)


async def test_sqlite_store_never_holds_raw_values(tmp_path):
    db = tmp_path / "tracker.db"
    store = store_from_endpoints(tmp_path, {"type": "SQL", "dialect": "sqlite", "db": str(db)})
    assert isinstance(store, RedactingTrackerStore) and type(store.inner).__name__ == "SQLTrackerStore"
    tracker = await store.get_or_create_tracker("student-1")
    add_pii_events(tracker)
    await store.save(tracker)
    tracker.update(UserUttered("and my id is S1234567"))
    await store.save(tracker)

    with sqlite3.connect(db) as connection:
        dump = "\n".join(row[0] for row in connection.execute("SELECT data FROM events"))
    assert not [raw for raw in RAW if raw in dump], dump
    for placeholder in ("[email]", "[phone]", "[address]", "[student id]"):
        assert placeholder in dump
    again = await store.retrieve("student-1")
    assert again.get_slot("school") == "[address]"
    assert again.latest_message.text == "and my [student id]"
    assert [e for e in again.events if isinstance(e, UserUttered)][0].text == "mail [email] or [phone]"
    assert list(await store.keys()) == ["student-1"]
    assert await store.exists("student-1") and not await store.exists("nobody")


async def test_in_memory_default_and_domain_forwarding():
    store = RedactingTrackerStore(domain=DOMAIN)
    assert type(store.inner).__name__ == "InMemoryTrackerStore"
    store.domain = DOMAIN
    assert store.inner.domain is DOMAIN
    tracker = await store.get_or_create_tracker("s")
    add_pii_events(tracker)
    await store.save(tracker)
    dump = json.dumps([event.as_dict() for event in (await store.retrieve_full_tracker("s")).events])
    assert not [raw for raw in RAW if raw in dump]


def test_bad_configuration_is_refused():
    with pytest.raises(ValueError):
        RedactingTrackerStore(domain=DOMAIN, store="sql")
    with pytest.raises(ValueError):
        RedactingTrackerStore(domain=DOMAIN, store={"type": "privacy.tracker_store.RedactingTrackerStore"})


async def test_tracker_without_personal_details_is_saved_as_is(tmp_path):
    store = RedactingTrackerStore(domain=DOMAIN, store={"type": "SQL", "dialect": "sqlite", "db": str(tmp_path / "t.db")})
    tracker = await store.get_or_create_tracker("plain")
    tracker.update(UserUttered("is comptia a+ worth it"))
    await store.save(tracker)
    assert (await store.retrieve("plain")).latest_message.text == "is comptia a+ worth it"
