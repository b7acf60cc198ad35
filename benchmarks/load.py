"""Load test of the real service: gunicorn on 127.0.0.1 over the seed articles, printed as JSON.

    .venv/bin/python -m benchmarks.load [--seeds seeds] [--sustain-seconds 60]

Measures, with the report cache off (NEWSMETRICS_CACHE_SIZE=0, so every request is analysed):
- the in-process ``analyze()`` time of each seed article (the floor the service is compared with);
- for 1 and 2 workers: latency p50/p95/p99 at concurrency 1, throughput at rising concurrency;
- the ratio of the service's median latency at concurrency 1 to the in-process median (<= 1.15);
- the throughput ratio 2 workers / 1 worker at saturation (>= 1.7);
- a sustained run at twice the saturating concurrency on 2 workers, counting errors (0 expected);
- peak memory (RSS and unique USS) of each worker, sampled every 0.5 s.
The load generator shares the machine's cores with the server; compare ratios, not absolute times.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
READY_WITHIN_S = 120
# Rounds over the seed articles at concurrency 1 (5 seeds x 6 = 30 latencies per server).
LATENCY_ROUNDS = 6
# Requests per concurrency level when finding the throughput curve.
REQUESTS_PER_LEVEL = 20
CONCURRENCY_LEVELS = (1, 2, 4)
# Throughput within this share of the best counts as saturated.
SATURATED_SHARE = 0.95
IN_PROCESS_ROUNDS = 5
REQUEST_TIMEOUT_S = 120
MEMORY_SAMPLE_S = 0.5


@dataclass
class Tally:
    """Latencies and errors of one run, filled by the client threads."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def post(connection: http.client.HTTPConnection, body: bytes) -> str | None:
    """POST one article; the error text, or None for a 200 (the body is read, not parsed)."""
    headers = {"Content-Type": "application/json"}
    connection.request("POST", "/v1/analyze", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return None if response.status == 200 else f"status {response.status}"


def client(port: int, bodies: list[bytes], tally: Tally, stop: float | None = None) -> None:
    """One client thread: its bodies in order (or round-robin until ``stop``), one connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
    i = 0
    while (i < len(bodies)) if stop is None else (time.monotonic() < stop):
        started = time.perf_counter()
        try:
            error = post(connection, bodies[i % len(bodies)])
        except (OSError, http.client.HTTPException) as err:
            error = repr(err)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
        tally.add(time.perf_counter() - started, error)
        i += 1
    connection.close()


def run(port: int, bodies: list[bytes], concurrency: int, seconds: float | None = None) -> dict:
    """Drive ``concurrency`` clients over ``bodies`` (split between them) or for ``seconds``."""
    tally = Tally()
    stop = time.monotonic() + seconds if seconds else None
    shares = [
        bodies[i::concurrency] if stop is None else bodies[i:] + bodies[:i]
        for i in range(concurrency)
    ]
    threads = [threading.Thread(target=client, args=(port, share, tally, stop)) for share in shares]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return summary(tally, elapsed, concurrency)


def summary(tally: Tally, elapsed: float, concurrency: int) -> dict:
    values = tally.latencies
    return {
        "concurrency": concurrency,
        "requests": len(values),
        "errors": len(tally.errors),
        "error_examples": sorted(set(tally.errors))[:3],
        "seconds": round(elapsed, 2),
        "throughput_rps": round(len(values) / elapsed, 3),
        "p50_ms": round(1000 * statistics.median(values), 1),
        "p95_ms": round(1000 * percentile(values, 0.95), 1),
        "p99_ms": round(1000 * percentile(values, 0.99), 1),
    }


class MemoryWatch(threading.Thread):
    """Samples RSS and USS of the server's workers until stopped; keeps each worker's peak."""

    def __init__(self, master: int) -> None:
        super().__init__(daemon=True)
        self.master = psutil.Process(master)
        self.peaks: dict[int, dict[str, float]] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(MEMORY_SAMPLE_S):
            for worker in self.master.children():
                try:
                    info = worker.memory_full_info()
                except psutil.Error:
                    continue
                peak = self.peaks.setdefault(worker.pid, {"rss_mb": 0.0, "uss_mb": 0.0})
                peak["rss_mb"] = max(peak["rss_mb"], round(info.rss / 2**20, 1))
                peak["uss_mb"] = max(peak["uss_mb"], round(info.uss / 2**20, 1))


@contextmanager
def gunicorn(workers: int, folder: Path) -> Iterator[tuple[int, int]]:
    """A real gunicorn (gunicorn.conf.py) with the cache off; yields (port, master pid)."""
    port, pid_file = free_port(), folder / f"gunicorn-{workers}.pid"
    env = {**os.environ, "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    env["NEWSMETRICS_CACHE_SIZE"] = "0"
    env["NEWSMETRICS_LOG_LEVEL"] = "WARNING"  # one log line per request would cost client-side CPU
    command = [
        str(GUNICORN),
        "-c",
        "gunicorn.conf.py",
        "--pid",
        str(pid_file),
        "service:create_app()",
    ]
    with (folder / f"gunicorn-{workers}.log").open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        wait_ready(port, process)
        yield port, int(pid_file.read_text())
    finally:
        os.kill(int(pid_file.read_text()) if pid_file.exists() else process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def wait_ready(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_WITHIN_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up; see its log")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn was not ready in time")


def in_process(texts: list[str]) -> dict:
    """Median in-process analyze() time per article, as the service calls it (seed reference)."""
    from scoring.analyze import analyze
    from scoring.resources import load_resources
    from service.scorer import fit_reference

    resources = load_resources()
    reference = fit_reference(resources, [(str(i), t) for i, t in enumerate(texts)])
    times = []
    for _ in range(IN_PROCESS_ROUNDS):
        for text in texts:
            started = time.perf_counter()
            analyze(text, resources=resources, reference=reference)
            times.append(time.perf_counter() - started)
    return {
        "articles": len(texts),
        "runs": len(times),
        "p50_ms": round(1000 * statistics.median(times), 1),
    }


def measure_server(workers: int, bodies: list[bytes], folder: Path, sustain: float) -> dict:
    with gunicorn(workers, folder) as (port, master):
        watch = MemoryWatch(master)
        watch.start()
        run(port, bodies * workers, workers)  # warm-up: every worker sees every article
        result = {"workers": workers, "latency_c1": run(port, bodies * LATENCY_ROUNDS, 1)}
        levels = [
            run(port, (bodies * REQUESTS_PER_LEVEL)[:REQUESTS_PER_LEVEL], c)
            for c in CONCURRENCY_LEVELS
        ]
        best = max(level["throughput_rps"] for level in levels)
        saturating = min(
            lv["concurrency"] for lv in levels if lv["throughput_rps"] >= SATURATED_SHARE * best
        )
        result |= {
            "throughput": levels,
            "saturated_rps": best,
            "saturating_concurrency": saturating,
        }
        if sustain:
            result["sustained"] = run(port, bodies, 2 * saturating, seconds=sustain)
        watch.done.set()
        watch.join()
        result["peak_memory_per_worker"] = list(watch.peaks.values())
        return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--sustain-seconds", type=float, default=60.0)
    parser.add_argument("--scratch", type=Path, default=ROOT / "artifacts" / "load")
    args = parser.parse_args(argv)
    args.scratch.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.seeds.glob("*.txt"))]
    bodies = [json.dumps({"text": text}).encode() for text in texts]
    load_before = os.getloadavg()
    baseline = in_process(texts)
    one = measure_server(1, bodies, args.scratch, 0)
    two = measure_server(2, bodies, args.scratch, args.sustain_seconds)
    ratio = one["latency_c1"]["p50_ms"] / baseline["p50_ms"]
    scaling = two["saturated_rps"] / one["saturated_rps"]
    figures = {
        # Other work on the machine takes cores from the workers: read the ratios with this.
        "machine": {
            "cpus": os.cpu_count(),
            "loadavg_1min_before": round(load_before[0], 2),
            "loadavg_1min_after": round(os.getloadavg()[0], 2),
        },
        "in_process": baseline,
        "servers": [one, two],
        "latency_ratio_c1": round(ratio, 3),
        "throughput_ratio_2_over_1": round(scaling, 3),
        "sustained_errors": two.get("sustained", {}).get("errors"),
        "floors": {
            "latency_ratio_c1_max": 1.15,
            "throughput_ratio_min": 1.7,
            "latency_ok": ratio <= 1.15,
            "throughput_ok": scaling >= 1.7,
            "errors_ok": two.get("sustained", {}).get("errors", 0) == 0,
        },
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
