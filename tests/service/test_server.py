"""The real thing: gunicorn with gunicorn.conf.py serves the app; started and stopped by PID."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from tests.servers import gunicorn_server
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
