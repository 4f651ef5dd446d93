"""What students were expected to type (the NLU training and test examples, the test stories) must reach
Rasa as it is: redaction that changed them would make the model see text it was never trained on."""
from __future__ import annotations

import re
from typing import List

import yaml

from channels import guard
from privacy.redact import PLACEHOLDERS
from tests.stack import REPO

ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\{[^}]*\}")


def plain(text: str) -> str:
    """An NLU example without its entity annotations: "[a+](credential)" -> "a+"."""
    return ANNOTATION.sub(lambda match: match.group(1) or match.group(2), text.strip())


def user_texts() -> List[str]:
    texts = []
    for path in sorted((REPO / "data" / "nlu").glob("*.yml")) + [REPO / "tests" / "nlu" / "test_nlu.yml"]:
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []) or []:
            examples = item.get("examples") if isinstance(item, dict) else None
            if isinstance(examples, str):
                texts += [plain(line.strip()[2:]) for line in examples.splitlines() if line.strip().startswith("- ")]
    stories = yaml.safe_load((REPO / "tests" / "test_stories.yml").read_text(encoding="utf-8")) or {}
    for story in stories.get("stories", []) or []:
        texts += [plain(step["user"]) for step in story.get("steps", []) if "user" in step]
    # examples written with placeholders on purpose (data/nlu/placeholders.yml) are redacted text already
    return [text for text in texts if not any(placeholder in text for placeholder in PLACEHOLDERS)]


def test_training_examples_reach_rasa_unchanged():
    texts = user_texts()
    assert len(texts) > 500
    changed = [(text, guard.guard_message("s", text).text) for text in texts
               if guard.guard_message("s", text).text != " ".join(text.split())]
    assert len(changed) / len(texts) < 0.01, changed
