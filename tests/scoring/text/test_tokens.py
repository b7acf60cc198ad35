"""Long punctuation runs are one token each, and the text (so every offset) is kept exactly."""

from __future__ import annotations

import pytest
from spacy.language import Language

from scoring.text.tokens import LONG_RUN


@pytest.mark.parametrize(
    "text",
    [
        "(" * 5000 + "said Smith.",  # a run glued to a word
        'Smith said: "' + '"' * 3000 + '" and left.',  # a run of quotation marks
        "Wait" + "!?" * 40 + " then Jones spoke.\n\n" + "-" * 80 + "\nEnd.",  # mixed marks, a rule
        " leading space, a run " + "." * LONG_RUN + " and trailing space ",
    ],
)
def test_text_is_kept_exactly_and_runs_are_single_tokens(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert doc.text == text
    assert max(len(token.text) for token in doc) >= LONG_RUN
    for token in doc:  # every token's offset points at its own text
        assert text[token.idx : token.idx + len(token.text)] == token.text


def test_short_runs_are_tokenised_as_usual(nlp: Language) -> None:
    text = "He said (again!!) that it was over..."
    assert [t.text for t in nlp(text)] == [t.text for t in nlp.tokenizer.tokenizer(text)]


def test_names_after_a_run_keep_their_offsets(nlp: Language) -> None:
    text = "#" * 200 + " Angela Merkel met Emmanuel Macron in Berlin."
    doc = nlp(text)
    names = [(e.text, e.start_char) for e in doc.ents if e.label_ == "PERSON"]
    assert ("Angela Merkel", text.index("Angela")) in names
