"""The orchestrator: one parse, every metric, batch items failing alone, unattributed hearsay."""

from __future__ import annotations

import hashlib

import pytest

import scoring
from scoring.analyze import ArticleInput, analyze, analyze_batch, fit_reference
from scoring.deadline import Deadline
from scoring.errors import EmptyTextError, NoLettersError, ReferenceSetError, TimeBudgetError
from scoring.reference.catalogue import COMPOSITE_IDS, METRIC_IDS
from scoring.resources import Resources

ARTICLE = (
    "The minister said on Monday that the talks could resume next week. "
    "Opposition leaders called the plan reckless. "
    "The envoy reportedly left the capital overnight."
)

# Three plain reports of one meeting: attributed, no hedges, no quotes, no tone.
PLAIN_REFERENCE = (
    (
        "plain-1",
        "The minister met the envoy in Riyadh on Monday. The talks ended at noon. Officials "
        "said a second meeting was planned for Friday.",
    ),
    (
        "plain-2",
        "The envoy arrived in Riyadh on Tuesday and met the minister. The two men spoke for an "
        "hour. A spokesman said the talks would continue.",
    ),
    (
        "plain-3",
        "Delegations from both sides met in Riyadh on Wednesday. The talks lasted three hours. "
        "The minister said the next round was set for Friday.",
    ),
)
# 23 words, 2 sentences, 7 hedges (may, reportedly, could, perhaps, seems, might, possibly),
# nobody named for the hearsay.
HEDGED = (
    "The talks in Riyadh may reportedly resume on Friday, and the envoy could perhaps return. "
    "It seems the minister might possibly meet him."
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
    assert report.text_sha256 == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    assert report.versions.scoring == scoring.__version__
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


def test_analyze_returns_the_scored_report(resources: Resources) -> None:
    reference = fit_reference(PLAIN_REFERENCE, resources=resources, name="plain")
    report = analyze(HEDGED, resources=resources, reference=reference)
    comparison = report.comparison
    assert comparison is not None and report.versions.baseline == reference.version_
    assert (comparison.reference.name, comparison.reference.size) == ("plain", 3)
    assert [m.id for m in comparison.metrics] == list(METRIC_IDS)
    assert [c.id for c in comparison.composites] == list(COMPOSITE_IDS)
    bands = {m.id: (m.position, m.band) for m in comparison.metrics}
    # hedged at every turn where the reference never hedges: above it, and high
    for metric_id in ("hedging_density", "hedged_sentence_share", "unsourced_claim_share"):
        assert bands[metric_id] == ("above", "high"), metric_id
    # nothing attributed where every reference article is
    assert bands["attribution_density"] == ("below", "low")
    assert bands["booster_density"] == ("within", "typical")  # no boosters anywhere
    hedging = next(m for m in comparison.metrics if m.id == "hedging_density")
    assert hedging.value == pytest.approx(100 * 7 / 23)
    assert hedging.explanation == (
        "7 hedge cues in 23 words, e.g. 'may', 'reportedly', 'could'; above every reference "
        "article (0.0 per 100 words)"
    )
    assert hedging.evidence == ("may", "reportedly", "could")
    sourcing = next(c for c in comparison.composites if c.id == "sourcing")
    assert (sourcing.position, sourcing.band) == ("below", "low")
    assert comparison.distance.value is not None and comparison.distance.percentile == 100.0
    assert comparison.reference.caveat in report.warnings


def test_a_cms_body_keeps_its_structure(resources: Resources) -> None:
    html = (
        "<h2>Senator responds</h2>"
        "<p>\u201cWe will not back down,\u201d said Senator Jane Roe on Monday.</p>"
        '<blockquote class="wp-block-quote"><p>The budget is a betrayal of every family in '
        "this state.</p><cite>Mayor Tom Hale</cite></blockquote>"
        '<figure><img src="x.jpg"><figcaption>The mayor at City Hall.</figcaption></figure>'
        "<p>The vote may come next week.</p>"
    )
    report = analyze(html, resources=resources, is_html=True)
    # the caption is set apart, not analysed
    assert report.captions == ("The mayor at City Hall.",)
    assert "City Hall" not in report.text
    contents = {a.content.exact: a for a in report.analysis.attribution.attributions}
    # the heading is its own sentence: the quote after it is a direct quote, not its content
    assert "Senator responds" not in " ".join(contents)
    assert "\u201cWe will not back down,\u201d" in contents
    # the quote block is a direct quote of the person its <cite> names
    cited = contents["\u201cThe budget is a betrayal of every family in this state.\u201d"]
    assert cited.kind == "direct" and cited.source is not None
    assert cited.source.exact == "Mayor Tom Hale"


def test_a_passed_deadline_stops_the_analysis_with_a_typed_error(resources: Resources) -> None:
    with pytest.raises(TimeBudgetError, match="time budget of 2 s"):
        analyze(ARTICLE, resources=resources, deadline=Deadline(at=0.0, seconds=2.0))
    # the same resources go on working
    assert analyze(ARTICLE, resources=resources, deadline=Deadline.after(600.0)).analysis.words


def test_a_batch_past_its_deadline_keeps_input_errors_and_stops_the_rest(
    resources: Resources,
) -> None:
    results = analyze_batch(
        [ArticleInput(ARTICLE), ArticleInput("   "), ArticleInput(ARTICLE)],
        resources=resources,
        deadline=Deadline(at=0.0, seconds=1.0),
    )
    assert [type(r) for r in results] == [TimeBudgetError, EmptyTextError, TimeBudgetError]


def test_the_deadline_is_checked_between_model_calls(resources: Resources) -> None:
    calls: list[int] = []

    def check() -> None:
        calls.append(1)
        if len(calls) > 1:
            raise TimeBudgetError(1.0)

    encoder = resources.sentiment_model
    targets = [("Smith won.", 0, 5), ("Jones lost.", 0, 5), ("Lee left.", 0, 3)]
    with pytest.raises(TimeBudgetError):
        encoder.predict(targets, check=check)
    assert len(calls) == 2  # the first call ran, the second found the deadline passed
