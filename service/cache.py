"""A bounded, thread-safe LRU cache of reports: a CMS re-posts the same draft on every save.

Bounded twice: by the number of reports and by their size in bytes, since one report of a
maximum-length article weighs as much as a hundred ordinary ones. Each report is kept pickled,
one ``bytes`` object per entry, so its size is exact (``len``) and about a third of the report's
live objects: the seeds and a 52,800-character interview (18 reports) are 10.5 MB of objects
(``tracemalloc``), 3.0 MB pickled. Pickling them took 0.12 s in all, unpickling the interview's
report 35 ms. Only the service's own reports are ever unpickled. (What a worker's memory does
besides is the allocator's: service/memory.py.)
"""

from __future__ import annotations

import hashlib
import pickle
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
    """Least-recently-used reports, at most ``size`` of them and ``max_bytes`` of pickles in all
    (None: no byte bound); ``size`` or ``max_bytes`` 0 turns caching off."""

    def __init__(self, size: int, max_bytes: int | None = None) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self._reports: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.bytes = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Report | None:
        """The cached report for ``key`` (now the most recently used), or None."""
        with self._lock:
            kept = self._reports.get(key)
            if kept is None:
                self.misses += 1
                return None
            self._reports.move_to_end(key)
            self.hits += 1
        report: Report = pickle.loads(kept)  # our own reports, never a caller's
        return report

    def put(self, key: Hashable, report: Report) -> None:
        """Keep ``report``, dropping the least recently used ones while over either bound; a
        report larger than the whole byte budget is not kept."""
        limit = self.max_bytes
        if self.size <= 0 or limit == 0:
            return
        kept = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)  # outside the lock
        if limit is not None and len(kept) > limit:
            return
        with self._lock:
            old = self._reports.pop(key, None)
            self.bytes -= len(old) if old is not None else 0
            self._reports[key] = kept
            self.bytes += len(kept)
            while len(self._reports) > self.size or (limit is not None and self.bytes > limit):
                _, dropped = self._reports.popitem(last=False)
                self.bytes -= len(dropped)

    def __len__(self) -> int:
        with self._lock:
            return len(self._reports)
