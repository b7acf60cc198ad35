"""WordPress tests: a real WordPress 6.1 site with the plugin active (``.ci/wordpress.sh``), a
real gunicorn server running the service with an API key, and the system Chromium driving the
block editor through Playwright.

The site is made by ``.ci/wordpress.sh start DIR``, which prints the ``NEWSMETRICS_WP_*``
variables these tests read. Under CI a missing site fails the tests (``.ci/run`` makes one);
elsewhere they are skipped with the command to run.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, running_server
from tests.wordpress.blocking import Loop

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "integrations" / "wordpress"
START = 'eval "$(.ci/wordpress.sh start /tmp/newsmetrics-wordpress)"'
VIEWPORT = {"width": 1440, "height": 1000}
# The block editor loads a few megabytes of scripts from a single-process PHP server.
EDITOR_TIMEOUT_MS = 60_000
# An analysis of a seed article through the service and the plugin's route, on a busy machine.
ANALYSIS_TIMEOUT_MS = 90_000


def missing(what: str) -> None:
    """Fail under CI (the set-up is CI's job), skip elsewhere, saying what to run."""
    message = f"{what}: run `{START}` first (installs WordPress, PHP and MariaDB)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class Site:
    url: str
    root: Path
    user: str
    password: str


@dataclass(frozen=True)
class Service:
    url: str
    key: str

    def get(self, path: str) -> tuple[int, Any]:
        """GET with the key; (status, decoded JSON)."""
        request = urllib.request.Request(f"{self.url}{path}", headers={"X-API-Key": self.key})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as err:
            return err.code, json.load(err)


@pytest.fixture(scope="session")
def site() -> Site:
    names = ("NEWSMETRICS_WP_URL", "NEWSMETRICS_WP_ROOT", "NEWSMETRICS_WP_USER")
    if not all(os.environ.get(name) for name in names):
        missing("no WordPress site (NEWSMETRICS_WP_URL is not set)")
    found = Site(
        url=os.environ["NEWSMETRICS_WP_URL"].rstrip("/"),
        root=Path(os.environ["NEWSMETRICS_WP_ROOT"]),
        user=os.environ["NEWSMETRICS_WP_USER"],
        password=os.environ.get("NEWSMETRICS_WP_PASSWORD", ""),
    )
    try:
        urllib.request.urlopen(f"{found.url}/wp-login.php", timeout=10).close()
    except OSError as err:
        missing(f"the WordPress site at {found.url} does not answer ({err})")
    return found


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """The service with an API key, storing revisions in its own SQLite file."""
    folder = tmp_path_factory.mktemp("wordpress-service")
    key = "nm-test-" + secrets.token_hex(16)
    env = {
        "NEWSMETRICS_API_KEYS": key,
        "NEWSMETRICS_DATABASE_URL": f"sqlite:///{folder / 'revisions.sqlite3'}",
        "WEB_CONCURRENCY": "1",
    }
    with running_server(folder, env=env) as url:
        yield Service(url=url, key=key)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system Chromium, headless, driven by Playwright's async API on a loop of its own
    (tests/blocking.py: the browser tests' sync instance may be alive in this session)."""
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        pytest.fail("Playwright is not installed: bin/setup --dev installs it")
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install -y chromium")
    loop = Loop()

    async def start() -> tuple[Any, Any]:
        playwright = await async_playwright().start()
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        return playwright, launched

    playwright, launched = loop.run(start())
    try:
        yield loop.wrap(launched)
    finally:
        loop.run(launched.close())
        loop.run(playwright.stop())
        loop.stop()


def log_in(browser: Any, site: Site) -> Any:
    """A browser context logged in as the site's administrator; every response is kept."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(EDITOR_TIMEOUT_MS)
    context.responses = []
    context.on("response", lambda response: context.responses.append(response))
    page = context.new_page()
    page.goto(f"{site.url}/wp-login.php")
    page.fill("#user_login", site.user)
    page.fill("#user_pass", site.password)
    page.click("#wp-submit")
    page.wait_for_url("**/wp-admin/**")
    page.close()
    return context


def configure(context: Any, site: Site, service_url: str, key: str, reference: str) -> Any:
    """Fill and save the plugin's settings screen; returns the page showing the result."""
    page = context.new_page()
    page.goto(f"{site.url}/wp-admin/options-general.php?page=newsmetrics")
    page.fill("#newsmetrics_service_url", service_url)
    page.fill("#newsmetrics_api_key", key)
    page.fill("#newsmetrics_reference", reference)
    page.click("#submit")
    page.wait_for_selector("#setting-error-settings_updated")
    return page


@pytest.fixture(scope="session")
def admin(browser: Any, site: Site, service: Service) -> Iterator[Any]:
    """A logged-in context with the plugin pointed at the test's service."""
    context = log_in(browser, site)
    configure(context, site, service.url, service.key, "seeds").close()
    yield context
    context.close()


def open_editor(context: Any, site: Site, post_id: int | None = None) -> Any:
    """The block editor on a new post (or an existing one), welcome guide dismissed."""
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    path = f"post.php?post={post_id}&action=edit" if post_id else "post-new.php"
    page.goto(f"{site.url}/wp-admin/{path}")
    page.wait_for_function(
        "() => window.wp && wp.data && wp.data.select('core/editor')"
        " && wp.data.select('core/editor').getCurrentPostId()"
    )
    page.evaluate(
        "() => { const edit = wp.data.select('core/edit-post');"
        " if (edit.isFeatureActive('welcomeGuide'))"
        " wp.data.dispatch('core/edit-post').toggleFeature('welcomeGuide'); }"
    )
    page.wait_for_selector(".edit-post-welcome-guide", state="detached")
    return page


def open_sidebar(page: Any) -> Any:
    """The Newsmetrics sidebar, opened from its button in the editor's top bar."""
    page.click("button[aria-label='Newsmetrics']")
    return page.wait_for_selector(".newsmetrics-sidebar")


def php_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        missing(f"{name} is not installed")
    assert found is not None
    return found
