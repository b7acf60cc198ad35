"""Sentiment toward and by actors: mention labels, evidence, voice, aggregation, speaker tone."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from scoring.actors import Actor, Mention
from scoring.sentiment import (
    LABELS,
    MentionSentiment,
    TargetEncoder,
    actor_sentiment,
    load_target_encoder,
    score_mentions,
    summarise,
)
from scoring.text.quotes import voices
from scoring.text.spans import text_span
from scoring.text.valence import word_weight

LEXICON = SentimentIntensityAnalyzer().lexicon
# Words that never explain a label: titles, reporting verbs, the actor's own name.
NEVER_EVIDENCE = {"Mr.", "Ms.", "Senator", "President", "said", "says", "told"}


@pytest.fixture(scope="module")
def encoder() -> TargetEncoder:
    return load_target_encoder()


def target(doc: Doc, name: str, occurrence: int = 0) -> Span:
    """The span of the ``occurrence``-th appearance of ``name`` in ``doc``."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(name, start + 1)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    return span


def actor(doc: Doc, actor_id: str, name: str) -> Actor:
    """An actor built by hand with every occurrence of ``name`` as a mention."""
    mentions, start = [], doc.text.find(name)
    while start >= 0:
        mentions.append(Mention(text_span(doc.text, start, start + len(name)), 0, "name"))
        start = doc.text.find(name, start + 1)
    return Actor(actor_id, f"person:{actor_id}", name, "person", (name,), tuple(mentions))


def label_of(nlp: Language, encoder: TargetEncoder, text: str, name: str) -> tuple[str, set[str]]:
    ((_, label, words),) = score_mentions([target(nlp(text), name)], encoder=encoder)
    return label, {w.exact for w in words}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # praise of one actor and attack on another in one sentence: opposite labels
        (
            "Voters praised Maria Lopez for her courage, but they condemned Peter Kaye as a "
            "corrupt liar.",
            "Maria Lopez",
            "positive",
        ),
        (
            "Voters praised Maria Lopez for her courage, but they condemned Peter Kaye as a "
            "corrupt liar.",
            "Peter Kaye",
            "negative",
        ),
        # passive accusation: the accused is portrayed negatively
        ("Peter Kaye was accused of fraud and bribery by prosecutors.", "Peter Kaye", "negative"),
        # a plain report of a meeting is neutral
        ("Maria Lopez met Peter Kaye in Geneva on Tuesday.", "Maria Lopez", "neutral"),
        # an adjective over the mention
        ("The brave and generous Maria Lopez rescued the children.", "Maria Lopez", "positive"),
        # a predicate over the mention
        ("Peter Kaye is a dangerous and dishonest man.", "Peter Kaye", "negative"),
        # "clear" intensifies a failure, it does not praise ("a clear cave by ...")
        (
            "It is a clear cave by Peter Kaye, whose impasse over the budget hurt millions.",
            "Peter Kaye",
            "negative",
        ),
        # "tolerance for bigotry" is a reproach, not praise
        (
            "Our problem is the Green Party's continued tolerance for bigotry in its ranks.",
            "Green Party",
            "negative",
        ),
        pytest.param(
            "What we object to is the Freedom League's continued tolerance for bigotry.",
            "Freedom League",
            "negative",
            marks=pytest.mark.xfail(
                reason="a positive word in the target's own name ('Freedom', 'Liberty') pulls "
                "the encoder, which sees the name",
                strict=False,
            ),
        ),
        # positioning oneself encouragingly for peace is favourable
        (
            "Norway and Chile positioned themselves encouragingly for a lasting peace.",
            "Chile",
            "positive",
        ),
        # a denied accusation
        pytest.param(
            "Peter Kaye was not corrupt, the inquiry concluded.",
            "Peter Kaye",
            "neutral",
            marks=pytest.mark.xfail(
                reason="a cleared accusation still reads negative: corruption words dominate",
                strict=False,
            ),
        ),
    ],
)
def test_mention_label(
    nlp: Language, encoder: TargetEncoder, text: str, name: str, label: str
) -> None:
    assert label_of(nlp, encoder, text, name)[0] == label


@pytest.mark.parametrize(
    ("text", "name", "words"),
    [
        ("Peter Kaye is a dangerous and dishonest man.", "Peter Kaye", {"dangerous", "dishonest"}),
        (
            "Critics condemned Peter Kaye as a corrupt liar.",
            "Peter Kaye",
            {"condemned", "corrupt", "liar"},
        ),
        ("The brave Maria Lopez rescued the children.", "Maria Lopez", {"brave", "rescued"}),
    ],
)
def test_evidence_is_the_words_that_drove_the_label(
    nlp: Language, encoder: TargetEncoder, text: str, name: str, words: set[str]
) -> None:
    label, found = label_of(nlp, encoder, text, name)
    assert label != "neutral"
    assert found and found <= set(text.replace(".", "").split())
    assert found & words, f"evidence {found} misses every one of {words}"


@pytest.mark.parametrize(
    "text",
    [
        "Senator Peter Kaye said the disgraceful vote was a betrayal.",
        "President Peter Kaye told reporters the plan was a triumph.",
        "Mr. Peter Kaye, the beloved founder, said nothing.",
    ],
)
def test_evidence_never_holds_titles_reporting_verbs_or_the_name(
    nlp: Language, encoder: TargetEncoder, text: str
) -> None:
    label, found = label_of(nlp, encoder, text, "Peter Kaye")
    assert not found & (NEVER_EVIDENCE | {"Peter", "Kaye"})
    assert (label == "neutral") == (not found)  # empty evidence only for a neutral label


def test_a_speaker_is_not_portrayed_by_its_own_words(nlp: Language, encoder: TargetEncoder) -> None:
    # the speaker's own proud words are sentiment by the speaker, not toward it
    text = '"We will win this war and we are proud of our brave soldiers," Mr. Kaye said.'
    doc = nlp(text)
    quote = (0, text.index(',"') + 2)
    span = target(doc, "Kaye")
    source = (span.start_char, span.end_char, *quote)
    ((_, alone, _),) = score_mentions([span], encoder=encoder)
    ((_, own, words),) = score_mentions([span], encoder=encoder, sources=(source,))
    assert alone == "positive"  # the sentence as it stands reads for the speaker
    assert own == "neutral" and words == ()  # without the speaker's words: a speech tag


def test_many_mentions_in_one_batch_keep_their_order(nlp: Language, encoder: TargetEncoder) -> None:
    text = "Maria Lopez was heroic. Peter Kaye was a fraud. Maria Lopez met Peter Kaye."
    doc = nlp(text)
    spans = [target(doc, "Maria Lopez"), target(doc, "Peter Kaye"), target(doc, "Maria Lopez", 1)]
    labels = [label for _, label, _ in score_mentions(spans, encoder=encoder)]
    assert labels == ["positive", "negative", "neutral"]
    assert score_mentions([], encoder=encoder) == []


def summary_of(*labels: str) -> str:
    scores = {"negative": -0.8, "neutral": 0.0, "positive": 0.8}
    mentions = [
        MentionSentiment(text_span("x", 0, 1), scores[label], label, "narrator", None, ())
        for label in labels
    ]
    return summarise(mentions).label


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (("neutral", "neutral", "negative", "neutral", "neutral"), "negative"),  # lean 0.2
        (("neutral",) * 6 + ("negative",), "neutral"),  # one in seven: no lean
        (("negative", "positive", "neutral"), "neutral"),  # balanced
        (("positive", "positive", "negative"), "positive"),
        (("neutral", "neutral"), "neutral"),
    ],
)
def test_actor_label_follows_its_mention_counts(labels: tuple[str, ...], expected: str) -> None:
    assert summary_of(*labels) == expected


def test_actor_label_never_contradicts_the_counts() -> None:
    # an actor with no negative mention is never negative, and likewise for positive
    for labels in [("positive", "neutral"), ("neutral",) * 3, ("negative", "negative")]:
        label = summary_of(*labels)
        assert label == "neutral" or label in labels


def test_narrator_and_quoted_split_and_speaker_tone(nlp: Language, encoder: TargetEncoder) -> None:
    text = (
        "Peter Kaye was convicted of fraud. \u201cPeter Kaye is a wonderful and honest "
        "friend,\u201d Maria Lopez said."
    )
    doc = nlp(text)
    kaye, lopez = actor(doc, "kaye", "Peter Kaye"), actor(doc, "lopez", "Maria Lopez")
    start = text.index("\u201c")
    quotes = ((start, text.index("\u201d") + 1, "lopez"),)
    result = {
        r.actor_id: r
        for r in actor_sentiment(
            doc,
            (kaye, lopez),
            encoder=encoder,
            lexicon=LEXICON,
            quotes=quotes,
            voices=voices(doc, ()),
        )
    }
    toward = result["kaye"]
    summaries = (toward.toward, toward.toward_narrator, toward.toward_quoted)
    assert [summary.mentions for summary in summaries] == [2, 1, 1]
    assert [m.voice for m in toward.evidence] == ["narrator", "quoted"]
    assert toward.evidence[1].speaker == "lopez"
    assert toward.toward_narrator.score < toward.toward_quoted.score
    by = result["lopez"].by
    assert by.label == "positive" and by.quotes == 1 and by.quoted_words == 8
    assert {w.exact for w in by.words} == {"wonderful", "honest", "friend"}
    assert result["kaye"].by.label == "none"


def test_speaker_tone_ignores_names_and_flips_negation(
    nlp: Language, encoder: TargetEncoder
) -> None:
    text = "\u201cThe United Nations plan is not good,\u201d Maria Lopez said."
    doc = nlp(text)
    lopez = actor(doc, "lopez", "Maria Lopez")
    quotes = ((0, text.index("\u201d") + 1, "lopez"),)
    (result,) = actor_sentiment(
        doc, (lopez,), encoder=encoder, lexicon=LEXICON, quotes=quotes, voices=voices(doc, ())
    )
    assert [w.exact for w in result.by.words] == ["good"]
    assert result.by.label == "negative"


def test_actor_without_mentions(nlp: Language, encoder: TargetEncoder) -> None:
    doc = nlp("Nobody is named here.")
    ghost = Actor("ghost", "person:ghost", "Ghost", "person", (), (), requested=True)
    (result,) = actor_sentiment(
        doc, (ghost,), encoder=encoder, lexicon=LEXICON, voices=voices(doc, ())
    )
    assert result.toward == summarise(())
    assert (result.toward.label, result.toward.score, result.toward.mentions) == ("none", 0.0, 0)
    assert result.evidence == ()


def test_negation_flips_the_lexicon_weight(nlp: Language) -> None:
    doc = nlp("The plan was not good.")
    good = next(t for t in doc if t.text == "good")
    assert word_weight(good, LEXICON) < 0


def test_labels_are_the_models() -> None:
    assert load_target_encoder().labels == LABELS


class CountingEncoder:
    """The real encoder, counting the targets it is asked to score."""

    def __init__(self, encoder: TargetEncoder) -> None:
        self.inner, self.labels, self.targets = encoder, encoder.labels, 0

    def explain(self, targets, check=None):  # type: ignore[no-untyped-def]
        self.targets += len(targets)
        return self.inner.explain(targets, check=check)


def test_one_sentence_portrays_an_actor_once(nlp: Language, encoder: TargetEncoder) -> None:
    text = "Ann Cole was convicted of fraud, and the judge fined her heavily. She resigned."
    doc = nlp(text)
    name, her, she = (text.index(w) for w in ("Ann Cole", "her ", "She"))
    mentions = (
        Mention(text_span(text, name, name + 8), 0, "name"),
        Mention(text_span(text, her, her + 3), 0, "pronoun"),
        Mention(text_span(text, she, she + 3), 1, "pronoun"),
    )
    cole = Actor("cole", "person:cole", "Ann Cole", "person", ("Ann Cole",), mentions)
    counting = CountingEncoder(encoder)
    (result,) = actor_sentiment(
        doc, (cole,), encoder=counting, lexicon=LEXICON, voices=voices(doc, ())
    )
    # the pronoun of the first sentence takes the name's label and words; the second sentence
    # is a judgement of its own
    assert counting.targets == 2
    first, pronoun, other = result.evidence
    assert first.label == "negative" and (pronoun.label, pronoun.words) == (
        first.label,
        first.words,
    )
    assert pronoun.mention.exact == "her" and other.mention.exact == "She"
    assert result.toward.mentions == 3 and result.toward.negative >= 2
