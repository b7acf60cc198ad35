"""The article routes: store a draft as a revision, read an article, one revision, a diff."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, request

from service import articles
from service.bodies import load_json
from service.diff import diff
from service.models import ArticleRequest
from service.problems import ApiProblem, FieldError
from service.schemas import (
    MAX_ID_CHARS,
    ArticleHistorySchema,
    ArticlePutSchema,
    ArticleRevisionSchema,
    RevisionDiffSchema,
    revision_path,
)
from service.scorer import Scorer

bp = Blueprint("articles", __name__)
# Largest revision number: what a 32-bit integer column holds (PostgreSQL's integer).
MAX_REVISION = 2**31 - 1


def _scorer() -> Scorer:
    loaded: Scorer = current_app.extensions["newsmetrics"]
    return loaded


def _checked_id(article_id: str) -> str:
    if not 1 <= len(article_id) <= MAX_ID_CHARS:
        raise ApiProblem(404, f"an article id has 1 to {MAX_ID_CHARS} characters")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in article_id):
        raise ApiProblem(404, "an article id cannot hold an unpaired UTF-16 surrogate")
    return article_id


@bp.put("/v1/articles/<article_id>")
def put_article(article_id: str) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Analyse and store a draft as a new revision; the same draft again is answered from
    storage (200, ``unchanged``), a new one is 201."""
    asked: ArticleRequest = load_json(ArticlePutSchema())
    if asked.meta.id is not None and asked.meta.id != article_id:
        error = FieldError("/id", f"the body's id {asked.meta.id!r} is not the path's")
        raise ApiProblem(422, error.detail, errors=(error,))
    stored = articles.put_article(_scorer(), _checked_id(article_id), asked)
    body = ArticleRevisionSchema().dump(
        {"revision": stored.revision, "unchanged": not stored.created}
    )
    location = revision_path(article_id, stored.revision.number)
    return body, 201 if stored.created else 200, {"Location": location}


@bp.get("/v1/articles/<article_id>")
def get_article(article_id: str) -> dict[str, Any]:
    """The article's latest report and its revisions (time and text hash)."""
    scorer = _scorer()
    revisions = articles.history(scorer, _checked_id(article_id))
    latest = articles.revision(scorer, article_id, revisions[-1].number)
    dumped: dict[str, Any] = ArticleHistorySchema().dump(
        {"id": article_id, "revisions": revisions, "latest": latest.report}
    )
    return dumped


@bp.get("/v1/articles/<article_id>/revisions/<number>")
def get_revision(article_id: str, number: str) -> dict[str, Any]:
    """One revision's report."""
    if not number.isdecimal() or not 1 <= int(number) <= MAX_REVISION:
        raise ApiProblem(404, f"a revision number is 1 to {MAX_REVISION}", code="unknown-revision")
    found = articles.revision(_scorer(), _checked_id(article_id), int(number))
    dumped: dict[str, Any] = ArticleRevisionSchema().dump({"revision": found, "unchanged": True})
    return dumped


def _revision_number(name: str) -> int:
    value = request.args.get(name, "")
    if not value.isdecimal() or not 1 <= int(value) <= MAX_REVISION:
        error = FieldError(f"/{name}", f"a revision number (1 to {MAX_REVISION}) is required")
        raise ApiProblem(422, f"query parameter {name!r}: {error.detail}", errors=(error,))
    return int(value)


@bp.get("/v1/articles/<article_id>/diff")
def get_diff(article_id: str) -> dict[str, Any]:
    """What moved between revisions ``from`` and ``to`` (query parameters)."""
    scorer = _scorer()
    first, second = _revision_number("from"), _revision_number("to")
    before = articles.revision(scorer, _checked_id(article_id), first)
    after = articles.revision(scorer, article_id, second)
    assert before.report is not None and after.report is not None  # full revisions
    changes = diff(before.report, after.report)
    ids = {"article_id": article_id, "from_revision": first, "to_revision": second}
    dumped: dict[str, Any] = RevisionDiffSchema().dump(ids | changes)
    return dumped


@bp.delete("/v1/articles/<article_id>")
def delete_article(article_id: str) -> tuple[str, int]:
    """Forget the article and every revision."""
    articles.delete_article(_scorer(), _checked_id(article_id))
    return "", 204
