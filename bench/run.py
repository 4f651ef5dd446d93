"""`make bench`: our assistant side by side with Rasa's stock `rasa init` bot, in one run on this machine.

Both bots are trained here with the same Rasa version and driven over REST by the same load generator
(bench/loadgen.py) at 1, 10 and 50 concurrent users. Our assistant is also measured as it was before the
performance work and with each lever added in turn (VARIANTS), so every kept change has its before/after
row. Results are ratios against the baseline measured in the same run, written to bench/RESULTS.md with
plots, and the README's table is refreshed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.stack import (  # noqa: E402
    VENV_BIN, Stack, free_port, start_redis, start_stack, wait_for_http, wait_for_model,
)

BENCH = REPO / "bench"
CONCURRENCY = (1, 10, 50)
# Times each user goes through its mix of 10 messages: conversations of 20 turns at 10 and 50 users
# (as in the cluster load test), 30 for the lone user so its percentiles rest on enough messages.
ROUNDS = {1: 3, 10: 2, 50: 2}
SIMPLE = ["hi", "thanks", "bye"]
BASELINE_MIX = ["hello", "I am sad", "no", "yes", "great", "bye", "are you a bot?", "I am happy", "hey", "goodbye"]
OUR_MIX = [
    "hi", "is comptia a+ worth it", "how much does it cost?", "what is a micro credential",
    "compare a+ and network+", "does servsafe manager expire", "how do i become a teacher without an education degree",
    "thanks", "what are the pitfalls of osha 10", "bye",
]
TARGETS = {
    "throughput_10": ("throughput at 10 users, ours / stock", ">=", 2.0),
    "p95_10": ("p95 at 10 users, ours / stock", "<=", 0.5),
    "p50_simple": ("p50 one user, simple messages, ours / stock", "<=", 1.2),
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def machine() -> Dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
    rasa_version = subprocess.run([str(VENV_BIN / "python"), "-c", "import rasa; print(rasa.__version__)"],
                                  capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory": f"{mem_kb / 1024 / 1024:.0f} GiB",
            "python": platform.python_version(), "rasa": rasa_version, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def train(project: Path, out: Path, name: str, config: Optional[Path] = None) -> Dict[str, float]:
    """Trains a model from `project` from scratch (an empty cache of its own) and returns wall time and size."""
    started = time.perf_counter()
    command = [str(VENV_BIN / "rasa"), "train", "--out", str(out), "--fixed-model-name", name, "--force"]
    if config:
        command += ["--config", str(config)]
    env = {**os.environ, "PYTHONPATH": str(REPO), "RASA_CACHE_DIRECTORY": str(out / f"cache-{name}")}
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"training {name} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    model = out / f"{name}.tar.gz"
    return {"train_s": time.perf_counter() - started, "model_mb": model.stat().st_size / 1e6, "model": str(model)}


def process_tree(pids: List[int]) -> List[int]:
    """The given processes and all their children (Sanic workers, subprocesses), from /proc."""
    seen: List[int] = []
    stack = list(pids)
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.append(pid)
        try:
            stack.extend(int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return seen


def cpu_seconds(pids: List[int]) -> float:
    """User + system CPU time used so far by the given processes."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (FileNotFoundError, ProcessLookupError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def rss_mb(pids: List[int]) -> float:
    """Resident memory of the given processes and all their children, from /proc."""
    total_kb = 0
    for pid in process_tree(pids):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            total_kb += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
        except (FileNotFoundError, StopIteration, ProcessLookupError):
            continue
    return total_kb / 1024


def start_baseline(model: Path, workdir: Path) -> Stack:
    port = free_port()
    log_file = workdir / "baseline-rasa.log"
    process = subprocess.Popen(
        [str(VENV_BIN / "rasa"), "run", "--model", str(model), "--interface", "127.0.0.1", "--port", str(port),
         "--enable-api", "--auth-token", "bench"],
        cwd=workdir, stdout=log_file.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    stack = Stack(rasa_url=f"http://127.0.0.1:{port}", action_url="", auth_token="bench", workdir=workdir,
                  processes={"rasa": process}, logs={"rasa": log_file})
    wait_for_http(f"{stack.rasa_url}/", process, log_file, 300)
    wait_for_model(stack)
    return stack


def load(stack: Stack, users: int, messages: List[str]) -> Dict[str, float]:
    """One load-generator run, plus the CPU time the Rasa server and the action server spent per message."""
    servers = {name: process_tree([process.pid]) for name, process in stack.processes.items()}
    cpu_before = {name: cpu_seconds(pids) for name, pids in servers.items()}
    result = subprocess.run([str(VENV_BIN / "python"), str(BENCH / "loadgen.py"), stack.rasa_url, str(users),
                             json.dumps(messages)], capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise SystemExit(f"load generator failed: {result.stderr[-2000:]}")
    run = json.loads(result.stdout)
    for name, pids in servers.items():
        run[f"{name}_cpu_ms"] = 1000 * (cpu_seconds(pids) - cpu_before[name]) / max(1, run["messages"])
    return run


def measure(stack: Stack, mix: List[str], concurrency=CONCURRENCY) -> Dict[str, object]:
    """Warm-up, then the simple single-user run and the mixed runs at each concurrency.

    The warm-up sends the whole mix twice from 10 users, so every Sanic worker has traced its TensorFlow
    graphs for every message shape before anything is timed; both bots get the same treatment.
    """
    for _ in range(2):
        load(stack, 10, mix)
    results: Dict[str, object] = {"simple_1": load(stack, 1, SIMPLE * 10)} if 1 in concurrency else {}
    for users in concurrency:
        results[f"mix_{users}"] = load(stack, users, mix * ROUNDS[users])
        log(f"  {users:>2} users: {results[f'mix_{users}']}")
    results["rss_mb"] = rss_mb([p.pid for p in stack.processes.values()])
    return results


@dataclass(frozen=True)
class Variant:
    """One configuration of our assistant. Each adds one lever to the one before, so consecutive rows of
    the levers table are the before/after of that lever."""

    name: str
    lever: str
    ted: bool = False
    workers: int = 3
    tracker_store: str = "components.tracker_store.RedisEventLogTrackerStore"  # used with more than 1 worker
    speedups: str = "on"  # CA_RASA_SPEEDUPS: "off", "on" or the names of the ones to install
    full: bool = False  # measured at every concurrency, not only at 10 users


RASA_REDIS = "redis"  # Rasa's own RedisTrackerStore: the whole conversation rewritten on every message
VARIANTS = [
    Variant("before", "where we started: TEDPolicy, 1 Sanic worker, conversations in its memory", ted=True, workers=1,
            speedups="off", full=True),
    Variant("workers", "+ 2 Sanic workers sharing conversations through Redis (lock store and tracker store)",
            ted=True, workers=2, speedups="off", tracker_store=RASA_REDIS),
    Variant("validator", "+ action server replies checked by a validator built once (components/speedups.py)",
            ted=True, workers=2, speedups="validator", tracker_store=RASA_REDIS),
    Variant("event_types", "+ stored events read back through a table of event classes (components/speedups.py)",
            ted=True, workers=2, tracker_store=RASA_REDIS),
    Variant("no_ted", "+ no TEDPolicy: rules and memoization only (config.yml)", workers=2, tracker_store=RASA_REDIS),
    Variant("event_log", "+ each message appends its events to a Redis list instead of rewriting the conversation "
            "(components/tracker_store.py)", workers=2),
    Variant("ours", "+ a third Sanic worker: while one waits on Redis or the action server, the others use the cores",
            full=True),
]
# The policy dropped by the last lever, exactly as config.yml had it, for the "before" model.
TED_POLICY = {"name": "TEDPolicy", "max_history": 5, "epochs": 20, "constrain_similarities": True, "random_seed": 42}


def start_variant(variant: Variant, report: Dict, redis_port: int) -> Stack:
    endpoints: Dict[str, object] = {}
    if variant.workers > 1:  # each worker is its own process: a conversation must live outside them
        endpoints["lock_store"] = {"type": "redis", "url": "127.0.0.1", "port": redis_port, "db": 0}
        endpoints["tracker_store"] = {"type": variant.tracker_store, "url": "127.0.0.1", "port": redis_port, "db": 1}
    env = {"SANIC_WORKERS": str(variant.workers), "CA_RASA_SPEEDUPS": variant.speedups}
    model = Path(report["ted_train" if variant.ted else "ours_train"]["model"])
    return start_stack(credentials={"rest": None}, endpoints=endpoints, env=env, model=model)


def knowledge_curve() -> Optional[dict]:
    script = BENCH / "knowledge_bench.py"
    if not script.exists():
        return None
    result = subprocess.run([str(VENV_BIN / "python"), str(script), "--json"], cwd=REPO, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=3600)
    if result.returncode != 0:
        raise SystemExit(f"knowledge bench failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-knowledge", action="store_true", help="do not run the knowledge-size curve")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="ca-bench-"))
    report: Dict[str, object] = {"machine": machine()}
    log(f"machine: {report['machine']}")

    baseline_project = workdir / "stock"
    shutil.copytree(Path(VENV_BIN.parent / "lib/python3.10/site-packages/rasa/cli/initial_project"), baseline_project)
    log("training the stock rasa init bot")
    report["stock_train"] = train(baseline_project, workdir / "models", "stock")
    log("training our assistant")
    report["ours_train"] = train(REPO, workdir / "models", "ours")
    log(f"training: stock {report['stock_train']['train_s']:.0f} s, ours {report['ours_train']['train_s']:.0f} s")

    ted_config = workdir / "config-ted.yml"
    config = yaml.safe_load((REPO / "config.yml").read_text())
    ted_config.write_text(yaml.safe_dump({**config, "policies": config["policies"] + [TED_POLICY]}))
    log("training our assistant with TEDPolicy, for the before rows")
    report["ted_train"] = train(REPO, workdir / "models", "ted", ted_config)

    stock = start_baseline(Path(report["stock_train"]["model"]), workdir)
    try:
        log("measuring the stock bot")
        report["stock"] = measure(stock, BASELINE_MIX)
    finally:
        stock.stop()

    redis = start_redis(workdir)
    try:
        for variant in VARIANTS:
            stack = start_variant(variant, report, redis.port)
            try:
                log(f"measuring {variant.name}: {variant.lever}")
                report[variant.name] = measure(stack, OUR_MIX, CONCURRENCY if variant.full else (10,))
                report[variant.name]["lever"] = variant.lever
            finally:
                stack.stop()
    finally:
        redis.terminate()

    if not args.skip_knowledge:
        log("measuring the knowledge base at growing sizes")
        report["knowledge"] = knowledge_curve()
    (BENCH / "results.json").write_text(json.dumps(report, indent=2, default=str))
    from bench.report import write_report  # matplotlib is imported only when there is something to plot
    write_report(report, BENCH, REPO / "README.md")
    log(f"wrote {BENCH / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
