"""A deadline for one analysis (or a batch that shares it), checked between units of work.

The analysis is never interrupted from outside: it looks at the clock between stages and between
model calls, and raises :class:`~scoring.errors.TimeBudgetError` once the deadline has passed, so
nothing is left half-done (each article's work is its own; nothing is kept between articles).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from scoring.errors import TimeBudgetError


@dataclass(frozen=True, slots=True)
class Deadline:
    """The ``time.monotonic()`` instant by which the work must end, and the budget it came from."""

    at: float
    seconds: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        """The deadline ``seconds`` from now."""
        return cls(time.monotonic() + seconds, seconds)

    def check(self) -> None:
        """Raise :class:`TimeBudgetError` when the deadline has passed."""
        if time.monotonic() > self.at:
            raise TimeBudgetError(self.seconds)


def check(deadline: Deadline | None) -> None:
    """:meth:`Deadline.check`, where there is a deadline."""
    if deadline is not None:
        deadline.check()
