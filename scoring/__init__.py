"""Credibility and bias metrics for news articles: a pure library over one spaCy parse.

The front door: what a caller needs is importable from here.

    from pathlib import Path
    from scoring import analyze, fit_reference, load_resources, read_folder

    resources = load_resources()
    seeds = fit_reference(read_folder(Path("seeds")), resources=resources)
    report = analyze("Officials said the talks may resume.", resources=resources, reference=seeds)

Layers, each importing only those below it: ``text`` (facts every metric shares), then the
metrics ``actors``, ``sentiment``, ``hedging``, ``attribution``, ``tone``, then ``article`` (the
analysis of one article), ``reference`` (comparison with a reference set), and ``analyze`` (the
one orchestrator).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsmetrics")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

from scoring.actors import Actor, ActorQuery
from scoring.analyze import (
    ArticleInput,
    Report,
    Versions,
    analyze,
    analyze_batch,
    fit_reference,
    load_reference,
    save_reference,
)
from scoring.article import Analysis
from scoring.deadline import Deadline
from scoring.errors import (
    EmptyTextError,
    InputError,
    NoLettersError,
    NotFittedError,
    PipelineError,
    ReferenceSetError,
    ScoringError,
    TextTooLongError,
    TimeBudgetError,
    UndecodableTextError,
)
from scoring.folder import read_folder
from scoring.reference import Comparison, ReferenceSet
from scoring.reference.stored import ReferenceVersionError
from scoring.resources import Resources, load_resources

__all__ = [
    "Actor",
    "ActorQuery",
    "Analysis",
    "ArticleInput",
    "Comparison",
    "Deadline",
    "EmptyTextError",
    "InputError",
    "NoLettersError",
    "NotFittedError",
    "PipelineError",
    "ReferenceSet",
    "ReferenceSetError",
    "ReferenceVersionError",
    "Report",
    "Resources",
    "ScoringError",
    "TextTooLongError",
    "TimeBudgetError",
    "UndecodableTextError",
    "Versions",
    "__version__",
    "analyze",
    "analyze_batch",
    "fit_reference",
    "load_reference",
    "load_resources",
    "read_folder",
    "save_reference",
]
