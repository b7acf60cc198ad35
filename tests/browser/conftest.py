"""Browser tests: a real gunicorn server and the system Chromium driven by Playwright.

Chromium comes from the system (``apt-get install chromium``), never from ``playwright install``
(it downloads a browser, which these machines cannot). A missing browser or Playwright fails the
tests with a message saying what to install: CI installs both, so a skip would only hide that.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.servers import ServerError, gunicorn_server

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
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


@contextlib.contextmanager
def running_server(folder: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """A real gunicorn server running the service; yields its base URL."""
    try:
        with gunicorn_server(folder, env=env) as (url, _):
            yield url
    except ServerError as err:
        pytest.fail(str(err))


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
