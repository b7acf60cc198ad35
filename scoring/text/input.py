"""Article input: plain text or a CMS's HTML body, validated and turned into the analysed text.

All offsets the library reports refer to the string returned by ``prepare_text``.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

from scoring.errors import EmptyTextError, NoLettersError, TextTooLongError, UndecodableTextError

# Longest text analysed in one call, in code points. About 30,000 words: three times the longest
# long-read a newsroom publishes, and about six seconds of parsing on one core at 5,000 words/s.
MAX_TEXT_CHARS = 200_000

# Elements whose start or end breaks a paragraph (HTML Living Standard, "block" flow content).
BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tr ul caption".split()
)
# Elements whose content is never article text.
SKIPPED_TAGS = frozenset("script style noscript template head svg math iframe object".split())
LINE_BREAK_TAGS = frozenset({"br"})
CELL_TAGS = frozenset({"td", "th"})

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_PARAGRAPH_BREAKS = re.compile(r"\n{3,}")
_BREAK = "\x00"  # placeholder for a structural break while text is collected
# Control characters that are never text in an HTML body (C0 and DEL but tab, line feed, return):
# dropped before collecting, so a NUL in the body cannot pass for a structural break.
_HTML_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _TextCollector(HTMLParser):
    """Collects the readable text of an HTML fragment, marking paragraph structure."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skip_depth += 1
        elif tag in BLOCK_TAGS:
            self.parts.append(_BREAK * 2)
        elif tag in LINE_BREAK_TAGS:
            self.parts.append(_BREAK)
        elif tag in CELL_TAGS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in LINE_BREAK_TAGS:
            self.parts.append(_BREAK)
        elif tag in BLOCK_TAGS:
            self.parts.append(_BREAK * 2)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append(_BREAK * 2)

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Convert an HTML body to plain text: tags dropped, entities decoded, blocks as paragraphs."""
    collector = _TextCollector()
    collector.feed(_HTML_CONTROLS.sub("", html))
    collector.close()
    # Source line breaks inside HTML are just white space; only elements make breaks.
    flat = re.sub(r"\s+", " ", "".join(collector.parts).replace("\r", " "))
    lines = [_SPACES.sub(" ", line).strip() for line in flat.replace(_BREAK, "\n").split("\n")]
    return unicodedata.normalize("NFC", _PARAGRAPH_BREAKS.sub("\n\n", "\n".join(lines)).strip())


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 bytes (a byte-order mark is allowed), or raise ``UndecodableTextError``."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UndecodableTextError(
            f"the text is not valid UTF-8: byte {err.start} ({data[err.start]:#04x}) "
            "cannot be decoded"
        ) from err


def prepare_text(text: str, *, is_html: bool = False, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Return the plain text that is analysed, or raise a typed ``InputError`` saying why not.

    Plain text is analysed exactly as given, so offsets line up with what the caller sent; HTML is
    converted, and offsets then refer to the converted text (which the report returns).
    """
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        raise UndecodableTextError(
            f"the text holds a lone surrogate code point (U+{ord(surrogate.group()):04X}) at "
            f"index {surrogate.start()}: it is not valid Unicode text"
        )
    plain = html_to_text(text) if is_html else text
    if not plain.strip():
        raise EmptyTextError(
            "the text is empty" + (" once HTML tags are removed" if is_html else "")
        )
    if len(plain) > max_chars:
        raise TextTooLongError(f"the text has {len(plain)} characters; the limit is {max_chars}")
    if not any(ch.isalpha() for ch in plain):
        raise NoLettersError("the text contains no letters, so there are no words to analyse")
    return plain
