"""The reference-set routes: create (fitted now, or in the background when large), list, show,
delete. Each loads with a schema, calls the named sets once, dumps with a schema."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, request

from service.articles import reference_articles
from service.bodies import load_json
from service.models import NO_BASELINE, SEEDS, ReferenceArticle, ReferenceRequest
from service.problems import ApiProblem
from service.references import NamedReferences, UnknownReference
from service.schemas import ReferenceCreateSchema, ReferenceListSchema, ReferenceSetSchema
from service.scorer import Scorer
from service.storage.references import FAILED, READY, StoredSet

bp = Blueprint("references", __name__)


def _scorer() -> Scorer:
    loaded: Scorer = current_app.extensions["newsmetrics"]
    return loaded


def _named() -> NamedReferences:
    named = _scorer().named
    assert named is not None  # create_app always attaches the storage
    return named


def _href(name: str) -> str:
    return f"/v1/references/{name}"


def _builtin() -> dict[str, Any]:
    seeds = _scorer().references[SEEDS]
    size = len(seeds.ids_)
    return {
        "name": SEEDS,
        "description": "The built-in seed articles: the March 2025 US-Russia ceasefire talks "
        "about Ukraine",
        "builtin": True,
        "status": READY,
        "size": size,
        "done": size,
        "progress": 1.0,
        "error": None,
        "version": seeds.version_,
        "topic_terms": list(seeds.topics_.terms),
        "created_at": None,
        "updated_at": None,
        "href": _href(SEEDS),
    }


def _stored(stored: StoredSet, reference: Any = None) -> dict[str, Any]:
    described = {
        "name": stored.name,
        "description": stored.description,
        "builtin": False,
        "status": stored.status,
        "size": stored.size,
        "done": stored.done,
        "progress": stored.done / stored.size if stored.size else 0.0,
        "error": stored.error,
        "version": reference.version_ if reference is not None else None,
        "topic_terms": list(reference.topics_.terms) if reference is not None else [],
        "created_at": stored.created_at,
        "updated_at": stored.updated_at,
        "href": _href(stored.name),
    }
    if reference is not None:
        described["summary"] = reference.summary()
    return described


def _articles(asked: ReferenceRequest) -> list[ReferenceArticle]:
    if asked.articles:
        return list(asked.articles)
    return reference_articles(_scorer(), asked.article_ids)


@bp.post("/v1/references")
def create_reference() -> tuple[dict[str, Any], int, dict[str, str]]:
    """Store a named reference set and fit it (202 and fitted in the background when large)."""
    settings = current_app.config
    request.max_content_length = settings["REFERENCE_MAX_BODY"]
    asked: ReferenceRequest = load_json(
        ReferenceCreateSchema(max_articles=settings["REFERENCE_MAX_ARTICLES"])
    )
    if asked.name in (SEEDS, NO_BASELINE):
        raise ApiProblem(409, f"{asked.name!r} is a built-in name", code="reference-exists")
    articles = _articles(asked)
    # Fitted in the request only when few and within the time budget a request may spend.
    budget = _scorer().budget
    estimated = sum(budget.estimate(len(article.text)) for article in articles)
    wait = len(articles) <= settings["REFERENCE_SYNC_ARTICLES"] and estimated <= budget.seconds
    stored = _named().create(asked.name, asked.description, articles, wait=wait)
    if stored.status == FAILED:  # an article the library refused: the set is not kept
        _named().delete(asked.name)
        detail = stored.error or "the articles cannot be analysed"
        raise ApiProblem(422, detail, code="invalid-reference-articles")
    status = 201 if stored.status == READY else 202
    reference = _named().summary(asked.name)[1] if status == 201 else None
    return ReferenceSetSchema().dump(_stored(stored, reference)), status, _location(asked.name)


def _location(name: str) -> dict[str, str]:
    return {"Location": _href(name)}


@bp.get("/v1/references")
def list_references() -> dict[str, Any]:
    """The built-in seeds and every stored set, without their statistics."""
    stored = [_stored(item) for item in _named().all_sets()]
    listing = {
        "default": current_app.config["DEFAULT_REFERENCE"],
        "references": [_builtin(), *stored],
    }
    dumped: dict[str, Any] = ReferenceListSchema().dump(listing)
    return dumped


@bp.get("/v1/references/<name>")
def get_reference(name: str) -> dict[str, Any]:
    """One set: its state and progress, and once fitted its statistics, actors and topic."""
    if name == SEEDS:
        seeds = _scorer().references[SEEDS]
        dumped: dict[str, Any] = ReferenceSetSchema().dump(
            _builtin() | {"summary": seeds.summary()}
        )
        return dumped
    stored, reference = _named().summary(name)
    dumped = ReferenceSetSchema().dump(_stored(stored, reference))
    return dumped


@bp.delete("/v1/references/<name>")
def delete_reference(name: str) -> tuple[str, int]:
    """Forget a stored set (the built-in seeds cannot be deleted)."""
    if name in (SEEDS, NO_BASELINE):
        raise ApiProblem(
            409, f"{name!r} is built in and cannot be deleted", code="builtin-reference"
        )
    _named().delete(name)
    return "", 204


__all__ = ["UnknownReference", "bp"]
