"""Time to code one very long article, to check that work grows about linearly with length.

    python benchmarks/long_article.py                       # 60k, 250k, 500k and 1M characters
    python benchmarks/long_article.py --sizes 500000 --profile

The article is built from the project's own example articles (examples/articles), one after
another, each copy with its numbers and its day changed, until it has the size asked for: a
long live blog of many reports. It is coded in one process, with no time limit, after a warm-up
(model loading is not timed). It prints seconds per size (wall clock and this process's CPU time) and whether 500k characters coded in
under 30 s and 1M in under 60 s (the bounds of issue 16): a figure to read, not a test.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples" / "articles"
BOUNDS = {500_000: 30.0, 1_000_000: 60.0}
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_text(size: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    parts, n, i = [], 0, 0
    while n < size:
        body = texts[i % len(texts)]
        body = re.sub(r"\b\d+\b", lambda m: str(int(m.group(0)) + i % 7), body)
        body = re.sub("|".join(DAYS), DAYS[i % 7], body)
        parts.append(f"Update {i + 1}:\n{body.strip()}\n\n")
        n += len(parts[-1])
        i += 1
    return "".join(parts)[:size]


def code_once(text: str, options) -> tuple[float, int]:
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document

    doc = Document(doc_id="long", text=text, published=date(2024, 6, 20))
    started, cpu = time.perf_counter(), time.process_time()
    (result,) = list(code_documents([doc], options))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if result.failure is not None:
        sys.exit(f"failed: [{result.failure.code}] {result.failure.reason}")
    return elapsed, cpu, len(result.events)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[60_000, 250_000, 500_000, 1_000_000])
    ap.add_argument("--profile", action="store_true", help="print the 25 costliest functions of each size")
    args = ap.parse_args()
    from conflictcoder.settings import Options

    options = Options(doc_time_limit_s=0)
    code_once(long_text(3000), options)  # warm-up: the model, the gazetteer, the date parser
    verdicts = []
    for size in args.sizes:
        text = long_text(size)
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
        elapsed, cpu, n_events = code_once(text, options)
        if args.profile:
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        print(f"{len(text):>9,} characters: {elapsed:6.1f} s wall, {cpu:6.1f} s CPU, {n_events} events, "
              f"{cpu / len(text) * 1e6:.1f} CPU s per million characters", flush=True)
        if size in BOUNDS:
            # CPU time of this process: the bound is for one core, and a shared machine's other
            # processes stretch the wall clock (both are printed)
            ok = cpu < BOUNDS[size]
            verdicts.append(ok)
            print(f"  {'under' if ok else 'OVER'} the bound of {BOUNDS[size]:.0f} s (CPU)")
    if verdicts:
        print("all bounds met" if all(verdicts) else "some bounds missed")


if __name__ == "__main__":
    main()
