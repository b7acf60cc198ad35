"""The real thing: gunicorn with gunicorn.conf.py serves the app; started and stopped by PID."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil
import pytest

from service.problems import TYPE_PREFIX
from tests.servers import gunicorn_server, is_ready
from tests.service.conftest import ARTICLE, ROOT

WORKERS = 2


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """Base URL and master PID of a real gunicorn with two workers."""
    with gunicorn_server(tmp_path_factory.mktemp("gunicorn"), workers=WORKERS) as running:
        yield running


@pytest.mark.server
def test_gunicorn_serves_scored_reports(server: tuple[str, int]) -> None:
    base, _ = server
    response = httpx.post(
        f"{base}/v1/analyze", json={"text": ARTICLE}, headers={"X-Request-ID": "srv-1"}, timeout=60
    )
    assert response.status_code == 200
    assert response.headers["X-Request-ID"] == "srv-1"
    assert response.json()["comparison"]["reference"]["name"] == "seeds"


@pytest.mark.server
def test_gunicorn_answers_errors_as_problems(server: tuple[str, int]) -> None:
    base, _ = server
    response = httpx.post(f"{base}/v1/analyze", content=b"text", timeout=10)
    assert response.status_code == 415
    assert response.headers["content-type"] == "application/problem+json"
    too_large = httpx.post(
        f"{base}/v1/analyze",
        content=b"{" + b" " * (2 * 1024 * 1024) + b"}",
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert too_large.status_code == 413


@pytest.mark.server
def test_gunicorn_runs_the_configured_workers_from_one_preloaded_master(
    server: tuple[str, int],
) -> None:
    _, pid = server
    master = psutil.Process(pid)
    assert len(master.children()) == WORKERS
    assert httpx.get(f"{server[0]}/openapi.yaml", timeout=10).text.startswith("openapi: 3.1")


@pytest.mark.server
def test_gunicorn_honours_the_contract(server: tuple[str, int], tmp_path: Path) -> None:
    """schemathesis (every check) against the real server: no server error, no spec violation."""
    base, _ = server
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(ROOT / "tests" / "schemathesis.toml"),
        "run",
        str(ROOT / "openapi.yaml"),
        "--url",
        base,
        "--checks",
        "all",
        "--max-examples",
        "25",
        "--seed",
        "1",
    ]
    # From a scratch folder, so no stray schemathesis.toml is read and nothing is left behind.
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "passed" in result.stdout


@pytest.mark.server
def test_gunicorn_refuses_a_chunked_body_over_the_limit(server: tuple[str, int]) -> None:
    base, _ = server

    def body() -> Iterator[bytes]:  # a generator: httpx sends it chunked, with no length
        yield b'{"text": "'
        for _ in range(3):
            yield b"word " * (1024 * 1024 // 5)
        yield b'"}'

    response = httpx.post(
        f"{base}/v1/analyze",
        content=body(),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.server
@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        pytest.param(b"GARBAGE\r\n\r\n", 400, id="bad-request-line"),
        pytest.param(b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n", 414, id="uri-too-long"),
        pytest.param(
            b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
            400,
            id="bad-chunk-size",
        ),
    ],
)
def test_what_gunicorn_answers_itself_is_a_problem_too(
    server: tuple[str, int], request_bytes: bytes, status: int
) -> None:
    host, port = server[0].removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request_bytes)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} ".encode())
    assert b"Content-Type: application/problem+json" in head
    assert b"X-Content-Type-Options: nosniff" in head
    problem = json.loads(body)
    assert problem["status"] == status and problem["type"].startswith(TYPE_PREFIX)


# SIGTERM under load: clients stop sending once /readyz turns 503 (a load balancer's part).
DRAIN_S = 2.0
LOAD_S = 2.0
CLIENTS = 3
# An article that takes a few seconds: sent at SIGTERM, still in flight when the drain ends.
LONG_ARTICLE = (
    'Smith said, "We will not give up the fight." Jones told reporters: "The deal is dead." ' * 500
)


@dataclass
class Counts:
    sent: int = 0
    answered: int = 0
    after_term: int = 0
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _client(
    base: str, number: int, moved: threading.Event, termed: threading.Event, counts: Counts
) -> None:
    i = 0
    while not moved.is_set():
        i += 1
        text = f"{ARTICLE} Client {number} draft {i}."  # distinct: analysed, not cached
        _post(base, text, termed, counts)


def _post(base: str, text: str, termed: threading.Event, counts: Counts) -> None:
    with counts.lock:
        counts.sent += 1
    try:
        response = httpx.post(
            f"{base}/v1/analyze", json={"text": text, "options": {"evidence": False}}, timeout=60
        )
        ok, what = response.status_code == 200, f"status {response.status_code}"
    except httpx.HTTPError as err:
        ok, what = False, f"{type(err).__name__}: {err}"
    with counts.lock:
        counts.answered += ok
        counts.after_term += ok and termed.is_set()
        if not ok:
            counts.failures.append(what)


def _watch(base: str, moved: threading.Event) -> None:
    """The load balancer's health check: traffic moves once /readyz stops answering 200."""
    while not is_ready(base):
        time.sleep(0.05)
    while is_ready(base):
        time.sleep(0.1)
    moved.set()


@pytest.mark.server
def test_sigterm_under_load_drains_without_losing_a_request(tmp_path: Path) -> None:
    env = {"NEWSMETRICS_DRAIN_SECONDS": str(DRAIN_S)}
    with gunicorn_server(tmp_path, workers=WORKERS, env=env) as (base, pid):
        moved, termed, counts = threading.Event(), threading.Event(), Counts()
        threads = [threading.Thread(target=_watch, args=(base, moved))]
        threads += [
            threading.Thread(target=_client, args=(base, n, moved, termed, counts))
            for n in range(CLIENTS)
        ]
        threads.append(
            threading.Thread(
                target=lambda: (termed.wait(), _post(base, LONG_ARTICLE, termed, counts))
            )
        )
        for thread in threads:
            thread.start()
        time.sleep(LOAD_S)
        termed_at = time.monotonic()
        os.kill(pid, signal.SIGTERM)
        termed.set()
        assert moved.wait(timeout=10), "/readyz never turned 503 after SIGTERM"
        moved_after = time.monotonic() - termed_at
        for thread in threads:
            thread.join(timeout=120)
        assert psutil.Process(pid).wait(timeout=60) == 0
    assert counts.failures == [], counts.failures
    assert counts.answered == counts.sent
    assert counts.after_term >= 1  # served during the drain (and the long one after it)
    assert moved_after < DRAIN_S
