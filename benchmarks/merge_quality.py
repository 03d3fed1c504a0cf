"""Pairwise merge precision and recall on the duplicate-stress corpus, coded end to end.

    .venv/bin/python benchmarks/merge_quality.py [--corpus DIR] [--show-errors]

Writes the corpus with make_dupe_corpus.py (unless --corpus names one), codes every document with
the real pipeline into a fresh DuckDB store (incremental merging, one document at a time) and
also merges the same per-document events in memory (what `code --no-db` does). A pair of
documents is *predicted* merged when an event of one shares its event_id with an event of the
other, and *truly* merged when they tell a common base event. Prints pairwise precision, recall
and F1 for both paths, and the documents that gave no event.
"""
from __future__ import annotations

import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def pairs_from(groups) -> set[tuple[str, str]]:
    out = set()
    for docs in groups:
        for a, b in itertools.combinations(sorted(set(docs)), 2):
            out.add((a, b))
    return out


def scores(pred: set, truth: set) -> dict:
    tp = len(pred & truth)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(truth) if truth else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"pairs_predicted": len(pred), "pairs_true": len(truth), "correct": tp,
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def predicted_groups(records) -> list[list[str]]:
    return [[s["doc_id"] for s in r.get("sources", [])] for r in records]


def main(argv: list[str]) -> None:
    from conflictcoder.merge_across import CrossDocMerger
    from conflictcoder.pipeline import code_paths
    from conflictcoder.records import Failure
    from conflictcoder.service import save_document
    from conflictcoder.store import open_store

    corpus = Path(argv[argv.index("--corpus") + 1]) if "--corpus" in argv else None
    if corpus is None:
        import make_dupe_corpus

        corpus = HERE / "out" / "dupe_corpus"
        make_dupe_corpus.write(corpus)
    truth_rows = [json.loads(l) for l in open(corpus / "truth.jsonl", encoding="utf-8")]
    by_event: dict[str, list[str]] = {}
    for row in truth_rows:
        for e in row["events"]:
            by_event.setdefault(e, []).append(row["doc_id"])
    truth = pairs_from(by_event.values())

    t0 = time.perf_counter()
    merger = CrossDocMerger()
    no_event, n_docs = [], 0
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "dupes.duckdb") as store:
        for result in code_paths([corpus / "docs"], corpus / "meta.jsonl"):
            if isinstance(result, Failure) or result.failure is not None:
                print("failed:", result)
                continue
            n_docs += 1
            if not result.events:
                no_event.append(result.document.doc_id)
            save_document(store, result.document, result.events)
            merger.add_document(result.document.doc_id, result.events)
        stored = list(store.records())
        counts = store.counts()
    elapsed = time.perf_counter() - t0
    memory = [e.to_record() for e in merger.events()]

    print(f"corpus: {corpus} ({n_docs} documents, {len(by_event)} real events, {len(truth)} true pairs)")
    print(f"coded in {elapsed:.1f}s; store: {counts}")
    for name, records in (("store (incremental)", stored), ("in memory (--no-db)", memory)):
        s = scores(pairs_from(predicted_groups(records)), truth)
        print(f"{name}: precision={s['precision']} recall={s['recall']} f1={s['f1']} "
              f"(predicted pairs {s['pairs_predicted']}, correct {s['correct']}, true {s['pairs_true']})")
    if no_event:
        print(f"{len(no_event)} documents gave no event: {', '.join(sorted(no_event)[:15])}")
    if "--show-errors" in argv:
        truth_of = {r["doc_id"]: set(r["events"]) for r in truth_rows}
        for r in stored:
            docs = sorted({s["doc_id"] for s in r["sources"]})
            if len(docs) > 1 and not set.intersection(*(truth_of[d] for d in docs)):
                print("false merge:", r["event_id"], r["sub_event_type"], r["location"], r["event_date"], docs)
        clusters_of: dict[str, set] = {}
        for r in stored:
            for src in r["sources"]:
                clusters_of.setdefault(src["doc_id"], set()).add(r["event_id"])
        for k, docs in sorted(by_event.items()):
            missed = [(a, b) for a, b in itertools.combinations(sorted(docs), 2)
                      if not clusters_of.get(a, set()) & clusters_of.get(b, set())]
            if missed:
                alone = sorted({d for pair in missed for d in pair})
                print(f"split: {k}: {len(missed)} pairs missed, docs involved: {', '.join(alone[:12])}")
                for d in alone[:12]:
                    for r in stored:
                        if r["event_id"] in clusters_of.get(d, ()):
                            print(f"     {d}: {r['event_id']} {r['sub_event_type']} | {r['location']} "
                                  f"{r['iso3']} | {r['event_date']} p{r['time_precision']} | {r['fatalities']} killed")

if __name__ == "__main__":
    main(sys.argv[1:])
