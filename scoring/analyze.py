"""The one orchestrator: parse the article once, run every metric on the same ``Doc``, report."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

import scoring
from scoring.actors import ActorQuery, find_actors
from scoring.article import Analysis
from scoring.attribution import find_attributions, unattributed_claims
from scoring.deadline import Deadline, check
from scoring.errors import InputError, ReferenceSetError, TimeBudgetError
from scoring.hedging import find_hedges
from scoring.reference import Comparison, ReferenceSet, stored
from scoring.reference.estimator import ArticleFigures, article_figures
from scoring.resources import Resources
from scoring.sentiment import actor_sentiment
from scoring.text.input import CitedQuote, PreparedText, prepare_article
from scoring.text.quotes import voices
from scoring.text.sentences import sentence_index
from scoring.text.spans import doc_text
from scoring.text.words import count_words
from scoring.tone import document_tone

# Reference articles parsed in one nlp.pipe call by fit_reference.
FIT_CHUNK = 16
# Below this many words, densities swing with a single cue: the report says so.
SHORT_TEXT_WORDS = 150


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article to analyse: its text (plain or HTML) and the actors the caller asks about."""

    text: str
    is_html: bool = False
    actors: tuple[ActorQuery, ...] = ()


@dataclass(frozen=True, slots=True)
class Versions:
    """Versions of everything that shapes the figures, so two reports can be compared."""

    scoring: str
    pipeline: str
    lexicons: str
    sentiment_model: str
    baseline: str | None


@dataclass(frozen=True, slots=True)
class Report:
    """The scored report of one article: raw analysis, comparison with the reference, warnings."""

    text: str
    text_sha256: str
    text_length: int
    captions: tuple[str, ...]  # figure captions of an HTML body, set apart from the analysis
    analysis: Analysis
    comparison: Comparison | None
    versions: Versions
    warnings: tuple[str, ...]


def analyze(
    text: str,
    *,
    resources: Resources,
    is_html: bool = False,
    actors: Sequence[ActorQuery] = (),
    reference: ReferenceSet | None = None,
    deadline: Deadline | None = None,
) -> Report:
    """Analyse one article; raise an ``InputError`` subclass when the text cannot be analysed,
    and ``TimeBudgetError`` when ``deadline`` passes before the analysis is done."""
    prepared = prepare_article(text, is_html=is_html)
    doc = resources.nlp(prepared.text)
    return _report(doc, prepared, tuple(actors), resources, reference, deadline)


def analyze_batch(
    items: Sequence[ArticleInput],
    *,
    resources: Resources,
    reference: ReferenceSet | None = None,
    deadline: Deadline | None = None,
) -> list[Report | InputError | TimeBudgetError]:
    """Analyse several articles in one ``nlp.pipe`` pass; a bad item yields its error. The items
    share ``deadline``: once it has passed, the item in progress and every later one yield
    ``TimeBudgetError``, and the earlier ones keep their reports."""
    prepared: list[PreparedText | InputError] = []
    for item in items:
        try:
            prepared.append(prepare_article(item.text, is_html=item.is_html))
        except InputError as err:
            prepared.append(err)
    docs = iter(resources.nlp.pipe(p.text for p in prepared if isinstance(p, PreparedText)))
    results: list[Report | InputError | TimeBudgetError] = []
    stopped: TimeBudgetError | None = None
    for p, item in zip(prepared, items, strict=True):
        if isinstance(p, InputError):
            results.append(p)
            continue
        if stopped is None:
            try:
                check(deadline)
                results.append(_report(next(docs), p, item.actors, resources, reference, deadline))
                continue
            except TimeBudgetError as err:
                stopped = err
        results.append(stopped)
    return results


def fit_reference(
    articles: Sequence[tuple[str, str | ArticleInput]],
    *,
    resources: Resources,
    name: str = "seeds",
    progress: Callable[[int], None] | None = None,
) -> ReferenceSet:
    """Analyse reference articles, given as (id, text or ``ArticleInput``), and fit a reference
    set. Articles are parsed ``FIT_CHUNK`` at a time and only their figures kept, so a large set
    fits in bounded memory; ``progress`` is told how many are done after each chunk."""
    figures: list[ArticleFigures] = []
    failed: list[str] = []
    for start in range(0, len(articles), FIT_CHUNK):
        chunk = articles[start : start + FIT_CHUNK]
        items = [
            item if isinstance(item, ArticleInput) else ArticleInput(text=item) for _, item in chunk
        ]
        for (id, _), report in zip(chunk, analyze_batch(items, resources=resources), strict=True):
            if isinstance(report, Report):
                figures.append(article_figures(report.analysis))
            else:
                failed.append(f"{id} ({report})")
        if progress is not None:
            progress(start + len(chunk))
    if failed:
        raise ReferenceSetError(f"reference articles cannot be analysed: {'; '.join(failed)}")
    return ReferenceSet(name=name).fit_figures(figures, ids=[id for id, _ in articles])


def _fitted_versions(resources: Resources) -> dict[str, str]:
    made = versions(resources)
    return {
        "scoring": made.scoring,
        "pipeline": made.pipeline,
        "lexicons": made.lexicons,
        "sentiment_model": made.sentiment_model,
    }


def save_reference(reference: ReferenceSet, *, resources: Resources) -> dict[str, Any]:
    """A fitted reference set as plain JSON values, stamped with the versions that made it."""
    return stored.dump(reference, _fitted_versions(resources))


def load_reference(data: Mapping[str, Any], *, resources: Resources) -> ReferenceSet:
    """A reference set ``save_reference`` wrote; ``ReferenceVersionError`` when it was fitted
    with another library, pipeline, lexicon, model, catalogue or topic-model version (refit it)."""
    return stored.load(data, _fitted_versions(resources))


def analyze_doc(
    doc: Doc,
    *,
    resources: Resources,
    actors: tuple[ActorQuery, ...] = (),
    cited: tuple[CitedQuote, ...] = (),
    deadline: Deadline | None = None,
) -> Analysis:
    """Every metric over one parsed article (``cited``: its credited block quotations); raises
    ``TimeBudgetError`` when ``deadline`` passes first."""
    check(deadline)
    found = find_actors(doc, gazetteer=resources.gazetteer, requested=actors)
    attribution = find_attributions(
        doc, actors=found, lexicon=resources.attribution_lexicon, cited=cited
    )
    check(deadline)
    regions = attribution.quoted_regions()
    reported = tuple(
        (a.content.start, a.content.end) for a in attribution.attributions if a.kind != "direct"
    )
    voiced = voices(doc, reported)
    hedging = find_hedges(doc, lexicon=resources.hedge_lexicon, voices=voiced)
    hearsay = tuple((c.span.start, c.span.end) for c in hedging.cues if c.hearsay)
    check(deadline)
    return Analysis(
        text=doc_text(doc),
        words=count_words(doc),
        sentences=sentence_index(doc).count,
        actors=found,
        sentiment=actor_sentiment(
            doc,
            found,
            encoder=resources.sentiment_model,
            lexicon=resources.vader.lexicon,
            voices=voiced,
            quotes=regions,
            sources=tuple(
                (a.source.start, a.source.end, a.content.start, a.content.end)
                for a in attribution.attributions
                if a.source is not None
            ),
            deadline=deadline,
        ),
        hedging=hedging,
        attribution=attribution,
        unattributed_claims=unattributed_claims(doc, attribution, hearsay),
        tone=document_tone(doc, lexicon=resources.vader.lexicon),
    )


def _report(
    doc: Doc,
    prepared: PreparedText,
    actors: tuple[ActorQuery, ...],
    resources: Resources,
    reference: ReferenceSet | None,
    deadline: Deadline | None = None,
) -> Report:
    analysis = analyze_doc(
        doc, resources=resources, actors=actors, cited=prepared.cited_quotes, deadline=deadline
    )
    text = analysis.text
    comparison = reference.compare(analysis) if reference is not None else None
    return Report(
        text=text,
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text_length=len(text),
        captions=prepared.captions,
        analysis=analysis,
        comparison=comparison,
        versions=versions(resources, reference),
        warnings=_warnings(analysis) + (comparison.warnings if comparison else ()),
    )


def versions(resources: Resources, reference: ReferenceSet | None = None) -> Versions:
    """The versions a report carries (also what the service's info endpoint shows)."""
    return Versions(
        scoring=scoring.__version__,
        pipeline=resources.pipeline_version,
        lexicons=resources.lexicons_version,
        sentiment_model=resources.sentiment_model.version,
        baseline=reference.version_ if reference is not None else None,
    )


def _warnings(analysis: Analysis) -> tuple[str, ...]:
    warnings = []
    if analysis.words < SHORT_TEXT_WORDS:
        warnings.append(
            f"the text has {analysis.words} words; below {SHORT_TEXT_WORDS} words a single "
            "cue moves every density, so read the figures with care"
        )
    if not any(actor.mentions for actor in analysis.actors):
        warnings.append("no actors (people, organisations, countries, groups) were found")
    return tuple(warnings)
