"""The extract stage measured on the training corpus with held-out detectors: each group of
corpus writers is coded by a detector fitted without them (and with the public examples), so
that a change to the decision or the merge can be judged on training text without reading the
frozen gate and without the in-sample flattery of the shipped model.

    python benchmarks/oof_pipeline.py [--corpus corpus/train] [--cache /tmp/conflictcoder-oof]
                                      [--shared ../shared] [--threshold T] [--propose P ...]

The fold models are cached under --cache, keyed by the corpus, the public data and the feature
code, so a second run (another merge or decision setting) only codes. Prints the same figures as
benchmarks/gate.py's pipeline view.
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
from pathlib import Path

from conflictcoder.bench import gate
from conflictcoder.extract import decide, detector as detector_module, propose
from conflictcoder.settings import Options
from conflictcoder.training import train as training
from conflictcoder.training.examples import CORPUS, written_paragraphs

# writers held out together: each fold keeps about a fifth to a third of the corpus out
FOLDS = 4


def writer_folds(writers: list[str], folds: int = FOLDS) -> list[list[str]]:
    return [writers[i::folds] for i in range(folds)]


def cache_key(corpus: Path, shared: Path) -> str:
    h = hashlib.sha256()
    h.update(training.digest(list(corpus.glob("*.jsonl"))).encode())
    for relative in ("benchmarks/muc4/muc4_train_rawkey.jsonl", "benchmarks/plover_gsr/PLOVER_GSR_CAMEO.txt"):
        path = shared / relative
        if path.exists():
            h.update(path.read_bytes())
    h.update(inspect.getsource(detector_module.features).encode())
    h.update(inspect.getsource(training).encode())
    return h.hexdigest()[:12]


def fold_model(directory: Path, examples, held_out: set[str], temperature: float, threshold: float):
    if not (directory / "model.json").exists():
        kept = [e for e in examples if not (e.source == "corpus" and e.group in held_out)]
        vectorizer, model = training.fit(kept)
        training.write_model(directory, vectorizer, model, temperature, threshold)
    return detector_module.Detector.load(directory)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS / "train")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/conflictcoder-oof"))
    parser.add_argument("--threshold", type=float, default=None,
                        help="the detector's threshold (default: the shipped model's)")
    parser.add_argument("--propose", type=float, nargs="*", default=None,
                        help="thresholds at which the detector proposes events where the patterns find "
                             "none, each measured in turn (default: the shipped setting); 1.01 proposes none")
    args = parser.parse_args()
    shipped = detector_module.detector()
    threshold = args.threshold if args.threshold is not None else shipped.threshold
    examples = training.load_examples(args.shared if args.shared.is_dir() else None, args.corpus)
    by_writer: dict[str, list[dict]] = {}
    for writer, record in written_paragraphs(args.corpus):
        by_writer.setdefault(writer, []).append(record)
    root = args.cache / cache_key(args.corpus, args.shared)
    for propose_threshold in args.propose or [None]:
        verdicts = []
        for k, writers in enumerate(writer_folds(sorted(by_writer))):
            model = fold_model(root / f"fold{k}", examples, set(writers), shipped.temperature, threshold)
            # the decision and the proposals read this fold's model
            decide.detector = propose.detector = lambda model=model: model
            records = [r for w in writers for r in by_writer[w]]
            verdicts += gate.pipeline_verdicts(records, Options(propose_threshold=propose_threshold))
        setting = "shipped" if propose_threshold is None else propose_threshold
        print(gate.figures_text(f"pipeline, writer-held-out detectors, proposals at {setting}: {args.corpus} ({root})",
                                gate.score(verdicts)), flush=True)


if __name__ == "__main__":
    main()
