"""Several Rasa workers, one conversation: with the Redis lock store and our event-log tracker store
(the setup `make bench` measures), a follow-up answered by any worker knows what was asked before, and
the stored conversation holds every message once, in order."""
import uuid

import pytest
import requests

from tests.stack import start_stack

pytestmark = pytest.mark.stack
QUESTIONS = ["is comptia a+ worth it", "how much does it cost?", "does it expire?", "thanks",
             "what is a micro credential", "bye"]


@pytest.fixture(scope="module")
def workers_stack(stack_env, redis_server):
    endpoints = {
        "lock_store": {"type": "redis", "url": "127.0.0.1", "port": redis_server, "db": 3},
        "tracker_store": {"type": "components.tracker_store.RedisEventLogTrackerStore", "url": "127.0.0.1",
                          "port": redis_server, "db": 4},
    }
    stack = start_stack(credentials={"rest": None}, endpoints=endpoints, env={**stack_env, "SANIC_WORKERS": "3"})
    yield stack
    stack.stop()


def test_follow_ups_and_stored_conversation_survive_three_workers(workers_stack):
    sender = f"workers-{uuid.uuid4().hex[:8]}"
    replies = ["\n".join(m.get("text") or "" for m in workers_stack.say(sender, q)) for q in QUESTIONS]
    assert "CompTIA A+" in replies[1] and "$" in replies[1], replies[1]
    assert "CompTIA A+" in replies[2], replies[2]

    tracker = requests.get(f"{workers_stack.rasa_url}/conversations/{sender}/tracker",
                           params={"token": workers_stack.auth_token}, timeout=30).json()
    said = [event["text"] for event in tracker["events"] if event["event"] == "user"]
    assert said == QUESTIONS
