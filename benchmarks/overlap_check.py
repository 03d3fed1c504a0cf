"""Flag repository strings and comments that share N+ consecutive words with a benchmark record or seed.

Reads the benchmark sets and seeds in ../shared at run time (never copies them); prints, for each
string literal or comment in the given Python files that shares a run of N words with a record,
the file, line, the shared run's length and the record's id. Exit status 1 when anything is flagged.

    python benchmarks/overlap_check.py [--n 6] [--shared ../shared] tests src
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import tokenize
from pathlib import Path

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Runs that are no one's text: number words in a pattern's alternation ("one|two|three|..."),
# and a country's full name
NUMBER_WORDS = set("one two three four five six seven eight nine ten eleven twelve".split())
NAMES = ("democratic republic of the congo",)


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def benchmark_records(shared: Path):
    bench = shared / "benchmarks"
    for path in sorted(bench.rglob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if not line.strip():
                    continue
                rec = json.loads(line)
                rid = f"{path.relative_to(bench)}:{rec.get('doc_id', i)}"
                if "text" in rec:
                    yield rid, rec["text"]
                if "title" in rec and rec["title"]:
                    yield rid, rec["title"]
                if "tokens" in rec:
                    yield rid, " ".join(rec["tokens"])
    plover = bench / "plover_gsr" / "PLOVER_GSR_CAMEO.txt"
    if plover.exists():
        for rec in json.loads(plover.read_text(encoding="utf-8")):
            if rec.get("eventText"):
                yield f"plover:{rec.get('id')}", rec["eventText"]
    ucdp = bench / "ucdp_ged_sample" / "ucdpged_sample_1000.csv"
    if ucdp.exists():
        with ucdp.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for key in ("source_article", "source_headline", "where_description"):
                    if row.get(key):
                        yield f"ucdp:{row['id']}:{key}", row[key]
    for path in sorted((shared / "seeds").glob("*.txt")):
        yield f"seeds/{path.name}", path.read_text(encoding="utf-8")


def ngram_index(shared: Path, n: int) -> dict[tuple[str, ...], str]:
    index: dict[tuple[str, ...], str] = {}
    for rid, text in benchmark_records(shared):
        w = words(text)
        for i in range(len(w) - n + 1):
            index.setdefault(tuple(w[i:i + n]), rid)
    return index


def texts_of(path: Path):
    """(line, text) for each comment and each run of adjacent string literals."""
    src = path.read_text(encoding="utf-8")
    run: list[str] = []
    run_line = 0
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.STRING or getattr(tokenize, "FSTRING_MIDDLE", -1) == tok.type:
            if not run:
                run_line = tok.start[0]
            run.append(tok.string)
            continue
        if tok.type in (tokenize.NL, tokenize.NEWLINE) and run:
            continue
        if getattr(tokenize, "FSTRING_START", -1) == tok.type or getattr(tokenize, "FSTRING_END", -1) == tok.type:
            continue
        if run:
            yield run_line, " ".join(run)
            run = []
        if tok.type == tokenize.COMMENT:
            yield tok.start[0], tok.string
    if run:
        yield run_line, " ".join(run)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=["tests", "src"])
    ap.add_argument("--n", type=int, default=6)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    index = ngram_index(Path(args.shared), args.n)
    files = []
    for p in map(Path, args.paths):
        files += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    flagged = 0
    for path in files:
        for line, text in texts_of(path):
            w = words(" ".join(words(text)).replace(NAMES[0], "country"))
            hits = [i for i in range(len(w) - args.n + 1) if tuple(w[i:i + args.n]) in index
                    and not set(w[i:i + args.n]) <= NUMBER_WORDS]
            if not hits:
                continue
            flagged += 1
            if not args.quiet:
                i = hits[0]
                j = i + args.n
                while j < len(w) and any(h == j - args.n + 1 for h in hits):
                    j += 1
                print(f"{path}:{line}: {j - i} words shared with {index[tuple(w[i:i + args.n])]}: "
                      f"{' '.join(w[i:j])[:120]}")
    print(f"{flagged} strings or comments share {args.n}+ consecutive words with a benchmark record or seed")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
