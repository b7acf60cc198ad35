"""Admission control: an article is analysed only when its estimated time fits the request's budget.

Every stage of the analysis grows about linearly with the text (``benchmarks/scaling.py``), so the
time of an article is estimated from its length with a measured throughput
(``CHARS_PER_SECOND``). A request's articles share one budget (``TIME_BUDGET``), well below
gunicorn's worker timeout: an article whose estimate does not fit is refused at once, before any
work, so a worker is never killed mid-request. An estimate can be wrong (a busy machine, an
article dense with names), so the analysis also gets the request's deadline: it checks the clock
between stages and model calls and stops with ``TimeBudgetError`` once the budget is spent (503).
The actual time is logged next to the estimate, to recalibrate the throughput.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scoring.analyze import ArticleInput
from scoring.deadline import Deadline
from scoring.errors import InputError
from scoring.text.input import MAX_TEXT_CHARS, prepare_text


@dataclass(frozen=True, slots=True)
class TimeBudget:
    """Seconds a request may spend analysing, and how long an article is expected to take."""

    seconds: float
    chars_per_second: float
    overhead_s: float

    def estimate(self, chars: int) -> float:
        """Expected seconds to analyse (and write out) an article of ``chars`` characters."""
        return self.overhead_s + chars / self.chars_per_second

    def deadline(self) -> Deadline | None:
        """The deadline of a request starting now (none without a finite budget)."""
        return Deadline.after(self.seconds) if math.isfinite(self.seconds) else None

    def largest_article(self) -> int:
        """Most characters one article may have and still fit the whole budget (the text limit
        where the budget is unlimited)."""
        chars = (self.seconds - self.overhead_s) * self.chars_per_second
        return MAX_TEXT_CHARS if not math.isfinite(chars) else max(0, int(chars))

    def admit(self, lengths: Sequence[int]) -> list[OverBudget | None]:
        """For articles in request order: None for each that fits what the earlier ones left,
        else why not (a later, shorter article may still fit)."""
        left = self.seconds
        verdicts: list[OverBudget | None] = []
        for chars in lengths:
            cost = self.estimate(chars)
            if cost <= left:
                left -= cost
                verdicts.append(None)
            else:
                verdicts.append(OverBudget(chars, cost, left, self, never=cost > self.seconds))
        return verdicts


@dataclass(frozen=True)
class OverBudget(Exception):
    """An article refused because its estimated time exceeds what is left of the budget."""

    chars: int
    estimate_s: float
    left_s: float
    budget: TimeBudget
    never: bool  # it would not fit even alone, at this server's settings

    def __str__(self) -> str:
        said = (
            f"an article of {self.chars:,} characters is estimated at {self.estimate_s:.1f} s "
            f"of analysis; this server allows {self.budget.seconds:g} s per request"
        )
        if self.never:
            longest = self.budget.largest_article()
            return f"{said} and refuses articles over {longest:,} characters"
        used = self.budget.seconds - self.left_s
        return (
            f"{said} and the earlier items of this batch took {used:.1f} s of it; send this "
            "article again on its own or in a smaller batch"
        )


def article_chars(article: ArticleInput) -> int:
    """The length the analysis will see: the plain text of HTML (converting it is cheap next to
    parsing); an article the library will refuse anyway costs nothing."""
    if not article.is_html:
        return len(article.text)
    try:
        return min(len(prepare_text(article.text, is_html=True)), MAX_TEXT_CHARS)
    except InputError:
        return 0
