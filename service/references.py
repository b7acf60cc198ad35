"""Named reference sets a newsroom stores: fitted once (in the background when large), read by
every worker and replica from the database, loaded once per worker and reused.

A set is fitted from its articles in a thread of the worker that received it, which renews the
row's heartbeat as it goes; if that worker dies, the next worker asked about the set claims the
fitting (one UPDATE decides) and starts it again. A set fitted with other versions (library,
pipeline, lexicons, model, catalogue, topic model) is never used: it is refitted from its stored
articles, and asked for meanwhile it answers "still fitting".
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from typing import Any

from scoring.analyze import ArticleInput, fit_reference, load_reference, save_reference
from scoring.errors import ScoringError
from scoring.reference import ReferenceSet
from scoring.reference.stored import ReferenceVersionError
from scoring.resources import Resources
from service.models import ReferenceArticle
from service.storage import Database, StorageUnavailable
from service.storage import references as rows
from service.storage.references import FAILED, FITTING, StoredSet

logger = logging.getLogger(__name__)


class UnknownReference(LookupError):
    """No reference set of that name is stored."""


class ReferenceNotReady(RuntimeError):
    """The set is still fitting (or failed to fit): it cannot be compared with yet."""

    def __init__(self, stored: StoredSet) -> None:
        self.stored = stored
        if stored.status == FAILED:
            said = f"reference set {stored.name!r} failed to fit: {stored.error}"
        else:
            said = (
                f"reference set {stored.name!r} is still fitting ({stored.done} of {stored.size})"
            )
        super().__init__(said)


class NamedReferences:
    """The stored sets of one database, as one worker sees them."""

    def __init__(self, db: Database, resources: Resources, *, stale_after: float) -> None:
        self.db = db
        self.resources = resources
        self.stale_after = timedelta(seconds=stale_after)
        self._loaded: dict[str, tuple[datetime, ReferenceSet]] = {}
        self._lock = threading.Lock()
        self._threads: dict[str, threading.Thread] = {}

    def create(
        self, name: str, description: str, articles: list[ReferenceArticle], *, wait: bool
    ) -> StoredSet:
        """Store the set and fit it: here and now when ``wait``, else in the background."""
        inputs = [{"id": a.id, "text": a.text, "is_html": a.is_html} for a in articles]
        stored = rows.create(self.db, name, description, inputs)
        if wait:
            self._fit(name)
        else:
            self._start(name)
        return rows.get(self.db, name) or stored

    def status(self, name: str) -> StoredSet:
        """The set's row (resuming a fitting whose worker is gone); ``UnknownReference``."""
        stored = rows.get(self.db, name)
        if stored is None:
            raise UnknownReference(name)
        alive = name in self._threads
        if stored.status == FITTING and not alive and rows.claim(self.db, name, self.stale_after):
            logger.warning("resuming a stale fitting", extra={"fields": {"reference": name}})
            self._start(name)
        return stored

    def resolve(self, name: str) -> ReferenceSet:
        """The fitted set to compare with; ``UnknownReference`` or ``ReferenceNotReady``."""
        stored = self.status(name)
        if stored.status != rows.READY:
            raise ReferenceNotReady(stored)
        cached = self._loaded.get(name)
        if cached is not None and cached[0] == stored.updated_at:
            return cached[1]
        data = rows.fitted_data(self.db, name)
        if data is None:  # deleted or restarted since the row was read
            raise ReferenceNotReady(self.status(name))
        try:
            reference = load_reference(data, resources=self.resources)
        except ReferenceVersionError as err:
            logger.warning("refitting", extra={"fields": {"reference": name, "why": str(err)}})
            if rows.refit(self.db, name):
                self._start(name)
            raise ReferenceNotReady(self.status(name)) from err
        with self._lock:
            self._loaded[name] = (stored.updated_at, reference)
        return reference

    def summary(self, name: str) -> tuple[StoredSet, ReferenceSet | None]:
        """The row and, when ready, the fitted set (for GET /v1/references/{name})."""
        try:
            return self.status(name), self.resolve(name)
        except ReferenceNotReady as err:
            return err.stored, None

    def all_sets(self) -> list[StoredSet]:
        """Every stored set, by name."""
        return rows.all_sets(self.db)

    def delete(self, name: str) -> None:
        """Forget the set; ``UnknownReference`` when there is none."""
        if not rows.remove(self.db, name):
            raise UnknownReference(name)
        with self._lock:
            self._loaded.pop(name, None)

    def _start(self, name: str) -> None:
        thread = threading.Thread(target=self._fit, args=(name,), name=f"fit-{name}", daemon=True)
        with self._lock:
            self._threads[name] = thread
        thread.start()

    def _fit(self, name: str) -> None:
        """Analyse the set's articles, recording progress, and store the fitted set."""
        try:
            inputs = rows.inputs(self.db, name)
            self._fit_inputs(name, inputs)
        except StorageUnavailable as err:
            logger.error("fitting stopped", extra={"fields": {"reference": name, "why": str(err)}})
        finally:
            with self._lock:
                self._threads.pop(name, None)

    def _fit_inputs(self, name: str, inputs: list[dict[str, Any]]) -> None:
        def report(done: int) -> None:
            rows.progress(self.db, name, done)

        articles = [
            (item["id"], ArticleInput(text=item["text"], is_html=bool(item["is_html"])))
            for item in inputs
        ]
        try:
            reference = fit_reference(
                articles, resources=self.resources, name=name, progress=report
            )
        except ScoringError as err:
            rows.fail(self.db, name, str(err))
            return
        data = save_reference(reference, resources=self.resources)
        rows.finish(self.db, name, data, reference.fingerprint_)
        logger.info("reference fitted", extra={"fields": {"reference": name, "size": len(inputs)}})
