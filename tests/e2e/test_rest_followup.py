"""Over REST with the real servers: a question about CompTIA A+, then a follow-up that names no credential."""
import uuid

import pytest

pytestmark = pytest.mark.stack


def test_follow_up_cost_answers_about_the_previous_credential(rasa_stack, record_in_stack_kb):
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    first = rasa_stack.say(sender, "is comptia a+ worth it")
    assert any("CompTIA A+" in (m.get("text") or "") for m in first), first

    second = rasa_stack.say(sender, "how much does it cost?")
    text = "\n".join(m.get("text") or "" for m in second)
    cost = record_in_stack_kb("comptia-a-plus")["cost"]
    assert "CompTIA A+: " in text
    assert cost["text"] in text
    assert cost["source"] in text and str(cost["as_of"]) in text


@pytest.fixture
def record_in_stack_kb(stack_env):
    """Reads records from the same database the stack's action server uses."""
    from knowledge import KnowledgeBase

    knowledge = KnowledgeBase.open(stack_env["KNOWLEDGE_DB_URL"])
    return knowledge.get
