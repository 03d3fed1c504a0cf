"""How the cross-document merge scales: time to merge 10k, 100k and 1M synthetic events.

    .venv/bin/python benchmarks/merge_scale.py [N ...]      (default: 10000 100000 1000000)

Synthetic per-document events: real events spread over 40 countries and ten years (about 7 a
country-day at 1M, the density of the busiest ACLED countries), each told by 1-3 documents whose
reports differ as real ones do (a day off, a week-long range, the region instead of the town,
a lower early toll). Times the in-memory `CrossDocMerger` (the same blocking, scoring and
cluster maintenance the store uses per document) and prints events/s and how many real events
came back together.
"""
from __future__ import annotations

import gc
import random
import sys
import time
from datetime import date, timedelta

from conflictcoder.merge_across import CrossDocMerger
from conflictcoder.records import Event, Source

SUBS = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Explosions/Remote violence", "Air/drone strike"), ("Violence against civilians", "Attack"),
        ("Protests", "Peaceful protest"), ("Strategic developments", "Arrests")]
ACTORS = ["Unidentified Armed Group", "Military Forces", "Police Forces", "Rebels", "Militia"]


def synthetic(n_events: int, seed: int = 1) -> tuple[list[Event], int]:
    rng = random.Random(seed)
    countries = [(f"C{i:02d}", rng.uniform(-30, 50), rng.uniform(-20, 120)) for i in range(40)]
    start = date(2015, 1, 1)
    out: list[Event] = []
    real = 0
    while len(out) < n_events:
        real += 1
        iso3, clat, clon = rng.choice(countries)
        region = rng.randrange(8)
        rlat, rlon = clat + (region // 3) * 1.5, clon + (region % 3) * 1.5
        lat, lon = rlat + rng.uniform(-0.7, 0.7), rlon + rng.uniform(-0.7, 0.7)
        day = start + timedelta(days=rng.randrange(3650))
        etype, sub = rng.choice(SUBS)
        actor = f"{rng.choice(ACTORS)} ({iso3})"
        killed = rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20])
        gid = rng.randrange(10**7)
        for k in range(rng.choice([1, 1, 1, 2, 2, 3])):
            if len(out) >= n_events:
                break
            d, ds, de, tp = day, day, day, 1
            r = rng.random()
            if r < 0.15:
                d = ds = de = day + timedelta(days=rng.choice([-1, 1]))
            elif r < 0.25:
                ds, de, tp = day - timedelta(days=rng.randrange(3)), day + timedelta(days=rng.randrange(3)), 2
            glat, glon, gp, g = lat, lon, 1, gid
            if rng.random() < 0.15:
                glat, glon, gp, g = rlat, rlon, 3, 10**8 + region  # told only by its region
            doc = f"d{len(out)}"
            out.append(Event(
                event_id=f"e{len(out)}", event_date=d, date_start=ds, date_end=de, time_precision=tp,
                disorder_type="Political violence", event_type=etype, sub_event_type=sub,
                actor1=actor, inter1=2, iso3=iso3, country=iso3, admin1=f"{iso3}-R{region}",
                location=f"Place {g}", latitude=glat, longitude=glon, geonameid=g, geo_precision=gp,
                fatalities=killed if k == 0 or rng.random() < 0.8 else max(0, killed - 1),
                sources=[Source(doc, "Synthetic Wire", None, d, "", 0, 0)]))
    return out, real


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10_000, 100_000, 1_000_000]
    for n in sizes:
        events, real = synthetic(n)
        gc.collect()
        gc.disable()  # many small objects that live to the end: the collector only costs time
        t0 = time.perf_counter()
        merger = CrossDocMerger()
        for e in events:
            merger.add(e)
        merged = len(merger.clusters)
        elapsed = time.perf_counter() - t0
        gc.enable()
        print(f"{n:>9,} events: merged in {elapsed:7.2f}s ({n / elapsed:,.0f} events/s) -> "
              f"{merged:,} merged events ({real:,} real events generated)", flush=True)
        del merger, events
        gc.collect()


if __name__ == "__main__":
    main(sys.argv[1:])
