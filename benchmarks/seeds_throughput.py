"""Throughput of the whole pipeline on the seed articles, for comparing two revisions.

    python benchmarks/seeds_throughput.py                      # this checkout
    python benchmarks/seeds_throughput.py --src /tmp/old/src   # another revision's source tree

The seeds (../shared/seeds) are coded `--repeat` times over, each copy under its own id, in one
process after one warm-up pass (model loading is not timed). It prints articles per second and
milliseconds per article: a figure to read and compare, not a test. Issue 3 asks that extraction
work does not cut it by more than a third; compare against a checkout of the revision before it
(`git worktree add /tmp/old <rev>` then `--src /tmp/old/src`).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[1] / "shared" / "seeds"


def seed_texts(seeds: Path) -> list[tuple[str, str, date | None]]:
    rows = []
    with open(seeds / "meta.jsonl", encoding="utf-8") as fh:
        for line in fh:
            meta = json.loads(line)
            text = (seeds / meta["file"]).read_text(encoding="utf-8", errors="replace")
            published = date.fromisoformat(meta["published"]) if meta.get("published") else None
            rows.append((meta["doc_id"], text, published))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, help="source tree to import conflictcoder from (default: installed)")
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    if args.src:
        sys.path.insert(0, str(args.src.resolve()))
    if not (args.seeds / "meta.jsonl").exists():
        sys.exit(f"no seeds at {args.seeds}: this benchmark needs ../shared/seeds")
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document
    import conflictcoder

    rows = seed_texts(args.seeds)

    def documents(copies: int):
        return [Document(doc_id=f"{doc_id}#{i}", text=text, published=published)
                for i in range(copies) for doc_id, text, published in rows]

    n_events = sum(len(r.events) for r in code_documents(documents(1)))  # warm-up: loads the models
    docs = documents(args.repeat)
    start = time.perf_counter()
    results = list(code_documents(docs))
    elapsed = time.perf_counter() - start
    print(f"conflictcoder from {Path(conflictcoder.__file__).parent}")
    print(f"{len(docs)} seed articles ({len(rows)} x {args.repeat}), {n_events} events per pass")
    print(f"{len(docs) / elapsed:.1f} articles/s, {1000 * elapsed / len(docs):.1f} ms/article, "
          f"{sum(len(r.events) for r in results)} events")


if __name__ == "__main__":
    main()
