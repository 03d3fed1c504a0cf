"""Throughput of `conflictcoder` against bare spaCy on real news only: no generated text.

    python benchmarks/throughput_real.py                         # mixed 1k + violence-only, pipeline and spaCy
    python benchmarks/throughput_real.py --sizes 1000 10000      # the scaling curve (spaCy on the 1k only)
    python benchmarks/throughput_real.py --workers 1             # one process (spaCy gets one too)
    python benchmarks/throughput_real.py --no-relevance-filter   # the pipeline parsing everything
    python benchmarks/throughput_real.py --repeats 3             # pipeline and spaCy alternated 3 times, median ratio

The corpora are built at run time from ../shared (read there, never copied into the repository;
written to --corpus-dir, /tmp by default):
* mixed: real articles, about 1 in 10 from sets about violence. The others are the BBC
  development half (business, entertainment, politics, sport, tech), GeoVirus (disease-outbreak
  news) and TR-News (local and world news), benchmarks/geoparsing; the violent ones are the ISAF
  press releases, MUC-4 dev (TST1+TST2, every text: its irrelevant texts are wire copy about
  the same conflicts) and the five seeds. A corpus larger than the sets (10k) repeats documents
  (each copy its own doc_id), in a shuffled order; the printout says how many are distinct.
* violent: violence-only text, the ISAF releases that report someone killed or captured, the
  MUC-4 dev texts with a template and the seeds, repeated to reach --violent-size.

For each corpus it runs, each in a fresh process that it watches (benchmarks/throughput.py's
machinery): the pipeline end to end (read the JSONL, clean, relevance, parse, extract, resolve,
merge, write every event to a JSONL file) on --workers processes, and bare spaCy (the same
model with every component, `nlp.pipe` over the same texts, n_process = --workers). It prints
articles/s, peak resident memory of the process tree, the share of documents and of characters
that went to the parser, and the ratio of the pipeline's articles/s to spaCy's. Figures to read,
not a test. Without ../shared it says so and exits 2.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
sys.path.insert(0, str(HERE))

import throughput as tp  # noqa: E402  (the measured processes and the watcher)

OTHER_SETS = ("bbc/bbc_news_dev.jsonl", "geoparsing/geovirus.jsonl", "geoparsing/trnews.jsonl")
ISAF = "isaf_press_releases/isaf_press_releases_visible.jsonl"
MUC4_DEV = "muc4/muc4_dev_rawkey.jsonl"
VIOLENT_SHARE = 0.1


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def doc(row: dict, prefix: str) -> dict:
    return {"doc_id": f"{prefix}:{row['doc_id']}", "text": row["text"], "published": row.get("published")}


def seeds(shared: Path) -> list[dict]:
    out = []
    for meta in load_jsonl(shared / "seeds" / "meta.jsonl"):
        text = (shared / "seeds" / meta["file"]).read_text(encoding="utf-8")
        out.append({"doc_id": f"seed:{meta['doc_id']}", "text": text, "published": meta.get("published")})
    return out


def pools(shared: Path) -> dict[str, list[dict]]:
    bench = shared / "benchmarks"
    other = [doc(r, Path(name).stem) for name in OTHER_SETS for r in load_jsonl(bench / name)]
    isaf = load_jsonl(bench / ISAF)
    muc = load_jsonl(bench / MUC4_DEV)
    violent = [doc(r, "isaf") for r in isaf] + [doc(r, "muc4") for r in muc] + seeds(shared)

    def reports(r: dict) -> bool:
        gold = r.get("gold") or {}
        return (gold.get("min_killed") or 0) > 0 or (gold.get("min_captured") or 0) > 0

    violent_only = ([doc(r, "isaf") for r in isaf if reports(r)]
                    + [doc(r, "muc4") for r in muc if r.get("templates")] + seeds(shared))
    return {"other": other, "violent": violent, "violent_only": violent_only}


def draw(pool: list[dict], n: int, rng: random.Random) -> list[dict]:
    """n documents from `pool`: every one once in a shuffled order, then again, as often as needed;
    a repeated document gets its own doc_id."""
    out: list[dict] = []
    rounds = 0
    while len(out) < n:
        batch = pool[:]
        rng.shuffle(batch)
        for row in batch[: n - len(out)]:
            out.append(row if rounds == 0 else {**row, "doc_id": f"{row['doc_id']}#{rounds}"})
        rounds += 1
    return out


def build(kind: str, n: int, directory: Path, shared: Path) -> tuple[Path, int]:
    """The corpus file and the number of distinct texts in it."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"real-{kind}-{n}.jsonl"
    p = pools(shared)
    rng = random.Random(17)
    if kind == "mixed":
        n_violent = round(n * VIOLENT_SHARE)
        rows = draw(p["violent"], n_violent, rng) + draw(p["other"], n - n_violent, rng)
        rng.shuffle(rows)
    else:
        rows = draw(p["violent_only"], n, rng)
    if not path.exists():
        with open(path, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    distinct = len({r["doc_id"].split("#")[0] for r in rows})
    return path, distinct


def parse_share(path: Path) -> tuple[float, float]:
    """The share of documents and of characters the relevance stage sends to the parser."""
    from conflictcoder.clean import clean_document
    from conflictcoder.records import Document
    from conflictcoder.relevance import parse_plan

    n_docs = n_parsed = chars = chars_parsed = 0
    for row in load_jsonl(path):
        clean = clean_document(Document(doc_id=row["doc_id"], text=row["text"]))
        spans = parse_plan(clean)
        n_docs += 1
        chars += len(clean.text)
        if spans:
            n_parsed += 1
            chars_parsed += sum(end - start for start, end in spans)
    return n_parsed / max(1, n_docs), chars_parsed / max(1, chars)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000], help="mixed-corpus sizes (none: skip)")
    ap.add_argument("--violent-size", type=int, default=1000, help="violence-only corpus size (0: skip)")
    ap.add_argument("--workers", type=int, default=0, help="pipeline processes (0: every available core)")
    ap.add_argument("--no-spacy", action="store_true", help="skip the bare-spaCy reference")
    ap.add_argument("--spacy-max", type=int, default=1000, help="largest corpus to run bare spaCy on")
    ap.add_argument("--no-relevance-filter", action="store_true", help="the pipeline parses everything")
    ap.add_argument("--repeats", type=int, default=1,
                    help="run the pipeline and bare spaCy this many times each, alternating, and print the median "
                         "ratio (the machine's speed drifts within minutes: one pair can meet two different spells)")
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--corpus-dir", type=Path, default=Path("/tmp/conflictcoder-real-corpus"))
    args = ap.parse_args(argv)
    if not (args.shared / "benchmarks").exists():
        print(f"{args.shared} is absent: nothing to measure.", file=sys.stderr)
        return 2
    from conflictcoder.parallel import available_cores

    workers = args.workers or available_cores()
    me = [sys.executable, str(HERE / "throughput.py")]
    runs = [("mixed", n) for n in args.sizes]
    if args.violent_size:
        runs.append(("violent", args.violent_size))
    print(f"{available_cores()} cores; pipeline on {workers} process(es); bare spaCy with n_process={workers}"
          + ("; relevance filter OFF" if args.no_relevance_filter else ""))
    print(f"{'corpus':<16}{'run':<10}{'articles/s':>11}{'ms/article':>11}{'peak MB':>9}{'docs parsed':>12}"
          f"{'chars parsed':>13}{'events':>8}")
    extra = ["--no-relevance-filter"] if args.no_relevance_filter else []
    for kind, n in runs:
        path, distinct = build(kind, n, args.corpus_dir, args.shared)
        ratios = []
        for _ in range(max(1, args.repeats)):
            ratio = measure_pair(args, me, extra, kind, n, path, distinct, workers)
            if ratio is not None:
                ratios.append(ratio)
        if len(ratios) > 1:
            print(f"{'':<16}{'median':<10}{statistics.median(ratios):>11.2f}   "
                  f"(ratios {', '.join(f'{r:.2f}' for r in ratios)})", flush=True)
    return 0


def measure_pair(args, me, extra, kind, n, path, distinct, workers) -> float | None:
    """One run of the pipeline, then one of bare spaCy, on the same corpus; their ratio (None
    when spaCy is not run)."""
    res, wall, peak = tp.watch(me + ["--run", "pipeline", "--input", str(path), "--workers", str(workers)] + extra)
    rate = res["docs"] / wall
    try:
        docs_share, chars_share = (1.0, 1.0) if args.no_relevance_filter else parse_share(path)
        chars_col = f"{chars_share:>13.3f}"
    except ImportError:  # a relevance stage without paragraph plans: documents only
        docs_share, chars_col = res["parsed"] / max(1, res["docs"]), f"{'-':>13}"
    name = f"{kind}-{n}"
    print(f"{name:<16}{'pipeline':<10}{rate:>11.1f}{1000 * wall / n:>11.1f}{peak:>9.0f}{docs_share:>12.3f}"
          f"{chars_col}{res['events']:>8}   ({distinct} distinct texts; {res['failed']} failed)", flush=True)
    if args.no_spacy or n > args.spacy_max:
        return None
    sres, swall, speak = tp.watch(me + ["--run", "spacy", "--input", str(path), "--workers", str(workers)])
    srate = sres["docs"] / swall
    print(f"{'':<16}{'spaCy':<10}{srate:>11.1f}{1000 * swall / n:>11.1f}{speak:>9.0f}")
    print(f"{'':<16}{'ratio':<10}{rate / srate:>11.2f}   (pipeline articles/s / spaCy articles/s; "
          f"spaCy {sres['model']}: {', '.join(sres['pipes'])})", flush=True)
    return rate / srate


if __name__ == "__main__":
    sys.exit(main())
