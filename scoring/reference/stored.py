"""A fitted reference set as plain data (JSON values, no pickles): saved, loaded, version-checked.

The data holds each reference article's figures (metric and composite values, sentiment toward
each actor), the topic model and the distance model, and the versions of everything that made
those figures (``fitted_with``: library, pipeline, lexicons, sentiment model, metric catalogue,
topic weights). ``load`` refuses data fitted with other versions (``ReferenceVersionError``): the
caller refits from the articles or reports the set as stale; figures of two versions never mix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from scoring.errors import ReferenceSetError
from scoring.reference import distance
from scoring.reference.catalogue import CATALOGUE_VERSION, COMPOSITE_IDS, METRIC_IDS
from scoring.reference.estimator import FittedRows, ReferenceSet
from scoring.reference.topical import TOPICS_VERSION, topics_data, topics_from_data

# The layout of the data; a change that old readers cannot follow bumps it.
FORMAT = "newsmetrics-reference/1"


class ReferenceVersionError(ReferenceSetError):
    """Stored reference data was fitted with other versions than the running library's."""

    code = "reference-version-mismatch"


def fitted_with(versions: Mapping[str, str]) -> dict[str, str]:
    """The versions a stored set must match: ``versions`` (library, pipeline, lexicons,
    sentiment model) plus the metric catalogue's and the topic model's."""
    return {**versions, "catalogue": CATALOGUE_VERSION, "topics": TOPICS_VERSION}


def dump(reference: ReferenceSet, versions: Mapping[str, str]) -> dict[str, Any]:
    """The fitted ``reference`` as JSON values, stamped with ``fitted_with(versions)``."""
    reference._check_fitted()
    model = reference.distance_
    return {
        "format": FORMAT,
        "versions": fitted_with(versions),
        "params": reference.get_params(),
        "ids": list(reference.ids_),
        "fingerprint": reference.fingerprint_,
        "metrics": {id: reference.values_[:, j].tolist() for j, id in enumerate(METRIC_IDS)},
        "composites": {
            id: reference.composite_values_[:, j].tolist() for j, id in enumerate(COMPOSITE_IDS)
        },
        "actors": {
            key: {"name": reference.actor_names_[key], "scores": scores}
            for key, scores in reference.actor_scores_.items()
        },
        "topics": topics_data(reference.topics_),
        "distance": model.as_data() if model is not None else None,
    }


def _check(data: Mapping[str, Any], versions: Mapping[str, str]) -> None:
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        got = data.get("format") if isinstance(data, Mapping) else type(data).__name__
        raise ReferenceSetError(f"not a stored reference set of format {FORMAT!r}: {got!r}")
    expected, stored = fitted_with(versions), data.get("versions") or {}
    changed = sorted(key for key in expected if stored.get(key) != expected[key])
    if changed:
        said = "; ".join(f"{key} {stored.get(key)!r} -> {expected[key]!r}" for key in changed)
        raise ReferenceVersionError(f"the reference set was fitted with other versions ({said})")


def load(data: Mapping[str, Any], versions: Mapping[str, str]) -> ReferenceSet:
    """The reference set ``dump`` wrote; ``ReferenceVersionError`` if fitted with other
    ``versions``, ``ReferenceSetError`` if the data is not a stored set."""
    _check(data, versions)
    try:
        ids = tuple(str(id) for id in data["ids"])
        rows = FittedRows(
            ids=ids,
            values=np.array([data["metrics"][id] for id in METRIC_IDS], dtype=float).T,
            composite_values=np.array(
                [data["composites"][id] for id in COMPOSITE_IDS], dtype=float
            ).T,
            actor_scores={
                key: {str(k): float(v) for k, v in actor["scores"].items()}
                for key, actor in data["actors"].items()
            },
            actor_names={key: str(actor["name"]) for key, actor in data["actors"].items()},
            fingerprint=str(data["fingerprint"]),
        )
        model = data["distance"]
        reference = ReferenceSet(**data["params"])
        return reference.learn(
            rows,
            topics_from_data(data["topics"]),
            distance.DistanceModel.from_data(model) if model is not None else None,
        )
    except (KeyError, TypeError, ValueError) as err:
        raise ReferenceSetError(
            f"the stored reference set is incomplete or damaged: {err}"
        ) from err
