"""A read model: what the API reads of a store, held in memory and answered without SQL.

`ReadModel.load(store)` reads the merged events (the filter and sort columns as arrays, each
record as its JSON text), the per-document reports, the documents, aliases and the merge log, in
a few whole-table queries. It then answers `page`, `stats` and `history` exactly as the store's
SQL does (same filters, same order, same cursors), in well under a millisecond:

- each sort key has one precomputed order (key, then event_id); a page is a slice of it, a
  cursor a binary search into it, and a descending page the same order walked backwards;
- filters are boolean masks over the rows; text columns are coded as small integers, so a
  filter tests each distinct value once.

It is a snapshot: the server rebuilds it when `store.revision()` moves. A `where` filter (an
analyst's own SQL) is not answered here: `answers()` says so and the caller asks the store.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date

import numpy as np

from .filters import Filters, decode_cursor, encode_cursor, parse_sort

NULL_DATE = date(9999, 12, 31).toordinal()  # what SORTS puts for an undated event
TEXT_COLUMNS = ("iso3", "country", "admin1", "event_type", "sub_event_type", "actor1", "actor2")
EVENT_QUERY = ("SELECT event_id, event_date, fatalities, confidence, latitude, longitude, "
               + ", ".join(TEXT_COLUMNS) + ", review_status, record FROM events")


def _json_bytes(value) -> bytes:
    """A record as JSON bytes: DuckDB hands JSON out as text, psycopg as a dict."""
    import orjson

    if isinstance(value, str):
        return value.encode()
    if isinstance(value, bytes):
        return value
    return orjson.dumps(value)


def _loads(value) -> dict:
    import orjson

    return orjson.loads(value) if isinstance(value, (str, bytes)) else value


class _Codes:
    """A text column as integer codes into its distinct values (None included)."""

    def __init__(self, values: list):
        index: dict = {}
        self.codes = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int32,
                                 count=len(values))
        self.values = list(index)

    def where(self, test) -> np.ndarray:
        """Rows whose value passes `test` (never called on None: SQL's NULL passes no test)."""
        lut = np.fromiter((v is not None and bool(test(v)) for v in self.values), dtype=bool,
                          count=len(self.values))
        return lut[self.codes]


@dataclass(slots=True)
class _Order:
    """The rows sorted by (key, event_id) ascending."""

    rows: np.ndarray  # row numbers in order
    keys: np.ndarray  # the sort key of each, in order
    ids: list[str]  # the event_id of each, in order
    kind: str

    def value(self, key):
        """The key as the store's SQL hands it out (what goes into a cursor)."""
        if self.kind == "event_date":
            return date.fromordinal(int(key))
        if self.kind == "fatalities":
            return int(key)
        if self.kind == "confidence":
            return float(key)
        return key

    def split(self, value, last_id: str, desc: bool) -> int:
        """The position after (ascending) or before (descending) the cursor's row."""
        if self.kind == "event_date":
            value = value.toordinal()
        elif not isinstance(value, str if self.kind == "event_id" else (int, float)) or isinstance(value, bool):
            from .. import errors

            raise errors.QueryError("the cursor is not one this server gave out",
                                    fix="Start again without a cursor and follow `next`.")
        lo = int(np.searchsorted(self.keys, value, "left"))
        hi = int(np.searchsorted(self.keys, value, "right"))
        return (bisect.bisect_left if desc else bisect.bisect_right)(self.ids, last_id, lo, hi)


class ReadModel:
    """A snapshot of a store's events for the API (see the module's docstring)."""

    def __init__(self, revision):
        self.revision = revision

    @classmethod
    def load(cls, store) -> "ReadModel":
        self = cls(store.revision())
        rows = store.fetch(EVENT_QUERY)
        n = len(rows)
        cols = list(zip(*rows)) if rows else [()] * (8 + len(TEXT_COLUMNS))
        self.ids = list(cols[0])
        self.row_of = {eid: i for i, eid in enumerate(self.ids)}
        self.date = np.fromiter((d.toordinal() if d is not None else NULL_DATE for d in cols[1]), np.int64, n)
        self.dated = np.fromiter((d is not None for d in cols[1]), bool, n)
        self.fatalities = np.array([np.nan if v is None else v for v in cols[2]], dtype=np.float64)
        self.confidence = np.array([np.nan if v is None else v for v in cols[3]], dtype=np.float64)
        self.latitude = np.array([np.nan if v is None else v for v in cols[4]], dtype=np.float64)
        self.longitude = np.array([np.nan if v is None else v for v in cols[5]], dtype=np.float64)
        self.text = {name: _Codes(list(cols[6 + i])) for i, name in enumerate(TEXT_COLUMNS)}
        self.months = _Codes([date.fromordinal(int(d)).isoformat()[:7] if ok else None
                              for d, ok in zip(self.date, self.dated)])
        self.rejected = np.fromiter((v == "rejected" for v in cols[-2]), bool, n)
        self.accepted = np.fromiter((v == "accepted" for v in cols[-2]), bool, n)
        self.any_rejected = bool(self.rejected.any())
        self.records = [_json_bytes(r) for r in cols[-1]]
        id_rank = np.empty(n, dtype=np.int64)
        id_rank[np.array(sorted(range(n), key=self.ids.__getitem__), dtype=np.int64)] = np.arange(n)
        keys = {"event_date": self.date, "fatalities": np.nan_to_num(self.fatalities, nan=0.0),
                "confidence": np.nan_to_num(self.confidence, nan=0.0), "event_id": id_rank}
        self.orders = {}
        for kind, key in keys.items():
            order = np.lexsort((id_rank, key)) if n else np.zeros(0, dtype=np.int64)
            ids = [self.ids[i] for i in order]
            sorted_keys = np.array(ids, dtype=object) if kind == "event_id" else key[order]
            self.orders[kind] = _Order(order, sorted_keys, ids, kind)
        self._load_history(store)
        return self

    def _load_history(self, store) -> None:
        self.documents = {r[0]: r[1:] for r in store.fetch(
            "SELECT doc_id, source, published, url, title FROM documents")}
        self.reports: dict[str, list] = {}
        self.first_doc_event: dict[str, tuple[int, str]] = {}  # per-document id -> (seq, merged id)
        for event_id, doc_id, doc_event_id, seq, record in sorted(
                store.fetch("SELECT event_id, doc_id, doc_event_id, seq, record FROM doc_events"),
                key=lambda r: r[3]):
            sentences = [x["sentence"] for x in _loads(record).get("sources", [])]
            self.reports.setdefault(event_id, []).append((doc_id, doc_event_id, sentences))
            self.first_doc_event.setdefault(doc_event_id, (seq, event_id))
        from .sql import review_dict

        self.reviews_of: dict[str, list[dict]] = {}
        for row in store.fetch("SELECT review_id, event_id, action, fields, reviewer, reviewed_at, note "
                               "FROM reviews ORDER BY review_id"):
            self.reviews_of.setdefault(row[1], []).append(review_dict(row, _loads))
        self.alias_of = dict(store.fetch("SELECT alias_id, event_id FROM aliases"))
        self.aliases_to: dict[str, list[str]] = {}
        for alias, target in self.alias_of.items():
            self.aliases_to.setdefault(target, []).append(alias)
        self.log_by_event: dict[str, list] = {}
        self.absorbed_by_other: dict[str, list] = {}
        self.log_others: set[str] = set()
        for i, row in enumerate(store.fetch(
                "SELECT seq, logged_at, action, event_id, other_id, doc_id FROM merge_log")):
            entry = (row[0], i, row)
            self.log_by_event.setdefault(row[3], []).append(entry)
            self.log_others.add(row[4])
            if row[2] == "absorbed" and row[4] is not None:
                self.absorbed_by_other.setdefault(row[4], []).append(entry)

    # -- what it answers ---------------------------------------------------------------------------

    @staticmethod
    def answers(filters: Filters | None) -> bool:
        return filters is None or filters.where is None

    def mask(self, f: Filters | None) -> np.ndarray | None:
        """Rows passing `f` (None: every row), as the SQL of `Filters.sql()` decides."""
        if f is None:
            return ~self.rejected if self.any_rejected else None
        parts = []
        t = self.text
        if f.country:
            up, low = f.country.upper(), f.country.lower()
            parts.append(t["iso3"].where(lambda v: v.upper() == up) | t["country"].where(lambda v: v.lower() == low))
        for name, value in (("admin1", f.admin1), ("event_type", f.event_type),
                            ("sub_event_type", f.sub_event_type)):
            if value:
                low = value.lower()
                parts.append(t[name].where(lambda v, low=low: v.lower() == low))
        if f.since:
            parts.append(self.dated & (self.date >= f.since.toordinal()))
        if f.until:
            parts.append(self.dated & (self.date <= f.until.toordinal()))
        if f.actor:
            low = f.actor.lower()
            parts.append(t["actor1"].where(lambda v: low in v.lower()) | t["actor2"].where(lambda v: low in v.lower()))
        if f.min_fatalities is not None:
            parts.append(self.fatalities >= int(f.min_fatalities))
        if f.bbox:
            w, s, e, n = f.bbox
            parts.append((self.longitude >= w) & (self.longitude <= e) & (self.latitude >= s) & (self.latitude <= n))
        if f.min_confidence is not None:
            parts.append(self.confidence >= float(f.min_confidence))
        if f.review is None and self.any_rejected:
            parts.append(~self.rejected)
        elif f.review == "accepted":
            parts.append(self.accepted)
        if not parts:
            return None
        out = parts[0]
        for p in parts[1:]:
            out = out & p
        return out

    def page_rows(self, f: Filters | None, limit: int, sort: str = "event_date",
                  cursor: str | None = None) -> tuple[list[int], str | None]:
        """Row numbers of one page and the cursor of the next, as `SQLStore.page` gives them."""
        kind, desc = parse_sort(sort)
        order = self.orders[kind]
        n = len(order.rows)
        at = n if desc else 0
        if cursor:
            value, last_id = decode_cursor(cursor, sort)
            at = order.split(value, last_id, desc)
        mask = self.mask(f)
        want = int(limit) + 1
        if mask is None:
            pos = np.arange(max(0, at - want), at)[::-1] if desc else np.arange(at, min(n, at + want))
        else:
            passing = mask[order.rows]
            pos = np.flatnonzero(passing[:at])[-want:][::-1] if desc else np.flatnonzero(passing[at:])[:want] + at
        nxt = None
        if len(pos) > limit:
            pos = pos[:limit]
            last = int(pos[-1])
            nxt = encode_cursor(sort, order.value(order.keys[last]), order.ids[last])
        return [int(order.rows[p]) for p in pos], nxt

    def page(self, f: Filters | None, limit: int, sort: str = "event_date",
             cursor: str | None = None) -> tuple[list[dict], str | None]:
        rows, nxt = self.page_rows(f, limit, sort, cursor)
        return [_loads(self.records[i]) for i in rows], nxt

    def page_json(self, f: Filters | None, limit: int, sort: str = "event_date",
                  cursor: str | None = None) -> bytes:
        """The body of GET /events: {"items": [...], "next": cursor-or-null}, as JSON bytes."""
        import orjson

        rows, nxt = self.page_rows(f, limit, sort, cursor)
        return b'{"items":[' + b",".join(self.records[i] for i in rows) + b'],"next":' + orjson.dumps(nxt) + b"}"

    def stats(self, f: Filters | None, by: str) -> list[dict]:
        """As `SQLStore.stats`: events and fatalities by group, groups in order, NULLs last."""
        from .. import errors

        groups = {"month": (self.months,), "country": (self.text["iso3"], self.text["country"]),
                  "type": (self.text["event_type"],), "sub_type": (self.text["sub_event_type"],)}
        names = {"month": ["month"], "country": ["iso3", "country"], "type": ["event_type"],
                 "sub_type": ["sub_event_type"]}
        if by not in groups:
            raise errors.QueryError(f"cannot group by {by!r}", fix=f"Group by one of {', '.join(groups)}.")
        cols = groups[by]
        mask = self.mask(f)
        rows = np.flatnonzero(mask) if mask is not None else np.arange(len(self.ids))
        code = cols[0].codes[rows].astype(np.int64)
        if len(cols) == 2:
            code = code * len(cols[1].values) + cols[1].codes[rows]
        uniq, inverse = np.unique(code, return_inverse=True)
        counts = np.bincount(inverse, minlength=len(uniq))
        deaths = np.bincount(inverse, weights=np.nan_to_num(self.fatalities[rows], nan=0.0), minlength=len(uniq))
        out = []
        for u, c, d in zip(uniq.tolist(), counts.tolist(), deaths.tolist()):
            keys = ([cols[0].values[u // len(cols[1].values)], cols[1].values[u % len(cols[1].values)]]
                    if len(cols) == 2 else [cols[0].values[u]])
            out.append(dict(zip(names[by] + ["events", "fatalities"], [*keys, int(c), int(d)])))
        out.sort(key=lambda r: [(v is None, v or "") for v in list(r.values())[:-2]])
        return out

    def resolve(self, event_id: str) -> str | None:
        if event_id in self.row_of:
            return event_id
        target = self.alias_of.get(event_id)
        if target is not None and target in self.row_of:
            return target
        first = self.first_doc_event.get(event_id)
        return first[1] if first else None

    def lookup(self, event_id: str) -> dict | None:
        live = self.resolve(event_id)
        row = self.row_of.get(live) if live is not None else None
        return _loads(self.records[row]) if row is not None else None

    def history(self, event_id: str) -> dict | None:
        """As `SQLStore.history`."""
        live = self.resolve(event_id)
        if live is None and event_id not in self.log_by_event and event_id not in self.log_others:
            return None
        names = {event_id} | ({live} if live else set())
        names |= set(self.aliases_to.get(live, ()))
        entries = {}
        for name in names:
            for e in self.log_by_event.get(name, []) + self.absorbed_by_other.get(name, []):
                entries[e[1]] = e
        log = [row for _, _, row in sorted(entries.values(), key=lambda e: (e[0], e[1]))]
        reports = []
        for doc_id, doc_event_id, sentences in (self.reports.get(live, ()) if live else ()):
            source, published, url, title = self.documents.get(doc_id, (None, None, None, None))
            reports.append({"doc_id": doc_id if doc_id in self.documents else None, "source": source,
                            "published": published.isoformat() if published else None, "url": url,
                            "title": title, "doc_event_id": doc_event_id, "sentences": sentences})
        return {
            "event_id": live, "asked": event_id, "alias_of": live if live and live != event_id else None,
            "aliases": sorted(names - {live, event_id} if live else set()),
            "record": self.lookup(live) if live else None,
            "reports": reports,
            "reviews": sorted((r for name in ({live} | set(self.aliases_to.get(live, ())) if live else {event_id})
                               for r in self.reviews_of.get(name, ())), key=lambda r: r["review_id"]),
            "log": [{"seq": q, "at": a.isoformat(sep=" ", timespec="seconds"), "action": act,
                     "event_id": e, "other_id": o, "doc_id": d} for q, a, act, e, o, d in log],
        }

    # -- the dashboard's aggregates ---------------------------------------------------------------

    def grid(self, f: Filters | None, zoom: int, limit: int = 4000) -> list[dict]:
        """Events passing `f` gathered into map cells (about 60 pixels wide at `zoom`): each cell
        its count, fatalities, the mean position, the most frequent event type, and the event id
        when it holds one event. At most `limit` cells, the busiest."""
        mask = self.mask(f)
        ok = ~np.isnan(self.latitude) & ~np.isnan(self.longitude)
        rows = np.flatnonzero(ok if mask is None else ok & mask)
        if not len(rows):
            return []
        zoom = max(0, min(int(zoom), 18))
        size = 360.0 / (2 ** zoom) / 4.0  # degrees: a 256-pixel tile holds four cells
        lat, lon = self.latitude[rows], self.longitude[rows]
        cx = np.floor((lon + 180.0) / size).astype(np.int64)
        cy = np.floor((lat + 90.0) / size).astype(np.int64)
        cell = cx * 10_000_000 + cy
        uniq, inverse = np.unique(cell, return_inverse=True)
        counts = np.bincount(inverse, minlength=len(uniq))
        deaths = np.bincount(inverse, weights=np.nan_to_num(self.fatalities[rows], nan=0.0), minlength=len(uniq))
        mlat = np.bincount(inverse, weights=lat, minlength=len(uniq)) / counts
        mlon = np.bincount(inverse, weights=lon, minlength=len(uniq)) / counts
        types = self.text["event_type"]
        tcode = types.codes[rows].astype(np.int64)
        pair = inverse.astype(np.int64) * len(types.values) + tcode
        pu, pc = np.unique(pair, return_counts=True)
        best: dict[int, tuple[int, int]] = {}
        for p, c in zip(pu.tolist(), pc.tolist()):
            g, t = divmod(p, len(types.values))
            if c > best.get(g, (0, -1))[0]:
                best[g] = (c, t)
        first = np.full(len(uniq), -1, dtype=np.int64)
        first[inverse[::-1]] = rows[::-1]
        keep = np.argsort(-counts, kind="stable")[:limit]
        out = []
        for g in keep.tolist():
            n = int(counts[g])
            out.append({"lat": round(float(mlat[g]), 5), "lon": round(float(mlon[g]), 5), "n": n,
                        "fatalities": int(deaths[g]), "event_type": types.values[best[g][1]],
                        "event_id": self.ids[int(first[g])] if n == 1 else None})
        return out

    def weekly(self, f: Filters | None) -> list[dict]:
        """Events and fatalities per week (weeks start on Monday), dated events passing `f`."""
        mask = self.mask(f)
        rows = np.flatnonzero(self.dated if mask is None else self.dated & mask)
        if not len(rows):
            return []
        days = self.date[rows]
        monday = days - (days - 1) % 7  # date.fromordinal(1) is a Monday
        uniq, inverse = np.unique(monday, return_inverse=True)
        counts = np.bincount(inverse, minlength=len(uniq))
        deaths = np.bincount(inverse, weights=np.nan_to_num(self.fatalities[rows], nan=0.0), minlength=len(uniq))
        return [{"week": date.fromordinal(int(w)).isoformat(), "events": int(c), "fatalities": int(d)}
                for w, c, d in zip(uniq.tolist(), counts.tolist(), deaths.tolist())]
