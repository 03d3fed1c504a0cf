"""Kill real `conflictcoder code` runs with SIGKILL at random points; check nothing is lost or doubled.

    .venv/bin/python benchmarks/kill_test.py [--runs 20] [--corpus DIR] [--seed N]

1. Codes the corpus (default: the duplicate-stress corpus of make_dupe_corpus.py) once, to time
   a whole run.
2. Into another store, starts `conflictcoder code` on the same corpus 20 times and kills each run
   with kill -9 at a random moment (between its start and the time a whole run takes). After
   each kill it opens the store (DuckDB replays its WAL: whether a .wal file was left is
   printed) and checks that every stored document is whole (its row and all its per-document
   events, or neither) and the merged events are consistent with them.
3. Runs the command once more to the end, then codes the corpus cleanly into a fresh reference
   store, and compares: documents lost or stored twice, per-document events lost or stored twice, merged events whose reports differ.
Prints the figures; all must be 0.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def cli() -> list[str]:
    exe = Path(sys.executable).with_name("conflictcoder")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "conflictcoder.cli"]


def run_code(docs: Path, meta: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(cli() + ["code", str(docs), "--meta", str(meta), "--db", str(db), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def snapshot(db: Path) -> dict:
    from conflictcoder.store import open_store

    with open_store(db) as store:
        con = store.con
        docs = [r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()]
        members = con.execute("SELECT doc_id, doc_event_id, event_id FROM doc_events").fetchall()
        return {"integrity": store.integrity(), "counts": store.counts(), "docs": docs,
                "members": members}


def partition(members) -> set[frozenset]:
    groups: dict[str, set] = {}
    for doc_id, pid, eid in members:
        groups.setdefault(eid, set()).add((doc_id, pid))
    return {frozenset(g) for g in groups.values()}


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 20
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 1
    rng = random.Random(seed)
    if "--corpus" in argv:
        corpus = Path(argv[argv.index("--corpus") + 1])
    else:
        import make_dupe_corpus

        corpus = HERE / "out" / "dupe_corpus"
        make_dupe_corpus.write(corpus)
    docs, meta = corpus / "docs", corpus / "meta.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        ref_db, db = Path(tmp) / "reference.duckdb", Path(tmp) / "killed.duckdb"
        t0 = time.perf_counter()
        p = run_code(docs, meta, Path(tmp) / "timing.duckdb")
        _, err = p.communicate()
        full = time.perf_counter() - t0
        if p.returncode != 0:
            print(err.decode(errors="replace"))
            return 2
        print(f"a whole run takes {full:.1f}s; killing runs between 0.3s and {0.9 * full:.1f}s")
        bad_states = 0
        for i in range(runs):
            p = run_code(docs, meta, db)
            delay = rng.uniform(0.3, 0.9 * full)
            time.sleep(delay)
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            wal = Path(str(db) + ".wal")
            left_wal = wal.exists() and wal.stat().st_size > 0
            snap = snapshot(db)
            problems = {k: v for k, v in snap["integrity"].items() if v}
            bad_states += bool(problems)
            print(f"run {i + 1:2d}: killed after {delay:5.1f}s (exit {p.returncode}); WAL left: "
                  f"{'yes' if left_wal else 'no '}; store: {len(snap['docs'])} whole documents, "
                  f"{snap['counts']['events']} events; problems: {problems or 'none'}", flush=True)
        p = run_code(docs, meta, db)
        _, err = p.communicate()
        if p.returncode != 0:
            print(err.decode(errors="replace"))
        final = snapshot(db)
        # the reference: a clean run of the same code, right after (the code may change between
        # sessions; the comparison must be of the same code)
        p = run_code(docs, meta, ref_db)
        p.communicate()
        ref = snapshot(ref_db)
        print(f"reference run: {len(ref['docs'])} documents, {ref['counts']['events']} merged events, "
              f"{len(ref['members'])} per-document events")
    ref_docs, got_docs = set(ref["docs"]), final["docs"]
    lost_docs = len(ref_docs - set(got_docs))
    dup_docs = len(got_docs) - len(set(got_docs))
    ref_members = {(d, p) for d, p, _ in ref["members"]}
    got_members = [(d, p) for d, p, _ in final["members"]]
    lost_events = len(ref_members - set(got_members))
    dup_events = len(got_members) - len(set(got_members))
    extra_events = len(set(got_members) - ref_members)
    differing = len(partition(ref["members"]) ^ partition(final["members"]))
    print(f"after {runs} kills and one full rerun: lost documents {lost_docs}, duplicated documents "
          f"{dup_docs}, lost events {lost_events}, duplicated events {dup_events + extra_events}; "
          f"merged events {final['counts']['events']} (reference {ref['counts']['events']}, "
          f"{differing} grouped differently); stores seen broken after a kill: {bad_states}; "
          f"final integrity: {final['integrity']}")
    ok = not (lost_docs or dup_docs or lost_events or dup_events or extra_events or bad_states
              or any(final["integrity"].values()))
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
