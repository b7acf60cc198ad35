"""Quantisation-aware fine-tuning of a trained target encoder, for the int8 graph it ships as.

    python training/quantise_aware.py train --base training/runs/S3xf_s1/best \
        --teacher training/runs/A_s3 --extra EXTRA.jsonl --seed 1 --out training/runs/Q_s1 \
        [--train TRAIN.jsonl --dev rw=DEV_RW.jsonl --dev mt=DEV_MT.jsonl] [--lr 1e-5 --epochs 2]
    python training/quantise_aware.py check --run training/runs/Q_s1 \
        --onnx training/runs/Q_s1/export/int8-matmul-rowemb [--train TRAIN.jsonl --limit 300]

The shipped model is int8 by ``export_target_encoder.py``'s row-wise scheme: every MatMul and
attention projection (``QAttention``) with int8 weights, symmetric per output channel, and its
input quantised at run time to uint8 over the whole tensor (``DynamicQuantizeLinear``: the range
[min(0, x), max(0, x)] in 255 steps), and the word-embedding table int8 per row. A student
trained in fp32 lost 0.005-0.01 dev_mt F1m to that rounding (the model card's "Smaller
students"). ``train`` fine-tunes a trained run with the same rounding simulated in the forward
pass ("fake quantisation", Jacob et al. 2018; Q8BERT, Zafrir et al. 2019), gradients passed
straight through it (Bengio et al. 2013), so the weights learn to work once rounded:

- each ``nn.Linear`` of the transformer layers rounds its weight per output row (scale
  ``max|w| / 127``) and its input per example to 256 levels over that example's real tokens
  only: the runtime scores one target per call, so a tensor's range is one target's, never its
  batchmates' or the padding's;
- the word embeddings round each row (scale ``max|row| / 127``);
- LayerNorm, softmax, GELU, attention scores, the head and the embeddings' sums stay fp32, as
  in the graph.

The loss is the recipe's (``train_target_encoder.py``): ``(1 - alpha) * CE + alpha * T^2 * KL``
against a teacher run, plus ``--feature-weight`` times the head-input loss, over the training
file and the ``--extra`` teacher-labelled targets. The teacher's outputs are those the
recipe caches (copied from ``--teacher-cache RUN`` if given, and checked against the teacher on
a sample). Dev F1m is measured with the rounding on (the int8 model's proxy) and, at epoch 0,
also without; the **selection rule** is the recipe's: the epoch (1..N; the starting point is
never selected) with the highest mean dev F1m, earlier epoch on a tie, kept in ``OUT/best``
with the weights unrounded (fp32): ``export_target_encoder.py --run OUT`` rounds them exactly as
trained. ``OUT/last.pt`` is a checkpoint after every epoch (``--resume``).

``check`` compares the simulated int8 model of a run with an exported int8 graph through the
runtime (``scoring/sentiment/encoder.py``, one target per call) on training targets: label
agreement and the largest probability difference, also for the unrounded model, so the
simulation's fidelity is measured, not assumed. Prints aggregates only, never the data.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tokenizers import Tokenizer
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_target_encoder as recipe

# Symmetric int8 weights: levels -127..127, zero exact (onnxruntime's QInt8 symmetric range).
INT8_MAX = 127
# Dynamic uint8 activations: 256 levels over [min(0, x), max(0, x)] (DynamicQuantizeLinear).
UINT8_MAX = 255
# Fine-tuning a converged model: a fifth of the recipe's rate, the same warm-up and decay.
LEARNING_RATE = 1e-5
EPOCHS = 2
# Teacher rows recomputed to check a copied cache of the teacher's outputs.
CACHE_CHECK_ROWS = 64
CACHE_TOLERANCE = 1e-3


@dataclass(slots=True)
class QuantState:
    """What the rounding layers read: on or off, and the current batch's real-token mask."""

    enabled: bool = True
    mask: torch.Tensor | None = None


STATE = QuantState()


def round_through(x: torch.Tensor, rounded: torch.Tensor) -> torch.Tensor:
    """``rounded`` in the forward pass, the identity's gradient in the backward pass (STE)."""
    return x + (rounded - x).detach()


def quantise_rows(w: torch.Tensor) -> torch.Tensor:
    """Symmetric int8 per row of ``w`` (last axis within a row), dequantised: as onnxruntime
    quantises a MatMul weight per output channel (a Linear's row) and the runtime's row-wise
    embedding table."""
    scale = w.detach().abs().amax(dim=-1, keepdim=True) / INT8_MAX
    scale = torch.where(scale == 0, torch.ones_like(scale), scale)
    q = torch.clamp(torch.round(w.detach() / scale), -INT8_MAX, INT8_MAX) * scale
    return round_through(w, q)


def quantise_activation(x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
    """uint8 per example over its real tokens, dequantised (``DynamicQuantizeLinear`` on a batch
    of one): scale ``(max(0, x) - min(0, x)) / 255``, zero point ``round(-min / scale)``."""
    xd = x.detach()
    dims = tuple(range(1, x.dim()))
    if mask is not None and mask.shape == x.shape[:2] and x.dim() == 3:
        real = mask.bool().unsqueeze(-1)
        big = torch.finfo(x.dtype).max
        low = torch.where(real, xd, big).amin(dim=dims, keepdim=True)
        high = torch.where(real, xd, -big).amax(dim=dims, keepdim=True)
    else:
        low, high = xd.amin(dim=dims, keepdim=True), xd.amax(dim=dims, keepdim=True)
    low, high = low.clamp(max=0), high.clamp(min=0)
    scale = (high - low) / UINT8_MAX
    scale = torch.where(scale == 0, torch.ones_like(scale), scale)
    zero = torch.clamp(torch.round(-low / scale), 0, UINT8_MAX)
    q = (torch.clamp(torch.round(xd / scale) + zero, 0, UINT8_MAX) - zero) * scale
    return round_through(x, q)


class RoundedLinear(nn.Linear):
    """A Linear whose weight and input are rounded as the int8 graph rounds them."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not STATE.enabled:
            return super().forward(x)
        weight = quantise_rows(self.weight)  # (out, in): a row is an output channel
        return nn.functional.linear(quantise_activation(x, STATE.mask), weight, self.bias)


class RoundedEmbedding(nn.Embedding):
    """An embedding table whose rows are rounded to int8 each with its own scale."""

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        rows = super().forward(ids)
        return quantise_rows(rows) if STATE.enabled else rows


def enable_rounding(model: recipe.TargetSentimentModel) -> int:
    """Make the transformer layers' Linears and the word embeddings round (in place; the
    parameters and their names are unchanged, so ``save_pretrained`` writes plain weights).
    Returns the number of Linears rounded."""
    encoder = model.encoder
    count = 0
    for module in encoder.encoder.layer.modules():
        if type(module) is nn.Linear:
            module.__class__ = RoundedLinear
            count += 1
    encoder.embeddings.word_embeddings.__class__ = RoundedEmbedding

    def keep_mask(_module: nn.Module, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        STATE.mask = kwargs.get("attention_mask", args[1] if len(args) > 1 else None)

    encoder.register_forward_pre_hook(keep_mask, with_kwargs=True)
    return count


def check_teacher_cache(
    teacher_run: Path, runtime: Any, rows: list[Any], pad_id: int, out: Path, seed: int
) -> float:
    """Largest difference between the cached teacher logits and the teacher recomputed on a
    sample of rows (a copied cache must belong to these rows)."""
    logits = np.load(out / "teacher_logits.npy")
    if len(logits) != len(rows):
        raise SystemExit(f"teacher cache has {len(logits)} rows, the data {len(rows)}")
    best = teacher_run / "best"
    meta = json.loads((best / "recipe.json").read_text(encoding="utf-8"))
    vocab = Tokenizer.from_file(str(best / "tokenizer.json")).get_vocab_size()
    teacher = recipe.build_model(best, vocab, meta["config"]["head"]).eval()
    sample = np.random.default_rng(seed).choice(len(rows), CACHE_CHECK_ROWS, replace=False)
    worst = 0.0
    with torch.inference_mode():
        for i in sample.tolist():
            got = teacher(**recipe.tensors(runtime, [rows[i]], pad_id)).numpy()[0]
            worst = max(worst, float(np.abs(got - logits[i]).max()))
    if worst > CACHE_TOLERANCE:
        raise SystemExit(f"teacher cache does not match these rows (max difference {worst:.4f})")
    return worst


def evaluate_both(
    model: recipe.TargetSentimentModel, runtime: Any, devs: dict[str, Any], pad_id: int
) -> dict[str, float]:
    """Dev F1m with the rounding on (``dev_*``) and off (``fp32_dev_*``)."""
    rounded = recipe.evaluate(model, runtime, devs, pad_id)
    STATE.enabled = False
    try:
        plain = recipe.evaluate(model, runtime, devs, pad_id)
    finally:
        STATE.enabled = True
    return rounded | {f"fp32_{k}": v for k, v in plain.items()}


def train(args: argparse.Namespace) -> None:
    """Fine-tune with the int8 rounding simulated, evaluate every epoch, keep the best."""
    torch.set_num_threads(args.threads)
    recipe.seed_everything(args.seed)
    runtime = recipe.load_runtime_encoder()
    base_dir = Path(args.base)
    if not recipe.is_trained_run(base_dir):
        raise SystemExit(f"--base {base_dir}: not a trained run's best folder")
    base_meta = json.loads((base_dir / "recipe.json").read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_file(str(base_dir / "tokenizer.json"))
    base_args = base_meta["args"]
    layers = None if base_args.get("layers", "None") == "None" else base_args["layers"]
    config = recipe.encoder_config(
        args.version, base_args["base"], base_meta["config"]["head"], args.max_length, layers
    )
    config["base_model"] = f"{config['base_model']}; quantisation-aware fine-tuning of {base_dir}"
    spec = runtime.input_spec(config, tokenizer, base_dir)

    def encode(examples: list[recipe.Example]) -> list[Any]:
        return runtime.encode_target(tokenizer, [(e.text, e.start, e.end) for e in examples], spec)

    examples = recipe.read_examples(args.train)
    if args.extra is not None:
        examples += recipe.read_targets(args.extra)
    rows, labels = encode(examples), torch.tensor([e.label for e in examples])
    devs = {
        n: (ex, encode(ex))
        for n, ex in ((n, recipe.read_examples(p)) for n, p in recipe.dev_files(args.dev).items())
    }
    model = recipe.build_model(
        base_dir, tokenizer.get_vocab_size(), base_meta["config"]["head"], None
    )
    rounded_linears = enable_rounding(model)
    steps = math.ceil(len(rows) / recipe.BATCH_SIZE) * args.epochs
    opt, sched = recipe.optimiser(model, args.lr, steps)
    trainer = recipe.Trainer(model, opt, sched, np.random.default_rng(args.seed))
    args.out.mkdir(parents=True, exist_ok=True)
    if args.teacher_cache is not None:
        for name in ("teacher_logits.npy", "teacher_features.npy"):
            shutil.copyfile(args.teacher_cache / name, args.out / name)
        worst = check_teacher_cache(args.teacher, runtime, rows, spec.pad_id, args.out, args.seed)
        print(json.dumps({"teacher_cache_max_difference": round(worst, 6)}), flush=True)
    trainer.teacher, trainer.teacher_features = recipe.teacher_outputs(
        args.teacher, runtime, rows, spec.pad_id, args.out
    )
    trainer.alpha, trainer.temperature = args.alpha, args.temperature
    trainer.feature_weight = args.feature_weight
    last = args.out / "last.pt"
    if args.resume and last.exists():
        trainer.restore(last)
    elif not args.skip_start:
        start = evaluate_both(model, runtime, devs, spec.pad_id)
        first = {"epoch": 0, "rounded_linears": rounded_linears}
        print(json.dumps(first | {k: round(v, 4) for k, v in start.items()}), flush=True)
    for epoch in range(len(trainer.history) + 1, args.epochs + 1):
        began = time.time()
        loss = trainer.epoch(runtime, rows, labels, spec.pad_id)
        scores = evaluate_both(model, runtime, devs, spec.pad_id)
        rounded = {k: v for k, v in scores.items() if not k.startswith("fp32_")}
        mean = float(np.mean(list(rounded.values())))
        record: dict[str, Any] = {"epoch": epoch, "train_loss": round(loss, 4)}
        record |= {k: round(v, 4) for k, v in scores.items()}
        record |= {"mean": round(mean, 4), "minutes": round((time.time() - began) / 60, 1)}
        trainer.history.append(record)
        if mean > trainer.best:
            trainer.best, record["selected"] = mean, True
            run_args = {k: str(v) for k, v in vars(args).items()}
            # The export reads the base model and layers from ``args``: the original run's.
            run_args |= {"base": base_args["base"], "layers": str(layers)}
            meta: dict[str, Any] = {"args": run_args, "epoch": epoch}
            meta |= {"scores": scores, "config": config, "base_dir": base_meta["base_dir"]}
            meta["quantisation_aware"] = {"from": str(base_dir), "lr": args.lr}
            recipe.save_best(model, tokenizer, args.out, meta | {"history": trainer.history})
        trainer.save(last)
        print(json.dumps(record), flush=True)
    print(json.dumps({"done": True, "best_mean": round(trainer.best, 4)}))


def check(args: argparse.Namespace) -> None:
    """Simulated int8 (and unrounded) run against an exported int8 graph, on training targets."""
    torch.set_num_threads(args.threads)
    runtime = recipe.load_runtime_encoder()
    best = args.run / "best" if (args.run / "best").is_dir() else args.run
    meta = json.loads((best / "recipe.json").read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_file(str(best / "tokenizer.json"))
    model = recipe.build_model(best, tokenizer.get_vocab_size(), meta["config"]["head"]).eval()
    enable_rounding(model)
    spec = runtime.input_spec(meta["config"], tokenizer, best)
    examples = recipe.read_examples(args.train)[: args.limit]
    targets = [(e.text, e.start, e.end) for e in examples]
    rows = runtime.encode_target(tokenizer, targets, spec)
    graph = runtime.load_target_encoder(args.onnx, threads=1).predict(targets)
    figures: dict[str, Any] = {"targets": len(rows), "onnx": str(args.onnx)}
    for name, enabled in (("rounded", True), ("fp32", False)):
        STATE.enabled = enabled
        with torch.inference_mode():
            probs = np.concatenate(
                [
                    torch.softmax(model(**recipe.tensors(runtime, [row], spec.pad_id)), -1).numpy()
                    for row in rows
                ]
            )
        figures[name] = {
            "label_agreement": round(float((probs.argmax(1) == graph.argmax(1)).mean()), 4),
            "max_probability_difference": round(float(np.abs(probs - graph).max()), 4),
            "mean_probability_difference": round(float(np.abs(probs - graph).mean()), 5),
        }
    STATE.enabled = True
    print(json.dumps(figures, indent=2))


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options of both subcommands."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="quantisation-aware fine-tuning")
    t.add_argument("--train", type=Path, default=recipe.DATA / "newsmtsc_train.jsonl")
    t.add_argument("--dev", action="append", metavar="NAME=PATH")
    t.add_argument("--base", required=True, help="a trained run's best folder (RUN/best)")
    t.add_argument("--teacher", type=Path, required=True, help="a trained run to distil from")
    t.add_argument("--teacher-cache", type=Path, help="a run whose cached teacher outputs to copy")
    t.add_argument("--extra", type=Path, help="teacher-labelled extra targets (JSON Lines)")
    t.add_argument("--out", type=Path, required=True)
    t.add_argument("--seed", type=int, default=1)
    t.add_argument("--epochs", type=int, default=EPOCHS)
    t.add_argument("--lr", type=float, default=LEARNING_RATE)
    t.add_argument("--alpha", type=float, default=recipe.DISTILL_ALPHA)
    t.add_argument("--temperature", type=float, default=recipe.TEMPERATURE)
    t.add_argument("--feature-weight", type=float, default=1.0)
    t.add_argument("--max-length", type=int, default=recipe.MAX_LENGTH)
    t.add_argument("--threads", type=int, default=1)
    t.add_argument("--version", default="target-encoder-minilm-l3-1.3.0")
    t.add_argument("--resume", action="store_true")
    t.add_argument("--skip-start", action="store_true", help="no dev figures before training")
    c = sub.add_parser("check", help="simulated int8 against an exported int8 graph")
    c.add_argument("--run", type=Path, required=True, help="a run (or its best folder)")
    c.add_argument("--onnx", type=Path, required=True, help="an artifact folder (int8)")
    c.add_argument("--train", type=Path, default=recipe.DATA / "newsmtsc_train.jsonl")
    c.add_argument("--limit", type=int, default=300)
    c.add_argument("--threads", type=int, default=1)
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Run a subcommand."""
    args = parse_args(argv)
    if args.command == "train":
        train(args)
    else:
        check(args)


if __name__ == "__main__":
    main()
