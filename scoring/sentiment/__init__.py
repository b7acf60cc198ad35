"""Sentiment toward each actor (how the text portrays it) and by each actor (its own quotes).

Owns the target encoder (``encoder``: a fine-tuned MiniLM run with ONNX Runtime, weights and
card in ``models/target_encoder/``; the "accurate" tier, a fine-tuned mpnet, in
``models/target_encoder_accurate/``), scoring every mention with it and explaining each label by
occlusion, aggregating mentions per actor with the narrator's and sources' words kept apart
(``toward``), and the tone of an actor's own quoted words (``by``).
"""

from scoring.sentiment.by import SpeakerTone, speaker_tone
from scoring.sentiment.encoder import (
    TIERS,
    EncoderLoadError,
    TargetEncoder,
    TierNotInstalledError,
    load_target_encoder,
    load_tier,
)
from scoring.sentiment.toward import (
    LABELS,
    ActorSentiment,
    MentionSentiment,
    SentimentSummary,
    actor_sentiment,
    score_mentions,
    summarise,
)

__all__ = [
    "LABELS",
    "TIERS",
    "ActorSentiment",
    "EncoderLoadError",
    "MentionSentiment",
    "SentimentSummary",
    "SpeakerTone",
    "TargetEncoder",
    "TierNotInstalledError",
    "actor_sentiment",
    "load_target_encoder",
    "load_tier",
    "score_mentions",
    "speaker_tone",
    "summarise",
]
