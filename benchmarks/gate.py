"""The frozen gate's figures: detection and sub-event typing on corpus/gate, by the detector alone
and by the extract stage, with the reliability table of their confidence.

    python benchmarks/gate.py [--view model|pipeline] [--patterns-only] [--dir corpus/train]

`--patterns-only` measures the extract stage without the detector (every candidate of the
patterns kept, typed by them): what the coder did before the model. `--dir` measures another
labelled folder (the training part gives in-sample figures, not a test).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from conflictcoder.bench.gate import GATE, figures_text, run_gate
from conflictcoder.settings import Options


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--view", choices=["model", "pipeline"], action="append")
    parser.add_argument("--patterns-only", action="store_true")
    parser.add_argument("--dir", type=Path, default=GATE)
    args = parser.parse_args()
    views = args.view or (["pipeline"] if args.patterns_only else ["model", "pipeline"])
    figures = run_gate(args.dir, views, Options(detector=not args.patterns_only))
    for view, result in figures.items():
        print(figures_text(f"{view}{' (patterns only)' if args.patterns_only else ''}: {args.dir}", result))


if __name__ == "__main__":
    main()
