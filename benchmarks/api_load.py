"""Load on the REST API: a store of 100k events, read requests on loopback from a bounded client.

    .venv/bin/python benchmarks/api_load.py [--events 100000] [--seconds 20] [--concurrency 8]
                                            [--db PATH_OR_URL] [--reuse]

Builds a DuckDB store of synthetic events (written through Store.apply in chunks, as the service
writes them; --reuse keeps one built before), starts `conflictcoder serve` on a free port of
127.0.0.1, and sends GET requests from one client process holding at most --concurrency requests
in flight: first pages of /events (with and without filters), next pages through the cursor,
single events (/events/{id}), and per-country /stats. Prints requests/s, p50, p99 and errors.
Target: >= 500 requests/s at p99 < 100 ms on 2 cores.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

COUNTRIES = [("AFG", "Afghanistan", 33.9, 67.7), ("MLI", "Mali", 17.6, -4.0), ("NGA", "Nigeria", 9.1, 8.7),
             ("SOM", "Somalia", 5.2, 46.2), ("SYR", "Syria", 34.8, 39.0), ("UKR", "Ukraine", 48.4, 31.2),
             ("COL", "Colombia", 4.6, -74.3), ("MMR", "Myanmar", 21.9, 95.9), ("IRQ", "Iraq", 33.2, 43.7),
             ("COD", "Democratic Republic of the Congo", -4.0, 21.8)]
TYPES = [("Battles", "Armed clash", 2), ("Violence against civilians", "Attack", 7),
         ("Explosions/Remote violence", "Air/drone strike", 2), ("Protests", "Peaceful protest", 0)]


def synthetic(i: int, rng: random.Random):
    from conflictcoder.records import Event, Source

    iso3, country, lat, lon = rng.choice(COUNTRIES)
    etype, sub, inter2 = rng.choice(TYPES)
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    return Event(event_id=f"ev{i:07d}", event_date=day, date_start=day, date_end=day, time_precision=1,
                 disorder_type="Political violence", event_type=etype, sub_event_type=sub,
                 actor1=f"Military Forces of {country}", inter1=1, actor2="Unidentified Armed Group" if inter2 else "",
                 inter2=inter2, iso3=iso3, country=country, admin1=f"Region {i % 17}", location=f"Town {i % 997}",
                 latitude=lat + rng.uniform(-2, 2), longitude=lon + rng.uniform(-2, 2), geonameid=i,
                 geo_precision=1, fatalities=rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 40]),
                 confidence=round(rng.uniform(0.3, 0.99), 3), notes=f"Synthetic event {i}.",
                 sources=[Source(f"bulk{i // 2000}", "Synthetic Wire", None, day, f"Sentence of event {i}.", 0, 24)])


def build(db: str, n: int, chunk: int = 2000) -> None:
    from conflictcoder.records import Document
    from conflictcoder.store import Writes, open_store
    from conflictcoder.store.sql import utcnow

    rng = random.Random(7)
    with open_store(db) as store:
        seq = store.last_seq()
        for start in range(0, n, chunk):
            events = [synthetic(i, rng) for i in range(start, min(n, start + chunk))]
            doc = Document(doc_id=f"bulk{start // chunk}", text="x")
            w = Writes(doc=doc, n_events=len(events), now=utcnow())
            for e in events:
                seq += 1
                w.events.append((e, seq, None, None, None))
                w.members.append((e.event_id, doc.doc_id, e.event_id, seq, e.to_record()))
            w.last_seq = seq
            with store.transaction():
                store.apply(w)


async def connection(port: int, next_request, deadline: float, latencies: list, failures: list,
                     cursors: list) -> None:
    """One keep-alive HTTP/1.1 connection sending one request at a time. A hand-written client:
    httpx's own overhead (about 5 ms of CPU a request here) would measure the client, not the API."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < deadline:
            path = next_request()
            t0 = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            headers = {k.strip().lower(): v.strip() for k, _, v in
                       (line.partition(b":") for line in head.split(b"\r\n")[1:] if line)}
            if b"content-length" in headers:
                body = await reader.readexactly(int(headers[b"content-length"]))
            else:  # chunked
                parts = []
                while True:
                    size = int((await reader.readline()).strip(), 16)
                    parts.append((await reader.readexactly(size + 2))[:-2])
                    if size == 0:
                        break
                body = b"".join(parts)
            latencies.append(time.perf_counter() - t0)
            if status != 200:
                failures.append((status, path))
            elif path.startswith("/events?") and len(cursors) < 200:
                nxt = json.loads(body)["next"]
                if nxt:
                    cursors.append(nxt)
    finally:
        writer.close()


async def client(port: int, seconds: float, concurrency: int, n_events: int) -> tuple[list[float], list, float]:
    rng = random.Random(11)
    latencies: list[float] = []
    failures: list = []
    cursors: list[str] = []

    def next_request() -> str:
        roll = rng.random()
        if roll < 0.35:
            return "/events?limit=20"
        if roll < 0.55:
            return f"/events?limit=20&country={rng.choice(COUNTRIES)[0]}&since={rng.randrange(2015, 2024)}-01-01"
        if roll < 0.65 and cursors:
            return f"/events?limit=20&cursor={rng.choice(cursors)}"
        if roll < 0.95:
            return f"/events/ev{rng.randrange(n_events):07d}"
        return f"/stats?by=month&country={rng.choice(COUNTRIES)[0]}&since=2024-01-01"

    deadline = time.perf_counter() + seconds
    t0 = time.perf_counter()
    await asyncio.gather(*(connection(port, next_request, deadline, latencies, failures, cursors)
                           for _ in range(concurrency)))
    return latencies, failures, time.perf_counter() - t0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--db", default=str(HERE / "out" / "api_load.duckdb"))
    ap.add_argument("--reuse", action="store_true", help="keep a store built before")
    ap.add_argument("--postgres", action="store_true", help="serve a store on a throwaway PostgreSQL server")
    a = ap.parse_args(argv)
    from pg_server import PostgresServer, free_port

    pg = None
    if a.postgres:
        pg = PostgresServer().start()
        a.db, a.reuse = pg.create_database("load"), False
    if not a.reuse or not Path(a.db).exists():
        if not a.db.startswith("postgres"):
            Path(a.db).parent.mkdir(parents=True, exist_ok=True)
            Path(a.db).unlink(missing_ok=True)
        t0 = time.perf_counter()
        build(a.db, a.events)
        print(f"built {a.events} events in {time.perf_counter() - t0:.1f} s into {a.db}")
    port = free_port()
    exe = Path(sys.executable).with_name("conflictcoder")
    server = subprocess.Popen([str(exe), "serve", "--db", a.db, "--port", str(port)],
                              env={k: v for k, v in os.environ.items() if k != "CONFLICTCODER_TOKEN"},
                              stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        for _ in range(300):
            try:
                httpx.get(base + "/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        latencies, failures, elapsed = asyncio.run(client(port, a.seconds, a.concurrency, a.events))
    finally:
        server.terminate()
        server.wait(timeout=30)
        if pg:
            pg.stop()
    qs = statistics.quantiles(latencies, n=100)
    print(f"cores: {os.cpu_count()}  events: {a.events}  concurrency: {a.concurrency}  seconds: {elapsed:.1f}")
    print(f"store: {a.db}")
    print(f"requests: {len(latencies)}  errors: {len(failures)} {failures[:3]}")
    print(f"requests/s: {len(latencies) / elapsed:.0f}  p50: {qs[49] * 1000:.1f} ms  p99: {qs[98] * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
