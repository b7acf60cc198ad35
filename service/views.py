"""The API routes: each loads its request with a schema, calls the library once, dumps it."""

from __future__ import annotations

import math
from typing import Any

from flask import Blueprint, Response, current_app, send_file

from scoring.reference.catalogue import catalogue_entries
from scoring.text.input import MAX_TEXT_CHARS
from service.bodies import (
    batch_items,
    chosen_reference,
    dump_article,
    load_items,
    load_json,
    score_article,
)
from service.logs import request_id
from service.models import (
    NO_BASELINE,
    OFFSET_UNITS,
    SEEDS,
    ArticleRequest,
    ArticleResult,
    BatchResult,
)
from service.problems import ApiProblem
from service.schemas import (
    AnalyzeRequestSchema,
    AnalyzeResponseSchema,
    BaselineResponseSchema,
    BatchRequestSchema,
    BatchResponseSchema,
    HealthResponseSchema,
    InfoResponseSchema,
    MetricsResponseSchema,
)
from service.scorer import Scorer, readiness

bp = Blueprint("api", __name__)


def scorer() -> Scorer:
    """The scorer ``create_app`` loaded for this process."""
    loaded: Scorer = current_app.extensions["newsmetrics"]
    return loaded


@bp.post("/v1/analyze")
def analyze_article() -> dict[str, Any]:
    """Score one article."""
    asked = load_json(AnalyzeRequestSchema())
    scored = score_article(scorer(), asked)
    result = ArticleResult(asked.meta, asked.options, scored.report, scored.cached, request_id())
    return dump_article(result, AnalyzeResponseSchema)


@bp.post("/v1/analyze/batch")
def analyze_batch() -> dict[str, Any]:
    """Score several articles in one parse; each item gets its result or its own problem."""
    asked = load_json(BatchRequestSchema(max_items=current_app.config["MAX_BATCH_ITEMS"]))
    loaded = load_items(asked["items"])
    outcomes = scorer().analyze_batch(
        [item.article for item in loaded if isinstance(item, ArticleRequest)],
        chosen_reference(asked["options"]),
    )
    items = batch_items(loaded, outcomes, asked["options"])
    dumped: dict[str, Any] = BatchResponseSchema().dump(BatchResult(request_id(), items))
    return dumped


@bp.get("/v1/baseline")
def baseline() -> dict[str, Any]:
    """The seed reference set: per-metric statistics and the actors it covers."""
    dumped: dict[str, Any] = BaselineResponseSchema().dump(scorer().references[SEEDS].summary())
    return dumped


@bp.get("/v1/metrics")
def metrics() -> dict[str, Any]:
    """The catalogue: every metric and composite score, its unit, direction and formula."""
    dumped: dict[str, Any] = MetricsResponseSchema().dump({"metrics": catalogue_entries()})
    return dumped


@bp.get("/v1/info")
def info() -> dict[str, Any]:
    """Versions, limits and the values the options take."""
    settings = current_app.config
    budget = scorer().budget
    facts = {
        "versions": scorer().versions(SEEDS),
        "limits": {
            "max_body_bytes": settings["MAX_CONTENT_LENGTH"],
            "max_text_chars": MAX_TEXT_CHARS,
            "max_batch_items": settings["MAX_BATCH_ITEMS"],
            "time_budget_s": budget.seconds if math.isfinite(budget.seconds) else None,
            "max_analysed_chars": min(MAX_TEXT_CHARS, budget.largest_article()),
        },
        "baselines": [*scorer().references, NO_BASELINE],
        "offsets": list(OFFSET_UNITS),
        "auth": bool(settings["API_KEY_SET"]),
        "cache_size": int(settings["CACHE_SIZE"]),
    }
    dumped: dict[str, Any] = InfoResponseSchema().dump(facts)
    return dumped


@bp.get("/healthz")
def healthz() -> dict[str, Any]:
    """The process is up and answering."""
    dumped: dict[str, Any] = HealthResponseSchema().dump({"status": "ok", "checks": {}})
    return dumped


@bp.get("/readyz")
def readyz() -> dict[str, Any]:
    """Every required asset is loaded and the server is not draining: send it articles."""
    loaded = current_app.extensions.get("newsmetrics")
    checks = readiness(loaded, current_app.config["OPENAPI_FILE"])
    if not all(checks.values()):
        raise ApiProblem(503, f"not ready: {', '.join(k for k, ok in checks.items() if not ok)}")
    dumped: dict[str, Any] = HealthResponseSchema().dump({"status": "ready", "checks": checks})
    return dumped


@bp.get("/openapi.yaml")
def openapi() -> Response:
    """The API contract this service is tested against."""
    return send_file(current_app.config["OPENAPI_FILE"], mimetype="application/yaml")
