"""The background-job routes and the Ghost webhook receiver: each queues or reads a job; the
analysis is the worker's (service/worker.py), never the request's."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import quote

from flask import Blueprint, current_app, request

from service import ghost, jobs
from service.bodies import load_json, read_body
from service.problems import ApiProblem, FieldError
from service.references import NamedReferences
from service.schemas import GhostAckSchema, JobCreateSchema
from service.scorer import Scorer
from service.storage import Database
from service.storage import jobs as rows

bp = Blueprint("jobs", __name__)
GHOST_PATH = "/v1/integrations/ghost"


def _named() -> NamedReferences:
    scorer: Scorer = current_app.extensions["newsmetrics"]
    assert scorer.named is not None  # create_app always attaches the storage
    return scorer.named


def _db() -> Database:
    return _named().db


@bp.post("/v1/jobs")
def create_job() -> tuple[dict[str, Any], int, dict[str, str]]:
    """Queue articles (and/or a reference set to fit) for the worker: 202 and where to poll."""
    settings = current_app.config
    request.max_content_length = settings["JOBS_MAX_BODY"]
    asked = load_json(JobCreateSchema(max_articles=settings["JOBS_MAX_ARTICLES"]))
    job = jobs.queue(_db(), _named(), asked, asked["articles"])
    reference = asked["reference"].name if "reference" in asked else None
    href = jobs.job_path(job.id)
    return jobs.describe(_db(), job, reference), 202, {"Location": href}


@bp.get("/v1/jobs/<job_id>")
def get_job(job_id: str) -> dict[str, Any]:
    """A job's status, progress and callbacks."""
    job = jobs.found(_db(), job_id)
    return jobs.describe(_db(), job, jobs.reference_of(_db(), job))


def _page_parameter(name: str, default: int, highest: int) -> int:
    value = request.args.get(name)
    if value is None:
        return default
    lowest = 1 if name == "limit" else 0
    if not value.isdecimal() or not lowest <= int(value) <= highest:
        error = FieldError(f"/{name}", f"must be a whole number from {lowest} to {highest}")
        raise ApiProblem(422, f"query parameter {name!r}: {error.detail}", errors=(error,))
    return int(value)


@bp.get("/v1/jobs/<job_id>/results")
def get_job_results(job_id: str) -> dict[str, Any]:
    """The job's stored results, a page at a time, by position."""
    offset = _page_parameter("offset", 0, rows.MAX_POSITION)
    limit = _page_parameter("limit", jobs.PAGE_ITEMS, jobs.MAX_PAGE_ITEMS)
    job = jobs.found(_db(), job_id)
    return jobs.results_page(_db(), job, offset, limit)


def _verified_body() -> bytes:
    """The raw body, when X-Ghost-Signature signs it with the configured secret; else 401."""
    settings = current_app.config
    request.max_content_length = settings["GHOST_MAX_BODY"]
    raw = read_body()
    tolerance_ms = int(settings["GHOST_TOLERANCE_SECONDS"] * 1000)
    try:
        ghost.verify(
            str(settings["GHOST_WEBHOOK_SECRET"] or ""),
            request.headers.get(ghost.SIGNATURE_HEADER),
            raw,
            int(time.time() * 1000),
            tolerance_ms,
        )
    except ghost.SignatureError as err:
        raise ApiProblem(401, str(err), code="bad-signature") from err
    return raw


def _post(raw: bytes) -> ghost.Post | None:
    if not request.is_json:
        raise ApiProblem(
            415, f"send the body as application/json, not {request.mimetype or 'nothing'}"
        )
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise ApiProblem(400, f"the body is not valid JSON: {err}", code="malformed-json") from err
    try:
        return ghost.post_of(body)
    except ghost.PayloadError as err:
        raise ApiProblem(422, str(err), errors=(FieldError(err.pointer, str(err)),)) from err


@bp.post(GHOST_PATH)
def ghost_webhook() -> tuple[dict[str, Any], int]:
    """A Ghost post webhook: verified, deduplicated on the post's version, queued (202). The
    post is scored by the worker and stored as a revision of the article named by its id."""
    raw = _verified_body()
    event = request.args.get("event")
    if event is not None and event not in ghost.EVENTS:
        error = FieldError("/event", f"one of {', '.join(ghost.EVENTS)}")
        raise ApiProblem(422, f"query parameter 'event' must be {error.detail}", errors=(error,))
    post = _post(raw)
    if post is None:
        return GhostAckSchema().dump(
            {"status": "ignored", "article_id": None, "article_href": None}
        ), 200
    asked = {
        "post": {
            "id": post.id,
            "updated_at": post.updated_at,
            "html": post.html,
            "title": post.title,
            "url": post.url,
        }
    }
    job, created = rows.create(_db(), rows.GHOST, asked, 1, None, post.dedupe_key)
    ack = {
        "status": "queued" if created else "duplicate",
        "article_id": post.id,
        "article_href": f"/v1/articles/{quote(post.id, safe='')}",
        "job": jobs.describe(_db(), job),
    }
    return GhostAckSchema().dump(ack), 202 if created else 200
