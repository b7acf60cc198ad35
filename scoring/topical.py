"""Topical fit: how much vocabulary an article shares with the reference articles.

TF-IDF vectors (scikit-learn ``TfidfVectorizer``, English and news stop words, sublinear term
frequency, words of letters only) fitted on the reference texts; the article's cosine similarity
to each reference article. Higher: closer in vocabulary. When even the most similar reference
article is below ``TOPICAL_THRESHOLD``, the comparison is with articles on another topic and
says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from scoring.comparison import ArticleValue, TopicalFit
from scoring.errors import ReferenceSetError

# Below this best cosine similarity the article is treated as off-topic. Measured on the seeds
# (each against the other four: best similarity 0.23-0.45) and on hand-written off-topic articles
# (cooking, football, a product launch: 0.00-0.04); 0.10 sits between, nearer the off-topic side.
TOPICAL_THRESHOLD = 0.10
# How many of the reference's heaviest TF-IDF terms name its topic in the warning.
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
    """TF-IDF vectorizer fitted on the reference texts, with the reference matrix."""

    vectorizer: TfidfVectorizer
    matrix: object
    terms: tuple[str, ...]


def fit_topics(texts: Sequence[str]) -> TopicModel:
    """Fit the vocabulary on the reference texts; the heaviest summed terms name the topic."""
    vectorizer = TfidfVectorizer(
        stop_words="english", sublinear_tf=True, token_pattern=TOKEN_PATTERN
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError as err:  # every word a stop word or a number
        raise ReferenceSetError("the reference texts have no vocabulary to compare with") from err
    weights = np.asarray(matrix.sum(axis=0)).ravel()
    names = vectorizer.get_feature_names_out()
    order = np.argsort(-weights, kind="stable")[:TOPIC_TERMS]
    return TopicModel(vectorizer, matrix, tuple(str(names[i]) for i in order))


def topical_fit(
    model: TopicModel, text: str, ids: Sequence[str], threshold: float = TOPICAL_THRESHOLD
) -> TopicalFit:
    """Cosine similarity of ``text`` to each reference article, with a warning when low."""
    similarities = cosine_similarity(model.vectorizer.transform([text]), model.matrix)[0]
    similarities = np.nan_to_num(similarities, nan=0.0)
    best = int(np.argmax(similarities))
    warning = None
    if similarities[best] < threshold:
        warning = (
            f"this article shares little vocabulary with the reference set (best similarity "
            f"{similarities[best]:.2f}, below {threshold:.2f}), which covers "
            f"{', '.join(model.terms)}; comparisons may mislead"
        )
    return TopicalFit(
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
