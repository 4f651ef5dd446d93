"""Finds the credentials, teacher routes, families, concepts and states a message names, with the knowledge
base's own matcher (KnowledgeBase.find_mentions), so "which records does this text name" has one owner.

At training time the names (ids, names, aliases, state codes) are read from knowledge/data and saved in the
model; at run time the same KnowledgeBase name index finds them, typos included ("comptia a pluss"). Each
entity keeps the words the user typed as its value (slots and stories read those) and carries the record's id
as `record`, which the actions use without matching names again. A name that fits several records
("cybersecurity") is passed on without an id, and the actions ask which one.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components import speedups
from knowledge import KnowledgeBase
from knowledge.loader import read_dir
from knowledge.paths import DATA_DIR

logger = logging.getLogger(__name__)
NAMES_FILE = "names.json"
# entity type -> the kinds of records it stands for
ENTITY_KINDS: Dict[Text, tuple] = {
    "credential": ("credential", "route", "concept", "family"),
    "state": ("state",),
}
NAME_FIELDS = ("id", "kind", "name", "aliases", "code", "members")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class CredentialEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Entities for every record the knowledge base's matcher finds in a message."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # where the knowledge records are read from at training time (None: knowledge/data)
            "data_dir": None,
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["rapidfuzz"]

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 names: Optional[List[Dict[Text, Any]]] = None) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._names = names or []
        self._knowledge = KnowledgeBase.from_records(self._names)
        speedups.install()  # every process that serves this model gets them (components/speedups.py)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "CredentialEntityExtractor":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "CredentialEntityExtractor":
        try:
            with model_storage.read_from(resource) as directory:
                names = json.loads((directory / NAMES_FILE).read_text())
        except (ValueError, OSError):
            logger.warning("CredentialEntityExtractor: no saved names found, extracting nothing.")
            names = []
        return cls(config, model_storage, resource, names)

    def train(self, training_data: TrainingData) -> Resource:
        """Saves the names of the records the extractor finds (not the facts: those stay in the knowledge base)."""
        self._names = record_names(Path(self._config.get("data_dir") or DATA_DIR))
        self._knowledge = KnowledgeBase.from_records(self._names)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / NAMES_FILE).write_text(json.dumps(self._names))
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = self.extract(message.get(TEXT) or "")
            if found:
                message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(found), add_to_output=True)
        return messages

    def extract(self, text: Text) -> List[Dict[Text, Any]]:
        """Entities in `text`, in reading order: the knowledge base's matches with their record ids."""
        if not text or text.startswith("/"):
            return []
        entities = []
        for entity, kinds in ENTITY_KINDS.items():
            for mention in self._knowledge.find_mentions(text, kinds):
                if mention.status == "not_found" or not mention.span:
                    continue
                start, end = mention.span
                found = {"entity": entity, "start": start, "end": end, "value": text[start:end],
                         "confidence": round(float(mention.confidence), 3)}
                if mention.status == "matched":
                    found["record"] = mention.record["id"]
                entities.append(found)
        return sorted(entities, key=lambda e: e["start"])


def record_names(data_dir: Path) -> List[Dict[Text, Any]]:
    """The naming fields of every record the extractor looks for, read from the knowledge YAML."""
    wanted = {kind for kinds in ENTITY_KINDS.values() for kind in kinds}
    records, _ = read_dir(data_dir)
    return [{k: r.data[k] for k in NAME_FIELDS if k in r.data}
            for r in records if isinstance(r.data, dict) and r.data.get("kind") in wanted and r.data.get("id")]

