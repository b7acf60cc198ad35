"""The real thing: gunicorn with gunicorn.conf.py serves the app; started and stopped by PID."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from tests.service.conftest import ARTICLE, ROOT

GUNICORN = Path(sys.executable).with_name("gunicorn")
READY_WITHIN_S = 90
WORKERS = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_WITHIN_S
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited before it was ready"
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"gunicorn was not ready within {READY_WITHIN_S} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    folder = tmp_path_factory.mktemp("gunicorn")
    pid_file = folder / "gunicorn.pid"
    port = free_port()
    env = {**os.environ, "PORT": str(port), "WEB_CONCURRENCY": str(WORKERS)}
    command = [
        str(GUNICORN),
        "-c",
        "gunicorn.conf.py",
        "--pid",
        str(pid_file),
        "service:create_app()",
    ]
    with (folder / "server.log").open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        wait_ready(f"http://127.0.0.1:{port}", process)
        yield f"http://127.0.0.1:{port}", int(pid_file.read_text())
    finally:
        if process.poll() is None:  # gone already when start-up failed
            os.kill(int(pid_file.read_text()) if pid_file.exists() else process.pid, signal.SIGTERM)
        process.wait(timeout=60)


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
