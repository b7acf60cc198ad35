"""Sentiment toward each actor (how the text portrays it) and by each actor (its own quotes).

Owns the target-sentiment model (``features`` turns a mention into model features; ``toward``
scores every mention, keeps the narrator's and quoted speakers' apart, and aggregates them per
actor) and the learned weights in ``models/``.
"""

from scoring.sentiment.toward import (
    LABELS,
    ActorSentiment,
    SentimentSummary,
    TargetSentimentModel,
    actor_sentiment,
    load_target_model,
    score_mention,
    summarise,
)

__all__ = [
    "LABELS",
    "ActorSentiment",
    "SentimentSummary",
    "TargetSentimentModel",
    "actor_sentiment",
    "load_target_model",
    "score_mention",
    "summarise",
]
