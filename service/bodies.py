"""Request bodies in, response bodies out: the steps every view shares, kept out of the views."""

from __future__ import annotations

import json
from typing import Any

from flask import current_app, request
from marshmallow import Schema, ValidationError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from scoring.analyze import ArticleInput
from scoring.errors import InputError, ScoringError, TimeBudgetError
from service.budget import OverBudget
from service.models import (
    ArticleRequest,
    ArticleResult,
    Options,
    dump_options,
    reference_name,
)
from service.problems import (
    ApiProblem,
    input_problem,
    json_pointer,
    over_budget_problem,
    problem_of,
    scoring_problem,
    time_budget_problem,
    validation_problem,
)
from service.schemas import ArticleResultSchema, ArticleSchema, BatchItemSchema
from service.scorer import BatchOutcome, Scored, Scorer


def load_items(items: list[dict[str, Any]]) -> list[ArticleRequest | ValidationError]:
    """Each batch item as an article, or the validation error that makes it unusable."""
    loaded: list[ArticleRequest | ValidationError] = []
    for item in items:
        try:
            loaded.append(ArticleSchema().load(item))
        except ValidationError as err:
            loaded.append(err)
    return loaded


def load_json(schema: Schema) -> Any:
    """The request body, checked in order: media type 415, size 413, JSON syntax 400, schema 422."""
    if not request.is_json:
        raise ApiProblem(
            415, f"send the body as application/json, not {request.mimetype or 'nothing'}"
        )
    raw = read_body()
    try:
        body = json.loads(raw, parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as err:
        raise ApiProblem(400, f"the body is not valid JSON: {err}", code="malformed-json") from err
    except RecursionError as err:  # JSON nested deeper than Python's recursion limit
        detail = "the body is not usable JSON: it is nested too deeply"
        raise ApiProblem(400, detail, code="malformed-json") from err
    return schema.load(body)


def read_body() -> bytes:
    """The whole body, or 413 beyond MAX_CONTENT_LENGTH. With a Content-Length, werkzeug refuses
    before reading; a chunked body (no length) is read up to the limit, and one byte more tells
    whether it went on (werkzeug would otherwise hand back the first 2 MiB as if complete)."""
    try:
        raw = request.get_data(cache=False)
    except HTTPException:
        raise
    # Anything else while reading is the framing the server de-chunks (gunicorn raises its own
    # parse errors, e.g. InvalidChunkSize, from the stream): the client's fault, not a 500.
    except Exception as err:
        detail = f"the body could not be read: {type(err).__name__}"
        raise ApiProblem(400, detail, code="bad-request") from err
    limit = request.max_content_length or current_app.config["MAX_CONTENT_LENGTH"]
    chunked = request.content_length is None
    if chunked and len(raw) >= limit and request.environ["wsgi.input"].read(1):
        raise RequestEntityTooLarge()
    return raw


def input_pointer(article: ArticleInput, *prefix: str | int) -> str:
    """JSON pointer to the request member that held the article's text."""
    return json_pointer((*prefix, "html" if article.is_html else "text"))


def score_article(scorer: Scorer, asked: ArticleRequest, *, keep: bool = True) -> Scored:
    """The article's report; an input error the library finds becomes a 422 problem that points
    at the member holding the text (the request says which, so no request state is kept).
    ``keep``: whether a fresh report goes into the scorer's cache."""
    try:
        return scorer.analyze(asked.article, baseline=chosen_reference(asked.options), keep=keep)
    except InputError as err:
        raise input_problem(err, input_pointer(asked.article)) from err
    except OverBudget as err:
        raise over_budget_problem(err, input_pointer(asked.article)) from err
    except TimeBudgetError as err:
        raise time_budget_problem(err, input_pointer(asked.article)) from err


def chosen_reference(options: Options) -> str:
    """The reference set this request compares with (its own, else the deployment's default)."""
    return reference_name(options, current_app.config["DEFAULT_REFERENCE"])


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def dump_article(
    result: ArticleResult, schema: type[ArticleResultSchema] = ArticleResultSchema
) -> dict[str, Any]:
    """One scored article as JSON, with the evidence, offsets and text the caller asked for."""
    dumped: dict[str, Any] = schema(options=dump_options(result.options, result.report.text)).dump(
        result
    )
    return dumped


def batch_items(
    loaded: list[ArticleRequest | ValidationError], outcomes: list[BatchOutcome], options: Options
) -> list[dict[str, Any]]:
    """The batch response's items, in request order: a result or a problem for each."""
    scored = iter(outcomes)
    return [
        BatchItemSchema().dump(
            _invalid_item(index, item)
            if isinstance(item, ValidationError)
            else _scored_item(index, item, next(scored), options)
        )
        for index, item in enumerate(loaded)
    ]


def _invalid_item(index: int, error: ValidationError) -> dict[str, Any]:
    return {"index": index, "status": 422, "problem": validation_problem(error, ("items", index))}


def _scored_item(
    index: int, item: ArticleRequest, outcome: BatchOutcome, options: Options
) -> dict[str, Any]:
    pointer = input_pointer(item.article, "items", index)
    if isinstance(outcome, TimeBudgetError):
        problem = problem_of(time_budget_problem(outcome, pointer))
        return {"index": index, "status": problem["status"], "problem": problem}
    if isinstance(outcome, ScoringError):
        problem = scoring_problem(outcome, pointer)
        return {"index": index, "status": problem["status"], "problem": problem}
    if isinstance(outcome, OverBudget):
        problem = problem_of(over_budget_problem(outcome, pointer))
        return {"index": index, "status": problem["status"], "problem": problem}
    result = ArticleResult(item.meta, options, outcome.report, outcome.cached)
    return {"index": index, "status": 200, "result": dump_article(result)}
