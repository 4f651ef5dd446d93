"""Finds credential and state names in user messages with a spaCy blank("en") entity ruler.

No pretrained spaCy model can be installed here, so the ruler is built at training time from the
lookup tables that `python -m knowledge lookups` generates, and saved inside the Rasa model. Names
with typos ("comptia a pluss") are caught by a fuzzy pass over the words the ruler did not match.
The entity value is the surface text; the actions map it to a knowledge record.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Iterable, List, Optional, Text, Tuple

import spacy
from rapidfuzz import fuzz, process
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components import speedups
from knowledge.matching import GENERIC, STOPWORDS, distinctive_words_match
from knowledge.normalize import normalize

logger = logging.getLogger(__name__)

PIPELINE_DIR = "nlp"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class CredentialEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Exact (case-insensitive) phrase matches from the lookups, then a typo-tolerant fallback."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # lookup tables (and annotated entity types) that become ruler patterns
            "entities": ["credential", "state"],
            # entity types that also get the fuzzy fallback
            "fuzzy_entities": ["credential"],
            # rapidfuzz ratio (0-100) a word group must reach to count as a misspelt name
            "fuzzy_threshold": 88,
            # shorter names are too easy to hit by accident ("can" ~ "cna")
            "fuzzy_min_chars": 5,
            "max_ngram": 5,
            # also learn the names annotated in the NLU examples, not only the lookups
            "use_annotated_examples": True,
            # one-word names that are everyday words here ("my license renewal"): they only count inside a
            # longer name; the actions still find them in "what is a license?" through the knowledge base
            "generic_names": [
                "badge", "badges", "certificate", "certificates", "certification", "certifications",
                "credential", "credentials", "licence", "license", "licenses", "licensure",
            ],
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["spacy", "rapidfuzz"]

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        nlp: Optional[spacy.language.Language] = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._nlp = nlp or _blank_pipeline([])
        self._fuzzy_names = self._fuzzy_index()
        speedups.install()  # every process that serves this model gets them (components/speedups.py)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "CredentialEntityExtractor":
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "CredentialEntityExtractor":
        try:
            with model_storage.read_from(resource) as directory:
                nlp = spacy.load(directory / PIPELINE_DIR)
        except (ValueError, OSError):
            logger.warning("CredentialEntityExtractor: no saved patterns found, extracting nothing.")
            nlp = None
        return cls(config, model_storage, resource, nlp)

    def train(self, training_data: TrainingData) -> Resource:
        """Builds the ruler from the lookup tables (and annotated examples) and saves it in the model."""
        self._nlp = _blank_pipeline(self._patterns(training_data))
        self._fuzzy_names = self._fuzzy_index()
        with self._model_storage.write_to(self._resource) as directory:
            self._nlp.to_disk(directory / PIPELINE_DIR)
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = self.extract(message.get(TEXT) or "")
            if found:
                entities = message.get(ENTITIES, []) + self.add_extractor_name(found)
                message.set(ENTITIES, entities, add_to_output=True)
        return messages

    def extract(self, text: Text) -> List[Dict[Text, Any]]:
        """Entities in `text`: exact phrase matches first, fuzzy matches in the remaining words."""
        doc = self._nlp(text)
        exact = [_entity(span.label_, span.start_char, span.end_char, span.text, 1.0) for span in doc.ents]
        taken = {token.i for span in doc.ents for token in span}
        fuzzy = self._fuzzy_matches(doc, taken)
        return sorted(exact + fuzzy, key=lambda entity: entity["start"])

    def _patterns(self, training_data: TrainingData) -> List[Dict[Text, Text]]:
        wanted = set(self._config["entities"])
        names: Dict[Tuple[Text, Text], None] = {}
        for table in training_data.lookup_tables:
            if table.get("name") in wanted and isinstance(table.get("elements"), list):
                for element in table["elements"]:
                    names[(table["name"], str(element).strip())] = None
        if self._config["use_annotated_examples"]:
            for example in training_data.entity_examples:
                for entity in example.get(ENTITIES, []):
                    if entity["entity"] in wanted:
                        surface = example.get(TEXT)[entity["start"] : entity["end"]]
                        names[(entity["entity"], surface.strip())] = None
        generic = set(self._config["generic_names"])
        return [{"label": label, "pattern": name} for label, name in names if name and name.lower() not in generic]

    def _fuzzy_index(self) -> Dict[int, Dict[Text, Text]]:
        """Word count -> normalized name -> entity type, for the types that get the typo-tolerant pass.
        A misspelt name keeps its number of words, so only names of the same length are compared."""
        ruler = self._nlp.get_pipe("entity_ruler")
        fuzzy_labels = set(self._config["fuzzy_entities"])
        index: Dict[int, Dict[Text, Text]] = {}
        for pattern in ruler.patterns:
            key = normalize(pattern["pattern"])
            if pattern["label"] in fuzzy_labels and len(key) >= self._config["fuzzy_min_chars"]:
                index.setdefault(len(key.split()), {})[key] = pattern["label"]
        return index

    def _fuzzy_matches(self, doc: spacy.tokens.Doc, taken: set) -> List[Dict[Text, Any]]:
        candidates = []
        for start, end in _word_groups(doc, taken, self._config["max_ngram"]):
            key = normalize(doc[start:end].text)
            names = self._fuzzy_names.get(len(key.split()))
            if not names or len(key) < self._config["fuzzy_min_chars"] or set(key.split()) <= GENERIC | STOPWORDS:
                continue
            # the closest name whose distinctive words are all in the group: "linux+" is no "a+",
            # "real certification" no name that only shares "certification", "ccna" no "cna"
            for name, score, _ in process.extract(key, names.keys(), scorer=fuzz.ratio, limit=5,
                                                  score_cutoff=self._config["fuzzy_threshold"]):
                if distinctive_words_match(key, name):
                    candidates.append((score, end - start, start, end, names[name]))
                    break
        chosen: List[Dict[Text, Any]] = []
        used: set = set()
        # best score first, then the longer group, so "comptia a pluss" beats "a pluss"
        for score, _, start, end, label in sorted(candidates, reverse=True):
            if used.isdisjoint(range(start, end)):
                used.update(range(start, end))
                span = doc[start:end]
                chosen.append(_entity(label, span.start_char, span.end_char, span.text, round(score / 100, 3)))
        return chosen


def _blank_pipeline(patterns: List[Dict[Text, Text]]) -> spacy.language.Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    if patterns:
        ruler.add_patterns(patterns)
    return nlp


def _word_groups(doc: spacy.tokens.Doc, taken: set, max_ngram: int) -> Iterable[Tuple[int, int]]:
    """Token ranges of up to `max_ngram` words that skip matched tokens and neither start nor end on a
    stop word or punctuation (those never begin or end a credential name worth guessing)."""
    for start in range(len(doc)):
        for end in range(start + 1, min(start + max_ngram, len(doc)) + 1):
            if end - 1 in taken:
                break
            first, last = doc[start], doc[end - 1]
            if start in taken or first.is_punct or first.is_stop:
                break
            if last.is_punct or last.is_stop:
                continue
            yield start, end


def _entity(label: Text, start: int, end: int, value: Text, confidence: float) -> Dict[Text, Any]:
    return {"entity": label, "start": start, "end": end, "value": value, "confidence": confidence}
