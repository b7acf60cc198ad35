"""The sentiment tiers: the setting picks the model, the accurate model reads sentences we wrote,
its split weights are joined and checked, and a missing tier fails with a typed error."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from scoring.analyze import analyze
from scoring.errors import PipelineError
from scoring.resources import (
    TIER_VARIABLE,
    Resources,
    SentimentTierError,
    configured_tier,
    load_sentiment_model,
)
from scoring.sentiment import encoder as encoder_module
from scoring.sentiment.encoder import (
    EncoderLoadError,
    TargetEncoder,
    TierNotInstalledError,
    load_target_encoder,
    load_tier,
    tier_artifact,
)

ACCURATE = Path(str(tier_artifact("accurate")))
needs_accurate = pytest.mark.skipif(
    not (ACCURATE / "config.json").is_file(),
    reason=f"the accurate tier's artifact is not installed here ({ACCURATE})",
)

# Sentences written for these tests, with the target and the label a careful reader gives.
CASES = [
    ("Inspectors found that Dalton Freight had dumped toxic waste and lied about it.", "Dalton "
     "Freight", "negative"),
    ("Neighbours praised Ana Ruiz for her brave, generous work rescuing families from the flood.",
     "Ana Ruiz", "positive"),
    ("The committee will meet Councillor Brandt on Thursday to discuss the schedule.",
     "Councillor Brandt", "neutral"),
    ("Voters rewarded Mayor Okafor, whose honest budget won wide praise, while his rival Pell was "
     "ridiculed as a reckless fraud.", "Pell", "negative"),
    ("Voters rewarded Mayor Okafor, whose honest budget won wide praise, while his rival Pell was "
     "ridiculed as a reckless fraud.", "Mayor Okafor", "positive"),
]  # fmt: skip


def target(text: str, name: str) -> tuple[str, int, int]:
    start = text.index(name)
    return text, start, start + len(name)


@pytest.fixture(scope="module")
def accurate() -> TargetEncoder:
    return load_sentiment_model("accurate")


def test_the_setting_defaults_to_the_fast_tier() -> None:
    assert configured_tier({}) == "fast"
    assert configured_tier({TIER_VARIABLE: ""}) == "fast"
    assert configured_tier({TIER_VARIABLE: " Accurate "}) == "accurate"


def test_an_unknown_tier_is_a_typed_error_naming_the_variable() -> None:
    with pytest.raises(SentimentTierError, match=TIER_VARIABLE):
        configured_tier({TIER_VARIABLE: "large"})
    with pytest.raises(SentimentTierError, match="large"):
        load_sentiment_model("large")


def test_the_environment_picks_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TIER_VARIABLE, raising=False)
    assert load_sentiment_model().version.startswith("target-encoder-minilm-")
    if (ACCURATE / "config.json").is_file():
        monkeypatch.setenv(TIER_VARIABLE, "accurate")
        assert load_sentiment_model().version.startswith("target-encoder-mpnet-")


def test_a_tier_that_is_not_installed_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(encoder_module, "tier_artifact", lambda tier: tmp_path / tier)
    with pytest.raises(TierNotInstalledError, match="SENTIMENT_TIER=accurate"):
        load_tier("accurate")
    with pytest.raises(SentimentTierError, match="not installed") as caught:
        load_sentiment_model("accurate")
    assert isinstance(caught.value, PipelineError)


@needs_accurate
@pytest.mark.parametrize(("text", "name", "label"), CASES)
def test_the_accurate_model_labels_sentences_we_wrote(
    accurate: TargetEncoder, text: str, name: str, label: str
) -> None:
    probs = accurate.predict([target(text, name)])[0]
    assert accurate.labels[int(probs.argmax())] == label, dict(
        zip(accurate.labels, probs, strict=True)
    )


@needs_accurate
def test_the_accurate_model_is_the_mpnet_artifact(accurate: TargetEncoder) -> None:
    config = json.loads((ACCURATE / "config.json").read_text(encoding="utf-8"))
    assert accurate.version == config["version"]
    assert accurate.version.startswith("target-encoder-mpnet-")
    assert "all-mpnet-base-v2" in config["base_model"]
    assert (config["special_tokens"]["cls"], config["special_tokens"]["pad"]) == ("<s>", "<pad>")


@needs_accurate
def test_the_report_names_the_model_that_ran(resources: Resources, accurate: TargetEncoder) -> None:
    text = "Critics said Governor Lind had wasted the money. Lind denied it on Monday."
    fast_report = analyze(text, resources=resources)
    assert fast_report.versions.sentiment_model == resources.sentiment_model.version
    swapped = dataclasses.replace(resources, sentiment_model=accurate)
    report = analyze(text, resources=swapped)
    assert (
        report.versions.sentiment_model == accurate.version != fast_report.versions.sentiment_model
    )


def _split_copy(source: Path, folder: Path, sha256: str | None = None) -> None:
    """A copy of an artifact folder with model.onnx in three pieces and config naming them."""
    shutil.copytree(source, folder)
    data = (folder / "model.onnx").read_bytes()
    (folder / "model.onnx").unlink()
    third = len(data) // 3 + 1
    parts = []
    for n in range(3):
        (folder / f"model.onnx.part-{n:03d}").write_bytes(data[n * third : (n + 1) * third])
        parts.append(f"model.onnx.part-{n:03d}")
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["model_parts"] = parts
    config["model_sha256"] = sha256 or hashlib.sha256(data).hexdigest()
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")


def test_a_model_in_parts_is_joined_and_checked(tmp_path: Path) -> None:
    fast = Path(str(tier_artifact("fast")))
    _split_copy(fast, tmp_path / "split")
    whole, split = load_target_encoder(fast), load_target_encoder(tmp_path / "split")
    items = [target(text, name) for text, name, _ in CASES]
    np.testing.assert_array_equal(whole.predict(items), split.predict(items))
    _split_copy(fast, tmp_path / "bad", sha256="0" * 64)
    with pytest.raises(EncoderLoadError, match="SHA-256"):
        load_target_encoder(tmp_path / "bad")
