"""Sentiment toward and by actors: scope, negation, names, voice, speaker tone, shipped model."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from scoring.actors import Actor, Mention
from scoring.sentiment import (
    LABELS,
    TargetSentimentModel,
    actor_sentiment,
    load_target_model,
    score_mention,
    summarise,
)
from scoring.sentiment.features import (
    FEATURE_SET,
    in_quotes,
    mention_features,
    sentence_table,
)
from scoring.text.quotes import voices
from scoring.text.spans import text_span
from scoring.text.valence import word_weight

LEXICON = SentimentIntensityAnalyzer().lexicon


@pytest.fixture(scope="module")
def model() -> TargetSentimentModel:
    return load_target_model()


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
        # the attacker is not the attacked: the subject of "accused" is not the accused
        ("Peter Kaye was accused of fraud and bribery by prosecutors.", "Peter Kaye", "negative"),
        # a plain report of a meeting is neutral
        ("Maria Lopez met Peter Kaye in Geneva on Tuesday.", "Maria Lopez", "neutral"),
        # an adjective over the mention
        ("The brave and generous Maria Lopez rescued the children.", "Maria Lopez", "positive"),
        # a predicate over the mention
        ("Peter Kaye is a dangerous and dishonest man.", "Peter Kaye", "negative"),
        pytest.param(
            "Peter Kaye was not corrupt.",
            "Peter Kaye",
            "neutral",
            marks=pytest.mark.xfail(
                reason="a denied accusation still reads negative: the model learnt that "
                "denials and 'not' come with bad news"
            ),
        ),
        pytest.param(
            "Peter Kaye's brilliant plan managed to lose every ally.",
            "Peter Kaye",
            "negative",
            marks=pytest.mark.xfail(reason="irony: a positive adjective over a failure"),
        ),
        pytest.param(
            "Maria Lopez thanked the nurses who saved her life after the terrible crash.",
            "Maria Lopez",
            "neutral",
            marks=pytest.mark.xfail(
                reason="tonal words of the nested clause and the sentence "
                "pull a mention that is only thanking someone"
            ),
        ),
    ],
)
def test_mention_label(
    nlp: Language, model: TargetSentimentModel, text: str, name: str, label: str
) -> None:
    _, predicted, _ = score_mention(target(nlp(text), name), model=model, lexicon=LEXICON)
    assert predicted == label


@pytest.mark.parametrize(
    ("plain", "negated"),
    [
        # "not" over the predicate
        ("Peter Kaye was honest with the voters.", "Peter Kaye was not honest with the voters."),
        # "never" over the verb
        ("Critics trusted Peter Kaye.", "Critics never trusted Peter Kaye."),
    ],
)
def test_negation_lowers_the_score(
    nlp: Language, model: TargetSentimentModel, plain: str, negated: str
) -> None:
    before, _, _ = score_mention(target(nlp(plain), "Peter Kaye"), model=model, lexicon=LEXICON)
    after, _, _ = score_mention(target(nlp(negated), "Peter Kaye"), model=model, lexicon=LEXICON)
    assert after < before


def test_negation_flips_the_lexicon_weight(nlp: Language) -> None:
    doc = nlp("The plan was not good.")
    good = next(t for t in doc if t.text == "good")
    assert word_weight(good, LEXICON) < 0 < LEXICON["good"]


@pytest.mark.parametrize(
    "text",
    [
        # each of these names holds a word VADER scores as positive
        "Peter Kaye spoke to the United Nations on Monday.",
        "Peter Kaye posted the statement on Truth Social.",
        "Peter Kaye wrote to the Justice Department.",
        "Peter Kaye flew to Liberty County for Security Council talks.",
    ],
)
def test_entity_names_are_not_sentiment_words(
    nlp: Language, model: TargetSentimentModel, text: str
) -> None:
    doc = nlp(text)
    span = target(doc, "Peter Kaye")
    features = mention_features(span, sentence_table(span.sent, LEXICON))
    assert not [f.name for f in features if f.name.startswith("lex_")]
    _, label, words = score_mention(span, model=model, lexicon=LEXICON)
    assert label != "positive"
    # whatever the label, no word of a name ("United", "Truth", "Liberty") is ever evidence
    name_words = {token.idx for token in doc if token.ent_type_}
    assert [w.exact for w in words if w.start in name_words] == []


@pytest.mark.parametrize(
    ("text", "name", "quoted"),
    [
        ("\u201cPeter Kaye is a fine man,\u201d she said.", "Peter Kaye", True),
        ("She said Peter Kaye was a fine man.", "Peter Kaye", False),
        ('"We trust him," said Peter Kaye.', "Peter Kaye", False),
        ('He said: "Ask Peter Kaye."', "Peter Kaye", True),
        # a quote of several sentences: the mention is in its second sentence
        ('"The talks failed. Peter Kaye is a liar," Smith said on Monday.', "Peter Kaye", True),
    ],
)
def test_in_quotes(nlp: Language, text: str, name: str, quoted: bool) -> None:
    span = target(nlp(text), name)
    assert in_quotes(span) is quoted


def test_narrator_and_quoted_split_and_speaker_tone(
    nlp: Language, model: TargetSentimentModel
) -> None:
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
            doc, (kaye, lopez), model=model, lexicon=LEXICON, quotes=quotes, voices=voices(doc, ())
        )
    }
    toward = result["kaye"]
    assert (
        toward.toward.mentions,
        toward.toward_narrator.mentions,
        toward.toward_quoted.mentions,
    ) == (2, 1, 1)
    assert [m.voice for m in toward.evidence] == ["narrator", "quoted"]
    assert toward.evidence[1].speaker == "lopez"
    assert toward.toward_narrator.score < toward.toward_quoted.score
    by = result["lopez"].by
    assert by.label == "positive" and by.quotes == 1 and by.quoted_words == 8
    assert {w.exact for w in by.words} == {"wonderful", "honest", "friend"}
    assert result["kaye"].by.label == "none"


def test_speaker_tone_ignores_names_and_flips_negation(
    nlp: Language, model: TargetSentimentModel
) -> None:
    text = "\u201cThe United Nations plan is not good,\u201d Maria Lopez said."
    doc = nlp(text)
    lopez = actor(doc, "lopez", "Maria Lopez")
    quotes = ((0, text.index("\u201d") + 1, "lopez"),)
    (result,) = actor_sentiment(
        doc, (lopez,), model=model, lexicon=LEXICON, quotes=quotes, voices=voices(doc, ())
    )
    assert [w.exact for w in result.by.words] == ["good"]
    assert result.by.label == "negative"


def test_actor_without_mentions(nlp: Language, model: TargetSentimentModel) -> None:
    doc = nlp("Nobody is named here.")
    ghost = Actor("ghost", "person:ghost", "Ghost", "person", (), (), requested=True)
    (result,) = actor_sentiment(doc, (ghost,), model=model, lexicon=LEXICON, voices=voices(doc, ()))
    assert result.toward == summarise(())
    assert (result.toward.label, result.toward.score, result.toward.mentions) == ("none", 0.0, 0)
    assert result.evidence == ()


def test_evidence_points_at_the_words(nlp: Language, model: TargetSentimentModel) -> None:
    text = "Peter Kaye is a dangerous and dishonest man."
    score, label, words = score_mention(
        target(nlp(text), "Peter Kaye"), model=model, lexicon=LEXICON
    )
    assert label == "negative" and -1.0 <= score < 0
    assert {"dangerous", "dishonest"} <= {w.exact for w in words}
    assert all(text[w.start : w.end] == w.exact for w in words)


def test_model_artifact_keys() -> None:
    path = resources.files("scoring.sentiment.models").joinpath("target_sentiment.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    keys = {"name", "version", "feature_set", "classes", "features", "coef", "intercept"}
    assert keys | {"training"} <= set(data)
    assert data["feature_set"] == FEATURE_SET
    assert {"data", "date", "sklearn_version", "cv_f1_macro", "C"} <= set(data["training"])
    assert tuple(data["classes"]) == LABELS
    assert len(data["coef"]) == len(data["intercept"]) == len(LABELS)
    assert all(len(row) == len(data["features"]) for row in data["coef"])
    assert len(set(data["features"])) == len(data["features"])
    model = load_target_model()
    assert model.classes == LABELS and model.version == data["version"]
