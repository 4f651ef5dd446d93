"""CredentialEntityExtractor: trained from the generated lookups, saved in model storage, typo tolerant."""
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from components.credential_entities import CredentialEntityExtractor

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """Trains once on the repository's lookup tables; returns the storage and resource to load from."""
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    resource = Resource("credential_entities")
    context = ExecutionContext(graph_schema=None, node_name="credential_entities")
    extractor = CredentialEntityExtractor.create(
        CredentialEntityExtractor.get_default_config(), storage, resource, context
    )
    extractor.train(load_data(str(REPO / "data" / "lookups")))
    return storage, resource, context


@pytest.fixture(scope="module")
def extractor(stored):
    storage, resource, context = stored
    return CredentialEntityExtractor.load(CredentialEntityExtractor.get_default_config(), storage, resource, context)


def entities(extractor, text):
    message = Message({"text": text})
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    extractor.process([message])
    return [(e["entity"], e["value"]) for e in message.get("entities", [])]


@pytest.mark.parametrize("text, expected", [
    ("Is CompTIA A+ worth it?", [("credential", "CompTIA A+")]),
    ("whats a micro-credential", [("credential", "micro-credential")]),
    ("tfa or teach for america", [("credential", "tfa"), ("credential", "teach for america")]),
    ("do micro credentials count in New York", [("credential", "micro credentials"), ("state", "New York")]),
    ("how much does it cost?", []),
])
def test_finds_names_from_the_lookups(extractor, text, expected):
    assert entities(extractor, text) == expected


def test_typo_tolerant_fallback(extractor):
    message = Message({"text": "is comptia a pluss worth it"})
    extractor.process([message])
    (entity,) = message.get("entities")
    assert (entity["entity"], entity["value"], entity["start"], entity["end"]) == ("credential", "comptia a pluss", 3, 18)
    assert 0.88 <= entity["confidence"] < 1.0
    assert entity["extractor"] == "CredentialEntityExtractor"


def test_common_words_are_not_mistaken_for_names(extractor):
    assert entities(extractor, "can you help me figure out what to do after school") == []


def test_untrained_component_extracts_nothing(tmp_path):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(graph_schema=None, node_name="empty")
    empty = CredentialEntityExtractor.load(CredentialEntityExtractor.get_default_config(), storage, Resource("none"), context)
    assert entities(empty, "is comptia a+ worth it") == []


@pytest.mark.parametrize("text", [
    "is the ccna worth it",                      # "ccna" is no typo of "cna"
    "is the comptia linux+ worth it",            # "linux" is not in "a+"
    "is google ai essentials worth it",          # "ai" is not "it"
    "how much is an emt certification",          # only "certification" is shared
    "is the xyz blockchain badge worth it",      # a generic word alone
    "is the test online",
    "what is the expiration policy for MOS certifications?",
])
def test_fuzzy_pass_does_not_guess_other_names(extractor, text):
    assert entities(extractor, text) == []


def test_generic_words_beside_a_name_are_not_a_second_name(extractor):
    assert entities(extractor, "is osha 10 a real certification") == [("credential", "osha 10")]


@pytest.mark.parametrize("text, expected", [
    ("is comptia a pluss worth it", "comptia a pluss"),
    ("is servsafe manger worth it", "servsafe"),     # the exact part; the action resolves it
    ("is teach for amerca good", "teach for amerca"),
    ("is ccst netwrking worth it", "ccst"),
    ("is secruity+ worth it", "secruity+"),
    ("what is nccer cor", "nccer"),
])
def test_true_typos_are_still_found(extractor, text, expected):
    assert entities(extractor, text) == [("credential", expected)]
