"""components/tracker_store.py against Rasa's own RedisTrackerStore, both on a real redis-server.

Every conversation is played on both stores with the same event objects; what each store gives back
must be the same events, slots and sessions, while ours only appends the new events of each message.
"""
from __future__ import annotations

import asyncio
from typing import List

import pytest
from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered

from components.tracker_store import RedisEventLogTrackerStore

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [ask]
slots:
  subject:
    type: text
    mappings: [{type: custom}]
""")


@pytest.fixture
def stores(redis_server):
    """Ours in db 1, Rasa's in db 2, both empty."""
    ours = RedisEventLogTrackerStore(DOMAIN, port=redis_server, db=1, record_exp=600)
    rasas = RedisTrackerStore(DOMAIN, port=redis_server, db=2, record_exp=600)
    for store in (ours, rasas):
        store.red.flushdb()
    return ours, rasas


def run(coroutine):
    return asyncio.run(coroutine)


def turn(text: str) -> List[Event]:
    return [UserUttered(text, {"name": "ask"}), ActionExecuted("action_answer"), BotUttered(f"about {text}"),
            SlotSet("subject", text), ActionExecuted("action_listen")]


async def message(store, sender: str, events: List[Event]) -> None:
    """What Rasa's processor does for one message: read the conversation, add its events, save."""
    tracker = await store.get_or_create_tracker(sender)
    for event in events:
        tracker.update(event)
    await store.save(tracker)


def play(stores, sender: str, turns: List[List[Event]]) -> None:
    for events in turns:
        for store in stores:
            run(message(store, sender, events))


def stored(store, sender: str, all_sessions: bool = True):
    tracker = run(store.retrieve_full_tracker(sender) if all_sessions else store.retrieve(sender))
    # each store stamps the first action_listen of a new conversation itself, so times are left out
    events = [{k: v for k, v in event.as_dict().items() if k != "timestamp"} for event in tracker.events]
    return events, tracker.current_slot_values()


def test_a_conversation_reads_back_as_rasas_store_gives_it(stores):
    play(stores, "student", [turn(text) for text in ("comptia a+", "its cost", "network+")])
    ours, rasas = stores
    assert stored(ours, "student") == stored(rasas, "student")
    assert stored(ours, "student")[1]["subject"] == "network+"
    events, _ = stored(ours, "student")
    assert ours.red.llen("events:student") == len(events)  # each event once


def test_each_message_appends_and_never_rewrites(stores, monkeypatch):
    ours, _ = stores
    play([ours], "teacher", [turn("cna")])
    before = ours.red.lrange("events:teacher", 0, -1)
    monkeypatch.setattr(ours, "_rewrite", lambda *args: pytest.fail("the conversation was rewritten"))
    play([ours], "teacher", [turn("phlebotomy")])
    after = ours.red.lrange("events:teacher", 0, -1)
    assert after[:len(before)] == before and len(after) == len(before) + len(turn("x"))


def test_a_new_session_is_read_alone_and_stored_after_the_old_one(stores):
    new_session = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    play(stores, "counselor", [turn("osha 10"), new_session, turn("servsafe")])
    ours, rasas = stores
    assert stored(ours, "counselor", all_sessions=False) == stored(rasas, "counselor", all_sessions=False)
    assert stored(ours, "counselor") == stored(rasas, "counselor")
    last_session, slots = stored(ours, "counselor", all_sessions=False)
    assert "osha 10" not in str(last_session) and slots["subject"] == "servsafe"


def test_a_conversation_changed_meanwhile_is_merged_as_rasa_merges_it(stores):
    play(stores, "family", [turn("cdl")])
    for store in stores:
        first, second = run(store.retrieve("family")), run(store.retrieve("family"))
        for event in turn("forklift"):
            second.update(event)
        run(store.save(second))
        for event in turn("welding"):
            first.update(event)
        run(store.save(first))
    ours, rasas = stores
    assert stored(ours, "family") == stored(rasas, "family")
    assert ours.red.llen("events:family") == len(stored(ours, "family")[0])


def test_a_copied_tracker_is_merged_not_stored_twice(stores):
    play(stores, "copy", [turn("ccna")])
    for store in stores:
        tracker = run(store.retrieve("copy")).copy()
        for event in turn("ccst"):
            tracker.update(event)
        run(store.save(tracker))
    ours, rasas = stores
    assert stored(ours, "copy") == stored(rasas, "copy")


def test_conversations_expire_like_rasas(stores):
    ours, _ = stores
    play([ours], "expiring", [turn("a+")])
    assert 0 < ours.red.ttl("events:expiring") <= 600
    assert run(ours.keys()) == ["expiring"]
