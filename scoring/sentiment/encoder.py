"""Sentiment toward a target in a sentence with the fine-tuned target encoder, run by ONNX Runtime.

Higher probability of a class means the model reads the sentence as expressing that sentiment
toward the marked target. The input follows the recipe of ``training/train_target_encoder.py``:
``[CLS] left [TGT] target [/TGT] right [SEP]`` with added marker tokens, cut to a window of at most
``max_length`` tokens centred on the target, so a long sentence is truncated around the target and
never dropped. Training imports :func:`encode_target` from here, so run time tokenises exactly as
training did. Besides the probabilities the graph gives each token's part of each label's logit
(:class:`Explanation`), which the evidence of a label is read from.

Self-contained on purpose: it needs only the standard library, numpy, onnxruntime and tokenizers
(no torch, no transformers, no other ``scoring`` module), so the artifact can be loaded and tested
on its own.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import logging
import os
import pathlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from typing import Any

import numpy as np
import numpy.typing as npt

# ONNX Runtime's official builds collect usage telemetry on Linux (a device id and an upload
# cache under ~/.cache/Microsoft) unless this is set before the runtime starts. The product makes
# no network calls of its own, so it is always off, whatever the environment says.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
import onnxruntime as ort  # type: ignore[import-untyped]  # ships no type hints
from tokenizers import Tokenizer

logger = logging.getLogger(__name__)

# The artifact folder shipped inside this package.
ARTIFACT_PACKAGE = "scoring.sentiment"
ARTIFACT_DIR = ("models", "target_encoder")
# The model tiers (as spaCy ships sm and trf): the default "fast" MiniLM, shipped in every
# install, and the "accurate" mpnet, a folder of its own that the default image leaves out
# (Dockerfile, build argument SENTIMENT_TIER).
TIERS = ("fast", "accurate")
DEFAULT_TIER = "fast"
TIER_DIRS = {"fast": ARTIFACT_DIR, "accurate": ("models", "target_encoder_accurate")}
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
CONFIG_FILE = "config.json"
# Keys config.json must carry for this module to build the model's input.
REQUIRED_KEYS = ("version", "labels", "markers", "max_length", "special_tokens", "inputs")
# Names of the ONNX graph's inputs, in the order the export wrote them.
INPUT_NAMES = ("input_ids", "attention_mask", "target_mask")
# ... and of its outputs: class probabilities, and each token's part of each class's logit.
OUTPUT_NAMES = ("probabilities", "contributions")
# Tokens of the marked input besides the sentence's own: [CLS] and [SEP].
FRAME_TOKENS = 2
# Items per ONNX call: one. The int8 model quantises activations per tensor per call, so in a
# batch a target's probabilities depend on its batchmates and their padding (dev F1m moved by up
# to 0.02 between batch sizes 1, 8 and 32); alone, each target's result is its own, which occlusion
# needs. On one thread it costs nothing: 3.2 / 3.3 / 4.0 ms per dev target at 1 / 8 / 32.
DEFAULT_BATCH_SIZE = 1
# ONNX Runtime graph rewrites left out when a session is opened. SkipLayerNormFusion merges each
# residual Add with its LayerNormalization; on one thread here its kernel made the int8 model
# about 25% slower per target (seed mentions: 2.3 ms against 3.0 ms of CPU time per target with
# the 1.1.0 graph), and it changes no result beyond float rounding.
DISABLED_OPTIMIZERS = ("SkipLayerNormFusion",)

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float32]


class EncoderLoadError(ValueError):
    """The target-encoder artifact is missing, truncated, corrupt or inconsistent."""


class TierNotInstalledError(EncoderLoadError):
    """The artifact of the sentiment tier asked for is not in this installation."""


@dataclass(frozen=True, slots=True)
class InputSpec:
    """How a (text, start, end) target becomes token ids: the training recipe, read from config."""

    start_marker: str
    end_marker: str
    max_length: int
    cls_id: int
    sep_id: int
    pad_id: int
    start_marker_id: int
    end_marker_id: int


def marked_text(text: str, start: int, end: int, spec: InputSpec) -> str:
    """Return ``text`` with the target ``text[start:end]`` wrapped in the marker tokens."""
    return f"{text[:start]} {spec.start_marker} {text[start:end]} {spec.end_marker} {text[end:]}"


def window(ids: Sequence[int], spec: InputSpec) -> tuple[list[int], int, int]:
    """Cut content ids to a window centred on the marked target; return ids and marker positions.

    The target block (markers included) is kept whole if it fits; the remaining budget is split
    evenly left and right, and a side shorter than its half gives the rest to the other side.
    """
    kept, first, last = window_positions(ids, spec)
    return [ids[i] for i in kept], first, last


def window_positions(ids: Sequence[int], spec: InputSpec) -> tuple[list[int], int, int]:
    """Positions in ``ids`` that :func:`window` keeps, in order, and the kept markers' places."""
    budget = spec.max_length - FRAME_TOKENS
    left_end = ids.index(spec.start_marker_id)
    right_start = ids.index(spec.end_marker_id, left_end) + 1
    block = list(range(left_end, right_start))
    if len(block) > budget:
        block = [*block[: budget - 1], right_start - 1]
    room = budget - len(block)
    n_left, n_right = left_end, len(ids) - right_start
    take_left = min(n_left, max(room // 2, room - n_right))
    take_right = min(n_right, room - take_left)
    kept = [
        *range(left_end - take_left, left_end),
        *block,
        *range(right_start, right_start + take_right),
    ]
    return kept, take_left, take_left + len(block) - 1


def encode_target(
    tokenizer: Tokenizer, targets: Sequence[tuple[str, int, int]], spec: InputSpec
) -> list[tuple[list[int], int, int]]:
    """Token ids with [CLS]/[SEP] and the (first, last) positions of the markers, per target."""
    return [row for row, _ in encode_target_spans(tokenizer, targets, spec)]


def encode_target_spans(
    tokenizer: Tokenizer, targets: Sequence[tuple[str, int, int]], spec: InputSpec
) -> list[tuple[tuple[list[int], int, int], list[tuple[int, int]]]]:
    """Each target's row (as :func:`encode_target`) with the character range, in the target's
    own text (not the marked one), of every position of the row; (-1, -1) for [CLS], [SEP]
    and the markers."""
    texts = [marked_text(text, start, end, spec) for text, start, end in targets]
    encoded = tokenizer.encode_batch(texts, add_special_tokens=False)
    out = []
    for (_, start, end), enc in zip(targets, encoded, strict=True):
        # ``Encoding.ids`` and ``.offsets`` build a new list on every access: read them once.
        ids, offsets = enc.ids, enc.offsets
        kept, first, last = window_positions(ids, spec)
        row = ([spec.cls_id, *(ids[i] for i in kept), spec.sep_id], first + 1, last + 1)
        spans = [_unmarked(offsets[i], start, end, spec) for i in kept]
        spans[first], spans[last] = (-1, -1), (-1, -1)
        out.append((row, [(-1, -1), *spans, (-1, -1)]))
    return out


def _unmarked(span: tuple[int, int], start: int, end: int, spec: InputSpec) -> tuple[int, int]:
    """A character range of the marked text mapped back to the target's own text."""
    opened = start + len(spec.start_marker) + 2  # where the target begins in the marked text
    closed = opened + (end - start) + len(spec.end_marker) + 2  # where its right context begins

    def back(char: int) -> int:
        if char <= start:
            return char
        if char < closed:
            return max(start, min(end, char - (opened - start)))
        return char - (closed - end)

    return back(span[0]), back(span[1])


def pad_batch(rows: Sequence[tuple[list[int], int, int]], pad_id: int) -> tuple[IntArray, ...]:
    """Pad rows to the longest one: input ids, attention mask and target mask (markers included)."""
    width = max(len(ids) for ids, _, _ in rows)
    input_ids = np.full((len(rows), width), pad_id, dtype=np.int64)
    attention = np.zeros((len(rows), width), dtype=np.int64)
    target = np.zeros((len(rows), width), dtype=np.int64)
    for i, (ids, first, last) in enumerate(rows):
        input_ids[i, : len(ids)] = ids
        attention[i, : len(ids)] = 1
        target[i, first : last + 1] = 1
    return input_ids, attention, target


class ProcessSession:
    """An ONNX Runtime session opened in the process that runs it.

    A session's thread pools do not survive ``fork``: a gunicorn worker that inherits the
    master's session hangs when it exits. The model's bytes are kept (shared by the workers
    copy-on-write) and each process opens its own session on first use; ``release`` closes the
    current process's one (the master calls it before forking).
    """

    def __init__(self, model: bytes, threads: int) -> None:
        self._model = model
        self._threads = threads
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._session: ort.InferenceSession | None = None

    def get(self) -> ort.InferenceSession:
        """This process's session, opened on first use."""
        with self._lock:
            if self._session is None or self._pid != os.getpid():
                self._session = open_session(self._model, self._threads)
                self._pid = os.getpid()
            return self._session

    def release(self) -> None:
        """Close this process's session (it is opened again when next needed)."""
        with self._lock:
            self._session, self._pid = None, None


@dataclass(frozen=True, slots=True)
class Explanation:
    """One target's class probabilities and its input tokens' parts of the logits.

    ``spans[t]`` is token ``t``'s character range in the target's text ((-1, -1) for the frame
    and marker tokens); ``contributions[t, k]`` its part of class ``k``'s logit.
    """

    probs: FloatArray
    spans: IntArray
    contributions: FloatArray

    def word_share(self, start: int, end: int, label: int) -> float:
        """How much the tokens inside ``start..end`` raise class ``label``'s logit over the mean
        of the other classes' logits."""
        spans = self.spans
        inside = (spans[:, 0] >= start) & (spans[:, 1] <= end) & (spans[:, 1] > 0)
        # Three floats: plain Python is cheaper than numpy's delete and mean (called per word).
        parts: list[float] = self.contributions[inside].sum(axis=0).tolist()
        own = parts.pop(label)
        return own - sum(parts) / len(parts)


@dataclass(frozen=True, slots=True)
class TargetEncoder:
    """A loaded target encoder: build once with :func:`load_target_encoder`, then call predict."""

    version: str
    labels: tuple[str, ...]
    spec: InputSpec
    tokenizer: Tokenizer
    session: ProcessSession

    def release(self) -> None:
        """Close this process's inference session, e.g. in a server's master before it forks."""
        self.session.release()

    def predict(
        self,
        targets: Sequence[tuple[str, int, int]],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        check: Callable[[], None] | None = None,
    ) -> FloatArray:
        """Class probabilities, shape (n, len(labels)), for (text, start, end) character offsets.

        Identical model inputs (same window, same marked target) are run once: a quote repeated
        in a long article, or the same sentence scored for the same target twice, costs one call.
        Items are sorted by length and batched so each batch pads only to its own longest item;
        rows come back in the input order. With the int8 model a batch larger than one makes a
        target's result depend slightly on its batchmates (see ``DEFAULT_BATCH_SIZE``).
        ``check`` is called before each model call (a deadline raises from it).
        """
        probs = np.zeros((len(targets), len(self.labels)), dtype=np.float32)
        rows = encode_target(self.tokenizer, targets, self.spec)
        for i, (p, _) in enumerate(self._run(rows, batch_size, check)):
            probs[i] = p
        return probs

    def explain(
        self, targets: Sequence[tuple[str, int, int]], *, check: Callable[[], None] | None = None
    ) -> list[Explanation]:
        """Probabilities with each input word's share of the logits, one call per target.

        The head's logits are a linear function of the mean of the final token states plus terms
        of the target span alone, so the mean's part splits exactly into one term per token:
        ``contributions[t, k]`` is token ``t``'s part of the logit of class ``k``. ``check`` as
        in :meth:`predict`.
        """
        encoded = encode_target_spans(self.tokenizer, targets, self.spec)
        outputs = self._run([row for row, _ in encoded], DEFAULT_BATCH_SIZE, check)
        return [
            Explanation(probs, np.asarray(spans, dtype=np.int64), contributions)
            for (_, spans), (probs, contributions) in zip(encoded, outputs, strict=True)
        ]

    def _run(
        self,
        rows: Sequence[tuple[list[int], int, int]],
        batch_size: int,
        check: Callable[[], None] | None,
    ) -> list[tuple[FloatArray, FloatArray]]:
        """(probabilities, token contributions) per row; identical rows are run once."""
        where: dict[tuple[tuple[int, ...], int, int], list[int]] = {}
        for i, (ids, first, last) in enumerate(rows):
            where.setdefault((tuple(ids), first, last), []).append(i)
        unique = list(where.values())
        order = sorted(range(len(unique)), key=lambda u: len(rows[unique[u][0]][0]))
        results: list[tuple[FloatArray, FloatArray]] = [None] * len(rows)  # type: ignore[list-item]
        for start in range(0, len(order), batch_size):
            if check is not None:
                check()
            chunk = order[start : start + batch_size]
            batch = [rows[unique[u][0]] for u in chunk]
            arrays = pad_batch(batch, self.spec.pad_id)
            feeds = dict(zip(INPUT_NAMES, arrays, strict=True))
            probs, contributions = self.session.get().run(None, feeds)
            for j, u in enumerate(chunk):
                width = len(batch[j][0])
                for i in unique[u]:
                    results[i] = (probs[j], contributions[j, :width])
        return results


def _read_config(folder: pathlib.Path | Traversable) -> dict[str, Any]:
    """Read config.json and check it carries every key this module needs."""
    path = folder / CONFIG_FILE
    try:
        config: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise EncoderLoadError(f"{path}: cannot read the encoder config ({err})") from err
    missing = [key for key in REQUIRED_KEYS if key not in config]
    if missing:
        raise EncoderLoadError(f"{path}: config is missing {', '.join(missing)}")
    return config


def _read_tokenizer(folder: pathlib.Path | Traversable) -> Tokenizer:
    """Read tokenizer.json; truncation and padding must be off (the window rule does both)."""
    path = folder / TOKENIZER_FILE
    try:
        tokenizer = Tokenizer.from_str(path.read_text(encoding="utf-8"))
    except Exception as err:  # tokenizers raises a bare Exception for a malformed file.
        raise EncoderLoadError(f"{path}: cannot read the tokenizer ({err})") from err
    if tokenizer.truncation is not None or tokenizer.padding is not None:
        raise EncoderLoadError(f"{path}: tokenizer has built-in truncation or padding")
    return tokenizer


def input_spec(config: dict[str, Any], tokenizer: Tokenizer, path: object) -> InputSpec:
    """Resolve the marker and frame tokens of the config to ids of the tokenizer."""
    markers, frame = config["markers"], config["special_tokens"]
    tokens = (frame["cls"], frame["sep"], frame["pad"], markers["start"], markers["end"])
    ids = [tokenizer.token_to_id(token) for token in tokens]
    unknown = [token for token, token_id in zip(tokens, ids, strict=True) if token_id is None]
    if unknown:
        raise EncoderLoadError(f"{path}: tokenizer lacks the tokens {', '.join(unknown)}")
    cls_id, sep_id, pad_id, start_id, end_id = (int(token_id or 0) for token_id in ids)
    return InputSpec(
        start_marker=markers["start"],
        end_marker=markers["end"],
        max_length=int(config["max_length"]),
        cls_id=cls_id,
        sep_id=sep_id,
        pad_id=pad_id,
        start_marker_id=start_id,
        end_marker_id=end_id,
    )


def _options(threads: int) -> ort.SessionOptions:
    """Explicit thread counts and sequential execution: one worker per core, no thrashing."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    return options


def open_session(model: bytes | str, threads: int) -> ort.InferenceSession:
    """An ONNX Runtime session on the CPU with this module's options (``DISABLED_OPTIMIZERS``
    left out of its graph rewrites)."""
    return ort.InferenceSession(
        model,
        _options(threads),
        providers=["CPUExecutionProvider"],
        disabled_optimizers=list(DISABLED_OPTIMIZERS),
    )


def _model_bytes(folder: pathlib.Path | Traversable, config: dict[str, Any]) -> bytes:
    """model.onnx, or the pieces config's ``model_parts`` names joined in order and checked
    against its ``model_sha256`` (an artifact larger than a Git host takes in one file)."""
    parts = config.get("model_parts")
    if not parts:
        return (folder / MODEL_FILE).read_bytes()
    model = b"".join((folder / str(name)).read_bytes() for name in parts)
    digest = hashlib.sha256(model).hexdigest()
    if digest != config.get("model_sha256"):
        raise EncoderLoadError(
            f"{folder}: the joined model parts have SHA-256 {digest}, "
            f"config.json says {config.get('model_sha256')}"
        )
    return model


def _read_model(
    folder: pathlib.Path | Traversable, threads: int, config: dict[str, Any] | None = None
) -> bytes:
    """The ONNX model's bytes (joined from its parts if config names them), checked by opening a
    session on them once."""
    path = folder / MODEL_FILE
    try:
        model = _model_bytes(folder, config or {})
        session = open_session(model, threads)
    except EncoderLoadError:
        raise
    except Exception as err:  # onnxruntime raises its own untyped errors for a bad model.
        raise EncoderLoadError(f"{path}: cannot load the ONNX model ({err})") from err
    names = tuple(node.name for node in session.get_inputs())
    if names != INPUT_NAMES:
        raise EncoderLoadError(f"{path}: model inputs are {names}, expected {INPUT_NAMES}")
    outputs = tuple(node.name for node in session.get_outputs())
    if outputs != OUTPUT_NAMES:
        raise EncoderLoadError(f"{path}: model outputs are {outputs}, expected {OUTPUT_NAMES}")
    return model


def default_artifact() -> Traversable:
    """The artifact folder shipped with the package."""
    return importlib.resources.files(ARTIFACT_PACKAGE).joinpath(*ARTIFACT_DIR)


def tier_artifact(tier: str) -> Traversable:
    """The artifact folder of a tier (``TIERS``); the fast one is :func:`default_artifact`."""
    if tier not in TIER_DIRS:
        raise ValueError(f"sentiment tier must be one of {', '.join(TIERS)}; got {tier!r}")
    if tier == DEFAULT_TIER:
        return default_artifact()
    return importlib.resources.files(ARTIFACT_PACKAGE).joinpath(*TIER_DIRS[tier])


def load_tier(tier: str = DEFAULT_TIER, *, threads: int = 1) -> TargetEncoder:
    """Load the target encoder of a tier; :class:`TierNotInstalledError` if its artifact is not
    in this installation (the default image ships the fast tier only)."""
    folder = tier_artifact(tier)
    if not (folder / CONFIG_FILE).is_file():
        raise TierNotInstalledError(
            f"the {tier!r} sentiment tier is not installed: {folder} has no {CONFIG_FILE} "
            "(an image built without --build-arg SENTIMENT_TIER=accurate leaves it out)"
        )
    return load_target_encoder(folder, threads=threads)


def load_target_encoder(
    path: pathlib.Path | Traversable | None = None, *, threads: int = 1
) -> TargetEncoder:
    """Load config, tokenizer and ONNX session from ``path`` (default: the shipped artifact).

    Raises :class:`EncoderLoadError` naming the file and what is wrong with it.
    """
    folder = default_artifact() if path is None else path
    config = _read_config(folder)
    tokenizer = _read_tokenizer(folder)
    spec = input_spec(config, tokenizer, folder / TOKENIZER_FILE)
    model = _read_model(folder, threads, config)  # each process opens its own (ProcessSession)
    labels = tuple(str(label) for label in config["labels"])
    logger.info("loaded %s from %s with %d thread(s)", config["version"], folder, threads)
    return TargetEncoder(
        version=str(config["version"]),
        labels=labels,
        spec=spec,
        tokenizer=tokenizer,
        session=ProcessSession(model, threads),
    )
