"""The HTTP shell around ``scoring``: a Flask application factory (run ``service:create_app()``)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask

from service import config, page, views
from service.auth import register_api_keys
from service.logs import configure_logging, register_request_logging
from service.problems import register_problem_handlers
from service.scorer import Scorer, build_scorer, packaged_seeds

# Blueprints registered by ``create_app``; a new part of the service (e.g. the editor page at /)
# adds its own blueprint module and appends it here.
BLUEPRINTS: tuple[Blueprint, ...] = (views.bp, page.bp)


def create_app(test_config: dict[str, Any] | None = None, *, scorer: Scorer | None = None) -> Flask:
    """Build the app: settings (defaults, NEWSMETRICS_* environment, test_config), logging,
    API keys, problem handlers, the loaded pipeline and seed reference set (or the prebuilt
    ``scorer``: tests and tools that already hold one skip the slow start), the routes."""
    app = Flask(__name__, static_folder=None)  # the page blueprint serves static/ itself
    app.config.from_object(config)
    app.config.from_prefixed_env("NEWSMETRICS")
    app.config.update(test_config or {})
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the schemas' field order
    configure_logging(app.config["LOG_LEVEL"])
    register_request_logging(app)
    register_api_keys(app)
    register_problem_handlers(app)
    seeds = app.config["SEEDS_DIR"]
    app.config["OPENAPI_FILE"] = app.config["OPENAPI_PATH"] or files("service") / "openapi.yaml"
    app.extensions["newsmetrics"] = scorer or build_scorer(
        app.config["SPACY_MODEL"],
        Path(seeds) if seeds else packaged_seeds(),
        int(app.config["CACHE_SIZE"]),
    )
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    return app
