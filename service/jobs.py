"""Background jobs as the API sees them: queue one, describe it, page through its results.

A job is queued here and run by ``python -m service.worker`` (service/worker.py), never in the
request: POST /v1/jobs answers 202 at once. What a job holds is stored as asked (the articles
as JSON, the options, the reference set to fit), and the worker loads it with the same schemas.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import quote

from flask import current_app

from service.models import NO_BASELINE, SEEDS, Options, ReferenceRequest
from service.problems import ApiProblem, FieldError
from service.references import NamedReferences, UnknownReference
from service.schemas import JobResultsSchema, JobSchema
from service.storage import Database
from service.storage import jobs as rows
from service.storage.jobs import Job
from service.webhooks import CallbackRefused, check_url

# Results per page of GET /v1/jobs/{id}/results, by default and at most.
PAGE_ITEMS = 50
MAX_PAGE_ITEMS = 500


def job_path(job_id: str) -> str:
    return f"/v1/jobs/{quote(job_id, safe='')}"


def checked_callback(url: str) -> str:
    """The callback URL when this deployment may call it: a secret to sign with, an allowed
    host; else 422 saying which setting or what in the URL stops it."""
    settings = current_app.config
    if settings["WEBHOOK_KEY"] is None:
        detail = (
            "callbacks are off here: the service has no NEWSMETRICS_WEBHOOK_SECRET to sign with"
        )
        raise ApiProblem(
            422, detail, code="callbacks-disabled", errors=(FieldError("/callback_url", detail),)
        )
    try:
        check_url(url, settings["CALLBACK_HOST_SET"], https_only=settings["CALLBACK_HTTPS_ONLY"])
    except CallbackRefused as err:
        raise ApiProblem(
            422, str(err), code="callback-refused", errors=(FieldError("/callback_url", str(err)),)
        ) from err
    return url


def _check_reference_name(named: NamedReferences, reference: ReferenceRequest) -> None:
    if reference.name in (SEEDS, NO_BASELINE):
        raise ApiProblem(409, f"{reference.name!r} is a built-in name", code="reference-exists")
    try:
        named.status(reference.name)
    except UnknownReference:
        return
    detail = f"a reference set called {reference.name!r} exists; DELETE it first to replace it"
    raise ApiProblem(409, detail, code="reference-exists")


def queue(
    db: Database, named: NamedReferences, asked: dict[str, Any], raw_articles: list[Any]
) -> Job:
    """Store the job (its articles as given) for a worker; 409/422 for what cannot run."""
    callback = asked.get("callback_url")
    if callback is not None:
        checked_callback(callback)
    request: dict[str, Any] = {"articles": raw_articles, "options": asdict(asked["options"])}
    reference: ReferenceRequest | None = asked.get("reference")
    if reference is not None:
        _check_reference_name(named, reference)
        request["reference"] = {
            "name": reference.name,
            "description": reference.description,
            "articles": [asdict(article) for article in reference.articles],
            "article_ids": list(reference.article_ids),
        }
    job, _ = rows.create(db, rows.ARTICLES, request, len(raw_articles), callback)
    return job


def options_of(request: dict[str, Any]) -> Options:
    return Options(**request.get("options", {}))


def describe(db: Database, job: Job, reference: str | None = None) -> dict[str, Any]:
    """The job as JobSchema dumps it: state, progress, callbacks, where the results are."""
    described: dict[str, Any] = {
        "id": job.id,
        "kind": job.kind,
        "status": job.status,
        "total": job.total,
        "done": job.done,
        "failed": job.failed,
        "progress": job.done / job.total if job.total else float(job.status == rows.DONE),
        "error": job.error,
        "created_at": job.created_at,
        "updated_at": job.updated_at,
        "finished_at": job.finished_at,
        "href": job_path(job.id),
        "results_href": f"{job_path(job.id)}/results",
    }
    if reference is not None:
        described["reference"] = {"name": reference, "href": f"/v1/references/{reference}"}
    if job.callback_url is not None:
        described["callback"] = {"url": job.callback_url, **rows.delivery_counts(db, job.id)}
    dumped: dict[str, Any] = JobSchema().dump(described)
    return dumped


def found(db: Database, job_id: str) -> Job:
    """The job, or 404."""
    job = rows.get(db, job_id)
    if job is None:
        raise ApiProblem(404, f"no job {job_id!r} is stored", code="unknown-job")
    return job


def reference_of(db: Database, job: Job) -> str | None:
    if job.kind != rows.ARTICLES:
        return None
    reference = rows.request_of(db, job.id).get("reference")
    return str(reference["name"]) if reference else None


def results_page(db: Database, job: Job, offset: int, limit: int) -> dict[str, Any]:
    """One page of stored results from position ``offset``."""
    stored = rows.items(db, job.id, offset, limit + 1)
    page = [{"index": position, "status": status, **item} for position, status, item in stored]
    more = len(page) > limit
    following = (
        f"{job_path(job.id)}/results?offset={page[limit]['index']}&limit={limit}" if more else None
    )
    dumped: dict[str, Any] = JobResultsSchema().dump(
        {"job_id": job.id, "items": page[:limit], "next": following}
    )
    return dumped
