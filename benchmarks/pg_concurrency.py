"""Concurrent writers to one PostgreSQL store, killed with kill -9 at random points and rerun.

    .venv/bin/python benchmarks/pg_concurrency.py [--writers 10] [--docs 600] [--rounds 3] [--seed 1]
                                                  [--url postgresql://...]

Starts a throwaway PostgreSQL server (tests/pg_server.py) unless --url is given. Each of the
writers stores its own share of documents through the service (`save_document`), and the
documents of different writers tell the same real events (three reports an event, spread over
writers), so merging across documents races between processes. In each round every writer is
started and killed with SIGKILL at a random moment; then all are run again to the end. The store
is then compared with a reference store written by one process: documents and per-document
events lost or stored twice, merged events whose reports differ, and the integrity counts.
Prints the figures; all must be 0.
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

WRITER = textwrap.dedent("""
    import sys
    from datetime import date, timedelta
    from conflictcoder.records import Document, Event, Source
    from conflictcoder.service import save_document
    from conflictcoder.store import open_store

    def event(i, k):
        real = i // 3  # three documents tell each real event
        day = date(2020, 1, 1) + timedelta(days=9 * real + k)
        return Event(event_id=f"e{i}-{k}", event_date=day, date_start=day, date_end=day, time_precision=1,
                     disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
                     actor1="Military Forces of Testland", inter1=1, iso3="TST", country="Testland",
                     admin1="North", location="Hilltown", latitude=10.0, longitude=20.0 + k, geonameid=100 + k,
                     geo_precision=1, fatalities=3,
                     sources=[Source(f"doc{i}", "W", None, day, f"s{i}-{k}", k, k + 5)])

    url, writer, writers, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    store = open_store(url)
    for i in range(n):
        if i % writers == writer:
            save_document(store, Document(doc_id=f"doc{i}", text="x"), [event(i, k) for k in range(3)])
    store.close()
""")


def start(url: str, writer: int, writers: int, n: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, url, str(writer), str(writers), str(n)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def snapshot(url: str) -> dict:
    from conflictcoder.store import open_store

    with open_store(url, read_only=True) as store:
        members = store.members()
        groups: dict[str, set] = {}
        for doc_id, pid, eid in members:
            groups.setdefault(eid, set()).add((doc_id, pid))
        return {"docs": [r[0] for r in store.fetch("SELECT doc_id FROM documents")],
                "members": [(d, p) for d, p, _ in members], "partition": {frozenset(g) for g in groups.values()},
                "integrity": store.integrity(), "counts": store.counts()}


def counts(url: str) -> dict:
    from conflictcoder import errors
    from conflictcoder.store import open_store

    try:
        with open_store(url, read_only=True) as store:
            return store.counts()
    except errors.StoreMissing:
        return {}


def compare(got: dict, want: dict) -> dict[str, int]:
    from collections import Counter

    docs, want_docs = Counter(got["docs"]), set(want["docs"])
    members, want_members = Counter(got["members"]), set(want["members"])
    return {
        "documents_lost": len(want_docs - set(docs)),
        "documents_doubled": sum(n - 1 for n in docs.values() if n > 1),
        "doc_events_lost": len(want_members - set(members)),
        "doc_events_doubled": sum(n - 1 for n in members.values() if n > 1),
        "merged_events_differing": len(got["partition"] ^ want["partition"]),
        **{f"integrity_{k}": v for k, v in got["integrity"].items()},
    }


def run(url: str, ref_url: str, writers: int, n: int, rounds: int, seed: int, out=print,
        timing_url: str | None = None) -> dict[str, int]:
    rng = random.Random(seed)
    for w in range(writers):  # the reference: one process at a time
        p = start(ref_url, w, writers, n)
        if p.wait() != 0:
            raise RuntimeError(p.stderr.read().decode())
    t0 = time.perf_counter()  # how long the writers take together, to choose the kill moments
    for p in [start(timing_url or ref_url + "_t", w, writers, n) for w in range(writers)]:
        p.wait()
    whole = time.perf_counter() - t0
    out(f"{writers} writers together store {n} documents in {whole:.1f} s")
    kills = 0
    for r in range(rounds):
        t0 = time.perf_counter()
        procs = [start(url, w, writers, n) for w in range(writers)]
        # each writer killed at its own random moment within the run
        moments = sorted((rng.uniform(0.2, 0.95) * whole, w) for w in range(writers))
        for at, w in moments:
            time.sleep(max(0.0, t0 + at - time.perf_counter()))
            if procs[w].poll() is None:
                procs[w].kill()
                kills += 1
        for p in procs:
            p.wait()
        out(f"round {r + 1}: {kills} writers killed so far; stored {counts(url)}")
    procs = [start(url, w, writers, n) for w in range(writers)]
    for p in procs:  # rerun to the end, all at once
        if p.wait() != 0:
            raise RuntimeError(p.stderr.read().decode())
    result = compare(snapshot(url), snapshot(ref_url))
    result["writers_killed"] = kills
    return result


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--writers", type=int, default=10)
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--url", help="an empty PostgreSQL database to test (and URL+'_ref' beside it)")
    a = ap.parse_args(argv)
    server = None
    if a.url:
        url, ref = a.url, a.url + "_ref"
    else:
        from pg_server import PostgresServer

        server = PostgresServer().start()
        url, ref = server.create_database("concurrent"), server.create_database("reference")
        timing = server.create_database("timing")
    try:
        result = run(url, ref, a.writers, a.docs, a.rounds, a.seed, timing_url=None if a.url else timing)
    finally:
        if server:
            server.stop()
    for k, v in result.items():
        print(f"{k}: {v}")
    bad = {k: v for k, v in result.items() if k != "writers_killed" and v}
    print("lost/doubled: 0" if not bad else f"FAILED: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
