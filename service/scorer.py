"""The service's hold on the library: resources and reference sets loaded once, reports cached."""

from __future__ import annotations

import importlib.util
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from scoring.analyze import (
    ArticleInput,
    Report,
    Versions,
    analyze,
    analyze_batch,
    fit_reference,
    versions,
)
from scoring.errors import InputError, ScoringError, TimeBudgetError
from scoring.folder import read_folder
from scoring.reference import ReferenceSet
from scoring.resources import Resources, load_resources
from service.budget import OverBudget, TimeBudget, article_chars
from service.cache import ReportCache, cache_key
from service.config import StartupError
from service.deploy import draining
from service.memory import release_after
from service.models import NO_BASELINE, SEEDS
from service.references import NamedReferences, UnknownReference

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Scored:
    """A report and whether it came from the cache."""

    report: Report
    cached: bool


# One item of a batch: its report, the input error that stopped it, or its refusal for time
# (before the analysis, by estimate; or during it, when the request's deadline passed).
BatchOutcome = Scored | InputError | OverBudget | TimeBudgetError
# No budget: analyse whatever comes (the command line, tools, tests that build a Scorer).
UNLIMITED = TimeBudget(seconds=float("inf"), chars_per_second=float("inf"), overhead_s=0.0)


class Scorer:
    """Analyses articles against a named reference set, through the report cache."""

    def __init__(
        self,
        resources: Resources,
        references: Mapping[str, ReferenceSet],
        cache: ReportCache,
        budget: TimeBudget = UNLIMITED,
        named: NamedReferences | None = None,
    ) -> None:
        self.resources = resources
        self.references = dict(references)
        self.cache = cache
        self.budget = budget
        self.named = named

    def reference(self, baseline: str) -> ReferenceSet | None:
        """The set called ``baseline``: built in (the seeds), "none", or stored by name
        (``UnknownReference``, ``ReferenceNotReady``, ``StorageUnavailable`` otherwise)."""
        if baseline == NO_BASELINE:
            return None
        if baseline in self.references:
            return self.references[baseline]
        if self.named is None:
            raise UnknownReference(baseline)
        return self.named.resolve(baseline)

    def versions(self, baseline: str = SEEDS) -> Versions:
        """Versions of everything that shapes a report against ``baseline``."""
        return versions(self.resources, self.reference(baseline))

    def analyze(self, article: ArticleInput, baseline: str = SEEDS, *, keep: bool = True) -> Scored:
        """One article's report, from the cache when the same request was scored before;
        ``OverBudget`` when its estimated time exceeds the budget. ``keep=False`` leaves a fresh
        report out of the cache: a caller that stores reports itself (article revisions) answers
        a repeated draft from its store, and pickling a report for the cache costs about 5% of
        its analysis."""
        reference = self.reference(baseline)
        key = self._key(article, baseline, reference)
        cached = self.cache.get(key)
        if cached is not None:
            return Scored(cached, cached=True)
        chars = article_chars(article)
        refused = self.budget.admit([chars])[0]
        if refused is not None:
            raise refused
        started = time.perf_counter()
        report = analyze(
            article.text,
            resources=self.resources,
            is_html=article.is_html,
            actors=article.actors,
            reference=reference,
            deadline=self.budget.deadline(),
        )
        self._log_time(1, chars, started)
        if keep:
            self.cache.put(key, report)
        release_after(chars)
        return Scored(report, cached=False)

    def analyze_batch(
        self, articles: Sequence[ArticleInput], baseline: str = SEEDS
    ) -> list[BatchOutcome]:
        """Reports of several articles: cached ones reused, the rest parsed together."""
        reference = self.reference(baseline)
        keys = [self._key(article, baseline, reference) for article in articles]
        outcomes: list[BatchOutcome | None] = [None] * len(articles)
        for i, key in enumerate(keys):
            hit = self.cache.get(key)
            outcomes[i] = Scored(hit, cached=True) if hit is not None else None
        uncached = [i for i, outcome in enumerate(outcomes) if outcome is None]
        lengths = {i: article_chars(articles[i]) for i in uncached}
        verdicts = self.budget.admit([lengths[i] for i in uncached])
        missing = [i for i, refused in zip(uncached, verdicts, strict=True) if refused is None]
        for i, refused in zip(uncached, verdicts, strict=True):
            outcomes[i] = refused
        started = time.perf_counter()
        fresh = analyze_batch(
            [articles[i] for i in missing],
            resources=self.resources,
            reference=reference,
            deadline=self.budget.deadline(),
        )
        self._log_time(len(missing), sum(lengths[i] for i in missing), started)
        for i, result in zip(missing, fresh, strict=True):
            if isinstance(result, Report):
                self.cache.put(keys[i], result)
            outcomes[i] = Scored(result, cached=False) if isinstance(result, Report) else result
        release_after(sum(lengths[i] for i in missing))
        return [o for o in outcomes if o is not None]

    def _log_time(self, articles: int, chars: int, started: float) -> None:
        """Log the analysis time next to its estimate; warn when it overran the budget, which
        means CHARS_PER_SECOND is too high for this machine."""
        if not articles:
            return
        seconds = time.perf_counter() - started
        estimate = articles * self.budget.overhead_s + chars / self.budget.chars_per_second
        fields = {"articles": articles, "chars": chars, "seconds": round(seconds, 3)}
        fields |= {"estimate_s": round(estimate, 3), "budget_s": self.budget.seconds}
        over = seconds > self.budget.seconds
        log = logger.warning if over else logger.info
        log("analysis over its time budget" if over else "analysed", extra={"fields": fields})

    def _key(self, article: ArticleInput, baseline: str, reference: ReferenceSet | None) -> object:
        fingerprint = reference.fingerprint_ if reference is not None else NO_BASELINE
        return cache_key(article, baseline, fingerprint)


def readiness(loaded: Scorer | None, openapi_file: Any) -> dict[str, bool]:
    """What /readyz checks: each required asset is loaded, and the server is not draining."""
    resources = loaded.resources if loaded is not None else None
    lexicons = resources is not None and all(
        part is not None
        for part in (
            resources.vader,
            resources.gazetteer,
            resources.hedge_lexicon,
            resources.attribution_lexicon,
        )
    )
    return {
        "pipeline": resources is not None and resources.nlp is not None,
        "sentiment_model": resources is not None and resources.sentiment_model is not None,
        "lexicons": lexicons,
        "baseline": loaded is not None and SEEDS in loaded.references,
        "openapi": openapi_file is not None and openapi_file.is_file(),
        "serving": not draining(),
    }


def packaged_seeds() -> Path:
    """The seed articles the service compares with by default, shipped inside this package:
    ``service/seeds`` links to the repository's ``seeds/`` and is copied into the wheel."""
    return Path(str(files("service") / "seeds"))


def build_scorer(
    model: str,
    seeds_dir: Path,
    cache: ReportCache,
    budget: TimeBudget = UNLIMITED,
    sentiment_tier: str | None = None,
) -> Scorer:
    """Load the pipeline and lexicons, fit the seed reference set: the slow start-up work.
    Raises ``StartupError`` naming the pipeline, file or folder that failed and why."""
    started = time.perf_counter()
    resources = _load(model, sentiment_tier)
    try:
        reference = fit_reference(read_folder(seeds_dir), resources=resources, name=SEEDS)
    except ScoringError as err:
        raise StartupError(f"cannot fit the seed reference set from {seeds_dir}: {err}") from err
    logger.info(
        "scorer ready",
        extra={
            "fields": {"seconds": round(time.perf_counter() - started, 2), "seeds": str(seeds_dir)}
        },
    )
    # The seeds were scored here, in gunicorn's master: close its inference session so each
    # forked worker opens its own rather than running one whose threads stayed in the master.
    resources.sentiment_model.release()
    return Scorer(resources, {SEEDS: reference}, cache, budget)


def _load(model: str, sentiment_tier: str | None) -> Resources:
    try:
        return load_resources(model, sentiment_tier)
    # Any failure, typed or not (a truncated weights file raises msgpack's ValueError): the
    # start-up stops here either way, and the message must say which pipeline and why.
    except Exception as err:
        raise StartupError(pipeline_failure(model, err)) from err


def pipeline_failure(model: str, err: BaseException) -> str:
    """What failed to load: the spaCy pipeline asked for, where it lives, and the cause."""
    where = _pipeline_location(model)
    cause = err.__cause__ if err.__cause__ is not None else err
    said = f"cannot load the NLP resources (spaCy pipeline {model!r}, {where}): {err}"
    if cause is not err:
        said += f"; cause: {type(cause).__name__}: {cause}"
    return said


def _pipeline_location(model: str) -> str:
    if Path(model).is_dir():
        return f"the folder {Path(model).resolve()}"
    try:
        spec = importlib.util.find_spec(model)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return "no package or folder of that name is installed"
    return f"package at {next(iter(spec.submodule_search_locations))}"
