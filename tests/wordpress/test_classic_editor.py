"""The plugin in WordPress's classic editor: the meta box, and revisions on save.

The test site edits posts titled "Classic: ..." (and new posts opened with
?newsmetrics-classic) in the classic editor (a must-use plugin of .ci/wordpress.sh's site).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import TimeoutError as PlaywrightTimeout

from tests.wordpress.conftest import Service, Site, configure
from tests.wordpress.test_block_editor import CLOSED_PORT_URL, PARAGRAPHS, key_seen

pytestmark = [pytest.mark.browser, pytest.mark.server]

TITLE = "Classic: Bridge repairs run late"
SAVE_ATTEMPTS = 3
SAVE_TIMEOUT_MS = 25_000


def open_classic(context: Any, site: Site, post_id: int | None = None) -> Any:
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    path = f"post.php?post={post_id}&action=edit" if post_id else "post-new.php?newsmetrics-classic"
    page.goto(f"{site.url}/wp-admin/{path}")
    page.wait_for_selector("#newsmetrics")  # the meta box
    return page


def write_text(page: Any, text: str) -> None:
    """The draft typed in the editor's Text tab (HTML source)."""
    page.click("#content-html")
    page.fill("#content", text)


def save_draft(page: Any) -> None:
    """Save Draft clicked until the form is sent: WordPress disables the button (and swallows
    the click) while an autosave is under way. A second click after a slow save stores the same
    draft, which the service answers as unchanged."""
    for attempt in range(SAVE_ATTEMPTS):
        page.wait_for_selector("#save-post:not(.disabled)")
        try:
            with page.expect_navigation(timeout=SAVE_TIMEOUT_MS):
                page.click("#save-post")
            break
        except PlaywrightTimeout:
            if attempt == SAVE_ATTEMPTS - 1:
                raise
    page.wait_for_selector("#newsmetrics")


def test_meta_box_analyses_and_save_stores_a_revision(
    admin: Any, site: Site, service: Service
) -> None:
    page = open_classic(admin, site)
    assert "No revision stored yet" in page.inner_text("#newsmetrics")
    page.fill("#title", TITLE)
    write_text(page, "\n\n".join(PARAGRAPHS))
    page.click("#newsmetrics-analyse")
    results = page.wait_for_selector("#newsmetrics-results .newsmetrics-summary", timeout=90_000)
    assert "Ana Torres" in results.inner_text()
    assert "may" in results.inner_text()

    save_draft(page)
    post_id = int(page.input_value("#post_ID"))
    assert "Last save stored as revision 1." in page.inner_text("#newsmetrics")
    status, history = service.get(f"/v1/articles/{post_id}")
    assert status == 200, history
    assert [revision["number"] for revision in history["revisions"]] == [1]
    assert page.errors == []
    page.close()

    # The service down: the save goes through, and the next screen says why no revision.
    configure(admin, site, CLOSED_PORT_URL, "", "seeds").close()
    try:
        page = open_classic(admin, site, post_id)
        write_text(page, "\n\n".join([*PARAGRAPHS, "Crews worked through the night."]))
        save_draft(page)
        assert "Post draft updated" in page.inner_text("#message")
        notice = page.inner_text(".newsmetrics-notice")
        assert "The newsmetrics revision was not stored" in notice
        assert "cannot be reached" in notice
        assert "Crews worked through the night." in page.input_value("#content")
        page.close()
    finally:
        configure(admin, site, service.url, "", "seeds").close()
    assert key_seen(admin, service.key) == []
