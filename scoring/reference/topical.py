"""Topical fit: how much vocabulary an article shares with the reference articles.

Term vectors from scikit-learn's ``TfidfVectorizer`` fitted on the reference texts: English and
news stop words, words of letters only, sublinear term frequency, L2-normalised, keeping the words
at least two reference articles share (``min_df``). Inverse document frequency is off on purpose:
in a handful of articles on one topic, the topic's own words occur in every article and IDF would
give them the lowest weight. The article is compared with the reference centroid (the mean vector,
which the warning uses) and with each reference article (max and mean). Higher: closer in
vocabulary. Below ``TOPICAL_THRESHOLD`` the comparison is with articles on another topic and the
report says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from scoring.errors import ReferenceSetError
from scoring.reference.results import ArticleValue, TopicalFit

# Below this cosine similarity to the reference centroid the article is treated as off-topic.
# Measured against the five seeds: each seed against the other four 0.73-0.81; hand-written
# on-topic pieces of 30-50 words 0.18-0.38; hand-written off-topic articles (baking contest,
# football match, laptop launch; 50-250 words) 0.00-0.10; a Gaza ceasefire piece 0.14.
TOPICAL_THRESHOLD = 0.12
# A word enters the vocabulary when this many reference articles use it (fewer for a smaller
# reference): the shared vocabulary is the topic; one article's incidental words are not.
MIN_ARTICLES_PER_WORD = 2
# How many of the reference's heaviest words name its topic in the warning.
TOPIC_TERMS = 8
# Words of two or more letters: numbers and dates say nothing about the topic.
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"
# Words of any news report, whatever its topic, added to scikit-learn's English stop words:
# reporting verbs and the names of days and months.
NEWS_STOP_WORDS = frozenset(
    {"said", "says", "say", "told", "according", "added", "stated", "reported", "asked"}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"january", "february", "march", "april", "may", "june", "july", "august"}
    | {"september", "october", "november", "december"}
)
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | NEWS_STOP_WORDS)


@dataclass(frozen=True)
class TopicModel:
    """Vectorizer fitted on the reference texts, the reference matrix and its unit centroid."""

    vectorizer: TfidfVectorizer
    matrix: object
    centroid: NDArray[np.float64]
    terms: tuple[str, ...]


def fit_topics(texts: Sequence[str]) -> TopicModel:
    """Fit the vocabulary on the reference texts; the heaviest summed terms name the topic."""
    vectorizer = TfidfVectorizer(
        stop_words=STOP_WORDS,
        token_pattern=TOKEN_PATTERN,
        sublinear_tf=True,
        use_idf=False,
        min_df=min(MIN_ARTICLES_PER_WORD, len(texts)),
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError as err:  # every word a stop word or a number
        raise ReferenceSetError("the reference texts have no vocabulary to compare with") from err
    centroid = np.asarray(matrix.mean(axis=0), dtype=float).ravel()
    norm = float(np.linalg.norm(centroid))
    centroid = centroid / norm if norm else centroid
    names = vectorizer.get_feature_names_out()
    order = np.argsort(-centroid, kind="stable")[:TOPIC_TERMS]
    return TopicModel(vectorizer, matrix, centroid, tuple(str(names[i]) for i in order))


def topical_fit(
    model: TopicModel, text: str, ids: Sequence[str], threshold: float = TOPICAL_THRESHOLD
) -> TopicalFit:
    """Cosine similarity of ``text`` to the reference and its articles, warning when low."""
    # Rows are L2-normalised by the vectorizer and the centroid at fit: cosines are dot products
    # (scikit-learn's cosine_similarity re-validates its inputs at a cost of milliseconds).
    vector = model.vectorizer.transform([text])
    # Clipped: rounding can carry a self-similarity a hair above 1.
    similarities = np.clip(np.asarray((model.matrix @ vector.T).toarray()).ravel(), 0.0, 1.0)
    overall = float(np.clip((vector @ model.centroid)[0], 0.0, 1.0))
    best = int(np.argmax(similarities))
    warning = None
    if overall < threshold:
        warning = (
            f"this article shares little vocabulary with the reference set (similarity "
            f"{overall:.2f}, below {threshold:.2f}), which covers "
            f"{', '.join(model.terms)}; comparisons may mislead"
        )
    return TopicalFit(
        similarity=overall,
        max_similarity=float(similarities[best]),
        mean_similarity=float(similarities.mean()),
        threshold=float(threshold),
        most_similar=ids[best],
        similarities=tuple(
            ArticleValue(id, float(s)) for id, s in zip(ids, similarities, strict=True)
        ),
        topic_terms=model.terms,
        warning=warning,
    )
