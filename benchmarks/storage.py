"""Reference sets and storage, measured (issue 14). Prints aggregates as JSON lines; reads BASIL
dev by path and never writes its text anywhere but the scratch databases it deletes.

    .venv/bin/python -m benchmarks.storage bands        [--data PATH]
    .venv/bin/python -m benchmarks.storage compare      [--size 1000]
    .venv/bin/python -m benchmarks.storage fit          [--size 1000]
    .venv/bin/python -m benchmarks.storage load         [--requests 1000] [--postgres URL]

- ``bands``: a reference of 60 BASIL dev articles (20 per outlet) and 30 held back (10 per
  outlet): the share of low/high bands over every metric and held-back article. The band
  definition for a set this large (below the 5th / above the 95th percentile) implies about 10%
  for a continuous metric drawn like the reference, less for metrics with ties (many zeros).
- ``compare``: the cost of comparing one analysed article with a reference of ``size`` articles
  (the seeds and BASIL dev texts repeated, each with a varied line), comparison plus the API
  response's dump, against no comparison: milliseconds per request (target <= 5 ms).
- ``fit``: a ``size``-article reference (repeated texts with varied lines) fitted through the real
  service (2 gunicorn workers, SQLite): POST, poll until ready, against the time to analyse the
  same articles in-process before and after (target <= 1.2x), in wall and in CPU seconds (the
  workers' own, from /proc); then the server is restarted and the set must be ready at once, not
  refitted. Run it from a checkout nobody edits meanwhile: a lexicon or catalogue changed under a
  running fit is a new version, and the restarted server rightly refits.
- ``load``: 2 gunicorn workers, ``requests`` PUT /v1/articles/{id} at concurrency 4 (short
  drafts: the first paragraph of BASIL dev articles with a revision line), against SQLite and,
  with ``--postgres``, PostgreSQL: errors, revisions counted back from the database (lost or
  duplicated), and at concurrency 1 the median PUT latency (full articles, new revisions)
  against the in-process ``analyze()`` of the same texts (target <= 1.15).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from scoring.analyze import ArticleInput, analyze, analyze_batch, fit_reference
from scoring.folder import read_folder
from scoring.reference import ReferenceSet
from scoring.reference.estimator import article_figures
from scoring.resources import load_resources
from service.bodies import dump_article
from service.models import ArticleMeta, ArticleResult, Options
from service.schemas import AnalyzeResponseSchema
from service.storage import Database
from service.storage import articles as stored_articles
from tests.servers import gunicorn_server

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "actors" / "basil_actors_dev.jsonl"
POLL_S = 0.5


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _varied(texts: list[str], size: int) -> list[str]:
    """``size`` texts: the given ones in turn, each with a line that makes it distinct."""
    return [
        f"{texts[i % len(texts)]}\n\nRevision note {i}: filed by desk {i % 7}." for i in range(size)
    ]


def _print(name: str, figures: dict[str, Any]) -> None:
    print(json.dumps({"benchmark": name, **figures}))


def bands(args: argparse.Namespace) -> None:
    resources = load_resources()
    records = _records(args.data)
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_outlet.setdefault(record["source"], []).append(record)
    fit = [r for rs in by_outlet.values() for r in rs[:20]]
    held = [r for rs in by_outlet.values() for r in rs[20:]]
    reference = fit_reference(
        [(r["id"], r["text"]) for r in fit], resources=resources, name="basil"
    )
    counts: Counter[str] = Counter()
    per_metric: dict[str, Counter[str]] = {}
    for record in held:
        comparison = analyze(record["text"], resources=resources, reference=reference).comparison
        assert comparison is not None
        for metric in comparison.metrics:
            counts[metric.band] += 1
            per_metric.setdefault(metric.id, Counter())[metric.band] += 1
    total = sum(counts.values())
    _print(
        "bands",
        {
            "reference_articles": len(fit),
            "held_back_articles": len(held),
            "bands": total,
            "low_share": round(counts["low"] / total, 3),
            "high_share": round(counts["high"] / total, 3),
            "low_or_high_share": round((counts["low"] + counts["high"]) / total, 3),
            "implied_by_definition": "0.10 (5% a side) if continuous; less with ties",
            "by_metric": {
                id: round((c["low"] + c["high"]) / sum(c.values()), 2)
                for id, c in per_metric.items()
            },
        },
    )


def _corpus(args: argparse.Namespace) -> list[str]:
    seeds = [text for _, text in read_folder(ROOT / "seeds")]
    return seeds + [r["text"] for r in _records(args.data)]


def compare(args: argparse.Namespace) -> None:
    resources = load_resources()
    texts = _corpus(args)
    reports = analyze_batch([ArticleInput(text=t) for t in texts], resources=resources)
    figures = [article_figures(r.analysis) for r in reports if not isinstance(r, Exception)]
    varied = _varied(texts, args.size)
    large = [
        dataclasses.replace(figures[i % len(figures)], text=varied[i]) for i in range(args.size)
    ]
    sets = {
        "with": ReferenceSet(name="large").fit_figures(large),
        "seeds": ReferenceSet(name="seeds").fit_figures(figures[:5]),
        "without": None,
    }
    probes = [r for r in reports[:40] if not isinstance(r, Exception)]
    timings: dict[str, list[float]] = {side: [] for side in sets}
    cpu: dict[str, list[float]] = {side: [] for side in sets}
    for _ in range(3):
        for report in probes:
            for side, reference in sets.items():
                started, cpu_started = time.perf_counter(), time.thread_time()
                comparison = reference.compare(report.analysis) if reference else None
                scored = dataclasses.replace(report, comparison=comparison)
                dump_article(
                    ArticleResult(ArticleMeta(), Options(), scored, False), AnalyzeResponseSchema
                )
                timings[side].append(time.perf_counter() - started)
                cpu[side].append(time.thread_time() - cpu_started)
    median = {side: 1000 * statistics.median(values) for side, values in timings.items()}
    median_cpu = {side: 1000 * statistics.median(values) for side, values in cpu.items()}
    figures_out = {
        "reference_articles": args.size,
        "requests": len(timings["with"]),
        "median_ms_with_large_set": round(median["with"], 2),
        "median_ms_with_seeds": round(median["seeds"], 2),
        "median_ms_without_comparison": round(median["without"], 2),
        "extra_ms_large_set_vs_seeds": round(median["with"] - median["seeds"], 2),
        "extra_ms_large_set_vs_none": round(median["with"] - median["without"], 2),
        # CPU time of this thread: what a request costs, whatever else the machine is doing
        "cpu_ms_with_large_set": round(median_cpu["with"], 2),
        "cpu_ms_without_comparison": round(median_cpu["without"], 2),
        "extra_cpu_ms_large_set_vs_none": round(median_cpu["with"] - median_cpu["without"], 2),
        "target_ms": 5,
    }
    _print("compare", figures_out)


def _wait_ready(client: httpx.Client, name: str, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/v1/references/{name}").json()
        if body["status"] != "fitting":
            return body
        time.sleep(POLL_S)
    raise RuntimeError(f"{name} not fitted within {timeout} s")


def _cpu_seconds(master: int) -> float:
    """CPU seconds (user + system) used so far by a gunicorn master's live worker processes."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for task in Path(f"/proc/{master}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue  # a worker that just exited
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def _analyse_in_process(texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds to analyse ``texts`` with ``analyze_batch`` in this process."""
    resources = load_resources()
    wall, cpu = time.perf_counter(), time.process_time()
    analyze_batch([ArticleInput(text=t) for t in texts], resources=resources)
    return time.perf_counter() - wall, time.process_time() - cpu


def fit(args: argparse.Namespace) -> None:
    """In-process analysis before and after the service's fit (A-B-A, so a change in the
    machine's load shows as a difference between the two A runs), and CPU seconds beside wall
    seconds: on a shared machine the CPU ratio is the steadier figure."""
    texts = _varied(_corpus(args), args.size)
    before_wall, before_cpu = _analyse_in_process(texts)
    body = {"name": "large", "articles": [{"id": f"a-{i}", "text": t} for i, t in enumerate(texts)]}
    with tempfile.TemporaryDirectory() as folder:
        env = {"NEWSMETRICS_DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"}
        with (
            gunicorn_server(Path(folder), workers=2, env=env) as (url, master),
            httpx.Client(base_url=url, timeout=600) as client,
        ):
            client.get("/v1/references")  # both workers up and the tables made
            cpu_start = _cpu_seconds(master)
            started = time.perf_counter()
            answer = client.post("/v1/references", json=body)
            fitted = _wait_ready(client, "large", timeout=20 * before_wall + 600)
            service_s = time.perf_counter() - started
            service_cpu = _cpu_seconds(master) - cpu_start
        with (
            gunicorn_server(Path(folder), workers=2, env=env) as (url, _),
            httpx.Client(base_url=url, timeout=600) as client,
        ):
            started = time.perf_counter()
            after = client.get("/v1/references/large").json()
            restart_s = time.perf_counter() - started
    after_wall, after_cpu = _analyse_in_process(texts)
    wall = (before_wall + after_wall) / 2
    cpu = (before_cpu + after_cpu) / 2
    _print(
        "fit",
        {
            "reference_articles": args.size,
            "post_status": answer.status_code,
            "status": fitted["status"],
            "in_process_analysis_s": [round(before_wall, 1), round(after_wall, 1)],
            "in_process_cpu_s": [round(before_cpu, 1), round(after_cpu, 1)],
            "service_fit_s": round(service_s, 1),
            "service_fit_cpu_s": round(service_cpu, 1),
            "ratio": round(service_s / wall, 3),
            "cpu_ratio": round(service_cpu / cpu, 3),
            "target_ratio": 1.2,
            "after_restart_status": after["status"],
            "after_restart_same_version": after["version"] == fitted["version"],
            "after_restart_answer_s": round(restart_s, 2),
        },
    )


def _put_all(
    url: str, bodies: list[tuple[str, dict[str, Any]]], concurrency: int
) -> dict[str, Any]:
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    queue = list(reversed(bodies))

    def worker() -> None:
        with httpx.Client(base_url=url, timeout=300) as client:
            while True:
                with lock:
                    if not queue:
                        return
                    article_id, body = queue.pop()
                started = time.perf_counter()
                try:
                    status = client.put(f"/v1/articles/{article_id}", json=body).status_code
                except httpx.HTTPError:
                    status = -1
                with lock:
                    statuses[status] += 1
                    latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "statuses": dict(statuses),
        "seconds": time.perf_counter() - started,
        "latencies": latencies,
    }


def _drafts(records: list[dict[str, Any]], count: int) -> list[tuple[str, dict[str, Any]]]:
    """``count`` PUTs over 100 articles, 10 drafts each: a paragraph and a revision line; every
    fifth PUT repeats the previous draft of that article (the same revision, from storage)."""
    paragraphs = [r["text"].split("\n\n")[0] for r in records]
    puts = []
    for n in range(count):
        article = n % 100
        draft = n // 100 if n % 5 else max(0, n // 100 - 1)
        text = (
            f"{paragraphs[article % len(paragraphs)]}\n\nUpdated draft {draft} of story {article}."
        )
        puts.append((f"story-{article}", {"text": text}))
    return puts


def _expected_revisions(puts: list[tuple[str, dict[str, Any]]]) -> int:
    return len({(article_id, body["text"]) for article_id, body in puts})


def _engine_load(
    name: str,
    db_url: str,
    args: argparse.Namespace,
    records: list,
    resources: Any,
    latency_texts: list[str],
) -> None:
    puts = _drafts(records, args.requests)
    with tempfile.TemporaryDirectory() as folder:
        env = {"NEWSMETRICS_DATABASE_URL": db_url, "NEWSMETRICS_CACHE_SIZE": "0"}
        with gunicorn_server(Path(folder), workers=2, env=env) as (url, _):
            loaded = _put_all(url, puts, concurrency=4)
            single, local = _alternating(url, latency_texts, resources)
    db = Database(db_url)
    articles, revisions = stored_articles.counts(db)
    expected = _expected_revisions(puts)
    ok = sum(n for status, n in loaded["statuses"].items() if status in (200, 201))
    service_ms = 1000 * statistics.median(single)
    local_ms = 1000 * statistics.median(local)
    _print(
        "load",
        {
            "engine": name,
            "requests": len(puts),
            "concurrency": 4,
            "statuses": loaded["statuses"],
            "errors": len(puts) - ok,
            "requests_per_second": round(len(puts) / loaded["seconds"], 1),
            "revisions_expected": expected + len(latency_texts),
            "revisions_stored": revisions,
            "lost_or_duplicated": abs(revisions - expected - len(latency_texts)),
            "articles_stored": articles,
            "put_median_ms_concurrency_1": round(service_ms, 1),
            "in_process_median_ms": round(local_ms, 1),
            "latency_ratio": round(service_ms / local_ms, 3),
            "target_ratio": 1.15,
        },
    )


def _alternating(url: str, texts: list[str], resources: Any) -> tuple[list[float], list[float]]:
    """Each text PUT as a new revision (concurrency 1), then analysed in-process with the same
    reference (the seeds), in turn: load elsewhere on the machine falls on both sides alike."""
    service, local = [], []
    with httpx.Client(base_url=url, timeout=300) as client:
        for number, text in enumerate(texts):
            started = time.perf_counter()
            answer = client.put(f"/v1/articles/latency-{number}", json={"text": text})
            service.append(time.perf_counter() - started)
            assert answer.status_code == 201, answer.text
            started = time.perf_counter()
            analyze(text, resources=resources[0], reference=resources[1])
            local.append(time.perf_counter() - started)
    return service, local


def load(args: argparse.Namespace) -> None:
    records = _records(args.data)
    latency_texts = [f"{r['text']}\n\nLatency draft {i}." for i, r in enumerate(records[:20])]
    loaded = load_resources()
    resources = (loaded, fit_reference(read_folder(ROOT / "seeds"), resources=loaded))
    with tempfile.TemporaryDirectory() as folder:
        _engine_load(
            "sqlite", f"sqlite:///{folder}/load.sqlite3", args, records, resources, latency_texts
        )
    if args.postgres:
        from tests.service.storage.conftest import _emptied

        _emptied(args.postgres)
        _engine_load("postgresql", args.postgres, args, records, resources, latency_texts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["bands", "compare", "fit", "load"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--postgres", help="a PostgreSQL URL to load too (emptied first)")
    args = parser.parse_args()
    {"bands": bands, "compare": compare, "fit": fit, "load": load}[args.what](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
