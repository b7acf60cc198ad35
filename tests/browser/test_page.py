"""The editor's page in headless Chromium against the real server: what the page highlights must be
exactly what ``POST /v1/analyze`` returned for the same text."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, open_page, running_server

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_901ba945a1268f43.txt"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
# Longest wait for one analysis to show in the page.
ANALYSIS_TIMEOUT_MS = 60_000
# The key a second server is started with, to test the page's API key field.
API_KEY = "page-test-key"
# Most Tab presses allowed to get from the article box to the Analyze button.
MAX_TABS = 10

# Every highlighted piece of text, grouped by kind ("mention", "hedge", ...) and id, with the
# text of all the pieces of one span joined in page order: the span's words as the page shows them.
HIGHLIGHTS_JS = """
() => {
  const found = {};
  for (const seg of document.querySelectorAll('#article-text .seg')) {
    for (const [kind, ids] of Object.entries(seg.dataset)) {
      for (const id of ids.split(' ').filter(Boolean)) {
        found[kind] = found[kind] || {};
        found[kind][id] = (found[kind][id] || '') + seg.textContent;
      }
    }
  }
  return found;
}
"""
SELECTED_JS = """
() => [...document.querySelectorAll('#article-text .seg.selected')].map(s => s.dataset.mention)
"""


def post_json(url: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """POST a JSON body straight to the API (no browser); the status and the decoded answer."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under artifacts/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def analyze_in_page(page: Any, text: str, title: str = "") -> None:
    """Paste the text, press Analyze and wait until the results are shown."""
    page.fill("#article", text)
    if title:
        page.fill("#title", title)
    page.click("#analyze")
    page.wait_for_selector("#results[data-ready=true]", timeout=ANALYSIS_TIMEOUT_MS)
    assert page.errors == []


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report(server: str, seed_text: str) -> dict[str, Any]:
    """The API's own report of the seed article, fetched without the browser."""
    status, body = post_json(f"{server}/v1/analyze", {"text": seed_text})
    assert status == 200, body
    return body


def expected_highlights(report: dict[str, Any]) -> dict[str, dict[str, str]]:
    """What the page must highlight: every span in the report, keyed as the page keys them."""
    expected: dict[str, dict[str, str]] = {"mention": {}, "hedge": {}, "booster": {}}
    for actor in report["actors"]:
        for i, mention in enumerate(actor["mentions"]):
            expected["mention"][f"{actor['id']}:{i}"] = mention["span"]["exact"]
    for i, cue in enumerate(report["hedging"]["cues"]):
        expected["hedge"][f"h{i}"] = cue["span"]["exact"]
    for i, booster in enumerate(report["hedging"]["boosters"]):
        expected["booster"][f"b{i}"] = booster["span"]["exact"]
    for part in ("source", "cue", "content"):
        expected[part] = {
            f"t{i}": item[part]["exact"]
            for i, item in enumerate(report["attribution"]["attributions"])
            if item[part] is not None
        }
    return expected


def test_highlights_match_the_api(desktop: Any, seed_text: str, report: dict[str, Any]) -> None:
    expected = expected_highlights(report)
    # The seed article must exercise every kind, or the counts below would prove little.
    for kind in ("mention", "hedge", "content"):
        assert expected[kind], f"the seed article has no {kind} spans"
    analyze_in_page(desktop, seed_text, title="Seed article")
    assert desktop.locator("#article-text").text_content() == report["text"]
    shown = desktop.evaluate(HIGHLIGHTS_JS)
    for kind, spans in expected.items():
        got = shown.get(kind, {})
        assert len(got) == len(spans), kind
        assert got == spans, kind  # same spans, and each shows exactly the words the API gave
    assert desktop.locator("#results-title").is_visible()
    screenshot(desktop, "desktop")


def test_counts_in_summary(desktop: Any, seed_text: str, report: dict[str, Any]) -> None:
    analyze_in_page(desktop, seed_text)
    summary = desktop.locator("#summary").inner_text()
    mentions = sum(len(actor["mentions"]) for actor in report["actors"])
    assert f"{len(report['actors'])} actors ({mentions} mentions)" in summary
    assert f"{len(report['hedging']['cues'])} hedge cues" in summary
    assert f"{len(report['attribution']['attributions'])} attributions" in summary


def test_selecting_an_actor_highlights_exactly_its_mentions(
    desktop: Any, seed_text: str, report: dict[str, Any]
) -> None:
    actor = max(report["actors"], key=lambda a: len(a["mentions"]))
    own = {f"{actor['id']}:{i}" for i in range(len(actor["mentions"]))}
    analyze_in_page(desktop, seed_text)
    button = desktop.locator(f".actor-button[data-actor='{actor['id']}']")
    button.focus()
    desktop.keyboard.press("Enter")  # keyboard, not only the mouse
    assert button.get_attribute("aria-pressed") == "true"
    selected = desktop.evaluate(SELECTED_JS)
    ids = {mention for value in selected for mention in value.split(" ")}
    assert ids & own == own  # every mention of the actor is highlighted...
    assert all(any(m in own for m in value.split(" ")) for value in selected)  # ...and no other
    screenshot(desktop, "desktop-actor-selected")
    desktop.keyboard.press("Enter")  # pressing again clears the selection
    assert desktop.evaluate(SELECTED_JS) == []
    assert button.get_attribute("aria-pressed") == "false"


def test_empty_text_shows_the_problem_detail(desktop: Any, server: str) -> None:
    status, problem = post_json(f"{server}/v1/analyze", {"text": ""})
    assert status == 422
    desktop.click("#analyze")
    box = desktop.locator("#problem")
    box.wait_for(state="visible", timeout=ANALYSIS_TIMEOUT_MS)
    shown = box.inner_text()
    assert problem["title"] in shown
    for error in problem.get("errors", []):
        assert error["detail"] in shown
    assert problem.get("detail", "") in shown
    assert desktop.locator("#results").is_hidden()
    screenshot(desktop, "desktop-error")


def test_phone_width_has_no_horizontal_overflow(phone: Any, seed_text: str) -> None:
    analyze_in_page(phone, seed_text)
    phone.locator(".actor-button").first.click()
    widths = phone.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] == 375
    screenshot(phone, "phone")


def test_long_article_keeps_the_layout(desktop: Any, seed_text: str) -> None:
    long_text = "\n\n".join([seed_text] * 4) + "\n" + "x" * 3000  # and one unbreakable word
    analyze_in_page(desktop, long_text)
    widths = desktop.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1]


def test_article_text_is_never_markup(desktop: Any) -> None:
    text = (
        'The minister said that <img src=x onerror="window.injected=1"> talks could stall. '
        "<b>Officials</b> expect a vote next week, according to the ministry. " * 3
    )
    analyze_in_page(desktop, text)
    box = desktop.locator("#article-text")
    assert box.locator("img, b").count() == 0
    assert "<img src=x" in box.inner_text()
    assert desktop.evaluate("() => window.injected") is None


def test_keyboard_reaches_and_presses_analyze(desktop: Any, seed_text: str) -> None:
    desktop.fill("#article", seed_text)
    desktop.focus("#article")
    for _ in range(MAX_TABS):
        desktop.keyboard.press("Tab")
        if desktop.evaluate("() => document.activeElement.id") == "analyze":
            break
    else:
        pytest.fail("Tab never reached the Analyze button")
    desktop.keyboard.press("Enter")
    desktop.wait_for_selector("#results[data-ready=true]", timeout=ANALYSIS_TIMEOUT_MS)


def test_page_and_assets_are_served_without_a_key(server: str) -> None:
    with urllib.request.urlopen(f"{server}/", timeout=10) as response:
        assert response.headers.get_content_type() == "text/html"
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assets = (("app.js", "javascript"), ("js/highlight.js", "javascript"), ("app.css", "text/css"))
    for name, kind in assets:
        with urllib.request.urlopen(f"{server}/static/{name}", timeout=10) as response:
            assert kind in response.headers["Content-Type"]


def test_html_input_shows_the_plain_text_the_api_read(desktop: Any, server: str) -> None:
    html = (
        "<article><h1>Talks</h1><p>The minister <b>said</b> that the talks could stall, "
        "according to officials.</p><script>window.injected = 1</script>"
        "<p>Analysts expect a vote next week.</p></article>"
    )
    status, report = post_json(f"{server}/v1/analyze", {"html": html})
    assert status == 200, report
    desktop.check("input[name=format][value=html]")
    analyze_in_page(desktop, html)
    assert desktop.locator("#article-text").text_content() == report["text"]
    assert "<b>" not in report["text"]
    assert desktop.evaluate("() => window.injected") is None


@pytest.fixture(scope="module")
def keyed_server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A second server whose /v1 routes need ``API_KEY``."""
    env = {"NEWSMETRICS_API_KEYS": API_KEY, "WEB_CONCURRENCY": "1"}
    with running_server(tmp_path_factory.mktemp("keyed"), env) as url:
        yield url


def test_api_key_is_asked_for_and_kept_in_memory_only(browser: Any, keyed_server: str) -> None:
    page = open_page(browser, keyed_server, DESKTOP)
    try:
        page.wait_for_selector("#key-box[open]")  # the page asked /v1/info and opened the field
        page.fill("#article", "The minister said that the talks could stall.")
        page.click("#analyze")
        problem = page.locator("#problem")
        problem.wait_for(state="visible", timeout=ANALYSIS_TIMEOUT_MS)
        assert "401" in problem.inner_text()
        page.fill("#api-key", API_KEY)
        page.click("#analyze")
        page.wait_for_selector("#results[data-ready=true]", timeout=ANALYSIS_TIMEOUT_MS)
        assert problem.is_hidden()
        stored = page.evaluate(
            "() => [localStorage.length, sessionStorage.length, document.cookie]"
        )
        assert stored == [0, 0, ""]
        assert page.errors == []
    finally:
        page.context.close()


def test_attribution_list_outlines_one_attribution(
    desktop: Any, seed_text: str, report: dict[str, Any]
) -> None:
    item = report["attribution"]["attributions"][-1]
    analyze_in_page(desktop, seed_text)
    desktop.click("#attribution-list-box summary")
    count = len(report["attribution"]["attributions"])
    assert desktop.locator("#attribution-list .found-button").count() == count
    button = desktop.locator("#attribution-list .found-button").last
    button.focus()
    desktop.keyboard.press("Enter")
    outlined = desktop.evaluate(
        "() => [...document.querySelectorAll('#article-text .seg.focused')]"
        ".filter(s => (s.dataset.content || '').split(' ').includes('t"
        + str(count - 1)
        + "')).map(s => s.textContent).join('')"
    )
    assert outlined == item["content"]["exact"]
    assert item["content"]["exact"][:20] in desktop.locator("#details").inner_text()


def test_a_pronoun_mention_says_which_actor_it_went_to(desktop: Any) -> None:
    text = (
        "Mayor Jane Roe opened the new library on Monday. "
        '"We will keep every branch open," she said, to loud applause from parents.'
    )
    analyze_in_page(desktop, text)
    refs = desktop.locator("#article-text .mention.reference")
    assert refs.count() == 1
    assert refs.first.inner_text() == "she"
    assert refs.first.get_attribute("title").startswith("pronoun for Jane Roe")
    desktop.locator(".actor-button", has_text="Jane Roe").first.click()
    assert "1 of them pronouns or role nouns (she)" in desktop.locator("#details").inner_text()
    screenshot(desktop, "desktop-pronoun-mention")


def test_a_spokesperson_says_whom_she_speaks_for(desktop: Any) -> None:
    text = (
        "The Harbor Alliance opposes the new toll. "
        'Lis Ward, a spokeswoman for the Harbor Alliance, said the plan "will hurt every family."'
    )
    analyze_in_page(desktop, text)
    desktop.locator(".actor-button", has_text="Lis Ward").first.click()
    details = desktop.locator("#details .affiliations").inner_text()
    assert details == "Speaks for: Harbor Alliance (“a spokeswoman for the Harbor Alliance”)"
    screenshot(desktop, "desktop-affiliation")
    desktop.locator(".actor-button", has_text="Harbor Alliance").first.click()
    assert desktop.locator("#details .affiliations").count() == 0
