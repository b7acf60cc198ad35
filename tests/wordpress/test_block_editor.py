"""The plugin in a real WordPress: settings, the block editor's sidebar, revisions on save.

Every sentence is invented for these tests (names included).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.wordpress.conftest import (
    ANALYSIS_TIMEOUT_MS,
    ROOT,
    Service,
    Site,
    configure,
    open_editor,
    open_sidebar,
)

TITLE = "Bridge repairs run late"
PARAGRAPHS = [
    '"We will reopen the bridge," said Mayor Ana Torres.',
    "The repairs may take longer than planned.",
]
pytestmark = [pytest.mark.browser, pytest.mark.server]

SEED = ROOT / "seeds" / "000_901ba945a1268f43.txt"
# Where the seed article's sidebar screenshot is written (CI keeps it with the run's files).
SCREENSHOT = Path(os.environ.get("NEWSMETRICS_WP_SCREENSHOT", "/tmp/newsmetrics-wp-sidebar.png"))
CLOSED_PORT_URL = "http://127.0.0.1:9"  # discard port: nothing listens there


def write_draft(page: Any) -> None:
    """Types the title and two paragraphs as an editor would."""
    page.click(".editor-post-title__input")
    page.keyboard.type(TITLE)
    page.keyboard.press("Enter")
    for index, paragraph in enumerate(PARAGRAPHS):
        if index:
            page.keyboard.press("Enter")
        page.keyboard.type(paragraph)


def analyse(page: Any) -> None:
    page.click(".newsmetrics-analyse")
    page.wait_for_selector(".newsmetrics-actors, .newsmetrics-error", timeout=ANALYSIS_TIMEOUT_MS)


def save(page: Any) -> None:
    """Save draft clicked; returns once the editor holds no unsaved change (it had some)."""
    page.click(".editor-post-save-draft")
    page.wait_for_function(
        "() => { const editor = wp.data.select('core/editor');"
        " return !editor.isSavingPost() && !editor.isEditedPostDirty(); }"
    )


def wait_for_notice(page: Any, text: str) -> str:
    """The text of the editor's notice (a snackbar or a notice) holding ``text``, once shown."""
    shown = page.wait_for_selector(
        f".components-snackbar:has-text('{text}'), .components-notice:has-text('{text}')"
    )
    return str(shown.inner_text())


def key_seen(context: Any, key: str) -> list[str]:
    """The URLs of every response so far whose body holds the key."""
    seen = []
    for response in context.responses:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            continue
        if key.encode() in body:
            seen.append(response.url)
    return seen


def test_settings_keep_the_key_on_the_server(admin: Any, site: Site, service: Service) -> None:
    page = admin.new_page()
    page.goto(f"{site.url}/wp-admin/options-general.php?page=newsmetrics")
    assert page.input_value("#newsmetrics_api_key") == ""
    assert "A key is stored" in (page.get_attribute("#newsmetrics_api_key", "placeholder") or "")
    # The screen asks the service for its reference sets with the key: it answered.
    assert "The service answers" in page.inner_text("#newsmetrics-status")
    assert service.key not in page.content()
    page.close()


def test_sidebar_analyses_the_draft_and_save_stores_a_revision(
    admin: Any, site: Site, service: Service
) -> None:
    page = open_editor(admin, site)
    write_draft(page)
    sidebar = open_sidebar(page)
    analyse(page)
    assert not page.query_selector(".newsmetrics-error"), page.inner_text(".newsmetrics-error")
    actors = page.inner_text(".newsmetrics-actors")
    assert "Ana Torres" in actors
    hedges = page.inner_text(".newsmetrics-hedges")
    assert "may" in hedges
    assert "named person" in page.inner_text(".newsmetrics-attributions")
    assert "Hedges" in sidebar.inner_text()

    # A hedge clicked: its word selected in its paragraph, in the editor's state and the page.
    page.click(".newsmetrics-hedges .newsmetrics-item")
    page.wait_for_function("() => window.getSelection().toString() === 'may'")
    selection = page.evaluate(
        "() => { const s = wp.data.select('core/block-editor');"
        " const start = s.getSelectionStart(), end = s.getSelectionEnd();"
        " return { text: s.getBlock(start.clientId).attributes.content,"
        " start: start.offset, end: end.offset }; }"
    )
    assert selection["text"][selection["start"] : selection["end"]] == "may"
    # ...and marked on the page (CSS Custom Highlight), the selection being faint once unfocused.
    marked = page.evaluate("() => [...CSS.highlights.get('newsmetrics')][0].toString()")
    assert marked == "may"

    # The actor clicked: its first mention selected.
    page.click(".newsmetrics-actors .newsmetrics-item")
    page.wait_for_function("() => window.getSelection().toString().includes('Ana Torres')")

    save(page)
    assert "Newsmetrics: stored as revision 1" in wait_for_notice(page, "stored as revision 1")
    post_id = page.evaluate("() => wp.data.select('core/editor').getCurrentPostId()")
    status, history = service.get(f"/v1/articles/{post_id}")
    assert status == 200, history
    assert [revision["number"] for revision in history["revisions"]] == [1]
    names = [actor["name"] for actor in history["latest"]["actors"]]
    assert any("Ana Torres" in name for name in names), names
    assert history["latest"]["hedging"]["cues"], "the stored revision has the hedge"

    # A new title alone is the same draft (the title is not analysed): no new revision.
    page.focus(".editor-post-title__input")  # the block toolbar may cover it for a click
    page.keyboard.press("End")
    page.keyboard.type(" again")
    save(page)
    wait_for_notice(page, "Newsmetrics: unchanged since revision 1")
    # A sentence added to the text is the next revision.
    page.evaluate(
        "() => { const editor = wp.data.select('core/block-editor');"
        " const last = editor.getBlocks().slice(-1)[0];"
        " wp.data.dispatch('core/block-editor').updateBlockAttributes(last.clientId,"
        " { content: last.attributes.content + ' Crews worked through the night.' }); }"
    )
    save(page)
    wait_for_notice(page, "Newsmetrics: stored as revision 2")
    status, history = service.get(f"/v1/articles/{post_id}")
    assert [revision["number"] for revision in history["revisions"]] == [1, 2]

    assert page.errors == []
    assert key_seen(admin, service.key) == []
    page.close()


def test_service_down_gives_notices_and_never_blocks_a_save(
    admin: Any, site: Site, service: Service
) -> None:
    configure(admin, site, CLOSED_PORT_URL, "", "seeds").close()
    try:
        page = open_editor(admin, site)
        write_draft(page)
        open_sidebar(page)
        analyse(page)
        assert "cannot be reached" in page.inner_text(".newsmetrics-error")
        save(page)  # saved all the same
        shown = wait_for_notice(page, "The newsmetrics revision was not stored")
        assert "cannot be reached" in shown.split("was not stored")[1]
        post_id = page.evaluate("() => wp.data.select('core/editor').getCurrentPostId()")
        saved = page.evaluate(
            "(id) => wp.apiFetch({ path: `/wp/v2/posts/${id}?context=edit` })", post_id
        )
        assert saved["title"]["raw"] == TITLE
        assert saved["status"] == "draft"
        assert page.errors == []
        page.close()
    finally:
        configure(admin, site, service.url, "", "seeds").close()  # the stored key is kept
    assert key_seen(admin, service.key) == []


def test_sidebar_on_a_seed_article(admin: Any, site: Site, service: Service) -> None:
    """The seed article in paragraph blocks, analysed; the sidebar's screenshot is kept."""
    page = open_editor(admin, site)
    paragraphs = [line for line in SEED.read_text().splitlines() if line.strip()]
    page.evaluate(
        "(paragraphs) => wp.data.dispatch('core/block-editor').resetBlocks("
        " paragraphs.map((content) => wp.blocks.createBlock('core/paragraph', { content })))",
        paragraphs,
    )
    page.click(".editor-post-title__input")
    page.keyboard.type("Seed article")
    sidebar = open_sidebar(page)
    analyse(page)
    assert not page.query_selector(".newsmetrics-error")
    assert "Donald Trump" in page.inner_text(".newsmetrics-actors")
    page.click("text=Against the reference")
    page.wait_for_selector(".newsmetrics-metrics")
    assert "typical" in page.inner_text(".newsmetrics-metrics")
    # Every hedge listed maps back to its words in the editor.
    cues = page.query_selector_all(".newsmetrics-hedges .newsmetrics-item")
    for cue in cues[:5]:
        word = cue.query_selector("strong").inner_text().strip("\u201c\u201d")
        cue.click()
        page.wait_for_function("(w) => window.getSelection().toString() === w", arg=word)
    # The sidebar from its top, on a tall window: summary, actors and the first hedges.
    page.set_viewport_size({"width": 1440, "height": 1800})
    page.evaluate(
        "() => document.querySelector('.interface-interface-skeleton__sidebar').scrollTo(0, 0)"
    )
    box = page.query_selector(".interface-interface-skeleton__sidebar").bounding_box()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), clip=box)
    assert sidebar.is_visible()
    assert page.errors == []
    page.close()


def test_the_route_needs_the_rest_nonce(admin: Any, site: Site, service: Service) -> None:
    """Logged-in cookies alone are not enough: WordPress wants the editor's REST nonce."""
    page = open_editor(admin, site)
    post_id = page.evaluate("() => wp.data.select('core/editor').getCurrentPostId()")
    nonce = page.evaluate("() => window.wpApiSettings.nonce")
    route = f"{site.url}/?rest_route=/newsmetrics/v1/posts/{post_id}/analysis"
    body = {"text": PARAGRAPHS[1]}
    without = admin.request.post(route, data=body)
    assert without.status == 401, without.text()  # cookies without a nonce: no user
    wrong = admin.request.post(route, data=body, headers={"X-WP-Nonce": "0123456789"})
    assert wrong.status == 403 and "rest_cookie_invalid_nonce" in wrong.text()
    right = admin.request.post(route, data=body, headers={"X-WP-Nonce": nonce})
    assert right.status == 200, right.text()
    assert right.json()["report"]["hedging"]["cues"][0]["span"]["exact"] == "may"
    assert service.key not in right.text()
    page.close()
