"""Request bodies in, response bodies out: the steps every view shares, kept out of the views."""

from __future__ import annotations

import json
from typing import Any

from flask import g, request
from marshmallow import Schema, ValidationError

from scoring.errors import ScoringError
from service.models import ArticleRequest, ArticleResult, Dumping, Options, dump_options
from service.problems import ApiProblem, json_pointer, scoring_problem, validation_problem
from service.schemas import ArticleResultSchema, ArticleSchema, BatchItemSchema
from service.scorer import BatchOutcome


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
    raw = request.get_data(cache=False)  # raises 413 beyond MAX_CONTENT_LENGTH, before parsing
    try:
        body = json.loads(raw, parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as err:
        raise ApiProblem(400, f"the body is not valid JSON: {err}", code="malformed-json") from err
    if isinstance(body, dict):
        g.input_field = "html" if "html" in body else "text"
    return schema.load(body)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def dump_article(result: ArticleResult, schema: Schema) -> dict[str, Any]:
    """One scored article as JSON, with the evidence, offsets and text the caller asked for."""
    with Dumping(dump_options(result.options, result.report.text)):
        dumped: dict[str, Any] = schema.dump(result)
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
    if isinstance(outcome, ScoringError):
        pointer = json_pointer(("items", index, "html" if item.article.is_html else "text"))
        problem = scoring_problem(outcome, pointer)
        return {"index": index, "status": problem["status"], "problem": problem}
    result = ArticleResult(item.meta, options, outcome.report, outcome.cached)
    return {"index": index, "status": 200, "result": dump_article(result, ArticleResultSchema())}
