"""Errors as RFC 9457 problem details: one builder, one table from error to HTTP status."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Response, jsonify, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from scoring.errors import InputError, ScoringError, TimeBudgetError
from service.budget import OverBudget
from service.logs import request_id
from service.references import ReferenceNotReady, UnknownReference
from service.storage import StorageUnavailable
from service.storage.references import SetExists

logger = logging.getLogger(__name__)

PROBLEM_MIMETYPE = "application/problem+json"
# Problem type URIs identify a kind of problem; they are tag URIs (RFC 4151) on purpose, so no
# client tries to fetch them. The last segment is the stable ``code`` also sent in the body.
TYPE_PREFIX = "tag:newsmetrics,2025:problem:"

# Library error codes (scoring.errors) to HTTP status. Input errors are the caller's to fix (422);
# a broken reference set or pipeline is the server's (500, 503).
SCORING_STATUSES: dict[str, int] = {
    "invalid-input": 422,
    "empty-text": 422,
    "no-letters": 422,
    "text-too-long": 422,
    "undecodable-text": 422,
    "invalid-actor": 422,
    "invalid-reference": 500,
    "reference-not-fitted": 503,
    "pipeline-unavailable": 503,
    "scoring-error": 500,
    "over-time-budget": 503,
}
# Seconds a caller should wait before sending an article stopped at its deadline again.
TIME_RETRY_S = 30
# HTTP errors raised by Flask/werkzeug or by the service, to the stable code sent in the body.
HTTP_CODES: dict[int, str] = {
    400: "bad-request",
    401: "unauthorized",
    404: "not-found",
    405: "method-not-allowed",
    413: "body-too-large",
    414: "uri-too-long",
    415: "unsupported-media-type",
    417: "expectation-failed",
    422: "validation-failed",
    431: "header-fields-too-large",
    500: "internal-error",
    501: "not-implemented",
    503: "not-ready",
}
# An article refused before any work because its estimated time does not fit the budget: 422 when
# it cannot fit even alone (the caller must shorten it), 503 in a batch when the earlier items
# used the budget (the caller can resend it at once, alone).
OVER_BUDGET_CODE = "over-time-budget"
TITLES: dict[int, str] = {
    400: "Bad request",
    401: "Unauthorized",
    404: "Not found",
    405: "Method not allowed",
    413: "Request body too large",
    414: "URI too long",
    415: "Unsupported media type",
    417: "Expectation failed",
    422: "Unprocessable content",
    431: "Request header fields too large",
    500: "Internal server error",
    501: "Not implemented",
    503: "Service unavailable",
}
# Plainer words than werkzeug's for the routing errors (the path and method are in the problem).
ROUTING_DETAILS = {
    404: "no such route; the routes are listed in /openapi.yaml",
    405: "this route does not take that method; the Allow header lists those it takes",
}
# Headers of a werkzeug error worth keeping on the problem response (405 must say what is allowed).
KEPT_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After", "Location")


@dataclass(frozen=True, slots=True)
class FieldError:
    """One invalid part of a request: a JSON pointer (RFC 6901) into the body and what is wrong."""

    pointer: str
    detail: str


@dataclass
class ApiProblem(Exception):
    """An error the service raises on purpose; rendered by the one builder below."""

    status: int
    detail: str
    code: str | None = None
    errors: tuple[FieldError, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)


def scoring_status(error: ScoringError) -> int:
    """HTTP status for a library error, by its stable code (unknown codes are server errors)."""
    return SCORING_STATUSES.get(error.code, 500)


def problem_object(
    status: int,
    detail: str,
    *,
    instance: str,
    request_id: str,
    code: str | None = None,
    errors: tuple[FieldError, ...] = (),
) -> dict[str, Any]:
    """The problem-details object: the same members for every error, here, in batch items and in
    the errors gunicorn answers itself (service/deploy.py, where there is no request context)."""
    code = code or HTTP_CODES.get(status, "error")
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + code,
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": instance,
        "code": code,
        "request_id": request_id,
    }
    if status == 422:
        body["errors"] = [{"pointer": e.pointer, "detail": e.detail} for e in errors]
    return body


def problem_body(
    status: int, detail: str, *, code: str | None = None, errors: tuple[FieldError, ...] = ()
) -> dict[str, Any]:
    """The problem object for the current request."""
    return problem_object(
        status, detail, instance=request.path, request_id=request_id(), code=code, errors=errors
    )


def over_budget_problem(error: OverBudget, pointer: str) -> ApiProblem:
    """The problem for an article refused for time (422: never fits; 503: not in this batch),
    pointing at the request member that held its text."""
    status = 422 if error.never else 503
    errors = (FieldError(pointer, str(error)),)
    return ApiProblem(status, str(error), code=OVER_BUDGET_CODE, errors=errors)


def time_budget_problem(error: TimeBudgetError, pointer: str) -> ApiProblem:
    """The 503 for an analysis stopped at the request's deadline (the estimate admitted it, the
    machine was slower): the same article alone, or later, may fit."""
    detail = f"{error}; send this article again on its own or later"
    return ApiProblem(
        503,
        detail,
        code=error.code,
        errors=(FieldError(pointer, detail),),
        headers={"Retry-After": str(TIME_RETRY_S)},
    )


def problem_of(error: ApiProblem) -> dict[str, Any]:
    """The problem object of an ``ApiProblem`` (for a batch item, which has no response)."""
    return problem_body(error.status, error.detail, code=error.code, errors=error.errors)


def scoring_problem(error: ScoringError, pointer: str) -> dict[str, Any]:
    """Problem object for a library error; input errors point at the text they were about."""
    status = scoring_status(error)
    errors = (FieldError(pointer, str(error)),) if isinstance(error, InputError) else ()
    detail = str(error) if status < 500 else "the analysis failed on the server"
    return problem_body(status, detail, code=error.code, errors=errors)


def input_problem(error: InputError, pointer: str) -> ApiProblem:
    """The 422 for a library input error, pointing at the request member that held the text."""
    status = scoring_status(error)
    return ApiProblem(
        status, str(error), code=error.code, errors=(FieldError(pointer, str(error)),)
    )


def problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    """Render a problem object as ``application/problem+json``."""
    response = jsonify(body)
    response.status_code = body["status"]
    response.mimetype = PROBLEM_MIMETYPE
    response.headers.update(headers or {})
    return response


def json_pointer(path: tuple[str | int, ...]) -> str:
    """RFC 6901 pointer for a path of keys and indexes (``~`` and ``/`` escaped)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def field_errors(messages: Any, path: tuple[str | int, ...] = ()) -> tuple[FieldError, ...]:
    """Flatten marshmallow's nested messages into one pointer per invalid field."""
    if isinstance(messages, dict):
        found: list[FieldError] = []
        for key, value in messages.items():
            # Schema-level errors (key "_schema") are about the object itself.
            child = path if key == "_schema" else (*path, key)
            found.extend(field_errors(value, child))
        return tuple(found)
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return (FieldError(json_pointer(path), " ".join(messages)),)
    if isinstance(messages, list):
        return tuple(e for m in messages for e in field_errors(m, path))
    return (FieldError(json_pointer(path), str(messages)),)


def _on_api_problem(error: ApiProblem) -> Response:
    return problem_response(problem_of(error), error.headers)


def validation_problem(
    error: ValidationError, prefix: tuple[str | int, ...] = ()
) -> dict[str, Any]:
    """Problem object for a schema validation error, one pointer per invalid field."""
    errors = field_errors(error.messages, prefix)
    detail = "; ".join(f"{e.pointer or '/'}: {e.detail}" for e in errors)
    return problem_body(422, f"the request is invalid: {detail}", errors=errors)


def _on_validation_error(error: ValidationError) -> Response:
    return problem_response(validation_problem(error))


def _on_scoring_error(error: ScoringError) -> Response:
    # Input errors are turned into pointed 422s where the article is scored (bodies.py); what
    # reaches this handler is the server's failure, or an input error with no article to point at.
    if scoring_status(error) >= 500:
        logger.error("scoring failed", exc_info=error, extra={"fields": {"code": error.code}})
    return problem_response(scoring_problem(error, ""))


def _on_http_exception(error: HTTPException) -> Response:
    status = error.code or 500
    detail = ROUTING_DETAILS.get(status, error.description or TITLES.get(status, "Error"))
    headers = {k: v for k, v in error.get_headers() if k in KEPT_HEADERS}
    return problem_response(problem_body(status, detail), headers)


def _on_unexpected(error: Exception) -> Response:
    logger.error("unexpected error", exc_info=error)
    detail = "the server failed to handle this request; it has been logged with its request id"
    return problem_response(problem_body(500, detail))


# Seconds a client is told to wait before asking again about a set that is still fitting.
FITTING_RETRY_AFTER = "5"


def _on_unknown_reference(error: UnknownReference) -> Response:
    detail = (
        f"no reference set is called {error.args[0]!r}; GET /v1/references lists them "
        "(the built-in one is 'seeds')"
    )
    return problem_response(problem_body(404, detail, code="unknown-reference"))


def _on_not_ready(error: ReferenceNotReady) -> Response:
    failed = error.stored.status == "failed"
    code = "reference-failed" if failed else "reference-fitting"
    headers = {} if failed else {"Retry-After": FITTING_RETRY_AFTER}
    location = {"Location": f"/v1/references/{error.stored.name}"}
    return problem_response(problem_body(409, str(error), code=code), headers | location)


def _on_set_exists(error: SetExists) -> Response:
    detail = f"a reference set called {error.args[0]!r} exists; DELETE it first to replace it"
    return problem_response(problem_body(409, detail, code="reference-exists"))


def _on_storage_unavailable(error: StorageUnavailable) -> Response:
    logger.error("storage unavailable", extra={"fields": {"why": str(error)}})
    detail = f"storage is unavailable: {error}; analysis without a stored set still works"
    return problem_response(problem_body(503, detail, code="storage-unavailable"))


def register_problem_handlers(app: Flask) -> None:
    """Make every error, expected or not, a problem+json response without a stack trace."""
    app.register_error_handler(ApiProblem, _on_api_problem)
    app.register_error_handler(UnknownReference, _on_unknown_reference)
    app.register_error_handler(ReferenceNotReady, _on_not_ready)
    app.register_error_handler(SetExists, _on_set_exists)
    app.register_error_handler(StorageUnavailable, _on_storage_unavailable)
    app.register_error_handler(ValidationError, _on_validation_error)
    app.register_error_handler(ScoringError, _on_scoring_error)
    app.register_error_handler(HTTPException, _on_http_exception)
    app.register_error_handler(Exception, _on_unexpected)
