"""Load test of the real service: gunicorn on 127.0.0.1 over the seed articles, printed as JSON.

    .venv/bin/python -m benchmarks.load [--seeds seeds] [--sustain-seconds 60]
    .venv/bin/python -m benchmarks.load --soak-seconds 600    # issue 11's soak instead
    .venv/bin/python -m benchmarks.load --limits [--news FILE] # the largest requests instead

Measures, with the report cache off (NEWSMETRICS_CACHE_SIZE=0, so every request is analysed):
- the in-process ``analyze()`` time of each seed article (the floor the service is compared with);
- for 1 and 2 workers: latency p50/p95/p99 at concurrency 1, throughput at rising concurrency;
- the ratio of the service's median latency at concurrency 1 to the in-process median (<= 1.15);
- the throughput ratio 2 workers / 1 worker at saturation (>= 1.7);
- a sustained run at twice the saturating concurrency on 2 workers, counting errors (0 expected);
- peak memory (RSS and unique USS) of each worker, sampled every 0.5 s.
With ``--soak-seconds``: 2 workers with the shipped settings (cache on, bounded in bytes), 4
clients for that long over a mix of drafts (each seed article with a new revision line, so each is
analysed) and 5% long quote-heavy interviews; prints 5xx, connection resets, p99 against the time
budget and the server's memory drift (the mean PSS of master and workers over the last tenth of
the run against the second tenth, after warm-up), plus an in-process check of what cached
reports cost against the bytes the cache counts.
With ``--limits``: 2 workers, cache off; for each text family of ``benchmarks/scaling.py``
(distinct real news included, read with ``--news``) one article at the 200,000-character limit
and one of the longest length the time budget admits (seconds and characters per second of the
whole request: the throughput behind NEWSMETRICS_CHARS_PER_SECOND), a batch of 20 articles at the
limit (over the body limit) and a batch of 20 articles of 100,000 characters (2.0 MB, just under
it), with each item's status.
Both servers run at once and take turns, interleaved with the in-process timing, so load from
elsewhere on the machine drifts into both sides of each ratio alike. The load generator shares the
machine's cores with the server: compare ratios, not absolute times, and read the load average.
"""

from __future__ import annotations

import argparse
import gc
import http.client
import json
import multiprocessing
import os
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

from benchmarks.scaling import DEFAULT_NEWS, FAMILIES, build, news_text
from scoring.analyze import analyze, fit_reference
from scoring.resources import load_resources
from service import config
from service.budget import TimeBudget
from service.cache import ReportCache
from tests.servers import gunicorn_server

ROOT = Path(__file__).resolve().parent.parent
# Rounds over the seed articles at concurrency 1 (5 seeds x 6 = 30 latencies per side).
LATENCY_ROUNDS = 6
# Requests per concurrency level and round when finding the throughput curve.
REQUESTS_PER_LEVEL = 12
THROUGHPUT_ROUNDS = 2
CONCURRENCY_LEVELS = (1, 2, 4)
# Throughput within this share of the best counts as saturated.
SATURATED_SHARE = 0.95
REQUEST_TIMEOUT_S = 120
MEMORY_SAMPLE_S = 0.5
# Loop length of the CPU probe: about one second of pure Python on these machines.
SPIN_COUNT = 20_000_000


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


@dataclass(frozen=True)
class Server:
    """A running gunicorn: its port, master pid and number of workers."""

    port: int
    master: int
    workers: int


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
    env = {
        "NEWSMETRICS_CACHE_SIZE": "0",
        # One log line per request would cost client-side CPU.
        "NEWSMETRICS_LOG_LEVEL": "WARNING",
    }
    with gunicorn_server(folder, workers=workers, env=env) as (base_url, master):
        yield int(base_url.rsplit(":", 1)[1]), master


class InProcess:
    """The library called directly, as the service calls it (seed reference), for comparison."""

    def __init__(self, texts: list[str]) -> None:
        self.resources = load_resources()
        self.reference = fit_reference(
            [(str(i), t) for i, t in enumerate(texts)], resources=self.resources
        )

    def time(self, text: str) -> float:
        started = time.perf_counter()
        analyze(text, resources=self.resources, reference=self.reference)
        return time.perf_counter() - started


def latency_rounds(local: InProcess, texts: list[str], bodies: list[bytes], ports: dict) -> dict:
    """Each article in-process, then on each server at concurrency 1, interleaved, so load from
    elsewhere on the machine drifts into both sides of the ratio alike."""
    times: dict[str, list[float]] = {"in_process": []} | {name: [] for name in ports}
    tallies = {name: Tally() for name in ports}
    for _ in range(LATENCY_ROUNDS):
        for text, body in zip(texts, bodies, strict=True):
            times["in_process"].append(local.time(text))
            for name, port in ports.items():
                client(port, [body], tallies[name])
                times[name].append(tallies[name].latencies[-1])
    in_process = statistics.median(times["in_process"])
    return {
        "in_process_p50_ms": round(1000 * in_process, 1),
        "servers": {name: summary(tallies[name], sum(times[name]), 1) for name in ports},
        "ratios_p50": {
            name: round(statistics.median(times[name]) / in_process, 3) for name in ports
        },
    }


def _spin(count: int) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(count):
        total += i * i
    return time.perf_counter() - started


def cpu_scaling() -> float:
    """How much faster two processes finish twice the pure-Python work of one (2.0 on two free
    cores): the most the 2-worker server can gain on this machine right now."""
    one = _spin(SPIN_COUNT)
    with multiprocessing.Pool(2) as pool:
        started = time.perf_counter()
        pool.map(_spin, [SPIN_COUNT, SPIN_COUNT])
        two = time.perf_counter() - started
    return round(2 * one / two, 2)


def worker_cpu_seconds(master: int) -> float:
    """CPU time (user + system) the server's workers have used so far."""
    total = 0.0
    for worker in psutil.Process(master).children():
        times = worker.cpu_times()
        total += times.user + times.system
    return total


def burst(server: Server, requests: list[bytes], concurrency: int) -> dict:
    """One throughput run, with how many cores the workers actually got meanwhile."""
    cpu_before = worker_cpu_seconds(server.master)
    result = run(server.port, requests, concurrency)
    cores = (worker_cpu_seconds(server.master) - cpu_before) / result["seconds"]
    return result | {"worker_cpu_cores": round(cores, 2)}


def throughput_rounds(bodies: list[bytes], servers: dict[str, Server]) -> dict:
    """Throughput at rising concurrency, the servers taking turns at each level and round."""
    requests = (bodies * REQUESTS_PER_LEVEL)[:REQUESTS_PER_LEVEL]
    levels: dict[str, dict[int, list[dict]]] = {name: {} for name in servers}
    for _ in range(THROUGHPUT_ROUNDS):
        for concurrency in CONCURRENCY_LEVELS:
            for name, server in servers.items():
                levels[name].setdefault(concurrency, []).append(
                    burst(server, requests, concurrency)
                )
    return {name: _best_level(levels[name], server.workers) for name, server in servers.items()}


def _best_level(by_level: dict[int, list[dict]], workers: int) -> dict:
    """Saturated throughput: the best level with at least one client per worker."""
    rps = {c: statistics.median(r["throughput_rps"] for r in runs) for c, runs in by_level.items()}
    cores = {
        c: statistics.median(r["worker_cpu_cores"] for r in runs) for c, runs in by_level.items()
    }
    eligible = {c: value for c, value in rps.items() if c >= workers}
    best = max(eligible.values())
    saturating = min(c for c, value in eligible.items() if value >= SATURATED_SHARE * best)
    return {
        "throughput_rps_by_concurrency": {str(c): round(v, 3) for c, v in rps.items()},
        "worker_cpu_cores_by_concurrency": {str(c): round(v, 2) for c, v in cores.items()},
        "errors": sum(r["errors"] for runs in by_level.values() for r in runs),
        "saturated_rps": round(best, 3),
        "saturating_concurrency": saturating,
    }


def measure(texts: list[str], bodies: list[bytes], folder: Path, sustain: float) -> dict:
    """Both servers up at once (an idle one costs no CPU); every comparison interleaved."""
    local = InProcess(texts)
    with gunicorn(1, folder) as (port1, master1), gunicorn(2, folder) as (port2, master2):
        watches = {"1_worker": MemoryWatch(master1), "2_workers": MemoryWatch(master2)}
        for watch in watches.values():
            watch.start()
        ports = {"1_worker": port1, "2_workers": port2}
        servers = {"1_worker": Server(port1, master1, 1), "2_workers": Server(port2, master2, 2)}
        for workers, port in ((1, port1), (2, port2)):
            run(port, bodies * workers, workers)  # warm-up: every worker sees every article
        result = {
            "latency_c1": latency_rounds(local, texts, bodies, ports),
            "throughput": throughput_rounds(bodies, servers),
        }
        concurrency = 2 * result["throughput"]["2_workers"]["saturating_concurrency"]
        if sustain:
            result["sustained_2_workers"] = run(port2, bodies, concurrency, seconds=sustain)
        for watch in watches.values():
            watch.done.set()
            watch.join()
        result["peak_memory_per_worker"] = {
            name: list(watch.peaks.values()) for name, watch in watches.items()
        }
        return result


# Soak (issue 11): 4 clients on 2 workers; 1 request in 20 is a long quote-heavy interview.
SOAK_CONCURRENCY = 4
LONG_SHARE = 20
LONG_INTERVIEW = (
    'Smith said, "We will not give up the fight." Jones told reporters: "The deal is dead." '
) * 600  # 52,800 characters
SOAK_SAMPLE_S = 2.0
DRIFT_FLOOR = 0.10


class SoakTally(Tally):
    """A Tally that also sorts failures: 5xx, connection resets, other."""

    def kinds(self) -> dict[str, int]:
        counts = {"5xx": 0, "reset": 0, "other": 0}
        for error in self.errors:
            kind = "5xx" if error.startswith("status 5") else "other"
            if "Reset" in error or "RemoteDisconnected" in error or "BrokenPipe" in error:
                kind = "reset"
            counts[kind] += 1
        return counts


def soak_client(port: int, number: int, texts: list[str], tally: Tally, stop: float) -> None:
    """Drafts until ``stop``: every 20th a long interview, the rest seed articles with a new
    revision line (never the same text twice, so every request is analysed)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
    i = 0
    while time.monotonic() < stop:
        i += 1
        base = LONG_INTERVIEW if (i + number * 5) % LONG_SHARE == 0 else texts[i % len(texts)]
        body = json.dumps({"text": f"{base}\nRevision {number}-{i}."}).encode()
        started = time.perf_counter()
        try:
            error = post(connection, body)
        except (OSError, http.client.HTTPException) as err:
            error = repr(err)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
        tally.add(time.perf_counter() - started, error)
    connection.close()


def server_pss_mb(master: int) -> float:
    """Memory of the whole server (master and workers), shared pages counted once (PSS)."""
    total = 0
    server = psutil.Process(master)
    for process in [server, *server.children()]:
        with suppress(psutil.Error):
            total += process.memory_full_info().pss
    return total / 2**20


def cache_memory(texts: list[str]) -> dict:
    """What cached reports cost, in process: the seed articles and a long interview analysed
    three times with nothing kept (the control), then three times kept in a ReportCache; the
    process's unique memory (USS) grown by each, against the bytes the cache counts."""
    resources = load_resources()
    articles = [*texts, LONG_INTERVIEW]

    def uss_after(keep: ReportCache | None, tag: str) -> float:
        for i, text in enumerate(articles * 3):
            report = analyze(f"{text}\nRevision {tag}{i}.", resources=resources)
            if keep is not None:
                keep.put(i, report)
            del report
        gc.collect()
        return psutil.Process().memory_full_info().uss

    uss_after(None, "w")  # warm-up: the allocator's high-water mark of one analysis
    start = psutil.Process().memory_full_info().uss
    control = uss_after(None, "c")
    cache = ReportCache(10_000, max_bytes=2**40)
    kept = uss_after(cache, "k")
    return {
        "reports": len(cache),
        "cache_bytes_mb": round(cache.bytes / 2**20, 2),
        "uss_growth_control_mb": round((control - start) / 2**20, 1),
        "uss_growth_keeping_mb": round((kept - control) / 2**20, 1),
    }


def soak(texts: list[str], folder: Path, seconds: float) -> dict:
    """Issue 11's soak: 2 workers, shipped settings, the mix above, for ``seconds``."""
    with gunicorn_server(folder, workers=2, env={"NEWSMETRICS_LOG_LEVEL": "WARNING"}) as (
        base_url,
        master,
    ):
        port = int(base_url.rsplit(":", 1)[1])
        tally = SoakTally()
        stop = time.monotonic() + seconds
        threads = [
            threading.Thread(target=soak_client, args=(port, n, texts, tally, stop))
            for n in range(SOAK_CONCURRENCY)
        ]
        for thread in threads:
            thread.start()
        samples = []
        while time.monotonic() < stop:
            samples.append(server_pss_mb(master))
            time.sleep(SOAK_SAMPLE_S)
        for thread in threads:
            thread.join()
    tenth = max(1, len(samples) // 10)
    early = statistics.mean(samples[tenth : 2 * tenth])
    late = statistics.mean(samples[-tenth:])
    budget_ms = 1000 * float(config.TIME_BUDGET)
    p99 = percentile(tally.latencies, 0.99) * 1000
    return {
        **summary(tally, seconds, SOAK_CONCURRENCY),
        "failures": tally.kinds(),
        "p99_ms_vs_budget_ms": [round(p99, 1), budget_ms],
        "server_pss_mb": {
            "early": round(early, 1),
            "late": round(late, 1),
            "peak": round(max(samples), 1),
        },
        "memory_drift": round(late / early - 1, 3),
        "floors": {
            "no_5xx": tally.kinds()["5xx"] == 0,
            "no_resets": tally.kinds()["reset"] == 0,
            "p99_under_budget": p99 < budget_ms,
            "memory_flat_10pct": abs(late / early - 1) <= DRIFT_FLOOR,
        },
    }


LIMIT_CHARS = 200_000
BATCH_ITEMS = 20
HALF_CHARS = 100_000


def timed_post(base_url: str, path: str, payload: dict) -> tuple[int, float, dict | None]:
    """POST and time one request (httpx: it still reads the 413 when the server refuses a body
    before reading it and closes, where http.client fails with a broken pipe)."""
    body = json.dumps(payload).encode()
    started = time.perf_counter()
    response = httpx.post(
        base_url + path, content=body, headers={"Content-Type": "application/json"}, timeout=300
    )
    seconds = time.perf_counter() - started
    parsed = response.json() if path.endswith("batch") and response.status_code == 200 else None
    return response.status_code, round(seconds, 2), parsed


def limits(folder: Path, news: Path | None) -> dict:
    """The largest requests the service accepts, timed end to end on a real gunicorn: for each
    text family (and distinct real news from ``news``, if given), one article at the text limit
    and one of the longest length the time budget admits; then two full batches."""
    figures: dict = {}
    admitted = TimeBudget(
        float(config.TIME_BUDGET), float(config.CHARS_PER_SECOND), float(config.ITEM_OVERHEAD_S)
    ).largest_article()
    makers: dict[str, Callable[[int], str]] = {
        name: (lambda chars, unit=unit: build(unit, chars)[:chars])
        for name, unit in FAMILIES.items()
    }
    if news is not None and news.exists():
        makers["news"] = lambda chars: news_text(news, chars)
    with gunicorn_server(folder, workers=2, env={"NEWSMETRICS_CACHE_SIZE": "0"}) as (url, _):
        for name, make in makers.items():
            for label, chars in (("limit", LIMIT_CHARS), ("largest_admitted", admitted)):
                text = make(min(chars, LIMIT_CHARS))
                status, seconds, _ = timed_post(url, "/v1/analyze", {"text": text})
                figures[f"{label}_{name}"] = {
                    "chars": len(text),
                    "status": status,
                    "seconds": seconds,
                    "chars_per_second": round(len(text) / seconds),
                }
        for chars in (LIMIT_CHARS, HALF_CHARS):
            text = build(FAMILIES["interview"], chars)[:chars]
            items = [{"text": f"{text[:-4]}{i:4d}"} for i in range(BATCH_ITEMS)]
            status, seconds, body = timed_post(url, "/v1/analyze/batch", {"items": items})
            statuses = Counter(str(item["status"]) for item in body["items"]) if body else {}
            figures[f"batch_{BATCH_ITEMS}x{chars}"] = {
                "status": status,
                "seconds": seconds,
                "item_statuses": dict(statuses),
            }
    figures["time_budget_s"] = float(config.TIME_BUDGET)
    figures["chars_per_second_setting"] = float(config.CHARS_PER_SECOND)
    figures["largest_admitted_chars"] = admitted
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--sustain-seconds", type=float, default=60.0)
    parser.add_argument("--soak-seconds", type=float, default=0.0)
    parser.add_argument("--limits", action="store_true")
    parser.add_argument(
        "--news", type=Path, default=DEFAULT_NEWS, help="JSON Lines of articles, for --limits"
    )
    parser.add_argument("--scratch", type=Path, default=ROOT / "artifacts" / "load")
    args = parser.parse_args(argv)
    args.scratch.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.seeds.glob("*.txt"))]
    if args.limits:
        print(json.dumps(limits(args.scratch, args.news), indent=2))
        return
    if args.soak_seconds:
        figures = {"soak": soak(texts, args.scratch, args.soak_seconds)}
        figures["cache_memory"] = cache_memory(texts)
        print(json.dumps(figures, indent=2))
        return
    bodies = [json.dumps({"text": text}).encode() for text in texts]
    load_before = os.getloadavg()[0]
    scaling_before = cpu_scaling()
    result = measure(texts, bodies, args.scratch, args.sustain_seconds)
    ratio = result["latency_c1"]["ratios_p50"]["1_worker"]
    throughput = result["throughput"]
    scaling = throughput["2_workers"]["saturated_rps"] / throughput["1_worker"]["saturated_rps"]
    errors = result.get("sustained_2_workers", {}).get("errors", 0)
    figures = {
        # Other work on the machine takes cores from the workers: read the ratios with this.
        "machine": {
            "cpus": os.cpu_count(),
            "loadavg_1min_before": round(load_before, 2),
            "loadavg_1min_after": round(os.getloadavg()[0], 2),
            "cpu_scaling_2_processes_before": scaling_before,
            "cpu_scaling_2_processes_after": cpu_scaling(),
        },
        **result,
        "latency_ratio_c1": ratio,
        "throughput_ratio_2_over_1": round(scaling, 3),
        "sustained_errors": errors,
        "floors": {
            "latency_ratio_c1_max": 1.15,
            "throughput_ratio_min": 1.7,
            "latency_ok": ratio <= 1.15,
            "throughput_ok": scaling >= 1.7,
            "errors_ok": errors == 0,
        },
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
