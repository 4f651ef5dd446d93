"""A bounded REST load generator for the loopback benchmark: N concurrent users, each a conversation.

Runs in its own process (asyncio + aiohttp) so the client costs the servers as little CPU as possible,
and both bots are driven the same way.
"""
from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
import uuid
from typing import Dict, List, Sequence

import aiohttp


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


async def one_user(session: aiohttp.ClientSession, url: str, messages: List[str], latencies: List[float],
                   errors: List[str]) -> None:
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    for text in messages:
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                body = await response.text()
                if response.status != 200 or not json.loads(body):
                    errors.append(f"{response.status}: {body[:80]}")
        except Exception as error:  # a benchmark records failures instead of stopping
            errors.append(repr(error))
        latencies.append(time.perf_counter() - started)


async def run_load(base_url: str, users: int, messages: List[str], timeout_s: float = 120) -> Dict[str, float]:
    """Drives `users` concurrent conversations of `messages`; returns latency percentiles (ms) and rate."""
    url = f"{base_url}/webhooks/rest/webhook"
    latencies: List[float] = []
    errors: List[str] = []
    connector = aiohttp.TCPConnector(limit=users)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=timeout_s)) as session:
        started = time.perf_counter()
        await asyncio.gather(*(one_user(session, url, messages, latencies, errors) for _ in range(users)))
        elapsed = time.perf_counter() - started
    return {
        "users": users,
        "messages": len(latencies),
        "errors": len(errors),
        "p50_ms": 1000 * percentile(latencies, 0.50),
        "p95_ms": 1000 * percentile(latencies, 0.95),
        "p99_ms": 1000 * percentile(latencies, 0.99),
        "mean_ms": 1000 * statistics.fmean(latencies) if latencies else float("nan"),
        "msgs_per_s": len(latencies) / elapsed if elapsed else float("nan"),
    }


def main() -> None:
    """Usage: loadgen.py BASE_URL USERS MESSAGES_JSON -> prints one JSON object."""
    base_url, users, messages = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
    print(json.dumps(asyncio.run(run_load(base_url, users, messages))))


if __name__ == "__main__":
    main()
