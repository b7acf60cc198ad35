"""Articles a CMS stores with ``PUT /v1/articles/{id}``: each distinct draft becomes a revision
with its report; an identical draft is answered from storage without being analysed again.

Whether the article's text is kept is a deployment setting (STORE_TEXT, off by default): off,
a revision keeps the text's SHA-256, the figures and the spans (offsets with their short
``exact``/``prefix``/``suffix`` excerpts), which is all a diff needs; on, the text too, so stored
articles can also make a reference set (``article_ids``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from flask import current_app

from service.bodies import chosen_reference, dump_article, score_article
from service.models import ArticleRequest, ArticleResult, Options, ReferenceArticle
from service.problems import ApiProblem, FieldError
from service.scorer import Scorer
from service.storage import Database, now
from service.storage import articles as rows
from service.storage.articles import Revision


@dataclass(frozen=True, slots=True)
class Stored:
    """A PUT's outcome: the revision, and whether this request added it."""

    revision: Revision
    created: bool


def _database(scorer: Scorer) -> Database:
    assert scorer.named is not None  # create_app always attaches the storage
    return scorer.named.db


def input_hash(asked: ArticleRequest, reference: str) -> str:
    """SHA-256 of what decides a revision's report: the text or HTML, its kind, the requested
    actors, and the reference set named. The same draft again is the same revision."""
    article = asked.article
    actors = [[a.name, list(a.aliases), a.type] for a in article.actors]
    document = json.dumps([article.text, article.is_html, actors, reference], ensure_ascii=False)
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


def put_article(scorer: Scorer, article_id: str, asked: ArticleRequest) -> Stored:
    """The article's revision for this draft: found in storage, or analysed and stored."""
    db = _database(scorer)
    reference = chosen_reference(asked.options)
    digest = input_hash(asked, reference)
    found = rows.find(db, article_id, digest)
    if found is not None:
        return Stored(found, created=False)
    scored = score_article(scorer, asked, keep=False)  # a repeated draft is found above
    keep_text = bool(current_app.config["STORE_TEXT"])
    stored_options = Options(include_text=keep_text, reference=None, baseline=None)
    report = dump_article(ArticleResult(asked.meta, stored_options, scored.report, False))
    revision = Revision(
        article_id=article_id,
        number=0,
        input_sha256=digest,
        text_sha256=scored.report.text_sha256,
        created_at=now(),
        reference=reference,
        report=report,
        text=scored.report.text if keep_text else None,
        is_html=False,
    )
    stored, created = rows.add(db, revision)
    return Stored(stored, created)


def revision(scorer: Scorer, article_id: str, number: int) -> Revision:
    """One stored revision, or 404."""
    found = rows.get(_database(scorer), article_id, number)
    if found is None:
        raise ApiProblem(
            404, f"article {article_id!r} has no revision {number}", code="unknown-revision"
        )
    return found


def history(scorer: Scorer, article_id: str) -> list[Revision]:
    """The article's revisions, oldest first, or 404."""
    found = rows.history(_database(scorer), article_id)
    if not found:
        raise ApiProblem(404, f"no article {article_id!r} is stored", code="unknown-article")
    return found


def delete_article(scorer: Scorer, article_id: str) -> None:
    """Forget the article and every revision, or 404."""
    if not rows.remove(_database(scorer), article_id):
        raise ApiProblem(404, f"no article {article_id!r} is stored", code="unknown-article")


def reference_articles(scorer: Scorer, article_ids: tuple[str, ...]) -> list[ReferenceArticle]:
    """The latest stored text of each article, as reference articles; 422 naming the ids that
    are unknown or were stored without their text (STORE_TEXT off)."""
    texts = rows.latest_texts(_database(scorer), list(article_ids))
    errors = []
    for index, id in enumerate(article_ids):
        if id not in texts:
            errors.append(FieldError(f"/article_ids/{index}", f"no article {id!r} is stored"))
        elif texts[id][0] is None:
            errors.append(
                FieldError(f"/article_ids/{index}", f"article {id!r} is stored without its text")
            )
    if errors:
        detail = "; ".join(e.detail for e in errors)
        raise ApiProblem(
            422, f"the articles cannot make a reference set: {detail}", errors=tuple(errors)
        )
    return [ReferenceArticle(id=id, text=str(texts[id][0])) for id in article_ids]
