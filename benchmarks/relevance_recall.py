"""Recall of the relevance stage (src/conflictcoder/relevance/) on gold event texts.

    python benchmarks/relevance_recall.py            # gold recall, skip rates, speed (seconds)
    python benchmarks/relevance_recall.py --events   # also: events the full pipeline loses (minutes)
    python benchmarks/relevance_recall.py --threshold 0.3   # another Options.relevance_threshold

First the parse plan (relevance.parse_plan: the blocks that go to the parser), target >= 0.99:
* seeds: the share of the `evidence` sentences of the required gold events (whole articles from
  ../shared/seeds, cleaned as the pipeline cleans them) that lie inside a planned span;
* ISAF: the releases whose gold has killed or captured > 0 with a plan (document level);
* MUC-4 dev: the texts with a template with a plan (document level), and the share of the gold
  role fillers (target, victim, instrument, perpetrator strings of the keys) whose first
  occurrence in the text lies inside a planned span (the sentences that tell the incidents);
* the share of documents and characters planned for the texts without gold events.
Then the keyword test alone on whole texts (relevance.judge), as before:

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


def cleaned(doc_id: str, text: str):
    from conflictcoder.clean import clean_document
    from conflictcoder.records import Document

    return clean_document(Document(doc_id=doc_id, text=text))


def squash(text: str) -> tuple[str, list[int]]:
    """Lower-case letters and digits only, and where each came from (to find a quote in a text
    whatever its spacing, quotes and dashes)."""
    kept, where = [], []
    for i, ch in enumerate(text):
        if ch.isalnum():
            kept.append(ch.lower())
            where.append(i)
    return "".join(kept), where


def covered(plan: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in plan)


def plan_recall(shared: Path, options, show_misses: bool = False) -> bool:
    """The parse plan's recall of gold event sentences and fillers, and its parse share."""
    import re

    from conflictcoder.relevance import parse_plan

    which = options.relevance_threshold if options.relevance_threshold is not None else "of the model card"
    print(f"parse plan (relevance.parse_plan, threshold {which}): "
          "share of gold events kept (target >= 0.99)")
    ok = True

    def report(name: str, kept: int, total: int) -> None:
        nonlocal ok
        ok &= kept >= 0.99 * total
        print(f"  {name:<44} {kept}/{total} = {kept / max(1, total):.3f}")

    # seeds: the evidence sentences, found in the cleaned article
    metas = {m["doc_id"]: m for m in load_jsonl(shared / "seeds" / "meta.jsonl")}
    plans, texts = {}, {}
    for doc_id, meta in metas.items():
        clean = cleaned(doc_id, (shared / "seeds" / meta["file"]).read_text(encoding="utf-8"))
        plans[doc_id], texts[doc_id] = parse_plan(clean, options), squash(clean.text)
    kept = total = 0
    for r in load_jsonl(shared / "gold" / "seeds.events.jsonl"):
        if r.get("status") != "required" or not r.get("evidence") or r["doc_id"] not in plans:
            continue
        flat, where = texts[r["doc_id"]]
        quote = squash(r["evidence"])[0]
        at = flat.find(quote)
        total += 1
        if at >= 0 and covered(plans[r["doc_id"]], where[at], where[at + len(quote) - 1] + 1):
            kept += 1
        elif show_misses:
            print(f"      missed: {r['id']}")
    report("seeds (evidence sentences in their articles)", kept, total)
    # ISAF: documents
    rows = load_jsonl(shared / "benchmarks" / "isaf_press_releases" / "isaf_press_releases_visible.jsonl")
    gold = [r for r in rows if (r["gold"].get("min_killed") or 0) > 0 or (r["gold"].get("min_captured") or 0) > 0]
    report("ISAF (killed or captured > 0), documents", sum(bool(parse_plan(cleaned(r["doc_id"], r["text"]), options))
                                                         for r in gold), len(gold))
    # MUC-4 dev: documents, and the fillers' first occurrences
    quoted = re.compile(r'"([^"]+)"')
    slots = ("phys_tgt_id", "hum_tgt_name", "hum_tgt_description", "incident_instrument_id",
             "perp_individual_id", "perp_organization_id")
    docs_kept = n_docs = fill_kept = fills = 0
    for r in load_jsonl(shared / "benchmarks" / "muc4" / "muc4_dev_rawkey.jsonl"):
        if not r.get("templates"):
            continue
        clean = cleaned(r["doc_id"], r["text"])
        plan = parse_plan(clean, options)
        n_docs += 1
        docs_kept += bool(plan)
        flat, where = squash(clean.text)
        names = {q for t in r["templates"] for slot in slots for v in t.get(slot, []) for q in quoted.findall(v)}
        for name in sorted(names):
            quote = squash(name)[0]
            at = flat.find(quote) if quote else -1
            if at < 0:
                continue
            fills += 1
            fill_kept += covered(plan, where[at], where[at + len(quote) - 1] + 1)
    report("MUC-4 dev (with templates), documents", docs_kept, n_docs)
    report("MUC-4 dev, gold fillers inside the plan", fill_kept, fills)
    # what the other texts send to the parser
    others = [r for r in rows if r not in gold]
    muc_none = [r for r in load_jsonl(shared / "benchmarks" / "muc4" / "muc4_dev_rawkey.jsonl") if not r.get("templates")]
    bbc = load_jsonl(shared / "benchmarks" / "bbc" / "bbc_news_dev.jsonl")
    for name, texts_ in (("ISAF, the other releases", others), ("MUC-4 dev, texts without templates", muc_none),
                         ("BBC dev", bbc)):
        n_planned = chars = planned = 0
        for r in texts_:
            clean = cleaned(r["doc_id"], r["text"])
            plan = parse_plan(clean, options)
            n_planned += bool(plan)
            chars += len(clean.text)
            planned += sum(e - s for s, e in plan)
        print(f"  {name:<44} documents planned {n_planned}/{len(texts_)} = {n_planned / max(1, len(texts_)):.3f}; "
              f"characters {planned / max(1, chars):.3f}")
    return ok


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
    ap.add_argument("--threshold", type=float, default=None, help="Options.relevance_threshold (default: the model's)")
    args = ap.parse_args(argv)
    if not (args.shared / "gold").exists() or not (args.shared / "benchmarks").exists():
        print(f"{args.shared} is absent (gold and benchmarks): nothing to measure.", file=sys.stderr)
        return 2
    from conflictcoder.relevance import judge

    from conflictcoder.settings import Options

    ok_plan = plan_recall(args.shared, Options(relevance_threshold=args.threshold), args.show_misses)
    print("keyword test alone (relevance.judge), whole texts: share of gold event texts kept (target >= 0.98)")
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
    print("parse plan: " + ("target met" if ok_plan else "TARGET NOT MET"))
    if args.events:
        event_loss(args.shared, args.workers or None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
