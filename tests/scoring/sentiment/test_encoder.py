"""The target-encoder runtime on hand-written sentences: shapes, truncation, load errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from scoring.sentiment import encoder as encoder_module
from scoring.sentiment.encoder import (
    EncoderLoadError,
    TargetEncoder,
    default_artifact,
    encode_target,
    load_target_encoder,
    pad_batch,
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


class CountingSession:
    """Wraps an encoder's session and counts the rows it is asked to run."""

    def __init__(self, inner: object) -> None:
        self.inner, self.rows = inner, 0

    def get(self) -> CountingSession:
        return self

    def run(self, names: object, feeds: dict[str, np.ndarray]) -> object:
        self.rows += len(feeds["input_ids"])
        return self.inner.get().run(names, feeds)  # type: ignore[attr-defined]


def test_identical_inputs_run_once(encoder: TargetEncoder) -> None:
    counting = CountingSession(encoder.session)
    counted = TargetEncoder(
        encoder.version,
        encoder.labels,
        encoder.spec,
        encoder.tokenizer,
        counting,  # type: ignore[arg-type]
    )
    smith, garcia = target(NEGATIVE, "Smith"), target(POSITIVE, "Garcia")
    probs = counted.predict([smith, garcia, smith, smith])
    assert counting.rows == 2
    np.testing.assert_array_equal(probs[0], probs[2])
    np.testing.assert_array_equal(probs[0], probs[3])
    np.testing.assert_allclose(probs[:2], encoder.predict([smith, garcia]), atol=1e-6)


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


def test_token_spans_point_back_into_the_unmarked_text(encoder: TargetEncoder) -> None:
    text = f"{FILLER} Critics said Smith-Jones had lied, and voters booed."
    start = text.index("Smith-Jones")
    (explained,) = encoder.explain([(text, start, start + len("Smith-Jones"))])
    ids = encode_target(
        encoder.tokenizer, [(text, start, start + len("Smith-Jones"))], encoder.spec
    )
    assert len(explained.spans) == len(ids[0][0]) == explained.contributions.shape[0]
    words = []
    for (first, last), token_id in zip(explained.spans.tolist(), ids[0][0], strict=True):
        if first < 0:
            continue
        piece = encoder.tokenizer.id_to_token(token_id).removeprefix("##")
        assert text[first:last].lower() == piece
        words.append(text[first:last])
    assert {"Smith", "lied", "voters", "committee"} <= set(words)  # target and both sides
    assert (explained.spans[:, 0] >= 0).sum() == len(ids[0][0]) - 4  # [CLS] [SEP] and markers


def test_a_tonal_word_has_the_largest_share_of_its_label(encoder: TargetEncoder) -> None:
    text = "Critics said Smith had lied to investigators and betrayed the voters."
    start = text.index("Smith")
    (explained,) = encoder.explain([(text, start, start + 5)])
    negative = encoder.labels.index("negative")
    assert int(explained.probs.argmax()) == negative
    share = {
        w: explained.word_share(text.index(w), text.index(w) + len(w), negative)
        for w in ("lied", "betrayed", "investigators", "voters")
    }
    assert max(share, key=share.__getitem__) in {"lied", "betrayed"}
    np.testing.assert_allclose(explained.probs, encoder.predict([(text, start, start + 5)])[0])


def test_word_share_is_the_label_part_over_the_others_mean(encoder: TargetEncoder) -> None:
    # A word's share: its tokens' part of the label's logit minus the mean of the other labels'
    # parts (a word of two word pieces sums both).
    text = "Reporters said Okafor had mismanaged the fund and misled the auditors."
    start = text.index("Okafor")
    (explained,) = encoder.explain([(text, start, start + len("Okafor"))])
    first, last = text.index("mismanaged"), text.index("mismanaged") + len("mismanaged")
    inside = (explained.spans[:, 0] >= first) & (explained.spans[:, 1] <= last)
    parts = explained.contributions[inside & (explained.spans[:, 1] > 0)].sum(axis=0)
    for label in range(len(encoder.labels)):
        others = [parts[k] for k in range(len(parts)) if k != label]
        expected = float(parts[label]) - float(sum(others)) / len(others)
        assert explained.word_share(first, last, label) == pytest.approx(expected, abs=1e-6)
    assert explained.word_share(0, 0, 0) == 0.0  # no token inside: no share


def test_the_runtime_keeps_no_telemetry(tmp_path: Path) -> None:
    # ONNX Runtime's builds write a device id and an upload cache under ~/.cache unless told not
    # to; loading and running the encoder must leave a fresh home folder empty.
    home = tmp_path / "home"
    home.mkdir()
    script = (
        "from scoring.sentiment.encoder import load_target_encoder\n"
        "load_target_encoder().predict([('Smith won.', 0, 5)])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    env |= {"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert list(home.rglob("*")) == []
    assert "telemetry" not in done.stderr


def test_sessions_leave_out_the_slow_layer_norm_fusion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The graph ONNX Runtime runs, as it rewrote it when the session opened: with the fusion left
    # out, no SkipLayerNormalization node; allowed again, ORT fuses the graph's Add + LayerNorm.
    written = tmp_path / "optimised.onnx"
    options = encoder_module._options

    def saving(threads: int) -> object:
        made = options(threads)
        made.optimized_model_filepath = str(written)
        return made

    monkeypatch.setattr(encoder_module, "_options", saving)
    model = (default_artifact() / "model.onnx").read_bytes()
    encoder_module.open_session(model, 1)
    assert b"SkipLayerNormalization" not in written.read_bytes()
    monkeypatch.setattr(encoder_module, "DISABLED_OPTIMIZERS", ())
    encoder_module.open_session(model, 1)
    assert b"SkipLayerNormalization" in written.read_bytes()


def test_graph_rewrites_change_no_label(encoder: TargetEncoder) -> None:
    # The session's rewrites (ORT's own, minus the one left out) against none at all: float
    # rounding only, on the hand-written cases.
    import onnxruntime as ort

    plain_options = encoder_module._options(1)
    plain_options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    model = (default_artifact() / "model.onnx").read_bytes()
    plain = ort.InferenceSession(model, plain_options, providers=["CPUExecutionProvider"])
    rows = encode_target(
        encoder.tokenizer, [target(NEGATIVE, "Smith"), target(POSITIVE, "Garcia")], encoder.spec
    )
    for row in rows:
        feeds = dict(zip(encoder_module.INPUT_NAMES, pad_batch([row], 0), strict=True))
        fast = encoder.session.get().run(None, feeds)
        slow = plain.run(None, feeds)
        np.testing.assert_allclose(fast[0], slow[0], atol=0.02)
        assert fast[0].argmax() == slow[0].argmax()
