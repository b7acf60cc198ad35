"""The reference set: the articles every figure is compared with (the seeds by default).

Owns the estimator (``estimator.ReferenceSet``, the scikit-learn contract: ``fit`` on analysed
articles, then ``compare``), the metric catalogue (``catalogue``: every document-level metric
and composite, defined once, each metric with the one reader in ``readings`` that takes an
``Analysis`` and returns its value and evidence together), the rules for position, band, z-score
and percentile (``bands``), the distance over all metrics (``distance``), topical fit
(``topical``), and what a comparison returns (``results``).
"""

from scoring.reference.estimator import ReferenceSet, fingerprint
from scoring.reference.results import Comparison

__all__ = ["Comparison", "ReferenceSet", "fingerprint"]
