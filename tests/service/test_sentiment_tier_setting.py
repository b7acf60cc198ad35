"""The SENTIMENT_TIER setting: checked at start-up, named when wrong (issue 16's two tiers)."""

from __future__ import annotations

import pytest
from flask import Flask

from service import create_app
from service.config import StartupError


def test_a_bad_sentiment_tier_is_named_with_its_value() -> None:
    with pytest.raises(
        StartupError,
        match=r"NEWSMETRICS_SENTIMENT_TIER must be one of fast, "
        r"accurate; got 'large'",
    ):
        create_app({"TESTING": True, "SENTIMENT_TIER": "large"})


def test_the_sentiment_tier_defaults_to_fast_and_is_normalised(app: Flask) -> None:
    scorer = app.extensions["newsmetrics"]
    assert create_app({"TESTING": True}, scorer=scorer).config["SENTIMENT_TIER"] == "fast"
    named = create_app({"TESTING": True, "SENTIMENT_TIER": " Accurate "}, scorer=scorer)
    assert named.config["SENTIMENT_TIER"] == "accurate"


def test_the_setting_reaches_the_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, str | None]] = []

    def refuse(model: str, sentiment_tier: str | None = None) -> None:
        asked.append((model, sentiment_tier))
        raise RuntimeError("not loading in this test")

    monkeypatch.setattr("service.scorer.load_resources", refuse)
    with pytest.raises(StartupError, match="not loading in this test"):
        create_app({"TESTING": True, "SENTIMENT_TIER": "Accurate"})
    assert [tier for _, tier in asked] == ["accurate"]
