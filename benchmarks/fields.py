"""The field test set's figures (corpus/fields): per matched event, how often the date, the place
(within 25 km), the fatalities, actor1 and inter1 are right; see conflictcoder/bench/fields.py.

    python benchmarks/fields.py [--dir corpus/fields] [--batch fa fb] [--misses FILE]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from conflictcoder.bench.fields import FIELDS, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=FIELDS)
    parser.add_argument("--misses", type=Path, help="write each wrong field, gold and coded, here (JSONL)")
    parser.add_argument("--batch", nargs="*", default=[], help="only these batches (file prefixes: fa fb fc fd)")
    args = parser.parse_args()
    figures, misses = run(args.dir, batches=args.batch)
    print(json.dumps(figures, indent=1))
    if args.misses:
        args.misses.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in misses), encoding="utf-8")


if __name__ == "__main__":
    main()
