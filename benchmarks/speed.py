"""Speed and memory of the analysis on the seed articles, and the target encoder's cost, as JSON.

    python benchmarks/speed.py [--rounds 7] [--seeds DIR] [--fp32 DIR] [--dump-targets FILE] \
        [--artifact DIR]
    .venv-train/bin/python benchmarks/speed.py --encoder-only --targets FILE \
        [--fp32 DIR] [--torch RUN] [--roberta]

Whole analysis: for each round every seed is parsed alone (spaCy only) and analysed whole (parse
+ every metric + the comparison with the seed reference), interleaved so both see the same
machine load. Prints median words/s of each, the median per-round ratio whole/parse in wall time
and in CPU time of this process (the parse and the encoder each run on one thread, so on a
shared, loaded machine the CPU-time ratio is the steadier of the two), and the process's peak
resident memory (``ru_maxrss``: the most a worker holding these resources reaches) and the
1-minute load average before and after the rounds.

Target encoder: every actor mention of the seeds, as the analysis sends it (its sentence, the
speaker's own words cut), scored one call per target on the one inference thread the service
uses: ms per target in wall and CPU time, median over rounds, for the shipped int8 model and,
with ``--fp32``, an fp32 artifact folder of the same model (``training/runs/NAME/export/fp32``
after an export).

``--artifact DIR`` runs everything with another target-encoder artifact folder in place of the
shipped one (a candidate model's ``RUN/export/<scheme>``), the same way.

``--encoder-only`` times the encoder alone on targets written by ``--dump-targets``, without
spaCy, so it runs in the training environment (``.venv-train``, which has PyTorch; the runtime
never does): ``--torch RUN`` adds the same fine-tuned model in PyTorch (``RUN/best``, sdpa
attention), ``--roberta`` a RoBERTa-base forward pass with random weights (a ``transformers``
``RobertaModel(RobertaConfig())``: no weights are downloaded, and random weights cost the same
as trained ones) on the same token ids and masks, and the ratio of each to the int8 model.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTIFACT = ROOT / "scoring" / "sentiment" / "models" / "target_encoder"
Target = tuple[str, int, int]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--fp32", type=Path, help="an fp32 artifact folder to time beside int8")
    parser.add_argument("--dump-targets", type=Path, help="write the seed targets here (JSON)")
    parser.add_argument("--artifact", type=Path, help="a target-encoder folder to use instead")
    parser.add_argument("--encoder-only", action="store_true", help="time the encoder alone")
    parser.add_argument("--targets", type=Path, help="targets for --encoder-only (JSON)")
    parser.add_argument("--torch", type=Path, help="with --encoder-only: a training run to time")
    parser.add_argument("--roberta", action="store_true", help="with --encoder-only: RoBERTa-base")
    args = parser.parse_args(argv)
    if args.encoder_only:
        if args.targets is None:
            parser.error("--encoder-only needs --targets (written by --dump-targets)")
        targets = [tuple(t) for t in json.loads(args.targets.read_text(encoding="utf-8"))]
        runtime = runtime_encoder()
        shipped = runtime.load_target_encoder(args.artifact or ARTIFACT, threads=1)
        figures = encoder_figures(
            runtime, shipped, targets, args.rounds, args.fp32, args.torch, args.roberta
        )
    else:
        figures = analysis_figures(args)
    print(json.dumps(figures, indent=2))
    return 0


def analysis_figures(args: argparse.Namespace) -> dict[str, Any]:
    """Whole analysis against the parse alone, then the encoder on the seed targets."""
    from scoring import read_folder
    from scoring.analyze import analyze, fit_reference
    from scoring.resources import load_resources
    from scoring.sentiment import encoder
    from scoring.text.words import count_words

    if args.artifact is not None:
        # Point the runtime's default at the candidate, so the shipped model is never loaded and
        # the peak memory is the candidate's.
        candidate = args.artifact
        encoder.default_artifact = lambda: candidate  # type: ignore[assignment]
    resources = load_resources()
    reference = fit_reference(read_folder(args.seeds), resources=resources)
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.seeds.glob("*.txt"))]
    words = sum(count_words(resources.nlp(t)) for t in texts)
    parse_wall, parse_cpu, whole_wall, whole_cpu = [], [], [], []
    load_before = os.getloadavg()
    for _ in range(args.rounds):
        wall, cpu = _timed(lambda: [resources.nlp(text) for text in texts])
        parse_wall.append(wall)
        parse_cpu.append(cpu)
        wall, cpu = _timed(
            lambda: [analyze(text, resources=resources, reference=reference) for text in texts]
        )
        whole_wall.append(wall)
        whole_cpu.append(cpu)
    ratios = [w / p for w, p in zip(whole_wall, parse_wall, strict=True)]
    cpu_ratios = [w / p for w, p in zip(whole_cpu, parse_cpu, strict=True)]
    targets = seed_targets(resources, texts)
    if args.dump_targets:
        args.dump_targets.write_text(json.dumps(targets), encoding="utf-8")
    figures = {
        "articles": len(texts),
        "words": words,
        "rounds": args.rounds,
        "parse_words_per_s": round(words / statistics.median(parse_wall)),
        "analysis_words_per_s": round(words / statistics.median(whole_wall)),
        "analysis_over_parse_ratio": round(statistics.median(ratios), 3),
        "ratio_min_max": [round(min(ratios), 3), round(max(ratios), 3)],
        "analysis_over_parse_cpu_ratio": round(statistics.median(cpu_ratios), 3),
        "cpu_ratio_min_max": [round(min(cpu_ratios), 3), round(max(cpu_ratios), 3)],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "sentiment_model": resources.sentiment_model.version,
        # 1-minute load average before and after the rounds: how shared the machine was.
        "load_average": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
    }
    shipped = resources.sentiment_model
    figures.update(encoder_figures(encoder, shipped, targets, args.rounds, args.fp32, None, False))
    return figures


def seed_targets(resources: Any, texts: Sequence[str]) -> list[Target]:
    """(text, start, end) of every actor mention of the texts, exactly as the analysis sends them
    to the encoder (its sentence, the speaker's own words cut): the inputs of each article's
    ``explain`` call, recorded while analysing."""
    from scoring.analyze import analyze

    encoder = resources.sentiment_model
    recorded: list[Target] = []
    explain = type(encoder).explain

    def record(self: Any, targets: Sequence[Target], **kwargs: Any) -> Any:
        recorded.extend(targets)
        return explain(self, targets, **kwargs)

    type(encoder).explain = record  # type: ignore[method-assign]
    try:
        for text in texts:
            analyze(text, resources=resources, reference=None)
    finally:
        type(encoder).explain = explain  # type: ignore[method-assign]
    return [(text, start, end) for text, start, end in recorded]


def encoder_figures(
    runtime: ModuleType,
    int8: Any,
    targets: Sequence[Target],
    rounds: int,
    fp32: Path | None,
    run: Path | None,
    roberta: bool,
) -> dict[str, Any]:
    """ms per target, one target per call, on one thread: int8 (shipped), fp32, PyTorch..."""
    rows = runtime.encode_target(int8.tokenizer, targets, int8.spec)
    figures: dict[str, Any] = {
        "encoder_targets": len(targets),
        "encoder_tokens_per_target": round(statistics.mean(len(ids) for ids, _, _ in rows), 1),
    }
    timed: dict[str, Callable[[int], object]] = {
        "onnx_int8": lambda i: int8.explain([targets[i]]),
    }
    if fp32 is not None:
        full = runtime.load_target_encoder(fp32, threads=1)
        timed["onnx_fp32"] = lambda i: full.explain([targets[i]])
    if run is not None or roberta:
        timed.update(_torch_calls(runtime, rows, int8.spec.pad_id, run, roberta))
    per_target = {name: _per_target(call, len(targets), rounds) for name, call in timed.items()}
    for name, (wall, cpu) in per_target.items():
        figures[f"{name}_ms_per_target"] = round(1000 * wall, 2)
        figures[f"{name}_cpu_ms_per_target"] = round(1000 * cpu, 2)
    figures["sentiment_model_timed"] = int8.version
    figures["encoder_targets_per_s"] = round(1 / per_target["onnx_int8"][0], 1)
    figures["encoder_ms_per_target"] = figures["onnx_int8_ms_per_target"]
    for name in per_target:
        if name != "onnx_int8":
            figures[f"{name}_over_int8_cpu"] = round(
                per_target[name][1] / per_target["onnx_int8"][1], 2
            )
    return figures


def _torch_calls(
    runtime: ModuleType, rows: Sequence[Any], pad_id: int, run: Path | None, roberta: bool
) -> dict[str, Callable[[int], object]]:
    """PyTorch calls on the same padded rows, one thread (training environment only)."""
    import torch  # only in .venv-train

    sys.path.insert(0, str(ROOT / "training"))
    import export_target_encoder as export
    import train_target_encoder as recipe

    torch.set_num_threads(1)
    feeds = [recipe.tensors(runtime, [row], pad_id) for row in rows]
    calls: dict[str, Callable[[int], object]] = {}
    if run is not None:
        model, _ = export.load_trained(run / "best", attention="sdpa")

        def fine_tuned(i: int) -> object:
            with torch.inference_mode():
                return model(**feeds[i])

        calls["torch_fp32"] = fine_tuned
    if roberta:
        from transformers import RobertaConfig, RobertaModel

        base = RobertaModel(RobertaConfig(attn_implementation="sdpa")).eval()

        def roberta_base(i: int) -> object:
            inputs = feeds[i]
            with torch.inference_mode():
                return base(input_ids=inputs["input_ids"], attention_mask=inputs["attention_mask"])

        calls["roberta_base_random_torch"] = roberta_base
    return calls


def _per_target(call: Callable[[int], object], n: int, rounds: int) -> tuple[float, float]:
    """Median over rounds of (wall, CPU) seconds per target, every target called alone."""
    for i in range(min(n, 10)):  # lazy allocations and caches out of the figure
        call(i)
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = _timed(lambda: [call(i) for i in range(n)])
        walls.append(wall / n)
        cpus.append(cpu / n)
    return statistics.median(walls), statistics.median(cpus)


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds (this process) that ``work`` took."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def runtime_encoder() -> ModuleType:
    """scoring/sentiment/encoder.py imported by path (no spaCy, no other scoring module)."""
    path = ROOT / "scoring" / "sentiment" / "encoder.py"
    spec = importlib.util.spec_from_file_location("target_encoder_runtime", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    raise SystemExit(main())
