"""Recall of the relevance stage (src/conflictcoder/relevance.py) on gold event texts.

    python benchmarks/relevance_recall.py            # gold recall, skip rates, speed (seconds)
    python benchmarks/relevance_recall.py --events   # also: events the full pipeline loses (minutes)

Gold sets, read from ../shared at run time (nothing is copied from them):
* seeds: the `evidence` sentence of every required gold event, judged alone (sentence level);
* ISAF press releases: texts whose gold has killed or captured > 0 (document level);
* MUC-4 dev (TST1+TST2): texts with at least one template (document level).
Target: >= 0.98 of each kept. Also printed: the share of the other texts skipped, and with
--events, the events the full pipeline codes with the stage off that it loses with it on.
Without ../shared the script says so and exits 2.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_sets(shared: Path) -> dict[str, tuple[list[str], list[str]]]:
    """name -> (texts that must be kept, the other texts)."""
    seeds = [r["evidence"] for r in load_jsonl(shared / "gold" / "seeds.events.jsonl")
             if r.get("status") == "required" and r.get("evidence")]
    isaf = load_jsonl(shared / "benchmarks" / "isaf_press_releases" / "isaf_press_releases_visible.jsonl")

    def isaf_event(r: dict) -> bool:
        gold = r.get("gold") or {}
        return (gold.get("min_killed") or 0) > 0 or (gold.get("min_captured") or 0) > 0

    muc = load_jsonl(shared / "benchmarks" / "muc4" / "muc4_dev_rawkey.jsonl")
    return {
        "seeds (evidence sentences)": (seeds, []),
        "ISAF (killed or captured > 0)": ([r["text"] for r in isaf if isaf_event(r)],
                                          [r["text"] for r in isaf if not isaf_event(r)]),
        "MUC-4 dev (with templates)": ([r["text"] for r in muc if r.get("templates")],
                                       [r["text"] for r in muc if not r.get("templates")]),
    }


def event_loss(shared: Path, workers: int) -> None:
    """Code ISAF, MUC-4 dev and SATP dev with the stage off; count events in skipped texts."""
    from conflictcoder.ingest.files import parse_published
    from conflictcoder.parallel import code_documents_parallel
    from conflictcoder.records import Document
    from conflictcoder.relevance import is_relevant
    from conflictcoder.settings import Options

    sets = {"ISAF": "isaf_press_releases/isaf_press_releases_visible.jsonl",
            "MUC-4 dev": "muc4/muc4_dev_rawkey.jsonl", "SATP dev (all)": "satp/satp_all_dev.jsonl"}
    print("\nevents coded with the stage off, and how many of them it keeps:")
    for name, rel in sets.items():
        rows = load_jsonl(shared / "benchmarks" / rel)
        docs = [Document(doc_id=r["doc_id"], text=r["text"], published=parse_published(r.get("published")))
                for r in rows]
        keep = {d.doc_id: is_relevant(d.text) for d in docs}
        start = time.perf_counter()
        n_ev = kept_ev = n_docs = kept_docs = 0
        for res in code_documents_parallel(docs, Options(relevance_filter=False), workers=workers):
            if res.events:
                n_docs += 1
                n_ev += len(res.events)
                if keep[res.document.doc_id]:
                    kept_docs += 1
                    kept_ev += len(res.events)
        print(f"  {name:<16} documents with events {kept_docs}/{n_docs} = {kept_docs / max(1, n_docs):.3f}; "
              f"events {kept_ev}/{n_ev} = {kept_ev / max(1, n_ev):.3f}  ({time.perf_counter() - start:.0f} s)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--events", action="store_true", help="also run the full pipeline and count lost events")
    ap.add_argument("--workers", type=int, default=0, help="processes for --events (0: every core)")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    if not (args.shared / "gold").exists() or not (args.shared / "benchmarks").exists():
        print(f"{args.shared} is absent (gold and benchmarks): nothing to measure.", file=sys.stderr)
        return 2
    from conflictcoder.relevance import judge

    print("relevance stage: share of gold event texts kept (target >= 0.98)")
    ok = True
    total_time, total_docs = 0.0, 0
    for name, (events, others) in gold_sets(args.shared).items():
        start = time.perf_counter()
        verdicts = [judge(t) for t in events]
        other_kept = sum(judge(t).relevant for t in others)
        total_time += time.perf_counter() - start
        total_docs += len(events) + len(others)
        kept = sum(v.relevant for v in verdicts)
        recall = kept / max(1, len(events))
        ok &= recall >= 0.98
        extra = f"; other texts skipped {len(others) - other_kept}/{len(others)}" if others else ""
        print(f"  {name:<32} kept {kept}/{len(events)} = {recall:.3f}{extra}")
        if args.show_misses:
            for text, v in zip(events, verdicts):
                if not v.relevant:
                    print(f"      missed ({v.reason}): {text[:120]!r}")
    print(f"  speed: {total_time / max(1, total_docs) * 1e6:.0f} microseconds a text")
    print("target met" if ok else "TARGET NOT MET")
    if args.events:
        event_loss(args.shared, args.workers or None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
