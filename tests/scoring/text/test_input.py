"""Article input: HTML conversion and the typed errors for text that cannot be analysed."""

from __future__ import annotations

import pytest

from scoring.errors import (
    EmptyTextError,
    NoLettersError,
    TextTooLongError,
    UndecodableTextError,
)
from scoring.text.input import (
    MAX_TEXT_CHARS,
    PreparedText,
    decode_bytes,
    html_to_text,
    prepare_article,
    prepare_text,
)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # tags dropped, inline elements do not break words
        ("<p>The <b>minister</b> spoke.</p>", "The minister spoke."),
        # entities decoded, named and numeric
        ("<p>Smith &amp; Jones &#8220;agreed&#8221;</p>", "Smith & Jones \u201cagreed\u201d"),
        # block elements become paragraph breaks
        ("<h1>Title</h1><p>One.</p><p>Two.</p>", "Title\n\nOne.\n\nTwo."),
        # a line break is one newline; source newlines are only spaces
        ("<p>Line one<br>line\n two</p>", "Line one\nline two"),
        # scripts, styles and templates are not article text
        ("<p>Text</p><script>var x = '<p>no</p>';</script><style>p{}</style>", "Text"),
        # list items are paragraphs
        ("<ul><li>first</li><li>second</li></ul>", "first\n\nsecond"),
        # non-breaking spaces fold into plain spaces
        ("<p>ten&nbsp;&nbsp;soldiers</p>", "ten soldiers"),
        # unclosed tags and stray closers do not fail
        ("<div><p>open <i>italic</div></span>rest", "open italic\n\nrest"),
        # a blank line in the source is a paragraph break, as WordPress's wpautop reads it
        ("One.\n\nTwo.\r\n \r\nThree.", "One.\n\nTwo.\n\nThree."),
        # so is a double line break, white space between the two included
        ("One.<br />\n<br />Two.", "One.\n\nTwo."),
        # table cells are paragraphs, not words run together
        ("<table><tr><td>Ohio</td><td>52%</td></tr></table>", "Ohio\n\n52%"),
        # a URL alone on its line is an embed, not text; a URL in a sentence is text
        (
            "<p>https://youtu.be/abc</p><p>See https://example.com now.</p>",
            "See https://example.com now.",
        ),
        # square brackets in a quote are not shortcodes
        ("<p>He [the senator] spoke [sic].</p>", "He [the senator] spoke [sic]."),
    ],
)
def test_html_to_text(html: str, expected: str) -> None:
    assert html_to_text(html) == expected


def test_plain_text_is_analysed_as_given() -> None:
    text = "  Two  spaces\r\nand a CRLF.  "
    assert prepare_text(text) == text


@pytest.mark.parametrize(
    ("text", "is_html", "error"),
    [
        ("", False, EmptyTextError),
        ("   \n\t ", False, EmptyTextError),
        ("<p> </p><script>alert(1)</script>", True, EmptyTextError),
        ("12,345 -- 67 %", False, NoLettersError),
        ("x" * (MAX_TEXT_CHARS + 1), False, TextTooLongError),
    ],
)
def test_bad_text_raises_typed_error(text: str, is_html: bool, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        prepare_text(text, is_html=is_html)
    assert str(caught.value)  # the message says what is wrong


def test_undecodable_bytes() -> None:
    with pytest.raises(UndecodableTextError, match="byte 3"):
        decode_bytes(b"abc\xff\xfe")
    assert decode_bytes("\ufeffcaf\u00e9".encode()) == "caf\u00e9"


def test_a_nul_in_html_is_not_a_paragraph_break() -> None:
    assert prepare_text("<p>Bob\x00 Smith spoke.</p>", is_html=True) == "Bob Smith spoke."


@pytest.mark.parametrize("text", ["Smith said \ud800 no.", "\udfffSmith said no."])
def test_a_lone_surrogate_is_a_typed_error(text: str) -> None:
    with pytest.raises(UndecodableTextError, match="lone surrogate"):
        prepare_text(text)


def test_plain_text_has_nothing_set_apart() -> None:
    text = "Senator responds\nhttps://youtu.be/abc\n[caption]x[/caption]"
    assert prepare_article(text) == PreparedText(text)


def test_an_unclosed_shortcode_costs_linear_time() -> None:
    # every opener without its closer: the tempered pattern stops at the next opener
    html = "[caption]a " * 20_000
    assert html_to_text(html) == html.strip()
