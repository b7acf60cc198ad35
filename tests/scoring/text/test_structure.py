"""Article structure: CMS blocks and title lines are sentence boundaries in the parse."""

from __future__ import annotations

import pytest
from spacy.language import Language

from scoring.text.input import CitedQuote, prepare_article
from scoring.text.structure import BLOCK_BOUNDARIES, ends_block, sentence_starts


def test_the_shipped_pipeline_marks_blocks_first(nlp: Language) -> None:
    # first: the component makes a new Doc, so nothing computed before it would survive
    assert nlp.pipe_names[0] == BLOCK_BOUNDARIES


def sentences(nlp: Language, text: str) -> list[str]:
    doc = nlp(text)
    assert doc.text == text  # every offset still maps into the analysed text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)
    return [sent.text.strip() for sent in doc.sents]


ROE = "“We will not back down,” said Senator Jane Roe on Monday."


@pytest.mark.parametrize(
    ("html", "text", "expected"),
    [
        # a heading does not run into the quote that follows it
        (f"<h2>Senator responds</h2><p>{ROE}</p>", f"Senator responds\n\n{ROE}", None),
        # old WordPress body: blank lines are paragraphs (wpautop), a single newline is a space
        (
            "Taxes rose.\n\nSenator responds\n\n" + ROE,
            f"Taxes rose.\n\nSenator responds\n\n{ROE}",
            None,
        ),
        # a double <br> is a paragraph break
        (f"Senator responds<br><br>{ROE}", f"Senator responds\n\n{ROE}", None),
        # list items, each a sentence of its own
        (
            "<ul><li>Taxes rise</li><li>Schools close</li></ul>",
            "Taxes rise\n\nSchools close",
            None,
        ),
        # table cells, each a sentence of its own
        (
            "<table><tr><th>State</th><th>Leader</th></tr><tr><td>Ohio</td><td>Jane Roe</td></tr>"
            "</table>",
            "State\n\nLeader\n\nOhio\n\nJane Roe",
            None,
        ),
        # an iframe is dropped, and so is an oEmbed URL alone on its line
        (
            '<p>Taxes rose.</p><iframe src="https://www.youtube.com/embed/x">video</iframe>'
            "\n\nhttps://www.youtube.com/watch?v=abc\n\n<p>Schools closed.</p>",
            "Taxes rose.\n\nSchools closed.",
            None,
        ),
        # a WordPress embed block holding a tweet's URL, with its caption set apart
        (
            '<figure class="wp-block-embed is-provider-twitter">'
            '<div class="wp-block-embed__wrapper">'
            "\nhttps://twitter.com/janeroe/status/1\n</div><figcaption>Roe's post</figcaption>"
            "</figure><p>Taxes rose.</p>",
            "Taxes rose.",
            None,
        ),
        # a figure caption is not article text
        (
            '<figure><img src="a.jpg" alt="Roe"><figcaption>Jane Roe in Ohio. (AP Photo)'
            "</figcaption></figure><p>Taxes rose.</p>",
            "Taxes rose.",
            None,
        ),
        # a WordPress quote block: the quote between marks, its cite on the next paragraph
        (
            '<blockquote class="wp-block-quote"><p>We will not back down.</p><cite>Jane Roe</cite>'
            "</blockquote><p>Taxes rose.</p>",
            "“We will not back down.”\n\n— Jane Roe\n\nTaxes rose.",
            None,
        ),
        # an embedded tweet: the post's text quoted, its credit line (with its dash) after it
        (
            '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">We will not back down.</p>'
            '&mdash; Jane Roe (@janeroe) <a href="https://twitter.com/janeroe/status/1">'
            'March 3, 2020</a></blockquote><script src="https://platform.twitter.com/widgets.js">'
            "</script>",
            "“We will not back down.”\n\n— Jane Roe (@janeroe) March 3, 2020",
            None,
        ),
        # a block quote of two paragraphs: each opens, the last closes (the quotes module's rule)
        (
            "<blockquote><p>We will not back down.</p><p>Not now.</p></blockquote>",
            "“We will not back down.\n\n“Not now.”",
            ["“We will not back down.", "“Not now.”"],
        ),
    ],
)
def test_html_blocks_are_sentences(
    nlp: Language, html: str, text: str, expected: list[str] | None
) -> None:
    prepared = prepare_article(html, is_html=True)
    assert prepared.text == text
    assert sentences(nlp, prepared.text) == (expected or text.split("\n\n"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title line in plain text, one line break before the body
        (f"Senator responds\n{ROE}", ["Senator responds", ROE]),
        # complete lines are sentences
        ("Taxes rose.\nSchools closed.", ["Taxes rose.", "Schools closed."]),
        # a list item in plain text
        ("Demands\n- higher pay\n- shorter hours", ["Demands", "- higher pay", "- shorter hours"]),
        # a sentence hard-wrapped at a function word goes on across the break
        (
            "The senator said the bill would pass before the end of\nthe session.",
            ["The senator said the bill would pass before the end of\nthe session."],
        ),
        # a line ending with a colon introduces the next: one sentence
        ("Jane Roe said:\n“We will not back down.”", ["Jane Roe said:\n“We will not back down.”"]),
        # a quote ending with a comma goes on
        ("“We will not back down,”\nJane Roe said.", ["“We will not back down,”\nJane Roe said."]),
    ],
)
def test_plain_text_lines(nlp: Language, text: str, expected: list[str]) -> None:
    assert prepare_article(text).text == text  # plain text is analysed exactly as given
    assert sentences(nlp, text) == expected


@pytest.mark.parametrize(
    ("previous", "following", "boundary"),
    [
        ("Senator responds", "“We will", True),  # title-like
        ("Taxes rose.", "Schools", True),  # complete
        ("Taxes rose.”", "Schools", True),  # complete before the closing mark
        ("Senator responds", "and then", False),  # the next line does not start a sentence
        ("a line ending in the", "Senate", False),  # no title ends with "the"
        ("He said,", "Jane Roe", False),  # left open
        (" ".join(["word"] * 13), "Next", False),  # too long for a title
        ("Demands:", "• higher pay", True),  # a list item
    ],
)
def test_ends_block(previous: str, following: str, boundary: bool) -> None:
    assert ends_block(previous, following) is boundary


def test_blank_lines_always_start_a_sentence() -> None:
    text = "He said,\n\n  and then"
    assert list(sentence_starts(text)) == [text.index("and")]


def test_cited_quotes_are_offsets_into_the_text() -> None:
    html = (
        '<p>Taxes rose.</p><blockquote class="wp-block-quote"><p>We will not back down.</p>'
        '<cite>Jane Roe</cite></blockquote><blockquote class="twitter-tweet"><p>No.</p>'
        "&mdash; John Doe (@jdoe) <a>March 3, 2020</a></blockquote><blockquote><p>Unsigned.</p>"
        "</blockquote>"
    )
    prepared = prepare_article(html, is_html=True)
    spans = [
        (prepared.text[q.start : q.end], prepared.text[q.cite_start : q.cite_end])
        for q in prepared.cited_quotes
    ]
    # an unsigned block quote is quoted in the text but has no credit to give
    assert spans == [("“We will not back down.”", "Jane Roe"), ("“No.”", "John Doe (@jdoe)")]
    assert all(isinstance(q, CitedQuote) for q in prepared.cited_quotes)


@pytest.mark.parametrize(
    ("html", "captions"),
    [
        # HTML5 figure
        (
            "<figure><img src='a.jpg'><figcaption>Roe in Ohio.</figcaption></figure>",
            ("Roe in Ohio.",),
        ),
        # WordPress classic editor's [caption] shortcode, as in the raw post body
        (
            '[caption id="attachment_5" align="alignnone" width="300"]<img src="a.jpg" /> '
            "Roe in Ohio.[/caption]",
            ("Roe in Ohio.",),
        ),
        # the old form, with the caption in an attribute
        ('[caption caption="Roe in Ohio."]<img src="a.jpg" />[/caption]', ("Roe in Ohio.",)),
        # WordPress's rendered classic caption
        (
            '<div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">Roe in Ohio.</p>'
            "</div>",
            ("Roe in Ohio.",),
        ),
    ],
)
def test_captions_are_set_apart(html: str, captions: tuple[str, ...]) -> None:
    prepared = prepare_article(html + "<p>Taxes rose.</p>", is_html=True)
    assert prepared.text == "Taxes rose."
    assert prepared.captions == captions


@pytest.mark.parametrize(
    "html",
    [
        "[embed]https://www.youtube.com/watch?v=abc[/embed]",
        '[video mp4="a.mp4"][/video]',
        '<blockquote class="instagram-media"><a>View this post on Instagram</a></blockquote>',
        "<p><a href='https://youtu.be/abc'>https://youtu.be/abc</a></p>",
        "<video src='a.mp4'>Your browser does not support video.</video>",
    ],
)
def test_embeds_are_dropped(html: str) -> None:
    assert prepare_article(html + "<p>Taxes rose.</p>", is_html=True).text == "Taxes rose."


def test_an_unclosed_caption_shortcode_keeps_the_text() -> None:
    html = "[caption]Roe in Ohio. Taxes rose."
    assert prepare_article(html, is_html=True).text == html


def test_many_lines_keep_their_boundaries_and_tokens(nlp: Language) -> None:
    # thousands of lines: every token and offset kept, every heading its own sentence
    text = "\n\n".join(f"Heading {n}\n\nThe minister spoke at meeting {n}." for n in range(2000))
    doc = nlp(text)
    assert doc.text == text
    headings = [sent.text.strip() for sent in doc.sents if sent.text.startswith("Heading")]
    assert len(headings) == 2000 and all(h.count(" ") == 1 for h in headings)
