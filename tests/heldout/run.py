"""Runs the held-out conversations against the real assistant and reports pass rates per category.

Each conversation gets its own sender id and goes over REST, turn by turn. A turn passes when its reply
says what a correct answer must say (conversations.yml explains the checks); a conversation passes when
every turn does. Writes reports/heldout.json and prints a short table.

    PYTHONPATH=. .venv/bin/python -m tests.heldout.run                 # starts its own stack (tests/stack.py)
    PYTHONPATH=. .venv/bin/python -m tests.heldout.run --url http://127.0.0.1:5005 --cat evidence
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

import requests
import yaml

from tests.heldout import readability

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CONVERSATIONS = HERE / "conversations.yml"
REPORT = REPO / "reports" / "heldout.json"
# what an in-domain question must never get
IN_DOMAIN_FORBIDDEN = (r"didn'?t get that", r"can'?t help with that", r"\bI can'?t help\b", r"out of scope",
                       r"What should I compare", r"more than one thing by that name")
# categories about records the knowledge base holds (or will): "not in my knowledge base" is a wrong answer there,
# unless a turn says `partly_unknown` (one of two names is missing); evidence and pathways need more than lists
KNOWN_CATEGORIES = {"recommendation", "evidence", "compound", "pathway", "attribute", "family", "basic"}
CATEGORY_FORBIDDEN = {
    "evidence": (r"routes side by side", r"Watch out for these with any credential", r"what I don't know"),
    "pathway": (r"what I don't know",),
}
FLAGS = re.IGNORECASE | re.MULTILINE
FIRST_SENTENCE = re.compile(r"^(.+?)(?:[.!?](?=\s|$)|\n|$)", re.DOTALL)

Send = Callable[[str, str], List[dict]]


@dataclass
class TurnResult:
    said: str
    reply: str
    problems: List[str] = field(default_factory=list)


def load(path: Path = CONVERSATIONS) -> List[dict]:
    return yaml.safe_load(path.read_text())["conversations"]


def reply_text(messages: List[dict]) -> str:
    """What the user reads: every message's text, one after the other (buttons are not read as an answer)."""
    texts = [m.get("text") or "" for m in messages]
    texts += [json.dumps(m["custom"]) for m in messages if m.get("custom")]
    return "\n".join(t for t in texts if t)


def first_sentence(reply: str) -> str:
    plain = reply.replace("**", "").strip()
    match = FIRST_SENTENCE.match(plain)
    return match.group(1) if match else plain


def check_turn(turn: dict, reply: str, out_of_scope: bool, category: str = "") -> List[str]:
    problems: List[str] = []
    if not reply.strip():
        return ["empty reply"]
    for pattern in turn.get("has", []):
        if not re.search(pattern, reply, FLAGS):
            problems.append(f"missing /{pattern}/")
    if turn.get("src") and not re.search(turn["src"], reply, FLAGS):
        problems.append(f"no source /{turn['src']}/")
    forbidden = list(turn.get("not", [])) + ([] if out_of_scope else list(IN_DOMAIN_FORBIDDEN))
    forbidden += CATEGORY_FORBIDDEN.get(category, ())
    if category in KNOWN_CATEGORIES and not turn.get("partly_unknown"):
        forbidden.append(r"is not in my knowledge base")
    for pattern in forbidden:
        if re.search(pattern, reply, FLAGS):
            problems.append(f"says /{pattern}/")
    if turn.get("first") and not re.search(turn["first"], first_sentence(reply), FLAGS):
        problems.append(f"first sentence lacks /{turn['first']}/")
    return problems


def run_conversation(send: Send, conversation: dict) -> List[TurnResult]:
    sender = f"heldout-{conversation['id']}-{uuid.uuid4().hex[:8]}"
    results = []
    for turn in conversation["turns"]:
        try:
            reply = reply_text(send(sender, turn["u"]))
        except requests.RequestException as error:
            results.append(TurnResult(turn["u"], "", [f"request failed: {error}"]))
            break
        results.append(TurnResult(turn["u"], reply, check_turn(turn, reply, bool(conversation.get("oos")), conversation["cat"])))
    return results


def run_all(send: Send, conversations: List[dict], workers: int = 3, keep_all: bool = False) -> Dict:
    """Every conversation through `send`; returns the report (rates per category and area, failures, or every
    conversation with `keep_all`)."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(lambda c: (c, run_conversation(send, c)), conversations))
    by_cat: Dict[str, List[bool]] = defaultdict(list)
    by_area: Dict[str, List[bool]] = defaultdict(list)
    failures, replies = [], []
    turns_passed = turns_total = 0
    for conversation, results in outcomes:
        passed = len(results) == len(conversation["turns"]) and all(not r.problems for r in results)
        by_cat[conversation["cat"]].append(passed)
        by_area[conversation["area"]].append(passed)
        turns_total += len(conversation["turns"])
        turns_passed += sum(1 for r in results if not r.problems)
        if not conversation.get("oos"):
            replies.extend(r.reply for r in results)
        if not passed or keep_all:
            failures.append({"id": conversation["id"], "cat": conversation["cat"], "passed": passed, "turns": [
                {"said": r.said, "problems": r.problems, "reply": r.reply[:600]} for r in results]})
    rate = lambda values: round(sum(values) / len(values), 3) if values else None  # noqa: E731
    total = [p for values in by_cat.values() for p in values]
    return {
        "conversations": len(total),
        "pass_rate": rate(total),
        "turn_pass_rate": round(turns_passed / turns_total, 3) if turns_total else None,
        "categories": {cat: {"n": len(v), "pass_rate": rate(v)} for cat, v in sorted(by_cat.items())},
        "areas": {area: {"n": len(v), "pass_rate": rate(v)} for area, v in sorted(by_area.items())},
        "readability": readability.summary(replies),
        "failures": failures,
    }


def table(report: Dict) -> str:
    lines = ["| category | n | pass rate |", "|---|---|---|"]
    lines += [f"| {cat} | {v['n']} | {v['pass_rate']:.0%} |" for cat, v in report["categories"].items()]
    lines.append(f"| **all** | {report['conversations']} | {report['pass_rate']:.0%} |")
    read = report["readability"]
    lines.append(f"\nturns passed: {report['turn_pass_rate']:.0%}; readability: FK grade {read.get('fk_grade_overall')} "
                 f"overall, median reply {read.get('fk_grade_median_reply')}; words per reply median "
                 f"{read.get('words_median_reply')}, p90 {read.get('words_p90_reply')}")
    return "\n".join(lines)


def rest_sender(rasa_url: str) -> Send:
    def send(sender: str, message: str) -> List[dict]:
        response = requests.post(f"{rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                                 timeout=60)
        response.raise_for_status()
        return response.json()
    return send


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running Rasa server (default: start the real stack)")
    parser.add_argument("--cat", action="append", help="only these categories")
    parser.add_argument("--id", action="append", help="only these conversation ids")
    parser.add_argument("--out", default=str(REPORT))
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="keep every conversation's replies, not only failures")
    args = parser.parse_args(argv)
    conversations = [c for c in load() if (not args.cat or c["cat"] in args.cat) and (not args.id or c["id"] in args.id)]
    stack = None
    if args.url:
        send = rest_sender(args.url)
    else:
        from tests.stack import start_stack
        stack = start_stack()
        send = stack.say
    try:
        report = run_all(send, conversations, args.workers, args.all)
    finally:
        if stack:
            stack.stop()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1))
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
