"""components/speedups.py: each faster path accepts, rejects and returns exactly what Rasa's own code does."""
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import EndpointConfig

from components import speedups

RASA_CHECK = speedups._rasa_validate_action_result
RASA_RESOLVE = speedups._rasa_resolve_event_type

GOOD_REPLIES = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "subject", "value": "comptia-a-plus"}],
     "responses": [{"text": "CompTIA A+ costs ...", "buttons": [{"title": "Compare", "payload": "/compare"}]}]},
    {"events": [{"event": "followup", "name": "action_recommend"}, {"event": "active_loop", "name": None}]},
]
BAD_REPLIES = [
    {"events": "not a list"},
    {"events": [{"name": "subject"}]},  # an event without its type
    {"events": [{"event": "slot"}]},  # a slot event without the slot's name
    {"responses": ["plain text instead of a message object"]},
    ["a list instead of an object"],
]


@pytest.fixture
def action(rasa_as_it_ships):
    """A remote action with the speedups installed; Rasa's own functions are put back afterwards."""
    rasa_as_it_ships.delenv("CA_RASA_SPEEDUPS", raising=False)
    speedups.install()
    return RemoteAction("action_score_credential", EndpointConfig("http://127.0.0.1:9/webhook"))


def test_installed_check_replaces_rasas(action):
    assert RemoteAction._validate_action_result is not RASA_CHECK


@pytest.mark.parametrize("reply", GOOD_REPLIES)
def test_valid_action_server_replies_are_accepted(action, reply):
    assert RASA_CHECK(action, reply) is True
    assert action._validate_action_result(reply) is True


@pytest.mark.parametrize("reply", BAD_REPLIES)
def test_invalid_action_server_replies_are_rejected_with_rasas_error(action, reply):
    with pytest.raises(ValidationError) as rasas:
        RASA_CHECK(action, reply)
    with pytest.raises(ValidationError) as ours:
        action._validate_action_result(reply)
    assert ours.value.message == rasas.value.message
    assert "Failed to validate Action server response" in ours.value.message


@pytest.fixture
def rasa_as_it_ships(monkeypatch):
    """Rasa's own functions in place before each test, and put back after it."""
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RASA_CHECK)
    monkeypatch.setattr(Event, "resolve_by_type", staticmethod(RASA_RESOLVE))
    return monkeypatch


@pytest.mark.parametrize("setting, validator, event_types", [
    ("off", False, False), ("validator", True, False), ("event_types", False, True), (None, True, True),
    ("validator, event_types", True, True),
])
def test_the_setting_picks_which_speedups_are_installed(rasa_as_it_ships, setting, validator, event_types):
    if setting is None:
        rasa_as_it_ships.delenv("CA_RASA_SPEEDUPS", raising=False)
    else:
        rasa_as_it_ships.setenv("CA_RASA_SPEEDUPS", setting)
    speedups.install()
    assert (RemoteAction._validate_action_result is not RASA_CHECK) == validator
    assert (Event.resolve_by_type is not RASA_RESOLVE) == event_types


def test_an_unknown_speedup_name_is_one_clear_error():
    with pytest.raises(ValueError, match="CA_RASA_SPEEDUPS: unknown turbo; use on, off or some of validator, event_types"):
        speedups.chosen("validator,turbo")


EVENT_TYPE_NAMES = sorted({event_class.type_name for event_class in all_subclasses(Event)})


@pytest.mark.parametrize("type_name", EVENT_TYPE_NAMES)
def test_every_event_type_resolves_to_rasas_class(type_name):
    assert speedups._resolve_event_type(type_name) is RASA_RESOLVE(type_name)


def test_unknown_event_types_keep_rasas_answers():
    assert speedups._resolve_event_type("topic") is None
    assert speedups._resolve_event_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        speedups._resolve_event_type("no_such_event")


def test_a_stored_conversation_reads_back_the_same(rasa_as_it_ships):
    rasa_as_it_ships.setenv("CA_RASA_SPEEDUPS", "event_types")
    speedups.install()
    events = [ActionExecuted("action_listen"), UserUttered("is a+ worth it", {"name": "ask_worth", "confidence": 0.9}),
              SlotSet("subject", "comptia-a-plus"), ActiveLoop("profile_form"), BotUttered("CompTIA A+ scores 65"),
              ActiveLoop(None), ActionExecuted("action_score_credential")]
    stored = DialogueStateTracker.from_events("user-1", events).as_dialogue().as_dict()
    domain = Domain.from_dict({"slots": {"subject": {"type": "text", "mappings": [{"type": "custom"}]}}})
    read_back = DialogueStateTracker.from_dict("user-1", stored["events"], domain.slots)
    assert list(read_back.events) == events
    assert read_back.get_slot("subject") == "comptia-a-plus"
