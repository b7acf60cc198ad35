"""Tokenisation that stays linear in the text's length, with the text kept exactly.

spaCy's tokenizer splits prefixes and suffixes off a whitespace-free chunk one at a time, so a
chunk that is a long run of punctuation (30,000 "(", or "!!!!..." pasted by a CMS) costs time
quadratic in the run's length: 4,000 "(" took 14 s here. Runs of at least ``LONG_RUN`` punctuation
or symbol characters are therefore cut out before the tokenizer and made one token each (one
token per character would be linear for the tokenizer but not for the parser and entity
recogniser, which took 10 s over 8,000 such tokens); invisible format characters are cut out
the same way; the rest goes through spaCy's tokenizer. The ``Doc``'s text is the input text,
character for character, so every offset stays exact.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc
from spacy.vocab import Vocab

# Shortest run of punctuation/symbols (no letters, digits, underscore or white space) handled
# apart; no word of English text is near it, and below it the tokenizer's cost is negligible.
LONG_RUN = 32
# Invisible format characters (bidi controls, zero-width spaces and joiners, the BOM): each is
# its own token, so "\u202eBob Smith" still reads as the name "Bob Smith".
FORMAT_CHARACTERS = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
RUN = re.compile(rf"[^\w\s]{{{LONG_RUN},}}|[{FORMAT_CHARACTERS}]")


class RunSafeTokenizer:
    """Wraps a spaCy tokenizer: each long punctuation run becomes one token."""

    def __init__(self, tokenizer: Callable[[str], Doc], vocab: Vocab) -> None:
        self.tokenizer = tokenizer
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        runs = list(RUN.finditer(text))
        if not runs:
            return self.tokenizer(text)
        docs: list[Doc] = []
        position = 0
        for run in runs:
            if run.start() > position:
                docs.append(self.tokenizer(text[position : run.start()]))
            docs.append(Doc(self.vocab, words=[run.group()], spaces=[False]))
            position = run.end()
        if position < len(text):
            docs.append(self.tokenizer(text[position:]))
        return Doc.from_docs(docs, ensure_whitespace=False)
