"""Export a trained target encoder to ONNX, quantise it, and measure it through the runtime.

    python training/export_target_encoder.py --run training/runs/NAME \
        [--dev rw=DEV_RW.jsonl --dev mt=DEV_MT.jsonl] \
        [--artifact scoring/sentiment/models/target_encoder] [--torch-timing]

Reads ``RUN/best`` (written by ``train_target_encoder.py``) and exports encoder, head and softmax
to ONNX (fp32, TorchScript exporter), then fuses each layer's self-attention into one
``Attention`` node and each GELU into one ``Gelu`` node with ONNX Runtime's offline transformer
optimiser (``optimise``: the fused graph is what ONNX Runtime runs fastest on one thread here;
its SkipLayerNormalization and BiasGelu kernels were slower than the plain ops and are not used).
Then quantises it, dynamic int8 (``INT8_SCHEMES``): MatMul and attention-projection weights
signed 8-bit per output channel, activations quantised per tensor at run time, LayerNorm,
Softmax and the head in fp32; once with the word-embedding table int8 per row too, once
without. Every model
is written as a complete artifact folder under ``RUN/export/<scheme>`` and measured THROUGH
``scoring/sentiment/encoder.py`` (loaded by path): dev F1m per file, median ms per target on one
thread (one target per call), and ms per target in batches. The smallest int8 scheme within
``INT8_TOLERANCE`` of fp32 on every dev file is chosen, else fp32; the chosen folder is copied to
``--artifact`` and the figures are printed and written to ``RUN/export/metrics.json``.
``--torch-timing`` also times the PyTorch model and a randomly initialised RoBERTa-base forward
pass on the same inputs, for the cost comparison of issue 16 (no weights are downloaded).

mpnet (the accurate tier's base): its self-attention adds a relative-position bias that the
optimiser's BERT attention pattern does not match, so its graph is left unfused (``FUSED_TYPES``):
the int8 schemes quantise its MatMul weights per output channel as for MiniLM (per-tensor weights
cost the probe 0.07 F1m), and one more scheme keeps each layer's FFN output MatMul fp32
(``FFN_OUTPUT_SCHEME``). An artifact whose model.onnx is larger than ``PART_BYTES`` is written
as ``model.onnx.part-NNN`` pieces (a Git host refuses single files over 100 MB) with the whole
file's SHA-256 in config.json; the runtime joins and checks them.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import onnx
import onnx.numpy_helper
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.transformers import optimizer
from onnxruntime.transformers.fusion_options import FusionOptions
from sklearn.metrics import f1_score
from tokenizers import Tokenizer
from transformers import AutoModel, RobertaConfig, RobertaModel

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_target_encoder as recipe

ROOT = recipe.ROOT
DEFAULT_ARTIFACT = ROOT / "scoring/sentiment/models/target_encoder"
# Issue 16: ship int8 only if it keeps accuracy within 0.01 F1m of fp32.
INT8_TOLERANCE = 0.01
# int8 schemes tried, smallest first: (dynamic quantisation of MatMul, QInt8 weights per output
# channel; word-embedding table int8 per row too?). The word embeddings are over half of MiniLM's
# weights; onnxruntime's own Gather quantisation stores the table uint8 per tensor, which cost
# 0.009 dev_mt F1m on the first model, so the table is quantised here per row instead.
INT8_SCHEMES = {"int8-matmul-rowemb": True, "int8-matmul": False}
# Unfused (mpnet) graphs also try the row-wise scheme with each layer's FFN output MatMul (the
# second FFN linear, whose GELU inputs carry the outlier activations that per-tensor activation
# scales handle worst; Bondarenko et al. 2021) kept fp32. On 600 training targets of the first
# mpnet model it brought int8 to within 0.006 mean |dp| of fp32 (0.034 without), labels 99.3%
# the same (97.0%).
FFN_OUTPUT_SCHEME = "int8-matmul-rowemb-ffn-out-fp32"
FFN_OUTPUT_NODE = "/output/dense/MatMul"
QUANTISATION = {
    "int8-matmul-rowemb": "dynamic int8 (onnxruntime quantize_dynamic): MatMul and Attention "
    "(QAttention) weights int8 per output channel, activations per tensor at run time; word "
    "embeddings int8 per row; LayerNorm, softmax and the head fp32",
    "int8-matmul": "dynamic int8 (onnxruntime quantize_dynamic): MatMul and Attention "
    "(QAttention) weights int8 per output channel, activations per tensor at run time; "
    "embeddings, LayerNorm, softmax and the head fp32",
    FFN_OUTPUT_SCHEME: "dynamic int8 (onnxruntime quantize_dynamic): MatMul weights int8 per "
    "output channel, activations per tensor at run time, except each layer's FFN output MatMul "
    "(fp32); word embeddings int8 per row; LayerNorm, softmax, the relative-position bias and "
    "the head fp32",
    "fp32": "none (fp32)",
}
# What the graph is, for config.json.
GRAPH = (
    "TorchScript export (opset 17) of encoder + head + softmax + token contributions; each "
    "layer's self-attention fused into one Attention node and each GELU into one Gelu node by "
    "onnxruntime.transformers.optimizer (SkipLayerNormalization, BiasGelu and "
    "EmbedLayerNormalization fusions off)"
)
WORD_EMBEDDINGS = "model.encoder.embeddings.word_embeddings.weight"
# Symmetric int8: values in [-127, 127], zero exact.
INT8_MAX = 127
# ONNX opset for the TorchScript exporter (whose BERT graphs the optimiser's attention fusion
# recognises; the dynamo exporter's are not fused).
OPSET = 17
# Targets timed one per call for the median latency (dev targets, in file order).
LATENCY_TARGETS = 200
# Batch size for the throughput figure (F1m uses the runtime's default, one target per call).
BATCH_SIZE = 8
# Untimed calls before timing, so lazy allocation and caches don't count.
WARMUP_CALLS = 10
# Encoder types whose attention and GELU the optimiser fuses (model_type "bert" patterns).
FUSED_TYPES = ("bert",)
GRAPH_UNFUSED = (
    "TorchScript export (opset 17) of encoder + head + softmax + token contributions, unfused "
    "(mpnet's relative-position attention bias does not match onnxruntime's BERT fusions)"
)
# Largest model.onnx written as one file into an artifact; larger ones go in pieces of this size.
PART_BYTES = 90 * 2**20


class Exported(torch.nn.Module):
    """The trained model with softmax on top, plus each token's part of the logits.

    The "mean-target" head's logits are ``W_all @ mean(states) + W_target @ mean(target states)
    + b``, so ``W_all @ state_t / n`` is token ``t``'s exact part of them: the runtime ranks the
    words worth trying by occlusion with it (``scoring.sentiment.encoder.Explanation``).
    """

    def __init__(self, model: recipe.TargetSentimentModel) -> None:
        super().__init__()
        if model.head_kind != "mean-target":
            raise SystemExit(
                f"token contributions need the mean-target head, not {model.head_kind}"
            )
        self.model = model
        # The sentence-mean part of the head's weights, transposed, as a tensor of its own: the
        # quantiser rewrites the head's Gemm as a MatMul by transposing its weight in place,
        # which would break a second reader of the same initializer.
        hidden = model.encoder.config.hidden_size
        weights = model.classifier.weight[:, :hidden].detach().t().contiguous().clone()
        self.register_buffer("sentence_weights", weights)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, target_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Class probabilities (batch, labels) and token contributions (batch, seq, labels)."""
        model = self.model
        inputs = recipe.encoder_inputs(model.encoder, input_ids, attention_mask)
        states = model.encoder(**inputs).last_hidden_state
        pooled = [
            recipe.masked_mean(states, attention_mask),
            recipe.masked_mean(states, target_mask),
        ]
        logits = model.classifier(torch.cat(pooled, dim=-1))
        mask = attention_mask.unsqueeze(-1).to(states.dtype)
        count = mask.sum(dim=1, keepdim=True).clamp(min=1.0)
        contributions = torch.matmul(states, self.sentence_weights) * mask / count
        return torch.softmax(logits, dim=-1), contributions


def load_trained(
    best: Path, attention: str = "eager"
) -> tuple[recipe.TargetSentimentModel, dict[str, Any]]:
    """Rebuild the selected model from RUN/best (eager attention exports most plainly)."""
    meta = json.loads((best / "recipe.json").read_text(encoding="utf-8"))
    encoder = AutoModel.from_pretrained(str(best / "encoder"), attn_implementation=attention)
    head = meta["config"]["head"]
    model = recipe.TargetSentimentModel(encoder, encoder.config.hidden_size, head)
    model.classifier.load_state_dict(torch.load(best / "head.pt", weights_only=True))
    return model.eval(), meta


def export_onnx(
    model: recipe.TargetSentimentModel, sample: dict[str, torch.Tensor], path: Path
) -> None:
    """Write the fp32 ONNX graph with dynamic batch and sequence axes (TorchScript exporter)."""
    axes = {name: {0: "batch", 1: "seq"} for name in sample}
    torch.onnx.export(
        Exported(model),
        tuple(sample.values()),
        str(path),
        input_names=list(sample),
        output_names=["probabilities", "contributions"],
        dynamic_axes={
            **axes,
            "probabilities": {0: "batch"},
            "contributions": {0: "batch", 1: "seq"},
        },
        opset_version=OPSET,
        dynamo=False,
    )
    # Stale shape entries of initializers would fail the quantiser's shape inference once it
    # has turned the head's Gemm into a MatMul with a transposed weight. Drop them.
    graph = onnx.load(str(path))
    weights = {init.name for init in graph.graph.initializer}
    kept = [info for info in graph.graph.value_info if info.name not in weights]
    del graph.graph.value_info[:]
    graph.graph.value_info.extend(kept)
    onnx.save(graph, str(path))


def optimise(source: Path, target: Path, heads: int, hidden: int, layers: int) -> None:
    """Fuse each layer's attention and each GELU (onnxruntime.transformers.optimizer), in fp32.

    Only the fusions that made the int8 model faster on one thread here: Attention (quantised
    as QAttention) and Gelu. SkipLayerNormalization and BiasGelu are left unfused (their CPU
    kernels were slower than Add + LayerNormalization and Add + Gelu; the runtime also keeps
    ONNX Runtime from fusing SkipLayerNormalization at load), EmbedLayerNormalization too (it
    would swallow the word-embedding Gather that the row-wise int8 table needs).
    """
    options = FusionOptions("bert")
    options.enable_skip_layer_norm = False
    options.enable_bias_skip_layer_norm = False
    options.enable_bias_gelu = False
    options.enable_embed_layer_norm = False
    fused = optimizer.optimize_model(
        str(source),
        model_type="bert",
        num_heads=heads,
        hidden_size=hidden,
        optimization_options=options,
        opt_level=0,
    )
    counts = fused.get_fused_operator_statistics()
    if counts.get("Attention") != layers or counts.get("Gelu") != layers:
        raise SystemExit(f"expected {layers} Attention and Gelu fusions, got {counts}")
    graph = fused.model
    if not any(opset.domain == "com.microsoft" for opset in graph.opset_import):
        graph.opset_import.append(onnx.helper.make_opsetid("com.microsoft", 1))
    onnx.checker.check_model(graph)
    onnx.save(graph, str(target))


def head_nodes(path: Path, labels: int) -> list[str]:
    """Names of the MatMul/Gemm nodes of the head and the contributions (a weight with a
    ``labels``-sized axis), kept fp32 by the quantiser (also under the name it gives a Gemm it
    rewrites as MatMul)."""
    graph = onnx.load(str(path)).graph
    weights = {init.name: tuple(init.dims) for init in graph.initializer}
    names = [
        node.name
        for node in graph.node
        if node.op_type in ("MatMul", "Gemm")
        and any(labels in weights.get(name, ()) for name in node.input)
    ]
    return [*names, *(f"{name}_MatMul" for name in names)]


def quantise_embeddings(path: Path, name: str) -> None:
    """Store the embedding table ``name`` as int8 with one fp32 scale per row, in place.

    Each Gather on the table becomes Gather(int8 rows) -> Cast -> Mul(Gather(row scales)).
    """
    graph = onnx.load(str(path))
    table = next(init for init in graph.graph.initializer if init.name == name)
    weights = onnx.numpy_helper.to_array(table).astype(np.float32)
    scale = np.abs(weights).max(axis=1, keepdims=True) / INT8_MAX
    scale[scale == 0] = 1.0
    quantised = np.clip(np.round(weights / scale), -INT8_MAX, INT8_MAX).astype(np.int8)
    graph.graph.initializer.remove(table)
    graph.graph.initializer.extend(
        [
            onnx.numpy_helper.from_array(quantised, f"{name}_int8"),
            onnx.numpy_helper.from_array(scale.astype(np.float32), f"{name}_scale"),
        ]
    )
    nodes = []
    for node in graph.graph.node:
        nodes.append(node)
        if node.op_type != "Gather" or node.input[0] != name:
            continue
        out, ids = node.output[0], node.input[1]
        node.input[0], node.output[0] = f"{name}_int8", f"{out}_int8"
        nodes += [
            onnx.helper.make_node("Gather", [f"{name}_scale", ids], [f"{out}_scale"], axis=0),
            onnx.helper.make_node(
                "Cast", [f"{out}_int8"], [f"{out}_float"], to=onnx.TensorProto.FLOAT
            ),
            onnx.helper.make_node("Mul", [f"{out}_float", f"{out}_scale"], [out]),
        ]
    del graph.graph.node[:]
    graph.graph.node.extend(nodes)
    kept = [info for info in graph.graph.value_info if info.name != name]
    del graph.graph.value_info[:]
    graph.graph.value_info.extend(kept)
    onnx.checker.check_model(graph)
    onnx.save(graph, str(path))


def split_model(folder: Path, part_bytes: int = PART_BYTES) -> None:
    """Replace ``folder/model.onnx`` by ``model.onnx.part-NNN`` pieces if it is larger than
    ``part_bytes``, and record the pieces and the whole file's SHA-256 in config.json."""
    model = folder / "model.onnx"
    data = model.read_bytes()
    if len(data) <= part_bytes:
        return
    for old in folder.glob("model.onnx.part-*"):
        old.unlink()
    parts = []
    for n, first in enumerate(range(0, len(data), part_bytes)):
        name = f"model.onnx.part-{n:03d}"
        (folder / name).write_bytes(data[first : first + part_bytes])
        parts.append(name)
    model.unlink()
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["model_parts"] = parts
    config["model_sha256"] = hashlib.sha256(data).hexdigest()
    (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def write_folder(folder: Path, model_file: Path, tokenizer: Path, config: dict[str, Any]) -> None:
    """A complete artifact folder: model.onnx, tokenizer.json, config.json."""
    folder.mkdir(parents=True, exist_ok=True)
    if model_file != folder / "model.onnx":
        shutil.copyfile(model_file, folder / "model.onnx")
    shutil.copyfile(tokenizer, folder / "tokenizer.json")
    (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def median_ms(call: Callable[[], object], items: int = 1, repeats: int = LATENCY_TARGETS) -> float:
    """Median wall time of ``call`` in ms per item."""
    for _ in range(WARMUP_CALLS):
        call()
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000 / items)
    return statistics.median(times)


def measure(runtime: Any, folder: Path, devs: dict[str, list[recipe.Example]]) -> dict[str, float]:
    """Dev F1m and ms per target of one artifact folder, through the runtime module."""
    enc = runtime.load_target_encoder(folder, threads=1)
    figures: dict[str, float] = {}
    for name, examples in devs.items():
        probs = enc.predict([(e.text, e.start, e.end) for e in examples])
        gold = [e.label for e in examples]
        figures[f"dev_{name}"] = round(float(f1_score(gold, probs.argmax(1), average="macro")), 4)
    targets = [(e.text, e.start, e.end) for ex in devs.values() for e in ex]
    single = itertools.cycle(targets)
    figures["ms_per_target_1"] = round(median_ms(lambda: enc.predict([next(single)])), 2)
    began = time.perf_counter()
    enc.predict(targets, batch_size=BATCH_SIZE)
    figures["ms_per_target_batch"] = round((time.perf_counter() - began) * 1000 / len(targets), 2)
    figures["mb"] = round((folder / "model.onnx").stat().st_size / 2**20, 1)
    return figures


def torch_ms(
    model: torch.nn.Module, rows: list[Any], runtime: Any, pad_id: int, with_mask: bool
) -> float:
    """Median ms per target of a PyTorch model on one thread, one target per call."""
    torch.set_num_threads(1)
    feeds = itertools.cycle([recipe.tensors(runtime, [row], pad_id) for row in rows])

    def call() -> object:
        inputs = next(feeds)
        with torch.inference_mode():
            if with_mask:
                return model(**inputs)
            return model(input_ids=inputs["input_ids"], attention_mask=inputs["attention_mask"])

    return round(median_ms(call), 2)


def check_tokenisation(
    runtime: Any, base_dir: Path, shipped: Path, targets: Sequence[Any], spec: Any
) -> None:
    """Run-time tokenisation from the re-saved file must equal training's, id for id."""
    trained = runtime.encode_target(recipe.build_tokenizer(base_dir), targets, spec)
    loaded = Tokenizer.from_file(str(shipped))
    assert loaded.truncation is None and loaded.padding is None, "tokenizer still truncates/pads"
    assert runtime.encode_target(loaded, targets, spec) == trained, "tokenisation differs"


def choose(figures: dict[str, dict[str, float]]) -> str:
    """The first int8 scheme measured (smallest first) within INT8_TOLERANCE of fp32 on every
    dev file, else fp32."""
    devs = [key for key in figures["fp32"] if key.startswith("dev_")]
    for name in [name for name in figures if name != "fp32"]:
        if all(figures["fp32"][k] - figures[name][k] <= INT8_TOLERANCE for k in devs):
            return name
    return "fp32"


def main(argv: Sequence[str] | None = None) -> None:
    """Export, quantise, measure, choose, copy."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--run", type=Path, required=True)
    p.add_argument("--dev", action="append", metavar="NAME=PATH")
    p.add_argument("--artifact", type=Path, default=DEFAULT_ARTIFACT)
    p.add_argument("--torch-timing", action="store_true")
    p.add_argument("--version", help="artifact version (default: the run's)")
    args = p.parse_args(argv)
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    runtime = recipe.load_runtime_encoder()
    best, work = args.run / "best", args.run / "export"
    model, meta = load_trained(best)
    # Rebuilt from the recipe's current definitions (descriptions may postdate the run).
    args_ = meta["args"]
    frame = meta["config"]["special_tokens"]
    config = recipe.encoder_config(
        args.version or meta["config"]["version"],
        args_["base"],
        meta["config"]["head"],
        int(args_["max_length"]),
        None if args_.get("layers", "None") == "None" else args_["layers"],
        None if frame == recipe.SPECIAL_TOKENS else frame,
    )
    devs = {n: recipe.read_examples(path) for n, path in recipe.dev_files(args.dev).items()}
    targets = [(e.text, e.start, e.end) for ex in devs.values() for e in ex]
    tokenizer = Tokenizer.from_file(str(best / "tokenizer.json"))
    spec = runtime.input_spec(config, tokenizer, best)
    check_tokenisation(runtime, Path(meta["base_dir"]), best / "tokenizer.json", targets, spec)
    rows = runtime.encode_target(tokenizer, targets, spec)

    encoder_config = model.encoder.config
    fused = encoder_config.model_type in FUSED_TYPES
    config["graph"] = GRAPH if fused else GRAPH_UNFUSED
    fp32 = work / "fp32"
    fp32.mkdir(parents=True, exist_ok=True)
    export_onnx(model, recipe.tensors(runtime, rows[:2], spec.pad_id), work / "exported.onnx")
    if fused:
        optimise(
            work / "exported.onnx",
            fp32 / "model.onnx",
            encoder_config.num_attention_heads,
            encoder_config.hidden_size,
            encoder_config.num_hidden_layers,
        )
    else:
        shutil.copyfile(work / "exported.onnx", fp32 / "model.onnx")
    write_folder(fp32, fp32 / "model.onnx", best / "tokenizer.json", config)
    figures: dict[str, Any] = {"fp32": measure(runtime, fp32, devs)}
    keep_fp32 = head_nodes(fp32 / "model.onnx", len(config["labels"]))
    schemes = dict(INT8_SCHEMES) if fused else {**INT8_SCHEMES, FFN_OUTPUT_SCHEME: True}
    ffn_outputs = [
        node.name
        for node in onnx.load(str(fp32 / "model.onnx")).graph.node
        if node.name.endswith(FFN_OUTPUT_NODE)
    ]
    for name, rowwise_embeddings in schemes.items():
        folder = work / name
        folder.mkdir(parents=True, exist_ok=True)
        quantize_dynamic(
            fp32 / "model.onnx",
            folder / "model.onnx",
            op_types_to_quantize=["MatMul", "Attention"],
            per_channel=True,
            weight_type=QuantType.QInt8,
            nodes_to_exclude=keep_fp32 + (ffn_outputs if name == FFN_OUTPUT_SCHEME else []),
            # Shape inference knows no com.microsoft ops; their outputs are fp32.
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
        if rowwise_embeddings:
            quantise_embeddings(folder / "model.onnx", WORD_EMBEDDINGS)
        write_folder(folder, folder / "model.onnx", best / "tokenizer.json", config)
        figures[name] = measure(runtime, folder, devs)
    chosen = choose(figures)
    figures["chosen"] = chosen
    config["quantisation"] = QUANTISATION[chosen]
    if args.torch_timing:
        sample = rows[:LATENCY_TARGETS]
        try:
            fast, _ = load_trained(best, attention="sdpa")  # PyTorch's own fast attention path
        except ValueError:  # an encoder without an sdpa implementation (mpnet)
            fast, _ = load_trained(best)
        figures["torch_ms_per_target_1"] = torch_ms(fast, sample, runtime, spec.pad_id, True)
        roberta = RobertaModel(RobertaConfig(attn_implementation="sdpa")).eval()
        figures["roberta_base_random_ms_per_target_1"] = torch_ms(
            roberta, sample, runtime, spec.pad_id, False
        )
    (work / "metrics.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    args.artifact.mkdir(parents=True, exist_ok=True)
    write_folder(args.artifact, work / chosen / "model.onnx", best / "tokenizer.json", config)
    split_model(args.artifact)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
