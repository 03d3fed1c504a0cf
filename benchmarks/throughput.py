"""End-to-end throughput of `conflictcoder` against bare spaCy, on a mixed and a violence-only corpus.

    python benchmarks/throughput.py                          # 1k mixed + 1k violent, pipeline and spaCy
    python benchmarks/throughput.py --sizes 1000 10000 100000 --no-spacy   # the scaling curve
    python benchmarks/throughput.py --workers 1              # one process (spaCy gets one too)

For each corpus (made by benchmarks/make_corpus.py into --corpus-dir when missing; it needs
../shared for the real violent articles) it runs, each in a fresh process that it watches:
* the pipeline end to end: read the JSONL, clean, relevance, parse, extract, resolve, merge per
  document, write every event to a JSONL file (one document at a time), on --workers processes;
* bare spaCy as the reference: `spacy.load` of the installed small English model with every
  component, `nlp.pipe` over the same texts, on as many processes (n_process) as the pipeline.
It prints articles/s, words/s, peak resident memory of the whole process tree (sampled every
0.1 s), time to the first event (from process start, model loading included), and the ratio of
the pipeline's articles/s to spaCy's. These are figures to read, not a test.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
START = time.perf_counter()


# ------------------------------------------------------------------ the measured processes

def run_pipeline(path: Path, workers: int, out: Path, relevance_filter: bool = True) -> dict:
    from conflictcoder.pipeline import code_paths
    from conflictcoder.records import Failure
    from conflictcoder.settings import Options

    first = None
    n_docs = n_events = n_failed = n_parsed = 0
    with open(out, "w", encoding="utf-8") as fh:
        for result in code_paths([path], None, Options(relevance_filter=relevance_filter), workers=workers):
            if isinstance(result, Failure) or result.failure is not None:
                n_failed += 1
                continue
            n_docs += 1
            n_parsed += result.parsed
            if result.events and first is None:
                first = time.perf_counter() - START
            for event in result.events:
                fh.write(json.dumps(event.to_record(), ensure_ascii=False) + "\n")
                n_events += 1
    return {"docs": n_docs, "failed": n_failed, "parsed": n_parsed, "events": n_events,
            "first_event_s": first}


def run_spacy(path: Path, n_process: int) -> dict:
    import spacy

    from conflictcoder.settings import Options

    nlp = None
    for name in Options().spacy_models:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        raise SystemExit("no spaCy English model installed")
    texts = (json.loads(line)["text"] for line in open(path, encoding="utf-8"))
    n = 0
    first = None
    for doc in nlp.pipe(texts, batch_size=64, n_process=n_process):
        n += 1
        if first is None:
            first = time.perf_counter() - START
    return {"docs": n, "first_doc_s": first, "model": nlp.meta.get("name"), "pipes": nlp.pipe_names}


# ------------------------------------------------------------------------------ the driver

def watch(cmd: list[str]) -> tuple[dict, float, float]:
    """Run `cmd`, sampling the resident memory of its process tree; (its JSON, wall s, peak MB)."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        ps = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                total = ps.memory_info().rss + sum(c.memory_info().rss for c in ps.children(recursive=True))
                peak = max(peak, total)
            except psutil.Error:
                pass
            time.sleep(0.1)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, _ = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    t.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode})")
    return json.loads(out.strip().splitlines()[-1]), wall, peak / 2**20


def corpus(kind: str, n: int, directory: Path) -> Path:
    path = directory / f"{kind}-{n}.jsonl"
    if not path.exists():
        sys.path.insert(0, str(HERE))
        import make_corpus

        if make_corpus.main(["--n", str(n), "--out", str(directory)]) != 0:
            raise SystemExit(2)
    return path


def words_in(path: Path) -> int:
    return sum(len(json.loads(line)["text"].split()) for line in open(path, encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000], help="mixed-corpus sizes (the scaling curve; none: skip)")
    ap.add_argument("--violent-size", type=int, default=1000, help="size of the violence-only corpus (0: skip)")
    ap.add_argument("--workers", type=int, default=0, help="pipeline processes (0: every available core)")
    ap.add_argument("--no-spacy", action="store_true", help="skip the bare-spaCy reference")
    ap.add_argument("--spacy-max", type=int, default=1000, help="largest corpus to run bare spaCy on")
    ap.add_argument("--corpus-dir", type=Path, default=Path("/tmp/conflictcoder-corpus"))
    ap.add_argument("--no-relevance-filter", action="store_true", help="the pipeline parses everything")
    ap.add_argument("--run", choices=["pipeline", "spacy"], help=argparse.SUPPRESS)
    ap.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.run == "pipeline":
        print(json.dumps(run_pipeline(args.input, args.workers, args.input.with_suffix(".events.jsonl"),
                                        not args.no_relevance_filter)))
        return 0
    if args.run == "spacy":
        print(json.dumps(run_spacy(args.input, max(1, args.workers))))
        return 0

    if not (SHARED / "benchmarks").exists() and not any(args.corpus_dir.glob("*.jsonl")):
        print(f"{SHARED} is absent and {args.corpus_dir} holds no corpus: nothing to measure.", file=sys.stderr)
        return 2
    from conflictcoder.parallel import available_cores

    workers = args.workers or available_cores()
    me = [sys.executable, str(Path(__file__).resolve())]
    runs = [("mixed", n) for n in args.sizes]
    if args.violent_size:
        runs.append(("violent", args.violent_size))
    print(f"{available_cores()} cores; pipeline on {workers} process(es); bare spaCy with n_process={workers}")
    header = f"{'corpus':<14}{'run':<10}{'articles/s':>11}{'words/s':>10}{'ms/article':>11}{'peak MB':>9}{'first event s':>14}{'parsed':>8}{'events':>8}"
    print(header)
    for kind, n in runs:
        path = corpus(kind, n, args.corpus_dir)
        words = words_in(path)
        res, wall, peak = watch(me + ["--run", "pipeline", "--input", str(path), "--workers", str(workers)])
        rate = res["docs"] / wall
        first = f"{res['first_event_s']:.1f}" if res["first_event_s"] is not None else "-"
        print(f"{kind + '-' + str(n):<14}{'pipeline':<10}{rate:>11.1f}{words / wall:>10.0f}{1000 * wall / n:>11.1f}"
              f"{peak:>9.0f}{first:>14}{res['parsed']:>8}{res['events']:>8}", flush=True)
        if args.no_spacy or n > args.spacy_max:
            continue
        sres, swall, speak = watch(me + ["--run", "spacy", "--input", str(path), "--workers", str(workers)])
        srate = sres["docs"] / swall
        print(f"{'':<14}{'spaCy':<10}{srate:>11.1f}{words / swall:>10.0f}{1000 * swall / n:>11.1f}"
              f"{speak:>9.0f}{sres['first_doc_s']:>14.1f}{'':>8}{'':>8}")
        print(f"{'':<14}{'ratio':<10}{rate / srate:>11.2f}   (pipeline articles/s / spaCy articles/s; "
              f"spaCy {sres['model']}: {', '.join(sres['pipes'])})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
