"""A bounded, thread-safe LRU cache of reports: a CMS re-posts the same draft on every save."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable

from scoring.analyze import ArticleInput, Report


def cache_key(article: ArticleInput, baseline: str, versions: str) -> Hashable:
    """What decides a report: the input text (by hash), its kind, the requested actors, the
    reference set and the versions. Response options (evidence, offsets, include_text) only shape
    how a report is written out, so one cached report serves them all."""
    digest = hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()
    return (digest, article.is_html, article.actors, baseline, versions)


class ReportCache:
    """Least-recently-used reports, at most ``size`` of them; ``size`` 0 turns caching off."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._reports: OrderedDict[Hashable, Report] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Report | None:
        """The cached report for ``key`` (now the most recently used), or None."""
        with self._lock:
            report = self._reports.get(key)
            if report is None:
                self.misses += 1
                return None
            self._reports.move_to_end(key)
            self.hits += 1
            return report

    def put(self, key: Hashable, report: Report) -> None:
        """Keep ``report``, dropping the least recently used one when full."""
        if self.size <= 0:
            return
        with self._lock:
            self._reports[key] = report
            self._reports.move_to_end(key)
            while len(self._reports) > self.size:
                self._reports.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._reports)
