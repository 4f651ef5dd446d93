"""Bounded load through nginx on loopback: 50 concurrent conversations x 20 messages.

Zero errors, zero lost or duplicated events (user events in the PostgreSQL tracker store counted
against the messages sent), latency percentiles and throughput written to bench/cluster_load.json.
Sizes can be changed with CLUSTER_LOAD_CONVERSATIONS / CLUSTER_LOAD_MESSAGES.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.deploy.conftest import FALLBACK_TEXT, REPO

pytestmark = pytest.mark.stack

CONVERSATIONS = int(os.environ.get("CLUSTER_LOAD_CONVERSATIONS", "50"))
MESSAGES = int(os.environ.get("CLUSTER_LOAD_MESSAGES", "20"))
RESULT_FILE = REPO / "bench" / "cluster_load.json"

SUBJECTS = ["CompTIA A+", "Security+", "Google IT Support", "CNA", "ServSafe Manager", "AWS Cloud Practitioner",
            "MOS Excel", "NCCER Core", "OSHA 10", "Network+"]


def script(i: int) -> list:
    """A student's or teacher's conversation: what is X, its facts, comparisons, teacher routes, concepts."""
    a, b = SUBJECTS[i % len(SUBJECTS)], SUBJECTS[(i + 3) % len(SUBJECTS)]
    messages = [
        "hi",
        f"what is {a}?",
        "how much does it cost?",
        "how long does it take?",
        "does it expire?",
        "is it worth it?",
        "what do I need before I can take it?",
        f"compare {a} and {b}",
        "what are the downsides?",
        "what's a micro credential?",
        "how do I become a teacher without an education degree?",
        "what is TFA?",
        "do micro-credentials count toward license renewal in Texas?",
        "why don't a lot of high school certificates lead to jobs?",
        f"tell me about {b}",
        "how much is it?",
        "what is the difference between an industry certification and a certificate of completion?",
        "what can you do?",
        "thanks",
        "bye",
    ]
    return (messages * (MESSAGES // len(messages) + 1))[:MESSAGES]


def percentile(values, q):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def test_fifty_concurrent_conversations_no_errors_no_lost_events(healthy_cluster):
    cluster = healthy_cluster
    run_id = uuid.uuid4().hex[:8]
    latencies, errors, empty = [], [], []
    lock = threading.Lock()
    start_barrier = threading.Barrier(CONVERSATIONS)

    def converse(i: int) -> int:
        sender = f"load-{run_id}-{i:03d}"
        session = cluster.session()
        start_barrier.wait(timeout=60)
        sent = 0
        for message in script(i):
            began = time.perf_counter()
            try:
                response = session.post(f"{cluster.url}/webhooks/rest/webhook",
                                        json={"sender": sender, "message": message}, timeout=180)
                elapsed = time.perf_counter() - began
                sent += 1
                if response.status_code != 200:
                    with lock:
                        errors.append(f"{sender} {message!r}: HTTP {response.status_code}")
                    continue
                text = "\n".join(str(m.get("text") or "") for m in response.json())
                with lock:
                    latencies.append(elapsed)
                    if FALLBACK_TEXT in text:
                        errors.append(f"{sender} {message!r}: knowledge unreachable")
                    elif not response.json():
                        empty.append(f"{sender} {message!r}")
            except requests.RequestException as error:
                with lock:
                    errors.append(f"{sender} {message!r}: {type(error).__name__}: {error}")
        return sent

    access_log = cluster.log_dir / "nginx-access.log"
    log_offset = access_log.stat().st_size if access_log.exists() else 0
    load_before = os.getloadavg()
    wall_start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        sent_counts = list(pool.map(converse, range(CONVERSATIONS)))
    wall = time.perf_counter() - wall_start
    sent_total = sum(sent_counts)

    rows = cluster.sql(
        "SELECT sender_id, count(*), count(DISTINCT (data::json)->>'message_id') FROM events "
        "WHERE type_name = 'user' AND sender_id LIKE %s GROUP BY sender_id", (f"load-{run_id}-%",))
    stored = {sender: (count, distinct) for sender, count, distinct in rows}
    stored_total = sum(count for count, _ in stored.values())
    duplicated = sum(count - distinct for count, distinct in stored.values())
    lost = sum(max(0, MESSAGES - stored.get(f"load-{run_id}-{i:03d}", (0, 0))[0]) for i in range(CONVERSATIONS))
    served_by = served_instances(access_log, log_offset)  # both instances took part (nginx round robin)

    result = {
        "what": "deploy/cluster.sh topology: nginx -> 2 rasa run (PostgreSQL tracker store, Redis lock store) "
                "-> nginx -> 2 action servers (knowledge in PostgreSQL); loopback, REST channel",
        "when": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "cpus": os.cpu_count(),
        # the machine is shared: a load average far above the CPU count means other work competed
        "loadavg_1m_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "conversations": CONVERSATIONS,
        "messages_per_conversation": MESSAGES,
        "messages_sent": sent_total,
        "errors": len(errors),
        "empty_replies": len(empty),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 95) * 1000, 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 99) * 1000, 1) if latencies else None,
        "max_ms": round(max(latencies) * 1000, 1) if latencies else None,
        "wall_s": round(wall, 1),
        "throughput_msgs_per_s": round(sent_total / wall, 2),
        "user_events_stored": stored_total,
        "user_events_lost": lost,
        "user_events_duplicated": duplicated,
        "rasa_instances_used": served_by,
        "error_samples": errors[:10],
        "empty_samples": empty[:10],
    }
    RESULT_FILE.parent.mkdir(exist_ok=True)
    RESULT_FILE.write_text(json.dumps(result, indent=2) + "\n")
    print("\ncluster load:", json.dumps({k: v for k, v in result.items() if not k.endswith("samples")}))

    assert sent_total == CONVERSATIONS * MESSAGES
    assert not errors, errors[:20]
    assert not empty, empty[:20]
    assert stored_total == sent_total and lost == 0 and duplicated == 0, result
    assert len(stored) == CONVERSATIONS
    assert len(served_by) == len(cluster.rasa_urls), f"nginx did not spread the load: {served_by}"


def served_instances(log: Path, offset: int) -> list:
    """The Rasa instances nginx sent this run's messages to (from its access log, after `offset`)."""
    if not log.exists():
        return []
    with log.open("rb") as handle:
        handle.seek(offset)
        lines = handle.read().decode("utf-8", "replace").splitlines()
    upstreams = set()
    for line in lines:
        if "/webhooks/rest/webhook" in line and "upstream=" in line:
            upstreams.update(u.strip() for u in line.split("upstream=")[1].split(" ustatus=")[0].split(","))
    return sorted(upstreams)
