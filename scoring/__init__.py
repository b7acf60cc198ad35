"""Credibility and bias metrics for news articles: a pure library over one spaCy parse."""

__version__ = "0.1.0"
