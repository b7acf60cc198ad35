"""The orchestrator: one parse, every metric, batch items failing alone, unattributed hearsay."""

from __future__ import annotations

import pytest

from scoring.analyze import ArticleInput, analyze, analyze_batch, fit_reference
from scoring.errors import EmptyTextError, NoLettersError, ReferenceSetError
from scoring.resources import Resources

ARTICLE = (
    "The minister said on Monday that the talks could resume next week. "
    "Opposition leaders called the plan reckless. "
    "The envoy reportedly left the capital overnight."
)


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # hearsay with nobody named: an unattributed claim
        ("The envoy reportedly left the capital overnight.", 1),
        # the same hearsay inside a sourced statement is attributed
        ("Officials said the envoy reportedly left the capital overnight.", 0),
        # a plain hedge is not hearsay
        ("The envoy may leave the capital overnight.", 0),
        # "is said to" passes a claim on as much as "reportedly" does
        ("The general is said to favour a truce.", 1),
    ],
)
def test_unattributed_hearsay(resources: Resources, text: str, claims: int) -> None:
    analysis = analyze(text, resources=resources).analysis
    assert len(analysis.unattributed_claims) == claims


def test_report_carries_text_hash_and_versions(resources: Resources) -> None:
    report = analyze(ARTICLE, resources=resources)
    assert report.text == ARTICLE and report.text_length == len(ARTICLE)
    assert len(report.text_sha256) == 64
    assert report.versions.pipeline.startswith("en_core_web_sm")
    assert report.versions.baseline is None and report.comparison is None
    assert any("words" in warning for warning in report.warnings)  # a short text is flagged


def test_html_offsets_refer_to_the_converted_text(resources: Resources) -> None:
    report = analyze("<p>The minister <b>may</b> resign.</p>", resources=resources, is_html=True)
    cue = report.analysis.hedging.cues[0]
    assert report.text == "The minister may resign."
    assert report.text[cue.span.start : cue.span.end] == "may"


def test_batch_item_errors_do_not_fail_the_rest(resources: Resources) -> None:
    results = analyze_batch(
        [ArticleInput(ARTICLE), ArticleInput("   "), ArticleInput("1234"), ArticleInput(ARTICLE)],
        resources=resources,
    )
    assert isinstance(results[1], EmptyTextError)
    assert isinstance(results[2], NoLettersError)
    single = analyze(ARTICLE, resources=resources)
    assert results[0] == results[3] == single  # batch parsing gives the same report


def test_fit_reference_names_the_article_that_fails(resources: Resources) -> None:
    with pytest.raises(ReferenceSetError, match=r"blank\.txt"):
        fit_reference([("ok.txt", ARTICLE), ("blank.txt", "  ")], resources=resources)
