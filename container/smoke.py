"""Talk to a running newsmetrics container the way a CMS would, and fail loudly if it answers wrong.

Used by container/check.sh after the container is healthy; standard library only, so it runs with
any Python 3.11 on the host. Checks, in order: the health and readiness routes (no key needed);
that /v1 refuses a request without the API key (401 problem details); that a malformed body gets a
4xx problem, never a 500; then POSTs every seed article (the first is checked field by field: actors,
sentiment, hedging and attribution figures, the comparison with the seed baseline), which also
warms every worker up before the memory reading.

    python3 container/smoke.py --url http://127.0.0.1:8000 --key KEY seeds/*.txt
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A request to a warmed-up service takes well under a second; the first one per worker can take a
# few seconds more (lazy pipeline pages). Anything above this means the container is unhealthy.
REQUEST_TIMEOUT_S = 60.0
PROBLEM_TYPE = "application/problem+json"
BANDS = {"low", "typical", "high"}


class CheckFailed(Exception):
    """One expectation about the container's answers did not hold."""


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: Any


def call(url: str, method: str = "GET", payload: object = None, key: str | None = None) -> Reply:
    """One HTTP request; the JSON body decoded (None when the body is not JSON)."""
    data = None if payload is None else json.dumps(payload).encode()
    headers = {"Accept": "application/json"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    if key:
        headers["Authorization"] = f"Bearer {key}"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:
            status, content_type, raw = response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as err:
        status, content_type, raw = err.code, err.headers["Content-Type"], err.read()
    try:
        body = json.loads(raw)
    except ValueError:
        body = None
    return Reply(status, content_type or "", body)


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_health(base: str) -> None:
    for route in ("/healthz", "/readyz"):
        reply = call(base + route)
        expect(reply.status == 200, f"GET {route} answered {reply.status}")
        print(f"ok   GET {route} -> 200 {json.dumps(reply.body)}")


def check_refusals(base: str, key: str | None, text: str) -> None:
    if key:
        reply = call(base + "/v1/analyze", "POST", {"text": text})
        expect(reply.status == 401, f"POST /v1/analyze without a key answered {reply.status}")
        expect(reply.content_type.startswith(PROBLEM_TYPE), f"401 came as {reply.content_type}")
        print("ok   POST /v1/analyze without the API key -> 401 problem details")
    reply = call(base + "/v1/analyze", "POST", {"text": 42}, key)
    expect(400 <= reply.status < 500, f"a malformed body answered {reply.status}")
    expect(reply.content_type.startswith(PROBLEM_TYPE), f"{reply.status} came as {reply.content_type}")
    print(f"ok   POST /v1/analyze with text=42 -> {reply.status} problem details")


def check_report(report: dict[str, Any]) -> None:
    """The scored JSON of one seed article: the fields a CMS shows must be there and filled."""
    actors = report.get("actors")
    expect(isinstance(actors, list) and len(actors) > 0, "no actors in the report")
    expect(all(isinstance(a.get("name"), str) for a in actors), "an actor has no name")
    sentiment = report.get("sentiment")
    expect(isinstance(sentiment, list) and len(sentiment) > 0, "no sentiment toward any actor")
    expect(all("toward" in s and "by" in s for s in sentiment), "sentiment lacks toward/by")
    hedging = report.get("hedging") or {}
    for field in ("per_100_words", "hedged_sentence_share"):
        expect(number(hedging.get(field)), f"hedging.{field} missing or not a number")
    attribution = report.get("attribution") or {}
    for field in ("per_100_words", "sentence_share", "distinct_sources"):
        expect(number(attribution.get(field)), f"attribution.{field} missing or not a number")
    check_comparison(report.get("comparison"))
    expect(isinstance(report.get("versions"), dict), "no versions in the report")
    print(
        f"ok   report: {len(actors)} actors, {len(sentiment)} with sentiment, "
        f"hedging {hedging['per_100_words']:.2f}/100 words, "
        f"attribution {attribution['per_100_words']:.2f}/100 words, "
        f"{attribution['distinct_sources']} distinct sources"
    )


def check_comparison(comparison: object) -> None:
    """The baseline: the seed reference set, every metric placed in it with a band."""
    expect(isinstance(comparison, dict), "no comparison with the reference set")
    assert isinstance(comparison, dict)
    reference = comparison.get("reference") or {}
    expect(isinstance(reference.get("size"), int) and reference["size"] > 0, "empty reference set")
    metrics = comparison.get("metrics")
    expect(isinstance(metrics, list) and len(metrics) > 0, "no metric compared with the reference")
    ids = " ".join(str(m.get("id")) for m in metrics)
    expect("hedg" in ids and "attribut" in ids, f"hedging/attribution not compared: {ids}")
    for metric in metrics:
        expect(metric.get("band") in BANDS, f"metric {metric.get('id')} has band {metric.get('band')}")
        expect(isinstance(metric.get("reference"), dict), f"metric {metric.get('id')} has no reference")
    print(
        f"ok   comparison: reference {reference.get('name')!r} of {reference['size']} articles, "
        f"{len(metrics)} metrics with bands"
    )


def analyze_seeds(base: str, key: str | None, seeds: list[Path]) -> None:
    for index, path in enumerate(seeds):
        text = path.read_text(encoding="utf-8")
        started = time.perf_counter()
        reply = call(base + "/v1/analyze", "POST", {"text": text, "id": path.stem}, key)
        elapsed = time.perf_counter() - started
        expect(reply.status == 200, f"POST /v1/analyze {path.name} answered {reply.status}: {reply.body}")
        expect(reply.content_type.startswith("application/json"), f"200 came as {reply.content_type}")
        print(f"ok   POST /v1/analyze {path} -> 200 in {elapsed:.2f} s")
        if index == 0:
            check_report(reply.body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="base URL of the running service")
    parser.add_argument("--key", default=None, help="the API key the container was started with")
    parser.add_argument("seeds", nargs="+", type=Path, help="articles to POST (the first is checked)")
    args = parser.parse_args(argv)
    base = args.url.rstrip("/")
    try:
        check_health(base)
        check_refusals(base, args.key, args.seeds[0].read_text(encoding="utf-8"))
        analyze_seeds(base, args.key, args.seeds)
    except CheckFailed as failure:
        print(f"FAIL {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
