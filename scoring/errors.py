"""Typed errors raised by the scoring library.

Every error a caller can cause is a subclass of ``ScoringError`` with a stable ``code`` and a
message that says what is wrong. The library never speaks HTTP; the service maps codes to statuses.
"""

from __future__ import annotations


class ScoringError(Exception):
    """Base of every error the library raises on purpose."""

    code = "scoring-error"


class InputError(ScoringError, ValueError):
    """The article given cannot be analysed as it is."""

    code = "invalid-input"


class EmptyTextError(InputError):
    """The text (after HTML conversion) is empty or only white space."""

    code = "empty-text"


class NoLettersError(InputError):
    """The text contains no letters at all (only digits, punctuation or symbols)."""

    code = "no-letters"


class TextTooLongError(InputError):
    """The text is longer than the documented limit."""

    code = "text-too-long"


class UndecodableTextError(InputError):
    """The bytes given are not valid UTF-8."""

    code = "undecodable-text"


class ReferenceSetError(ScoringError, ValueError):
    """A reference set cannot be fitted or used as asked."""

    code = "invalid-reference"


class NotFittedError(ScoringError, RuntimeError):
    """A reference set was used before ``fit``."""

    code = "reference-not-fitted"


class PipelineError(ScoringError, RuntimeError):
    """The spaCy pipeline or a package resource could not be loaded."""

    code = "pipeline-unavailable"


class InvalidActorError(InputError):
    """A requested actor has no name with a letter in it, or an unknown type."""

    code = "invalid-actor"


class TimeBudgetError(ScoringError, RuntimeError):
    """The analysis did not finish by the deadline the caller gave; it was stopped cleanly (no
    state is kept between articles, so the process can go on with the next one)."""

    code = "over-time-budget"

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"the analysis did not finish within its time budget of {seconds:g} s and was stopped"
        )
        self.seconds = seconds
