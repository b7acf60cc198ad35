"""GDELT-style document tone."""

from __future__ import annotations

import pytest
from spacy.language import Language
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from scoring.tone import document_tone

LEXICON = SentimentIntensityAnalyzer().lexicon


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The talks were a great success and everyone was happy.", 1),
        ("The attack was a horrible disaster and many were killed.", -1),
        # negation flips the word it reaches
        ("The outcome was not good and the mood was not happy.", -1),
        # words inside entity names carry no tone
        ("The United Nations met Truth Social staff in Liberty County.", 0),
    ],
)
def test_tone_sign(nlp: Language, text: str, sign: int) -> None:
    tone = document_tone(nlp(text), lexicon=LEXICON)
    assert (tone.tone > 0) - (tone.tone < 0) == sign


def test_tone_arithmetic(nlp: Language) -> None:
    # 10 words: "good" positive, "terrible" negative.
    doc = nlp("It was a good day and a terrible night here")
    tone = document_tone(doc, lexicon=LEXICON)
    assert tone.positive == pytest.approx(10.0)
    assert tone.negative == pytest.approx(10.0)
    assert tone.tone == pytest.approx(0.0)
    assert tone.polarity == pytest.approx(20.0)
    assert [w.span.exact for w in tone.tonal_words] == ["good", "terrible"]
