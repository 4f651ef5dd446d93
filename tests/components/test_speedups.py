"""components/speedups.py: the faster action-response check accepts and rejects exactly what Rasa's does."""
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from components import speedups

RASA_CHECK = speedups._rasa_validate_action_result

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
def action(monkeypatch):
    """A remote action with the speedups installed; Rasa's own check is put back afterwards."""
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RASA_CHECK)
    monkeypatch.delenv("CA_RASA_SPEEDUPS", raising=False)
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


def test_switched_off_leaves_rasa_as_it_ships(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RASA_CHECK)
    monkeypatch.setenv("CA_RASA_SPEEDUPS", "off")
    speedups.install()
    assert RemoteAction._validate_action_result is RASA_CHECK
