"""The reference set: fitting, comparing, degenerate references, explanations, no NaN anywhere.

Unit tests build analyses from stand-ins holding only what the catalogue's readers read, with
counts chosen to place an article against the reference; the integration tests at the end run the
real pipeline over ``seeds/``.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sklearn.base import clone

from scoring.article import Analysis
from scoring.errors import NotFittedError, ReferenceSetError
from scoring.reference import Comparison, ReferenceSet, fingerprint
from scoring.reference.catalogue import METRIC_IDS

SEEDS = Path(__file__).resolve().parents[3] / "seeds"

# Five short reference texts on one topic, written for these tests.
TOPIC_TEXTS = (
    "Negotiators met in Riyadh to discuss a ceasefire between Russia and Ukraine. The Kremlin "
    "said Putin would consider a pause in strikes on energy infrastructure.",
    "Trump spoke with Putin by phone about a ceasefire in Ukraine. Zelensky said Kyiv would "
    "support a truce if Russia stopped attacks on energy facilities.",
    "The White House described the call as productive. Russia agreed to halt strikes on energy "
    "infrastructure for thirty days while ceasefire talks continue in Saudi Arabia.",
    "Ukraine accused Russia of violating the energy ceasefire hours after the call. Moscow "
    "denied the claim and said Kyiv drones had attacked Russian facilities.",
    "European leaders welcomed the talks but warned that any ceasefire must include security "
    "guarantees for Ukraine. Zelensky met Macron and Starmer in Paris.",
)
COOKING = (
    "The final of the village baking contest came down to a lemon drizzle cake and a rhubarb "
    "tart. Judges praised the crumb, the glaze and the sharp sweetness of the custard, and the "
    "winner took home a copper saucepan and a jar of honey."
)
HEDGE_WORDS = ("reportedly", "could", "may", "appears to", "possibly", "might", "perhaps")


def _span(exact: str) -> SimpleNamespace:
    return SimpleNamespace(start=0, end=len(exact), exact=exact, prefix="", suffix="")


def _actors(scores: dict[str, tuple[str, float]]) -> tuple[list[Any], list[Any]]:
    actors, sentiment = [], []
    for number, (key, (name, score)) in enumerate(scores.items()):
        mentions = (SimpleNamespace(span=_span(name), sentence=0, form="name"),) * 3
        actors.append(SimpleNamespace(id=f"a{number}", key=key, name=name, mentions=mentions))
        toward = SimpleNamespace(score=score, label="neutral", mentions=3)
        sentiment.append(
            SimpleNamespace(actor_id=f"a{number}", toward=toward, toward_narrator=toward)
        )
    return actors, sentiment


def standin(
    text: str,
    *,
    words: int = 400,
    sentences: int = 20,
    hedges: tuple[str, ...] = ("may", "could", "about", "reportedly", "appears"),
    sources: tuple[tuple[str, str, str], ...] = (
        ("direct", "named_person", "Peskov"),
        ("indirect", "named_organisation", "the White House"),
        ("according_to", "document", "a statement"),
        ("indirect", "anonymous", "officials"),
    ),
    actors: dict[str, tuple[str, float]] | None = None,
    tone: float = -1.0,
    unsourced: int = 1,
) -> Analysis:
    """An analysis of ``text`` with the given counts, shaped like the metric modules' results."""
    actor_list, sentiment = _actors(actors or {"person:putin": ("Putin", -0.2)})
    cues = tuple(
        SimpleNamespace(span=_span(h), category="c", sentence=0, voice="narrator") for h in hedges
    )
    hedged = min(len(hedges), sentences)
    hedging = SimpleNamespace(
        cues=cues,
        boosters=(),
        narrator_words=words,
        hedged_sentences=hedged,
    )
    found = tuple(
        SimpleNamespace(
            kind=kind,
            source=_span(name),
            source_type=kind_of,
            cue=_span("said"),
            content=_span("we will talk"),
            sentence=0,
            words=3,
        )
        for kind, kind_of, name in sources
    )
    attribution = SimpleNamespace(
        attributions=found,
        sources=tuple(SimpleNamespace(name=s[2]) for s in sources),
        attributed_sentences=min(len(found), sentences),
        quoted_words=3 * len(found),
        voice_share=tuple(SimpleNamespace(actor_id=a.id, quoted_words=10) for a in actor_list),
    )
    # Tone is read from the tonal words: 8 negative, plus positive ones for tone points of 100.
    positive = 8 + round(tone * words / 100)
    tonal = [SimpleNamespace(span=_span("hope"), weight=1.9)] * positive
    tonal += [SimpleNamespace(span=_span("war"), weight=-2.9)] * 8
    tone_result = SimpleNamespace(tonal_words=tuple(tonal))
    return Analysis(
        text=text,
        words=words,
        sentences=sentences,
        actors=tuple(actor_list),
        sentiment=tuple(sentiment),
        hedging=hedging,
        attribution=attribution,  # type: ignore[arg-type]
        unattributed_claims=tuple(_span("It may end soon.") for _ in range(unsourced)),
        tone=tone_result,  # type: ignore[arg-type]
    )


# The reference: five stand-ins whose metrics vary a little, as real articles do.
PUTIN_SCORES = (-0.31, -0.2, -0.1, 0.05, -0.15)


def reference_articles() -> list[Analysis]:
    return [
        standin(
            text,
            words=380 + 20 * i,
            hedges=HEDGE_WORDS[: 3 + i % 3],
            tone=-1.5 + 0.4 * i,
            actors={
                "person:putin": ("Putin", PUTIN_SCORES[i]),
                "country:ukraine": ("Ukraine", 0.1),
            },
            unsourced=i % 2,
        )
        for i, text in enumerate(TOPIC_TEXTS)
    ]


@pytest.fixture(scope="module")
def reference() -> ReferenceSet:
    return ReferenceSet(name="test").fit(reference_articles(), ids=[f"r{i}" for i in range(5)])


def floats(value: object) -> Iterator[float]:
    """Every float inside a result, walking dataclasses, tuples and dicts."""
    if isinstance(value, float):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from floats(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from floats(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from floats(item)


def plain(value: object) -> bool:
    """True when a result holds only plain values (no numpy scalars, no callables)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(plain(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, tuple):
        return all(plain(item) for item in value)
    return value is None or type(value) in (str, int, float, bool)


def by_id(comparison: Comparison) -> dict[str, Any]:
    return {item.id: item for item in comparison.metrics}


def test_fit_learns_underscore_attributes_and_keeps_parameters(reference: ReferenceSet) -> None:
    assert reference.get_params() == {"name": "test", "topical_threshold": 0.15, "band_margin": 0.5}
    assert reference.ids_ == ("r0", "r1", "r2", "r3", "r4")
    assert reference.values_.shape == (5, len(METRIC_IDS))
    assert reference.actor_scores_["person:putin"]["r0"] == pytest.approx(-0.31)
    assert reference.actor_names_["country:ukraine"] == "Ukraine"
    assert len(reference.fingerprint_) == 64
    assert reference.version_ == f"test@{reference.fingerprint_[:12]}"
    assert not hasattr(clone(reference), "fingerprint_")  # clone: same parameters, not fitted


def test_compare_before_fit_raises() -> None:
    with pytest.raises(NotFittedError, match="fit"):
        ReferenceSet().compare(standin(TOPIC_TEXTS[0]))
    with pytest.raises(NotFittedError):
        ReferenceSet().summary()


def test_zero_articles_raise_a_clear_error() -> None:
    with pytest.raises(ReferenceSetError, match="at least one"):
        ReferenceSet().fit([])


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["a"], "1 ids were given for 2"),  # fewer ids than articles
        (["a", "a"], "unique"),  # duplicate ids
    ],
)
def test_bad_ids_raise(ids: list[str], message: str) -> None:
    with pytest.raises(ReferenceSetError, match=message):
        ReferenceSet().fit(reference_articles()[:2], ids=ids)


def test_a_reference_article_compared_with_itself_is_within(reference: ReferenceSet) -> None:
    comparison = reference.compare(reference_articles()[2])
    assert all(m.position == "within" and m.band == "typical" for m in comparison.metrics)
    assert comparison.topical_fit.max_similarity == pytest.approx(1.0)
    assert comparison.topical_fit.warning is None
    assert comparison.reference.caveat == (
        "compared with 5 reference articles: a small set; ranges are indicative"
    )
    assert comparison.reference.caveat in comparison.warnings


def test_comparison_is_plain_and_finite(reference: ReferenceSet) -> None:
    for article in (reference_articles()[0], standin(COOKING, hedges=(), sources=(), tone=9.0)):
        comparison = reference.compare(article)
        assert plain(comparison)
        assert all(math.isfinite(x) for x in floats(comparison))
    assert plain(reference.summary())


def test_heavily_hedged_unsourced_article_is_flagged(reference: ReferenceSet) -> None:
    article = standin(
        " ".join(TOPIC_TEXTS),
        hedges=HEDGE_WORDS * 5,
        sources=(("indirect", "anonymous", "officials"), ("indirect", "anonymous", "a source")),
        unsourced=12,
    )
    metrics = by_id(reference.compare(article))
    hedging = metrics["hedging_density"]
    assert (hedging.position, hedging.band) == ("above", "high")
    assert hedging.explanation.startswith(
        "35 hedge cues in 400 words, e.g. 'reportedly', 'could', 'may'; above every reference "
        "article (0.7-1.2 per 100 words)"
    )
    assert hedging.z_score is not None and hedging.z_score > 3
    assert hedging.percentile == 100.0
    named = metrics["named_source_share"]
    assert (named.position, named.band) == ("below", "low")
    assert named.explanation.startswith("a named source for 0 of 2 attributions; below every")
    anonymous = metrics["anonymous_source_share"]
    assert (anonymous.position, anonymous.band) == ("above", "high")
    assert "an unnamed source for 2 of 2 attributions, e.g. 'officials', 'a source'" in (
        anonymous.explanation
    )
    assert metrics["unsourced_claim_share"].band == "high"


def test_distance_names_the_metrics_that_differ(reference: ReferenceSet) -> None:
    usual = reference.compare(reference_articles()[1]).distance
    hedged = reference.compare(standin(TOPIC_TEXTS[0], hedges=HEDGE_WORDS * 5)).distance
    assert usual.value is not None and hedged.value is not None
    assert hedged.value > max(item.value for item in hedged.reference) > 0
    assert hedged.percentile == 100.0
    assert hedged.contributors[0].metric_id in {
        "hedging_density",
        "narrator_hedging_density",
        "hedged_sentence_share",
    }
    assert "mostly from" in hedged.explanation and "hedg" in hedged.explanation
    assert usual.value < hedged.value


def test_off_topic_article_gets_the_topical_warning(reference: ReferenceSet) -> None:
    comparison = reference.compare(standin(COOKING))
    fit = comparison.topical_fit
    assert fit.max_similarity < fit.threshold
    assert fit.warning is not None and fit.warning in comparison.warnings
    assert "shares little distinctive vocabulary with the reference set" in fit.warning
    assert "ceasefire" in fit.warning and "comparisons may mislead" in fit.warning


def test_actor_compared_by_key_with_the_articles_covering_it(reference: ReferenceSet) -> None:
    article = standin(
        TOPIC_TEXTS[0],
        actors={"person:putin": ("Vladimir Putin", -0.42), "person:nobody": ("Nobody", 0.5)},
    )
    actors = reference.compare(article).actors
    assert [a.key for a in actors] == ["person:putin"]  # the reference never covers "nobody"
    putin = actors[0]
    assert (putin.position, putin.band) == ("below", "low")
    assert putin.explanation == (
        "sentiment toward Vladimir Putin here: -0.42; in 5 reference articles: -0.31..0.05; "
        "below all of them"
    )


def test_one_article_reference_is_degenerate_but_defined() -> None:
    only = reference_articles()[0]
    reference = ReferenceSet().fit([only], ids=["only"])
    same = reference.compare(only)
    assert all(m.reference.std == 0.0 and m.z_score is None for m in same.metrics)
    assert all((m.position, m.band) == ("within", "typical") for m in same.metrics)
    assert same.distance.value is None and "at least 3" in same.distance.explanation
    assert any("one article" in warning for warning in same.warnings)
    other = by_id(reference.compare(standin(TOPIC_TEXTS[0], hedges=HEDGE_WORDS)))
    assert (other["hedging_density"].position, other["hedging_density"].band) == ("above", "high")
    assert "above the one reference article (0.8 per 100 words)" in (
        other["hedging_density"].explanation
    )
    assert all(math.isfinite(x) for x in floats(reference.compare(standin(COOKING))))


def test_two_article_reference_has_spread_but_no_distance() -> None:
    reference = ReferenceSet().fit(reference_articles()[:2])
    comparison = reference.compare(reference_articles()[4])
    assert comparison.reference.ids == ("article-1", "article-2")
    assert comparison.distance.value is None
    assert all(math.isfinite(x) for x in floats(comparison))


def test_fingerprint_follows_the_texts_not_their_order() -> None:
    articles = reference_articles()
    base = ReferenceSet().fit(articles).fingerprint_
    assert ReferenceSet().fit(articles[::-1]).fingerprint_ == base
    edited = [standin(TOPIC_TEXTS[0] + " One more sentence."), *articles[1:]]
    assert ReferenceSet().fit(edited).fingerprint_ != base
    assert fingerprint(["a"]) != fingerprint(["b"])


def test_summary_lists_metrics_composites_and_actors(reference: ReferenceSet) -> None:
    summary = reference.summary()
    assert [m.id for m in summary.metrics] == list(METRIC_IDS)
    assert {c.id for c in summary.composites} == {"sourcing", "balance"}
    putin = next(a for a in summary.actors if a.key == "person:putin")
    assert (putin.reference.min, putin.reference.max) == (-0.31, 0.05)
    assert "ceasefire" in summary.topic_terms


def test_composites_carry_formula_inputs_and_explanation(reference: ReferenceSet) -> None:
    sourcing = next(c for c in reference.compare(reference_articles()[0]).composites)
    assert sourcing.id == "sourcing" and "mean(" in sourcing.formula
    assert [i.metric_id for i in sourcing.inputs] == [
        "attributed_sentence_share",
        "named_source_share",
        "unsourced_claim_share",
    ]
    assert sourcing.explanation.startswith("sourcing ")
    assert "named sources 75%" in sourcing.explanation
    assert 0.0 <= sourcing.value <= 100.0


# Integration: the real pipeline over seeds/ ---------------------------------------------------

# Written for this test: hedged at every turn, resting on unnamed sources or none.
HEDGED_UNSOURCED = (
    "The ceasefire talks could reportedly collapse, and it is unclear whether Russia might "
    "accept any pause at all. Officials said the plan may possibly be dropped. Some suggest "
    "that Putin could perhaps reject the offer, which apparently falls short of what Moscow "
    "wants. It seems likely that Ukraine may face pressure, though this could not be "
    "confirmed. Roughly half of the proposals might allegedly be withdrawn, sources said. "
    "The outcome may remain uncertain for weeks, and negotiators were reportedly considering "
    "another meeting, perhaps in Riyadh. It is believed that Trump could possibly call Putin "
    "again, and a truce might conceivably follow. Observers suggest the energy pause may "
    "arguably be the most that can be hoped for, and it appears that Kyiv could eventually "
    "agree. Reportedly, European leaders might perhaps join later talks, though that remains "
    "unclear. Perhaps the war could end this year; perhaps it may not."
)
OFF_TOPIC = (
    "The final of the county baking contest was decided on Sunday in a marquee on the village "
    "green. A retired teacher's lemon drizzle cake beat a rhubarb and custard tart after the "
    "judges praised its crumb and the sharp sweetness of its glaze. The winner took home a "
    "copper saucepan and a jar of honey, and organisers plan to add a bread category next year."
)


@pytest.fixture(scope="module")
def seed_analyses(resources: Any, seed_texts: dict[str, str]) -> dict[str, Analysis]:
    from scoring.analyze import analyze

    return {name: analyze(text, resources=resources).analysis for name, text in seed_texts.items()}


@pytest.fixture(scope="module")
def seed_reference(seed_analyses: dict[str, Analysis]) -> ReferenceSet:
    return ReferenceSet().fit(list(seed_analyses.values()), ids=list(seed_analyses))


def test_each_seed_lands_within_the_other_four_on_most_metrics(
    seed_analyses: dict[str, Analysis],
) -> None:
    within = typical = total = 0
    for name, analysis in seed_analyses.items():
        others = {n: a for n, a in seed_analyses.items() if n != name}
        comparison = ReferenceSet().fit(list(others.values()), ids=list(others)).compare(analysis)
        within += sum(m.position == "within" for m in comparison.metrics)
        typical += sum(m.band == "typical" for m in comparison.metrics)
        total += len(comparison.metrics)
        assert comparison.topical_fit.warning is None, name
        assert all(math.isfinite(x) for x in floats(comparison)) and plain(comparison)
    assert within / total > 0.5
    assert typical / total > 0.7


def test_hedged_unsourced_article_against_the_seeds(
    seed_reference: ReferenceSet, resources: Any
) -> None:
    from scoring.analyze import analyze

    comparison = seed_reference.compare(analyze(HEDGED_UNSOURCED, resources=resources).analysis)
    metrics = by_id(comparison)
    for metric_id in ("hedging_density", "narrator_hedging_density", "hedged_sentence_share"):
        assert (metrics[metric_id].position, metrics[metric_id].band) == ("above", "high")
    assert "above every reference article" in metrics["hedging_density"].explanation
    assert re.search(
        r"'(could|reportedly|may|perhaps|possibly)'", metrics["hedging_density"].explanation
    )
    assert metrics["named_source_share"].band == "low"
    assert metrics["unsourced_claim_share"].band == "high"
    sourcing = next(c for c in comparison.composites if c.id == "sourcing")
    assert (sourcing.position, sourcing.band) == ("below", "low")
    assert "named sources 0%" in sourcing.explanation
    assert comparison.distance.value is not None
    assert comparison.distance.percentile == 100.0
    assert comparison.topical_fit.warning is None  # on the seeds' topic, only worded differently


def test_off_topic_article_against_the_seeds(seed_reference: ReferenceSet, resources: Any) -> None:
    from scoring.analyze import analyze

    comparison = seed_reference.compare(analyze(OFF_TOPIC, resources=resources).analysis)
    warning = comparison.topical_fit.warning
    assert warning is not None and warning in comparison.warnings
    assert "ceasefire" in warning or "ukraine" in warning


def test_seed_actors_are_compared_by_key(
    seed_reference: ReferenceSet, seed_analyses: dict[str, Analysis]
) -> None:
    comparison = seed_reference.compare(next(iter(seed_analyses.values())))
    keys = {actor.key for actor in comparison.actors}
    assert keys and keys <= set(seed_reference.actor_scores_)
    putin = next(a for a in comparison.actors if a.name.endswith("Putin"))
    assert putin.explanation.startswith(f"sentiment toward {putin.name} here: ")
    assert putin.position == "within"  # an article of the reference is inside its own range


def test_a_changed_seed_changes_the_baseline(
    seed_reference: ReferenceSet,
    seed_texts: dict[str, str],
    seed_analyses: dict[str, Analysis],
    resources: Any,
) -> None:
    from scoring.analyze import analyze

    first = next(iter(seed_texts))
    edited = analyze(seed_texts[first] + "\n\nA sentence added later.", resources=resources)
    analyses = {**seed_analyses, first: edited.analysis}
    changed = ReferenceSet().fit(list(analyses.values()), ids=list(analyses))
    assert changed.fingerprint_ != seed_reference.fingerprint_
    assert changed.version_ != seed_reference.version_
    assert seed_reference.fingerprint_ == fingerprint([a.text for a in seed_analyses.values()])
