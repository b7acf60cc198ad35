"""The page with a stored reference set: the picker offers it, the report names it with its
description, size and topic, shows topical fit and distance, and no plot runs past the values
its metric can take."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, open_page
from tests.browser.test_page import analyze_in_page, screenshot

pytestmark = pytest.mark.browser

# A small desk of city-hall stories, written for this test.
CITY = (
    "The city council approved the school budget on Tuesday after a long debate. The mayor said "
    "the plan may raise property taxes, according to the finance office.",
    "Council members argued over the school budget. The mayor's office said the property tax "
    "increase could be smaller than feared.",
    "Parents packed the council chamber to ask for more money for schools. The mayor promised "
    "that the budget would protect classrooms.",
)
ARTICLE = (
    "The mayor defended the school budget before the council, saying property taxes would rise "
    "only slightly, officials said. Critics said the plan could hurt families."
)
# Each plot's axis labels and the metric's unit, read from the page.
AXES_JS = """
() => [...document.querySelectorAll('#metrics .metric')].map(card => ({
  unit: (card.querySelector('.unit') || {}).textContent || '',
  labels: [...card.querySelectorAll('.plot-label')].map(t => t.textContent),
}))
"""


def _post(url: str, body: dict[str, Any]) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return int(response.status)


def _bounded(unit: str, label: str) -> bool:
    """Whether an axis label lies within what the unit allows."""
    value = float(label.rstrip("%"))
    if label.endswith("%") and unit.startswith("share of"):
        return 0 <= value <= 100
    if unit.startswith("percent of"):
        return 0 <= value <= 100
    if "0-1" in unit:
        return 0 <= value <= 1
    if "0-100" in unit:
        return 0 <= value <= 100
    return value >= 0 or unit.startswith("percentage points")


def test_a_stored_set_is_picked_named_and_plotted_within_bounds(browser: Any, server: str) -> None:
    articles = [{"id": f"city-{i}", "text": text} for i, text in enumerate(CITY)]
    body = {"name": "city-desk", "description": "City hall desk", "articles": articles}
    assert _post(f"{server}/v1/references", body) in (201, 409)  # 409: kept from a rerun
    page = open_page(browser, server, DESKTOP)
    page.wait_for_selector("#reference option[value=city-desk]", state="attached")
    page.select_option("#reference", "city-desk")
    analyze_in_page(page, ARTICLE)
    assert page.text_content("#reference-name").startswith("city-desk · 3 articles")
    about = page.text_content("#reference-about")
    assert "City hall desk" in about and "budget" in about
    fit = page.text_content("#reference-fit")
    assert "Topical fit" in fit and "Distance" in fit
    for card in page.evaluate(AXES_JS):
        assert all(_bounded(card["unit"], label) for label in card["labels"]), card
    screenshot(page, "reference-set")
    page.select_option("#reference", "none")
    analyze_in_page(page, ARTICLE)
    assert page.is_hidden("#reference-box")
    page.context.close()
