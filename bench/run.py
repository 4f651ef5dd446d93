"""`make bench`: our assistant side by side with Rasa's stock `rasa init` bot, in one run on this machine.

Both bots are trained here with the same Rasa version and driven over REST by the same load generator
(bench/loadgen.py) at 1, 10 and 50 concurrent users. Results are ratios against the baseline measured in
the same run, written to bench/RESULTS.md with plots, and the README's table is refreshed.
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
from pathlib import Path
from typing import Dict, List, Optional

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.stack import VENV_BIN, Stack, free_port, start_stack, tail, wait_for_http, wait_for_model  # noqa: E402

BENCH = REPO / "bench"
CONCURRENCY = (1, 10, 50)
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


def train(project: Path, out: Path, name: str) -> Dict[str, float]:
    """Trains a model from `project` and returns wall time and model size."""
    started = time.perf_counter()
    result = subprocess.run(
        [str(VENV_BIN / "rasa"), "train", "--out", str(out), "--fixed-model-name", name, "--force"],
        cwd=project, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"training {name} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    model = out / f"{name}.tar.gz"
    return {"train_s": time.perf_counter() - started, "model_mb": model.stat().st_size / 1e6, "model": str(model)}


def rss_mb(pids: List[int]) -> float:
    """Resident memory of the given processes and all their children, from /proc."""
    seen, stack, total_kb = set(), list(pids), 0
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            total_kb += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            stack.extend(int(child) for child in children)
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


def start_redis(workdir: Path) -> subprocess.Popen:
    port = free_port()
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(workdir)],
                               stdout=(workdir / "redis.log").open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    process.port = port  # type: ignore[attr-defined]
    time.sleep(0.5)
    return process


def load(stack: Stack, users: int, messages: List[str]) -> Dict[str, float]:
    result = subprocess.run([str(VENV_BIN / "python"), str(BENCH / "loadgen.py"), stack.rasa_url, str(users),
                             json.dumps(messages)], capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise SystemExit(f"load generator failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def measure(stack: Stack, mix: List[str]) -> Dict[str, object]:
    """Warm-up, then the simple single-user run and the mixed runs at each concurrency."""
    load(stack, 2, mix)
    results: Dict[str, object] = {"simple_1": load(stack, 1, SIMPLE * 10)}
    for users in CONCURRENCY:
        results[f"mix_{users}"] = load(stack, users, mix if users > 1 else mix * 3)
        log(f"  {users:>2} users: {results[f'mix_{users}']}")
    results["rss_mb"] = rss_mb([p.pid for p in stack.processes.values()])
    return results


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

    stock = start_baseline(Path(report["stock_train"]["model"]), workdir)
    try:
        log("measuring the stock bot")
        report["stock"] = measure(stock, BASELINE_MIX)
    finally:
        stock.stop()

    redis = start_redis(workdir)
    endpoints = {"lock_store": {"type": "redis", "url": "127.0.0.1", "port": redis.port, "db": 0}}
    variants = {"ours_1_worker": ({}, {}), "ours": (endpoints, {"SANIC_WORKERS": "2"})}
    try:
        for name, (extra_endpoints, env) in variants.items():
            stack = start_stack(credentials={"rest": None}, endpoints=extra_endpoints, env=env,
                                model=Path(report["ours_train"]["model"]))
            try:
                log(f"measuring {name}")
                report[name] = measure(stack, OUR_MIX)
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
