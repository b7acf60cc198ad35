"""Article input: plain text or a CMS's HTML body, validated and turned into the analysed text.

All offsets the library reports refer to the text ``prepare_article`` returns. An HTML body is
read the way a reader sees it: each block (paragraph, heading, list item, table cell, quote) is a
paragraph of its own, blank lines in the source are paragraphs as WordPress's wpautop makes them,
embeds are dropped, and image captions are set apart from the article's text. A block quotation
is rendered between quotation marks, so every metric reads it as quoted material, and its credit
line (``<cite>``, or the "— Name (@handle)" line of an embedded post) follows as "— Name".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from scoring.errors import EmptyTextError, NoLettersError, TextTooLongError, UndecodableTextError
from scoring.text.quotes import MARK

# Longest text analysed in one call, in code points. About 30,000 words: three times the longest
# long-read a newsroom publishes, and about six seconds of parsing on one core at 5,000 words/s.
MAX_TEXT_CHARS = 200_000

# Elements whose start or end breaks a paragraph (HTML Living Standard, "block" flow content,
# and table cells, whose texts are as separate as two paragraphs').
BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tr td th ul caption".split()
)
# Elements whose content is never article text (players' fallback text included).
SKIPPED_TAGS = frozenset(
    "script style noscript template head svg math iframe object video audio canvas".split()
)
LINE_BREAK_TAGS = frozenset({"br"})
# Classes of embedded posts rendered as a <blockquote>: the post's text in its <p>, then the
# credit line "— Name (@handle) date" (Twitter/X's and Bluesky's embed code).
POST_CLASSES = frozenset({"twitter-tweet", "twitter-video", "bluesky-embed"})
# Embeds whose <blockquote> holds only the provider's boilerplate ("View this post on Instagram").
SKIPPED_CLASSES = frozenset({"instagram-media", "tiktok-embed"})
# Classes of image captions: WordPress's classic editor ([caption] rendered) and its image block.
CAPTION_CLASSES = frozenset({"wp-caption-text", "wp-element-caption"})

# WordPress shortcodes of the raw post body (what wpautop reads). [caption] wraps an image and
# its caption; [embed] wraps a URL; the media shortcodes are markers with no text of their own.
# The tempered dot stops at the next opener, so an unclosed shortcode costs linear time.
_CAPTION_SHORTCODE = re.compile(
    r"\[(caption|wp_caption)\b([^\]]*)\]((?:(?!\[/?(?:caption|wp_caption)\b).)*)\[/\1\]",
    re.IGNORECASE | re.DOTALL,
)
_CAPTION_ATTRIBUTE = re.compile(r"""\bcaption=(["'])(.*?)\1""", re.DOTALL)
_EMBED_SHORTCODE = re.compile(
    r"\[embed\b[^\]]*\](?:(?!\[/?embed\b).)*\[/embed\]", re.IGNORECASE | re.DOTALL
)
_MEDIA_SHORTCODE = re.compile(r"\[/?(?:video|audio|gallery|playlist)\b[^\]]*\]", re.IGNORECASE)

# A URL alone on its line: what WordPress (and most CMSs) turn into an embed (oEmbed).
_URL_LINE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# A blank line in the source: a paragraph break, as wpautop reads it.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_WHITESPACE = re.compile(r"\s+")
# The date an embedded post's credit line ends with ("March 3, 2020", Bluesky's "... at 10:00 AM"):
# kept in the text, left out of the credit's span.
_TRAILING_DATE = re.compile(r"\s+[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}(?: at \d{1,2}:\d{2}\s?[AP]M)?\Z")
_DASHES = "—―–-"
QUOTE_OPEN = "“"
QUOTE_CLOSE = "”"
CITE_DASH = "— "
# Control characters that are never text in an HTML body (C0 and DEL but tab, line feed, return).
_HTML_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")

TEXT, QUOTE, CITE, CAPTION, SKIP = "text", "quote", "cite", "caption", "skip"


@dataclass(frozen=True, slots=True)
class CitedQuote:
    """A block quotation and its credit line, as offsets into the prepared text."""

    start: int  # the quote, its quotation marks included
    end: int
    cite_start: int  # the credit without its dash or a post's date: "Jane Roe (@janeroe)"
    cite_end: int


@dataclass(frozen=True, slots=True)
class PreparedText:
    """The analysed text, with what was set apart from it: captions and block quotes' credits."""

    text: str
    captions: tuple[str, ...] = ()
    cited_quotes: tuple[CitedQuote, ...] = ()


@dataclass(slots=True)
class _Block:
    """A run of text with one role, as lines of raw pieces; ``group`` numbers block quotes."""

    role: str
    group: int
    lines: list[list[str]] = field(default_factory=lambda: [[]])


class _TextCollector(HTMLParser):
    """Collects the readable text of an HTML fragment as blocks, each with its role."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self._block: _Block | None = None
        self._open: list[tuple[str, str]] = []  # (tag, effect) of the open elements that matter
        self._groups = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self._block = None
        elif tag in LINE_BREAK_TAGS and self._block is not None:
            self._block.lines.append([])
        effect = self._effect(tag, set((dict(attrs).get("class") or "").split()))
        if effect is not None:
            self._open.append((tag, effect))

    def _effect(self, tag: str, classes: set[str]) -> str | None:
        effects = {effect for _, effect in self._open}
        if tag in SKIPPED_TAGS or (tag == "blockquote" and classes & SKIPPED_CLASSES):
            return SKIP
        if tag == "figcaption" or classes & CAPTION_CLASSES:
            return CAPTION
        if tag == "blockquote":
            if not effects & {QUOTE, "post"}:
                self._groups += 1
            return "post" if classes & POST_CLASSES else QUOTE
        if tag in ("cite", "footer") and effects & {QUOTE, "post"}:
            return CITE
        if tag == "p" and "post" in effects:
            return "post-text"
        return None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self._block = None
        elif tag in LINE_BREAK_TAGS and self._block is not None:
            self._block.lines.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self._block = None
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                del self._open[depth:]  # closes the elements left open inside it too
                break

    def _role(self) -> tuple[str, int]:
        effects = [effect for _, effect in self._open]
        if SKIP in effects:
            return SKIP, 0
        if CAPTION in effects:
            return CAPTION, 0
        quoted = [effect for effect in effects if effect in (QUOTE, "post")]
        if not quoted:
            return TEXT, 0
        if CITE in effects or (quoted[0] == "post" and "post-text" not in effects):
            return CITE, self._groups
        return QUOTE, self._groups

    def handle_data(self, data: str) -> None:
        role, group = self._role()
        if role == SKIP:
            return
        for number, piece in enumerate(_BLANK_LINE.split(data)):
            if number:
                self._block = None  # a blank line in the source: a new paragraph
            block = self._block
            if block is None or block.role != role or block.group != group:
                block = self._block = _Block(role, group)
                self.blocks.append(block)
            block.lines[-1].append(piece)


def _expand_shortcodes(html: str) -> str:
    """WordPress shortcodes as the HTML they render: captions as figcaptions, embeds dropped."""

    def caption(match: re.Match[str]) -> str:
        attribute = _CAPTION_ATTRIBUTE.search(match.group(2))
        text = (attribute.group(2) + " " if attribute else "") + match.group(3)
        return f"<figcaption>{text}</figcaption>"

    html = _CAPTION_SHORTCODE.sub(caption, html)
    return _MEDIA_SHORTCODE.sub("", _EMBED_SHORTCODE.sub("", html))


def _paragraphs(block: _Block) -> list[str]:
    """A block's paragraphs: lines cleaned, empty lines (a double <br>) breaking paragraphs."""
    paragraphs: list[list[str]] = [[]]
    for pieces in block.lines:
        line = unicodedata.normalize("NFC", _WHITESPACE.sub(" ", "".join(pieces)).strip())
        if not line:
            paragraphs.append([])
        elif not (block.role == TEXT and _URL_LINE.fullmatch(line)):
            paragraphs[-1].append(line)
    return ["\n".join(lines) for lines in paragraphs if lines]


def _render(paragraphs: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    """Block quotes between quotation marks (unless already quoted), credits after a dash."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for number, (role, group, _) in enumerate(paragraphs):
        if role == QUOTE:
            first.setdefault(group, number)
            last[group] = number
    rendered = []
    for number, (role, group, text) in enumerate(paragraphs):
        # a quote of several paragraphs: each paragraph opens, the last one closes
        if role == QUOTE and not MARK.match(paragraphs[first[group]][2]):
            text = QUOTE_OPEN + text + (QUOTE_CLOSE if number == last[group] else "")
        elif role == CITE and text[0] not in _DASHES:
            text = CITE_DASH + text
        rendered.append((role, group, text))
    return rendered


def convert_html(html: str) -> PreparedText:
    """Convert an HTML body to the analysed text, with its captions and cited quotes apart."""
    collector = _TextCollector()
    source = _HTML_CONTROLS.sub("", _expand_shortcodes(html))
    collector.feed(source.replace("\r\n", "\n").replace("\r", "\n"))
    collector.close()
    found = [(b.role, b.group, text) for b in collector.blocks for text in _paragraphs(b)]
    captions = tuple(text for role, _, text in found if role == CAPTION)
    body = _render([paragraph for paragraph in found if paragraph[0] != CAPTION])
    starts = []
    position = 0
    for _, _, text in body:
        starts.append(position)
        position += len(text) + 2  # the blank line between paragraphs
    return PreparedText(
        text="\n\n".join(text for _, _, text in body),
        captions=captions,
        cited_quotes=_cited_quotes(body, starts),
    )


def _cited_quotes(body: list[tuple[str, int, str]], starts: list[int]) -> tuple[CitedQuote, ...]:
    """Each block quote that has a credit line: the quote's span and the credit's."""
    quotes: dict[int, tuple[int, int]] = {}
    cites: dict[int, tuple[int, int]] = {}
    for (role, group, text), start in zip(body, starts, strict=True):
        end = start + len(text)
        if role == QUOTE:
            quotes[group] = (quotes.get(group, (start, end))[0], end)
        elif role == CITE and group not in cites:
            date = _TRAILING_DATE.search(text)
            cites[group] = (
                end - len(text.lstrip(_DASHES).lstrip()),
                start + date.start() if date else end,
            )
    return tuple(CitedQuote(*quotes[group], *cites[group]) for group in quotes if group in cites)


def html_to_text(html: str) -> str:
    """Convert an HTML body to plain text: tags dropped, entities decoded, blocks as paragraphs."""
    return convert_html(html).text


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 bytes (a byte-order mark is allowed), or raise ``UndecodableTextError``."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UndecodableTextError(
            f"the text is not valid UTF-8: byte {err.start} ({data[err.start]:#04x}) "
            "cannot be decoded"
        ) from err


def prepare_article(
    text: str, *, is_html: bool = False, max_chars: int = MAX_TEXT_CHARS
) -> PreparedText:
    """Return the text that is analysed, with what was set apart, or raise a typed ``InputError``.

    Plain text is analysed exactly as given, so offsets line up with what the caller sent; HTML is
    converted, and offsets then refer to the converted text (which the report returns).
    """
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        raise UndecodableTextError(
            f"the text holds a lone surrogate code point (U+{ord(surrogate.group()):04X}) at "
            f"index {surrogate.start()}: it is not valid Unicode text"
        )
    prepared = convert_html(text) if is_html else PreparedText(text)
    plain = prepared.text
    if not plain.strip():
        raise EmptyTextError(
            "the text is empty" + (" once HTML tags are removed" if is_html else "")
        )
    if len(plain) > max_chars:
        raise TextTooLongError(f"the text has {len(plain)} characters; the limit is {max_chars}")
    if not any(ch.isalpha() for ch in plain):
        raise NoLettersError("the text contains no letters, so there are no words to analyse")
    return prepared


def prepare_text(text: str, *, is_html: bool = False, max_chars: int = MAX_TEXT_CHARS) -> str:
    """The text that is analysed (``prepare_article``'s, without what was set apart)."""
    return prepare_article(text, is_html=is_html, max_chars=max_chars).text
