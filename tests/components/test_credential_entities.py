"""CredentialEntityExtractor: the knowledge base's matcher decides which records a message names; the names are
saved in model storage at training time; each entity carries the record id the actions use."""
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.credential_entities import CredentialEntityExtractor, record_names
from knowledge import KnowledgeBase
from knowledge.paths import DATA_DIR


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """Trains once on knowledge/data; returns the storage and resource to load from."""
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    resource = Resource("credential_entities")
    context = ExecutionContext(graph_schema=None, node_name="credential_entities")
    extractor = CredentialEntityExtractor.create(
        CredentialEntityExtractor.get_default_config(), storage, resource, context
    )
    extractor.train(TrainingData())
    return storage, resource, context


@pytest.fixture(scope="module")
def extractor(stored):
    storage, resource, context = stored
    return CredentialEntityExtractor.load(CredentialEntityExtractor.get_default_config(), storage, resource, context)


@pytest.fixture(scope="module")
def names():
    return KnowledgeBase.from_records(record_names(Path(DATA_DIR)))


def entities(extractor, text):
    message = Message({"text": text})
    extractor.process([message])
    return [(e["entity"], e["value"], e.get("record")) for e in message.get("entities", [])]


@pytest.mark.parametrize("text, expected", [
    ("Is CompTIA A+ worth it?", [("credential", "CompTIA A+", "comptia-a-plus")]),
    ("whats a micro-credential", [("credential", "micro-credential", "concept-micro-credential")]),
    ("tfa or teach for america", [("credential", "tfa", "route-teach-for-america"),
                                  ("credential", "teach for america", "route-teach-for-america")]),
    ("do micro credentials count in New York", [("credential", "micro credentials", "concept-micro-credential"),
                                                ("state", "New York", "state-ny")]),
    ("how much does the cisco ccst exam cost", [("credential", "cisco ccst", "cisco-ccst")]),
    ("how much does it cost?", []),
])
def test_finds_the_records_a_message_names(extractor, text, expected):
    assert entities(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "is comptia a pluss worth it", "is teach for amerca good", "is servsafe manger worth it", "what about phlebotomy",
    "is the ccna worth it", "im in 10th grade in Indiana", "can you help me figure out what to do after school",
])
def test_the_extractor_and_the_knowledge_api_agree(extractor, names, text):
    """One owner: every entity is exactly what KnowledgeBase.find_mentions says, with the same record id."""
    expected = []
    for entity, kinds in (("credential", ("credential", "route", "concept", "family")), ("state", ("state",))):
        for mention in names.find_mentions(text, kinds):
            if mention.status != "not_found":
                expected.append((mention.span[0], entity, mention.text,
                                 mention.record["id"] if mention.status == "matched" else None))
    assert entities(extractor, text) == [(e, v, r) for _, e, v, r in sorted(expected)]


def test_typos_keep_the_typed_words_and_get_the_record(extractor):
    message = Message({"text": "is comptia a pluss worth it"})
    extractor.process([message])
    (entity,) = message.get("entities")
    assert (entity["entity"], entity["value"], entity["start"], entity["end"], entity["record"]) == \
        ("credential", "comptia a pluss", 3, 18, "comptia-a-plus")
    assert 0.0 < entity["confidence"] <= 1.0
    assert entity["extractor"] == "CredentialEntityExtractor"


def test_a_lowercase_two_letter_word_is_not_a_state(extractor):
    assert entities(extractor, "im in 10th grade") == []


def test_button_payloads_are_left_to_rasa(extractor):
    assert entities(extractor, '/ask_worth{"credential":"comptia-a-plus"}') == []


def test_untrained_component_extracts_nothing(tmp_path):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(graph_schema=None, node_name="empty")
    empty = CredentialEntityExtractor.load(CredentialEntityExtractor.get_default_config(), storage, Resource("none"), context)
    assert entities(empty, "is comptia a+ worth it") == []
