"""The shared plumbing: knowledge calls off the event loop, the 'can't reach' reply, channel rendering."""
import asyncio
import time

from actions import kb
from actions.render import render
from actions.reply import Button, Reply, Source
from actions.scoring import ActionScoreCredential
from tests.actions.helpers import make_tracker, only_text, run_action


async def test_knowledge_calls_do_not_block_the_event_loop():
    ticks = []

    async def tick():
        for _ in range(5):
            ticks.append(time.monotonic())
            await asyncio.sleep(0.02)

    await asyncio.gather(kb.run(lambda knowledge: time.sleep(0.3)), tick())
    assert len(ticks) == 5 and ticks[-1] - ticks[0] < 0.25


async def test_unreachable_knowledge_base_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("KNOWLEDGE_DB_URL", f"sqlite:///{tmp_path / 'missing' / 'nothing.db'}")
    kb.reset()
    tracker = make_tracker("is comptia a+ worth it", "ask_worth", [("credential", "comptia a+")])
    events, messages = await run_action(ActionScoreCredential(), tracker)
    assert events == []
    assert only_text(messages) == "I can't reach my knowledge right now. Please try again in a minute."


def _reply():
    return Reply(
        title="A & B", text="Text <here>", bullets=["one"], notes=["old"],
        sources=[Source("CompTIA", "https://example.org/a", "2025-09-01")], buttons=[Button("Go", "/greet")],
    )


def test_markdown_for_web_rest_and_shell():
    message = render(_reply(), "socketio")
    assert "\n\n" not in message["text"], "Rasa's channels would split the reply into several messages"
    assert message["text"].split("  \n") == [
        "**A & B**", "Text <here>", "- one", "_old_", "Source: CompTIA (https://example.org/a), as of 2025-09-01.",
    ]
    assert message["buttons"] == [{"title": "Go", "payload": "/greet"}]


def test_slack_mrkdwn_and_block_kit():
    body = render(_reply(), "slack")["json_message"]
    section, context, actions = body["blocks"]
    assert section["text"]["text"] == "*A &amp; B*\nText &lt;here&gt;\n• one"
    assert [e["text"] for e in context["elements"]] == ["_old_", "Source: <https://example.org/a|CompTIA>, as of 2025-09-01"]
    assert actions["elements"][0]["value"] == "/greet"
    assert body["text"] == "*A &amp; B*\nText &lt;here&gt;\n• one\nSource: <https://example.org/a|CompTIA>"
    assert "**" not in body["text"]
