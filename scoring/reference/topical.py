"""Topical fit: how much of its distinctive vocabulary an article shares with the reference.

Each text becomes a vector of its words (letters only, English and news stop words left out),
weighted by sublinear term frequency times how *uncommon* the word is in English at large:
``ZIPF_CEILING - zipf`` from ``wordfreq`` (the Zipf scale: 7 is "the", 3 is a word a million
words use once). Words of any news story ("president", "day", "officials", "support") weigh
little, a topic's own words ("ceasefire", "Zelensky", "filibuster") weigh much; term frequency
over the reference alone could not tell them apart. Vectors are L2-normalised over all the
text's words. The reference's vocabulary is the words at least two of its articles use; its
centroid is the mean of its articles' vectors on that vocabulary, normalised.

The warning's threshold adapts to the reference: an article on its topic resembles the centroid
at least ``OWN_FRACTION`` as much as the reference's own articles do (the median of their
leave-one-out similarities), and never needs more than ``threshold`` (the cap). A narrow set
(the seeds: own similarities 0.44-0.50) warns below the cap; a broad one (an outlet's politics
desk: 0.18-0.23) below about 0.1. Higher similarity: closer in topic. Measured by
``benchmarks/topical.py``.

The model is plain data (vocabulary, centroid, the reference rows in CSR form): it is saved and
loaded with the reference set, no vectorizer pickled.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse  # type: ignore[import-untyped]  # scipy ships no type hints
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from wordfreq import zipf_frequency

from scoring.errors import ReferenceSetError
from scoring.reference.results import ArticleValue, TopicalFit

# The most the warning's threshold can be (cosine to the reference centroid). Measured
# (benchmarks/topical.py): BASIL dev articles (US politics) against the seeds 0.01-0.12; each seed
# against the other four 0.44-0.50.
TOPICAL_THRESHOLD = 0.15
# Share of the reference's own median leave-one-out similarity an article must reach: half.
OWN_FRACTION = 0.5
# Zipf value at and above which a word weighs nothing; unknown words count as Zipf 1 (weight 6).
ZIPF_CEILING = 7.0
ZIPF_FLOOR = 1.0
# A word enters the vocabulary when this many reference articles use it (fewer for a smaller
# reference): the shared vocabulary is the topic; one article's incidental words are not.
MIN_ARTICLES_PER_WORD = 2
# The leave-one-out threshold needs this many reference articles; fewer use the cap.
MIN_ARTICLES_FOR_OWN = 3
# How many of the reference's heaviest words name its topic in the warning.
TOPIC_TERMS = 8
# Words of two or more letters, with an apostrophe inside ("don't" is one word, as in wordfreq):
# numbers and dates say nothing about the topic.
TOKEN = re.compile(r"\b[^\W\d_]{2,}(?:['’][^\W\d_]+)?\b")
# Words of any news report, whatever its topic, added to scikit-learn's English stop words:
# reporting verbs, titles, and the names of days and months.
NEWS_STOP_WORDS = frozenset(
    {"said", "says", "say", "told", "according", "added", "stated", "reported", "asked"}
    | {"mr", "mrs", "ms", "dr", "sen", "rep", "gov"}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"january", "february", "march", "april", "may", "june", "july", "august"}
    | {"september", "october", "november", "december"}
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS | NEWS_STOP_WORDS)
# Changes whenever a weight, the tokens or the word frequencies change: a stored model carries it.
TOPICS_VERSION = f"wordfreq-{version('wordfreq')}-zipf{ZIPF_CEILING:g}-1"

Vector = dict[str, float]


@dataclass(frozen=True)
class TopicModel:
    """The reference's vocabulary, its articles' rows on it, their centroid and the threshold."""

    vocabulary: tuple[str, ...]
    matrix: sparse.csr_matrix
    centroid: NDArray[np.float64]
    threshold: float
    terms: tuple[str, ...]
    row_norms: NDArray[np.float64]
    index: dict[str, int]


@lru_cache(maxsize=200_000)
def word_weight(word: str) -> float:
    """How distinctive a word is: ``ZIPF_CEILING`` minus its Zipf frequency in English, >= 0."""
    return max(0.0, ZIPF_CEILING - max(zipf_frequency(word, "en"), ZIPF_FLOOR))


def text_vector(text: str) -> Vector:
    """The text's words weighted by (1 + log tf) * distinctiveness, L2-normalised."""
    counts = Counter(
        w for w in TOKEN.findall(text.lower().replace("’", "'")) if w not in STOP_WORDS
    )
    weights = {w: (1.0 + math.log(n)) * word_weight(w) for w, n in counts.items()}
    norm = math.sqrt(sum(x * x for x in weights.values()))
    return {w: x / norm for w, x in weights.items() if x > 0} if norm else {}


def _rows(vectors: Sequence[Vector], vocabulary: Mapping[str, int]) -> sparse.csr_matrix:
    indptr, indices, data = [0], [], []
    for vector in vectors:
        for word, value in vector.items():
            if word in vocabulary:
                indices.append(vocabulary[word])
                data.append(value)
        indptr.append(len(indices))
    shape = (len(vectors), len(vocabulary))
    return sparse.csr_matrix((np.array(data, dtype=float), indices, indptr), shape=shape)


def _unit(vector: NDArray[np.float64]) -> NDArray[np.float64]:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _own_median(matrix: sparse.csr_matrix) -> float:
    """Median cosine of each reference row to the centroid of the others (over the vocabulary)."""
    total = np.asarray(matrix.sum(axis=0)).ravel()
    dots = matrix @ total  # v_i . S
    own = np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()  # |v_i|^2 on the vocabulary
    rest = np.sqrt(np.maximum(float(total @ total) - 2 * dots + own, 0.0))
    cosines = np.divide(dots - own, rest, out=np.zeros_like(rest), where=rest > 0)
    return float(np.median(np.clip(cosines, 0.0, 1.0)))


def _threshold(matrix: sparse.csr_matrix, cap: float) -> float:
    if matrix.shape[0] < MIN_ARTICLES_FOR_OWN:
        return cap
    return min(cap, OWN_FRACTION * _own_median(matrix))


def fit_topics(texts: Sequence[str], cap: float = TOPICAL_THRESHOLD) -> TopicModel:
    """Fit the vocabulary and centroid on the reference texts; the heaviest words name the topic."""
    vectors = [text_vector(text) for text in texts]
    counts = Counter(word for vector in vectors for word in vector)
    enough = min(MIN_ARTICLES_PER_WORD, len(texts))
    vocabulary = tuple(sorted(word for word, n in counts.items() if n >= enough))
    if not vocabulary:
        raise ReferenceSetError("the reference texts have no vocabulary to compare with")
    matrix = _rows(vectors, {word: i for i, word in enumerate(vocabulary)})
    return model_from_rows(vocabulary, matrix, _threshold(matrix, cap))


def model_from_rows(
    vocabulary: tuple[str, ...], matrix: sparse.csr_matrix, threshold: float
) -> TopicModel:
    """The model from its vocabulary and reference rows (fitted, or loaded from plain data)."""
    centroid = _unit(np.asarray(matrix.mean(axis=0), dtype=float).ravel())
    order = np.argsort(-centroid, kind="stable")[:TOPIC_TERMS]
    terms = tuple(vocabulary[i] for i in order if centroid[i] > 0)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    index = {word: i for i, word in enumerate(vocabulary)}
    row_norms = np.where(norms > 0, norms, 1.0)
    return TopicModel(vocabulary, matrix, centroid, threshold, terms, row_norms, index)


def topics_data(model: TopicModel) -> dict[str, Any]:
    """The model as plain JSON values (rows in CSR form)."""
    matrix = model.matrix
    return {
        "version": TOPICS_VERSION,
        "vocabulary": list(model.vocabulary),
        "indptr": matrix.indptr.tolist(),
        "indices": matrix.indices.tolist(),
        "data": matrix.data.tolist(),
        "threshold": model.threshold,
    }


def topics_from_data(data: Mapping[str, Any]) -> TopicModel:
    """The model ``topics_data`` wrote; refuses a model made with other weights or tokens."""
    if data.get("version") != TOPICS_VERSION:
        raise ReferenceSetError(
            f"the stored topic model is {data.get('version')!r}, this library makes "
            f"{TOPICS_VERSION!r}: refit the reference set"
        )
    vocabulary = tuple(str(word) for word in data["vocabulary"])
    rows = len(data["indptr"]) - 1
    matrix = sparse.csr_matrix(
        (np.array(data["data"], dtype=float), data["indices"], data["indptr"]),
        shape=(rows, len(vocabulary)),
    )
    return model_from_rows(vocabulary, matrix, float(data["threshold"]))


def _article_row(model: TopicModel, text: str) -> NDArray[np.float64]:
    """The text's unit vector (over all its words) on the reference's sorted vocabulary."""
    row = np.zeros(len(model.vocabulary))
    for word, value in text_vector(text).items():
        at = model.index.get(word)
        if at is not None:
            row[at] = value
    return row


def topical_fit(
    model: TopicModel, text: str, ids: Sequence[str], *, listed: bool = True
) -> TopicalFit:
    """Cosine similarity of ``text`` to the reference and its articles, warning when low
    (``listed``: with the similarity to each reference article, one by one)."""
    row = _article_row(model, text)
    # Rows and centroid are unit vectors (over each text's own words): cosines are dot products.
    # Article by article: the cosine of both on the shared vocabulary (an article is 1 to itself).
    norm = float(np.linalg.norm(row))
    by_article = model.matrix @ row / (model.row_norms * norm) if norm else row[:0]
    similarities = (
        np.clip(np.nan_to_num(by_article), 0.0, 1.0) if norm else np.zeros(model.matrix.shape[0])
    )
    overall = float(np.clip(row @ model.centroid, 0.0, 1.0))
    best = int(np.argmax(similarities))
    warning = None
    if overall < model.threshold:
        warning = (
            f"this article shares little distinctive vocabulary with the reference set "
            f"(similarity {overall:.2f}, below {model.threshold:.2f}), which covers "
            f"{', '.join(model.terms)}; comparisons may mislead"
        )
    return TopicalFit(
        similarity=overall,
        max_similarity=float(similarities[best]),
        mean_similarity=float(similarities.mean()),
        threshold=float(model.threshold),
        most_similar=ids[best],
        similarities=tuple(
            ArticleValue(id, float(s)) for id, s in zip(ids, similarities, strict=True)
        )
        if listed
        else (),
        topic_terms=model.terms,
        warning=warning,
    )
