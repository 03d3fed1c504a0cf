"""Benchmark adapters: code a development set of ../shared/benchmarks and score it the way the
benchmarks README ("How the figures in the issues are computed") and shared/tools score it.

    from conflictcoder.bench import run_benchmark
    figures = run_benchmark("isaf", shared_dir)

Each adapter module has `run(shared_dir, options=None, limit=None, pred_out=None) -> dict`;
`pred_out` writes the predictions so the shared scorer can be run on them too.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from .. import errors

# name -> "module:function"; adapters for other sets add themselves here
BENCHMARKS: dict[str, str] = {
    "muc4": "conflictcoder.bench.muc4:run",
    "isaf": "conflictcoder.bench.isaf:run",
    "case2021": "conflictcoder.bench.case2021:run",
    "satp": "conflictcoder.bench.satp:run",
    "bbc": "conflictcoder.bench.bbc:run",
    "geovirus": "conflictcoder.bench.geo:run_geovirus",
    "trnews": "conflictcoder.bench.geo:run_trnews",
}


def run_benchmark(name: str, shared_dir: str | Path, **kwargs) -> dict:
    if name not in BENCHMARKS:
        raise errors.EvalError(f"unknown benchmark {name!r}.", fix=f"Choose one of {', '.join(sorted(BENCHMARKS))}.")
    shared = Path(shared_dir)
    if not (shared / "benchmarks").is_dir():
        raise errors.EvalError(f"no benchmarks folder in {shared}.",
                               fix="Give --shared DIR, the folder that holds benchmarks/ (../shared beside the checkout).")
    module, func = BENCHMARKS[name].split(":")
    return getattr(importlib.import_module(module), func)(shared, **kwargs)
