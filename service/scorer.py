"""The service's hold on the library: resources and reference sets loaded once, reports cached."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from scoring.analyze import (
    ArticleInput,
    Report,
    Versions,
    analyze,
    analyze_batch,
    fit_reference,
    versions,
)
from scoring.errors import InputError
from scoring.folder import read_folder
from scoring.reference import ReferenceSet
from scoring.resources import Resources, load_resources
from service.cache import ReportCache, cache_key
from service.models import NO_BASELINE, SEEDS

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Scored:
    """A report and whether it came from the cache."""

    report: Report
    cached: bool


# One item of a batch: its report, or the input error that stopped it.
BatchOutcome = Scored | InputError


class Scorer:
    """Analyses articles against a named reference set, through the report cache."""

    def __init__(
        self, resources: Resources, references: Mapping[str, ReferenceSet], cache: ReportCache
    ) -> None:
        self.resources = resources
        self.references = dict(references)
        self.cache = cache

    def versions(self, baseline: str = SEEDS) -> Versions:
        """Versions of everything that shapes a report against ``baseline``."""
        return versions(self.resources, self.references.get(baseline))

    def analyze(self, article: ArticleInput, baseline: str = SEEDS) -> Scored:
        """One article's report, from the cache when the same request was scored before."""
        key = self._key(article, baseline)
        cached = self.cache.get(key)
        if cached is not None:
            return Scored(cached, cached=True)
        report = analyze(
            article.text,
            resources=self.resources,
            is_html=article.is_html,
            actors=article.actors,
            reference=self.references.get(baseline),
        )
        self.cache.put(key, report)
        return Scored(report, cached=False)

    def analyze_batch(
        self, articles: Sequence[ArticleInput], baseline: str = SEEDS
    ) -> list[BatchOutcome]:
        """Reports of several articles: cached ones reused, the rest parsed together."""
        keys = [self._key(article, baseline) for article in articles]
        outcomes: list[BatchOutcome | None] = [None] * len(articles)
        for i, key in enumerate(keys):
            hit = self.cache.get(key)
            outcomes[i] = Scored(hit, cached=True) if hit is not None else None
        missing = [i for i, outcome in enumerate(outcomes) if outcome is None]
        fresh = analyze_batch(
            [articles[i] for i in missing],
            resources=self.resources,
            reference=self.references.get(baseline),
        )
        for i, result in zip(missing, fresh, strict=True):
            if isinstance(result, Report):
                self.cache.put(keys[i], result)
            outcomes[i] = Scored(result, cached=False) if isinstance(result, Report) else result
        return [o for o in outcomes if o is not None]

    def _key(self, article: ArticleInput, baseline: str) -> object:
        reference = self.references.get(baseline)
        fingerprint = reference.fingerprint_ if reference is not None else NO_BASELINE
        return cache_key(article, baseline, fingerprint)


def packaged_seeds() -> Path:
    """The seed articles the service compares with by default, shipped inside this package:
    ``service/seeds`` links to the repository's ``seeds/`` and is copied into the wheel."""
    return Path(str(files("service") / "seeds"))


def build_scorer(model: str, seeds_dir: Path, cache_size: int) -> Scorer:
    """Load the pipeline and lexicons, fit the seed reference set: the slow start-up work."""
    started = time.perf_counter()
    resources = load_resources(model)
    reference = fit_reference(read_folder(seeds_dir), resources=resources, name=SEEDS)
    logger.info(
        "scorer ready",
        extra={
            "fields": {"seconds": round(time.perf_counter() - started, 2), "seeds": str(seeds_dir)}
        },
    )
    return Scorer(resources, {SEEDS: reference}, ReportCache(cache_size))
