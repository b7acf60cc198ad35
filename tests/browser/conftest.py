"""Browser tests: a real gunicorn server and the system Chromium driven by Playwright.

Chromium comes from the system (``apt-get install chromium``), never from ``playwright install``
(it downloads a browser, which these machines cannot). A missing browser or Playwright fails the
tests with a message saying what to install: CI installs both, so a skip would only hide that.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The system browser; NEWSMETRICS_CHROMIUM points elsewhere where it lives in another place.
CHROMIUM = Path(os.environ.get("NEWSMETRICS_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps calling home, which this closed network
# refuses; --no-sandbox because tests run as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Start-up loads the pipeline and fits the seed baseline (a few seconds); allow for a busy machine.
READY_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 30.0
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _stop(pid_file: Path, process: subprocess.Popen[bytes]) -> None:
    """Stop gunicorn by the PID it wrote (its master), falling back to the process we started."""
    pid = int(pid_file.read_text().strip()) if pid_file.exists() else process.pid
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def running_server(folder: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Start gunicorn on a free loopback port from the repository root; yield its base URL."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        pytest.fail(f"gunicorn is not installed next to {sys.executable}")
    pid_file, log_file = folder / "gunicorn.pid", folder / "gunicorn.log"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        str(gunicorn),
        "-c",
        "gunicorn.conf.py",
        "--pid",
        str(pid_file),
        "--bind",
        f"127.0.0.1:{port}",
        "service:create_app()",
    ]
    environment = {**os.environ, **(env or {})}
    with log_file.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not _ready(url):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log_file.read_text(errors="replace")[-3000:]
                pytest.fail(f"gunicorn did not become ready at {url}:\n{tail}")
            time.sleep(0.25)
        yield url
    finally:
        _stop(pid_file, process)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real gunicorn server running the service, open without a key."""
    with running_server(tmp_path_factory.mktemp("gunicorn")) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system Chromium, headless, launched once for the session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "Playwright is not installed: pip install playwright==1.65.2 "
            "(and never `playwright install`: the tests use the system Chromium)"
        )
    if not CHROMIUM.exists():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: apt-get install -y chromium "
            "(or set NEWSMETRICS_CHROMIUM to the browser's path)"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def open_page(browser: Any, server: str, viewport: dict[str, int]) -> Any:
    """A fresh page on the editor's page; script errors are collected in ``page.errors``."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(f"{server}/")
    return page


@pytest.fixture
def desktop(browser: Any, server: str) -> Iterator[Any]:
    page = open_page(browser, server, DESKTOP)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser: Any, server: str) -> Iterator[Any]:
    page = open_page(browser, server, PHONE)
    yield page
    page.context.close()
