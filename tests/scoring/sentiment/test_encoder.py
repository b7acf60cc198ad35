"""The target-encoder runtime on hand-written sentences: shapes, truncation, load errors."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from scoring.sentiment.encoder import (
    EncoderLoadError,
    TargetEncoder,
    default_artifact,
    load_target_encoder,
)

NEGATIVE = "The court found that Smith had stolen millions from retirees and lied to investigators."
POSITIVE = (
    "Colleagues praised Garcia for her brilliant, generous leadership, and she won the award."
)
# Filler long enough that the target sits far past the 128-token window from the start.
FILLER = " ".join(["the", "committee", "met", "on", "a", "quiet", "afternoon", "and"] * 36)


def target(text: str, name: str) -> tuple[str, int, int]:
    """(text, start, end) of the last occurrence of ``name`` in ``text``."""
    start = text.rindex(name)
    return text, start, start + len(name)


@pytest.fixture(scope="module")
def encoder() -> TargetEncoder:
    return load_target_encoder()


def test_version_and_labels(encoder: TargetEncoder) -> None:
    assert encoder.version.startswith("target-encoder-")
    assert encoder.labels == ("negative", "neutral", "positive")


def test_shape_and_probabilities(encoder: TargetEncoder) -> None:
    probs = encoder.predict([target(NEGATIVE, "Smith"), target(POSITIVE, "Garcia")])
    assert probs.shape == (2, 3)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize(
    ("text", "name", "stronger", "weaker"),
    [
        (NEGATIVE, "Smith", "negative", "positive"),  # accused of theft and lying
        (POSITIVE, "Garcia", "positive", "negative"),  # praised, wins an award
    ],
)
def test_clear_cases(
    encoder: TargetEncoder, text: str, name: str, stronger: str, weaker: str
) -> None:
    (probs,) = encoder.predict([target(text, name)])
    assert probs[encoder.labels.index(stronger)] > probs[encoder.labels.index(weaker)]


def test_target_near_the_end_of_a_long_sentence(encoder: TargetEncoder) -> None:
    text = f"{FILLER} then {NEGATIVE[0].lower()}{NEGATIVE[1:]}"
    assert len(text.split()) > 300
    (probs,) = encoder.predict([target(text, "Smith")])
    assert probs[encoder.labels.index("negative")] > probs[encoder.labels.index("positive")]


def test_rows_come_back_in_input_order(encoder: TargetEncoder) -> None:
    items = [target(f"{FILLER} {NEGATIVE}", "Smith"), target(POSITIVE, "Garcia")]
    together = encoder.predict(items, batch_size=1)
    alone = np.vstack([encoder.predict([item]) for item in items])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_empty_input(encoder: TargetEncoder) -> None:
    assert encoder.predict([]).shape == (0, 3)


def copy_artifact(tmp_path: Path) -> Path:
    """A writable copy of the shipped artifact folder."""
    folder = tmp_path / "artifact"
    folder.mkdir()
    for name in ("model.onnx", "tokenizer.json", "config.json"):
        shutil.copyfile(str(default_artifact() / name), folder / name)
    return folder


def test_corrupt_model_raises_with_path(tmp_path: Path) -> None:
    folder = copy_artifact(tmp_path)
    model = folder / "model.onnx"
    model.write_bytes(model.read_bytes()[:1000])  # a truncated download
    with pytest.raises(EncoderLoadError, match=re.escape("model.onnx")) as err:
        load_target_encoder(folder)
    assert str(folder) in str(err.value)


def test_config_missing_a_key_raises(tmp_path: Path) -> None:
    folder = copy_artifact(tmp_path)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    del config["max_length"]
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(EncoderLoadError, match="max_length"):
        load_target_encoder(folder)


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(EncoderLoadError, match=re.escape(str(tmp_path / "nowhere"))):
        load_target_encoder(tmp_path / "nowhere")
