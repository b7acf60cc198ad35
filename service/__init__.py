"""The HTTP shell around ``scoring``: a Flask application factory (run ``service:create_app()``)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, Response

from service import article_routes, config, job_routes, page, reference_routes, views
from service.auth import register_api_keys
from service.budget import TimeBudget
from service.cache import ReportCache
from service.config import StartupError
from service.logs import configure_logging, register_request_logging
from service.problems import register_problem_handlers
from service.references import NamedReferences
from service.scorer import Scorer, build_scorer, packaged_seeds
from service.storage import open_database

# Blueprints registered by ``create_app``; a new part of the service (e.g. the editor page at /)
# adds its own blueprint module and appends it here.
BLUEPRINTS: tuple[Blueprint, ...] = (
    views.bp,
    reference_routes.bp,
    article_routes.bp,
    job_routes.bp,
    page.bp,
)


def create_app(test_config: dict[str, Any] | None = None, *, scorer: Scorer | None = None) -> Flask:
    """Build the app: settings (defaults, NEWSMETRICS_* environment, test_config, checked),
    logging, API keys, problem handlers, the loaded pipeline and seed reference set (or the
    prebuilt ``scorer``: tests and tools that already hold one skip the slow start), the routes.

    Raises ``StartupError`` naming the setting, file or package when one is wrong."""
    app = Flask(__name__, static_folder=None)  # the page blueprint serves static/ itself
    app.config.from_object(config)
    app.config.from_prefixed_env("NEWSMETRICS")
    app.config.update(test_config or {})
    config.checked(app.config)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the schemas' field order
    configure_logging(app.config["LOG_LEVEL"])
    register_request_logging(app)
    register_api_keys(app)
    register_problem_handlers(app)
    app.after_request(_no_sniffing)
    app.config["OPENAPI_FILE"] = _openapi_file(app.config["OPENAPI_PATH"])
    app.extensions["newsmetrics"] = scorer or _build_scorer(app.config)
    _attach_storage(app, app.extensions["newsmetrics"])
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    return app


def _no_sniffing(response: Response) -> Response:
    # Every response says what it is; a browser must not guess otherwise (a JSON report that
    # holds article text is never run as HTML or script).
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _openapi_file(setting: str | None) -> Any:
    if not setting:
        return files("service") / "openapi.yaml"
    if not Path(setting).is_file():
        raise StartupError(f"{config.PREFIX}OPENAPI_PATH names no file: {setting!r}")
    return Path(setting)


def _build_scorer(settings: Any) -> Scorer:
    seeds = settings["SEEDS_DIR"]
    budget = TimeBudget(
        settings["TIME_BUDGET"], settings["CHARS_PER_SECOND"], settings["ITEM_OVERHEAD_S"]
    )
    scorer = build_scorer(
        settings["SPACY_MODEL"],
        Path(seeds) if seeds else packaged_seeds(),
        ReportCache(settings["CACHE_SIZE"], settings["CACHE_BYTES"]),
        budget,
        settings["SENTIMENT_TIER"],
    )
    scorer.named = NamedReferences(
        open_database(settings["DATABASE_URL"]),
        scorer.resources,
        stale_after=settings["FIT_STALE_SECONDS"],
    )
    return scorer


def _attach_storage(app: Flask, scorer: Scorer) -> None:
    """Give a prebuilt scorer (tests, tools) this app's database when it has none."""
    if scorer.named is None:
        scorer.named = NamedReferences(
            open_database(app.config["DATABASE_URL"]),
            scorer.resources,
            stale_after=app.config["FIT_STALE_SECONDS"],
        )
