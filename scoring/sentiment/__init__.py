"""Sentiment toward each actor (how the text portrays it) and by each actor (its own quotes).

Owns the target encoder (``encoder``: a fine-tuned MiniLM run with ONNX Runtime, weights and
card in ``models/target_encoder/``), scoring every mention with it and explaining each label by
occlusion, aggregating mentions per actor with the narrator's and sources' words kept apart
(``toward``), and the tone of an actor's own quoted words (``by``).
"""

from scoring.sentiment.by import SpeakerTone, speaker_tone
from scoring.sentiment.encoder import EncoderLoadError, TargetEncoder, load_target_encoder
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
    "ActorSentiment",
    "EncoderLoadError",
    "MentionSentiment",
    "SentimentSummary",
    "SpeakerTone",
    "TargetEncoder",
    "actor_sentiment",
    "load_target_encoder",
    "score_mentions",
    "speaker_tone",
    "summarise",
]
