"""The service's own request and response values: what schemas load into and dump from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scoring.analyze import ArticleInput, Report

# Name of the reference set fitted on the seed articles, and the option value that skips comparison.
SEEDS = "seeds"
NO_BASELINE = "none"
# A stored reference set's name: lower-case letters, digits, "-" and "_", a path segment as is.
REFERENCE_NAME = r"^[a-z0-9][a-z0-9_-]{0,63}$"
OFFSET_UNITS = ("codepoint", "utf16")


@dataclass(frozen=True, slots=True)
class Options:
    """How the caller wants the report written out and which reference to compare with."""

    evidence: bool = True
    offsets: str = "codepoint"
    include_text: bool = True
    baseline: str | None = None  # "seeds" or "none"; None: the deployment's default
    reference: str | None = None  # a stored reference set's name


def reference_name(options: Options, default: str) -> str:
    """The reference set a request compares with: its ``reference``, else its ``baseline``,
    else the deployment's default (DEFAULT_REFERENCE)."""
    return options.reference or options.baseline or default


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What the caller says about the article; echoed back, never analysed."""

    id: str | None = None
    title: str | None = None
    url: str | None = None
    published_at: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRequest:
    """One article as asked for: the library's input plus the caller's metadata."""

    article: ArticleInput
    meta: ArticleMeta
    options: Options = Options()


class Utf16Index:
    """UTF-16 offsets of code point offsets in one text (they differ after astral characters)."""

    def __init__(self, text: str) -> None:
        self._extra: list[int] | None = None
        if any(ord(ch) > 0xFFFF for ch in text):
            extra, total = [0], 0
            for ch in text:
                total += ord(ch) > 0xFFFF
                extra.append(total)
            self._extra = extra

    def __call__(self, offset: int) -> int:
        return offset if self._extra is None else offset + self._extra[offset]


@dataclass(frozen=True, slots=True)
class DumpOptions:
    """What a response leaves out or adds: given to a response schema when it is built."""

    evidence: bool = True
    include_text: bool = True
    utf16: Utf16Index | None = None


def dump_options(options: Options, text: str) -> DumpOptions:
    """Dump settings for one report from the request's options."""
    utf16 = Utf16Index(text) if options.offsets == "utf16" else None
    return DumpOptions(evidence=options.evidence, include_text=options.include_text, utf16=utf16)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What one scored article's response is made of."""

    meta: ArticleMeta
    options: Options
    report: Report
    cached: bool
    request_id: str = ""  # written by POST /v1/analyze only (a batch has one for all items)


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a batch response is made of: its items, each already dumped with its own options."""

    request_id: str
    items: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class ReferenceArticle:
    """One article of a reference set to fit: its id in the set, its text or HTML."""

    id: str
    text: str
    is_html: bool = False


@dataclass(frozen=True, slots=True)
class ReferenceRequest:
    """POST /v1/references as loaded: the set's name, description, and its articles given
    inline or as ids of stored articles (exactly one of the two)."""

    name: str
    description: str
    articles: tuple[ReferenceArticle, ...] = ()
    article_ids: tuple[str, ...] = ()
