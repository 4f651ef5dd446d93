"""Renders a Reply for the channel the user wrote on: Slack gets mrkdwn + Block Kit, the rest Markdown."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk.executor import CollectingDispatcher

from actions.reply import Reply

SLACK = "slack"
SLACK_BUTTON_TEXT_MAX = 75
SLACK_SECTION_TEXT_MAX = 3000


def send(dispatcher: CollectingDispatcher, reply: Reply, channel: Optional[str]) -> None:
    dispatcher.utter_message(**render(reply, channel))


def render(reply: Reply, channel: Optional[str]) -> Dict[str, Any]:
    """Keyword arguments for `dispatcher.utter_message`."""
    if channel == SLACK:
        return {"json_message": slack_message(reply)}
    message: Dict[str, Any] = {"text": markdown(reply)}
    if reply.buttons:
        message["buttons"] = [{"title": b.title, "payload": b.payload} for b in reply.buttons]
    return message


def markdown(reply: Reply) -> str:
    """One Markdown message. Lines end in hard breaks ("  \\n") so the widget keeps the title on its own
    line; never blank lines, because Rasa's output channels split a text at blank lines into several
    messages."""
    lines: List[str] = []
    if reply.title:
        lines.append(f"**{reply.title}**")
    lines.append(reply.text)
    lines.extend(f"- {bullet}" for bullet in reply.bullets)
    lines.extend(f"_{note}_" for note in reply.notes)
    if reply.sources:
        label = "Source" if len(reply.sources) == 1 else "Sources"
        lines.append(f"{label}: " + "; ".join(source.cite() for source in reply.sources) + ".")
    return "  \n".join(line for line in lines if line)


def slack_message(reply: Reply) -> Dict[str, Any]:
    """A chat.postMessage body: `text` is the notification fallback, `blocks` the formatted message."""
    body = ([f"*{_escape(reply.title)}*"] if reply.title else []) + [_escape(reply.text)]
    body += [f"• {_escape(bullet)}" for bullet in reply.bullets]
    blocks: List[Dict[str, Any]] = _sections(body)
    context = [f"_{_escape(note)}_" for note in reply.notes]
    context += [f"Source: <{s.url}|{_escape(s.name)}>, as of {s.as_of}" for s in reply.sources]
    if context:
        # Slack allows at most 10 elements in one context block
        blocks.append({"type": "context", "elements": [_mrkdwn(text) for text in context[:10]]})
    if reply.buttons:
        blocks.append({"type": "actions", "elements": [_slack_button(b.title, b.payload) for b in reply.buttons[:25]]})
    # the notification fallback is Slack mrkdwn too (Slack shows **bold** literally)
    fallback = body + [f"Source: <{s.url}|{_escape(s.name)}>" for s in reply.sources]
    return {"text": "\n".join(fallback), "blocks": blocks}


def _sections(lines: List[str]) -> List[Dict[str, Any]]:
    """Section blocks holding the lines in order; Slack caps one section's text at 3000 characters."""
    chunks: List[str] = []
    for line in lines:
        line = line[:SLACK_SECTION_TEXT_MAX]
        if chunks and len(chunks[-1]) + 1 + len(line) <= SLACK_SECTION_TEXT_MAX:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
    return [{"type": "section", "text": _mrkdwn(chunk)} for chunk in chunks]


def _mrkdwn(text: str) -> Dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def _slack_button(title: str, payload: str) -> Dict[str, Any]:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": title[:SLACK_BUTTON_TEXT_MAX]},
        "value": payload,
    }


def _escape(text: str) -> str:
    """Slack reads &, < and > as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
