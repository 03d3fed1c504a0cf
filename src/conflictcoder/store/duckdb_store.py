"""The embedded DuckDB store, with events merged across documents as documents come in.

Tables:
- documents: one row a coded document.
- doc_events: the per-document events (what the within-document merge made of one article), the
  unit of truth: their JSON record and the merged event (`event_id`) each belongs to.
- events: the merged events, a maintained table: one row a real event, its record built from its
  per-document events (`merge_across.merged_event`), with the columns blocking and analysts use.
- sources: the evidence sentences of the merged events.
- aliases: ids of events merged into another, and the id that survived.
- merge_log: what happened to each event (created, joined, removed, absorbed), for `history`.
- failures: inputs that could not be coded.

`save_document` runs in one transaction: it takes out what the document gave before (its sources
leave their merged events, whose fields are rebuilt from the reports left; an event left without
reports disappears), then merges the document's events into the stored events near them in
place, time and kind. A merged event keeps its id; when two stored events turn out to be one, the
earliest-created id survives and the other becomes an alias. A process killed at any point leaves
whole documents or nothing (DuckDB replays only committed transactions from its WAL on open).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from .. import errors
from ..records import Document, Event, Failure

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id VARCHAR PRIMARY KEY, source VARCHAR, url VARCHAR, title VARCHAR,
        published DATE, path VARCHAR, n_events INTEGER, coded_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS doc_events (
        doc_event_id VARCHAR, doc_id VARCHAR, event_id VARCHAR, seq BIGINT, record JSON,
        PRIMARY KEY (doc_id, doc_event_id))""",
    """CREATE TABLE IF NOT EXISTS events (
        event_id VARCHAR PRIMARY KEY, seq BIGINT, event_date DATE, event_type VARCHAR,
        sub_event_type VARCHAR, iso3 VARCHAR, admin1 VARCHAR, location VARCHAR,
        latitude DOUBLE, longitude DOUBLE, fatalities INTEGER, n_docs INTEGER,
        family VARCHAR, lo INTEGER, hi INTEGER, record JSON)""",
    """CREATE TABLE IF NOT EXISTS sources (
        event_id VARCHAR, doc_id VARCHAR, sentence VARCHAR, start_char INTEGER, end_char INTEGER)""",
    """CREATE TABLE IF NOT EXISTS aliases (
        alias_id VARCHAR PRIMARY KEY, event_id VARCHAR, merged_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS merge_log (
        seq BIGINT, logged_at TIMESTAMP, action VARCHAR, event_id VARCHAR, other_id VARCHAR, doc_id VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS failures (
        location VARCHAR, doc_id VARCHAR, code VARCHAR, reason VARCHAR, seen_at TIMESTAMP)""",
    "ALTER TABLE failures ADD COLUMN IF NOT EXISTS stage VARCHAR",
]


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class DuckDBStore:
    """One writer connection to a DuckDB file (DuckDB wants a single writer)."""

    def __init__(self, path: str | Path):
        import duckdb

        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.Error as exc:
            raise errors.StoreError(f"cannot open the event store {self.path}: {exc}",
                                    fix="Check the path, or that no other process holds the file.") from exc
        old_layout = self._has_old_layout()
        for statement in SCHEMA:
            self.con.execute(statement)
        if old_layout:
            self._upgrade()
        self.seq = self.con.execute(
            "SELECT greatest((SELECT coalesce(max(seq), 0) FROM doc_events), "
            "(SELECT coalesce(max(seq), 0) FROM events), (SELECT coalesce(max(seq), 0) FROM merge_log))"
        ).fetchone()[0]

    # -- writing --------------------------------------------------------------------------------

    def save_document(self, doc: Document, events: list[Event]) -> list[str]:
        """Replace everything `doc` contributed with `events` and merge them into the stored
        events, in one transaction. Returns the (merged) event id of each event."""
        con = self.con
        seq = self.seq
        try:
            con.execute("BEGIN TRANSACTION")
            ids = self._save(doc, events)
            con.execute("COMMIT")
            return ids
        except Exception as exc:
            self.seq = seq
            try:
                con.execute("ROLLBACK")
            except Exception as again:  # noqa: BLE001 - a failed COMMIT may leave nothing to roll back
                raise errors.StoreError(
                    f"could not store {doc.doc_id} ({exc.__class__.__name__}: {exc}), and the rollback "
                    f"failed too ({again.__class__.__name__}: {again}); the store cannot be written.",
                    fix="Check the free disk space and the file; the store keeps every document "
                        "committed before (DuckDB replays only committed work), so rerun.") from exc
            if store_is_broken(exc):
                raise errors.StoreError(
                    f"the event store {self.path} cannot be written ({exc.__class__.__name__}: {exc}).",
                    fix="Check the free disk space and the file; documents stored before are kept; rerun.") from exc
            raise errors.DocumentNotStored(
                f"could not store {doc.doc_id}: {exc.__class__.__name__}: {exc}",
                fix="The store is unchanged for this document; the rest of the run went on.") from exc

    def _save(self, doc: Document, events: list[Event]) -> list[str]:
        from ..merge_across import CrossDocMerger, profile

        con, now = self.con, utcnow()
        ids = [e.event_id for e in events]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate event ids in one document: {sorted(i for i in set(ids) if ids.count(i) > 1)}")
        merger = CrossDocMerger(seq=self.seq)
        # the events this document fed before, and the stored events near its new ones
        near = [profile(e, doc.doc_id) for e in events]
        near = [p for p in near if p.mergeable]
        wanted = [r[0] for r in con.execute(
            "SELECT event_id FROM doc_events WHERE doc_id = ? UNION "
            "SELECT event_id FROM events, (SELECT unnest(?::VARCHAR[]) AS q_iso3, unnest(?::VARCHAR[]) AS q_family,"
            " unnest(?::INTEGER[]) AS q_lo, unnest(?::INTEGER[]) AS q_hi) "
            "WHERE iso3 = q_iso3 AND family = q_family AND hi >= q_lo AND lo <= q_hi",
            [doc.doc_id, [p.iso3 for p in near], [p.family for p in near], [p.lo for p in near],
             [p.hi for p in near]]).fetchall()]
        self._load(merger, wanted)
        merger.remove_document(doc.doc_id)
        cluster_ids = [merger.add(e, doc.doc_id) for e in events]
        change = merger.take_change()
        self.seq = merger.seq
        cluster_ids = [merger.resolve(c) for c in cluster_ids]

        dead = sorted(change.gone | set(change.absorbed) | change.touched)
        con.execute("DELETE FROM doc_events WHERE doc_id = ? OR event_id IN (SELECT unnest(?::VARCHAR[]))",
                    [doc.doc_id, dead])
        if dead:
            con.execute("DELETE FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [dead])
            con.execute("DELETE FROM sources WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [dead])
        for lost, kept in change.absorbed.items():
            con.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?, ?)", [lost, kept, now])
            con.execute("UPDATE aliases SET event_id = ? WHERE event_id = ?", [kept, lost])
        if change.created:
            con.execute("DELETE FROM aliases WHERE alias_id IN (SELECT unnest(?::VARCHAR[]))",
                        [sorted(change.created)])
        event_rows, source_rows, member_rows = [], [], []
        for cid in sorted(change.touched):
            c = merger.clusters.get(cid)
            if c is None:
                continue
            merged = c.event()
            event_rows.append(event_row(merged, c.seq, c.rep))
            source_rows += [(cid, s.doc_id, s.sentence, s.start, s.end) for s in merged.sources]
            member_rows += [(m.event.event_id, m.doc_id, cid, m.seq,
                             json.dumps(m.event.to_record(), ensure_ascii=False)) for m in c.members]
        log_rows = [(self.seq + i + 1, now, action, eid, other, doc_id)
                    for i, (action, eid, other, doc_id) in enumerate(change.log)]
        self.seq += len(log_rows)
        insert_rows(con, "doc_events", member_rows)
        insert_rows(con, "events", event_rows)
        insert_rows(con, "sources", source_rows)
        insert_rows(con, "merge_log", log_rows)
        con.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [doc.doc_id, doc.source, doc.url, doc.title, doc.published, doc.path, len(events), now])
        return cluster_ids

    def _load(self, merger, event_ids: list[str]) -> None:
        """Put the stored events `event_ids`, with their per-document events, into `merger`."""
        from ..merge_across import event_from_record

        if not event_ids:
            return
        members: dict[str, list] = {}
        seqs: dict[str, int] = {}
        for cid, cseq, mseq, record in self.con.execute(
                "SELECT d.event_id, e.seq, d.seq, d.record FROM doc_events d JOIN events e USING (event_id) "
                "WHERE d.event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY d.seq", [sorted(event_ids)]).fetchall():
            seqs[cid] = cseq
            members.setdefault(cid, []).append((mseq, event_from_record(json.loads(record))))
        for cid, ms in members.items():
            merger.load_cluster(cid, seqs[cid], ms)

    def record_failure(self, failure: Failure) -> None:
        try:
            self.con.execute("INSERT INTO failures (location, doc_id, code, reason, seen_at, stage) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
                             [storable(failure.where), storable(failure.doc_id), failure.code,
                              storable(failure.reason), utcnow(), failure.stage])
        except Exception as exc:  # noqa: BLE001 - duckdb raises its own classes, OSError and MemoryError
            raise errors.StoreError(f"cannot record a failure in the event store {self.path}: {exc}",
                                    fix="Check the free disk space and the file; rerun.") from exc

    # -- reading --------------------------------------------------------------------------------

    def records(self) -> Iterator[dict]:
        """Every stored (merged) event record, in a stable order."""
        cur = self.con.execute("SELECT record FROM events ORDER BY event_date NULLS LAST, event_id")
        while True:
            rows = cur.fetchmany(1000)
            if not rows:
                return
            for (record,) in rows:
                yield json.loads(record)

    def resolve(self, event_id: str) -> str | None:
        """The live id an event id stands for now (itself, or the event it was merged into)."""
        row = self.con.execute("SELECT event_id FROM events WHERE event_id = ?", [event_id]).fetchone()
        if row:
            return row[0]
        row = self.con.execute("SELECT event_id FROM aliases WHERE alias_id = ?", [event_id]).fetchone()
        if row and self.con.execute("SELECT 1 FROM events WHERE event_id = ?", [row[0]]).fetchone():
            return row[0]
        # a per-document event's own id (what a store without merging gave out)
        row = self.con.execute("SELECT event_id FROM doc_events WHERE doc_event_id = ? ORDER BY seq LIMIT 1",
                               [event_id]).fetchone()
        return row[0] if row else None

    def lookup(self, event_id: str) -> dict | None:
        """The record of an event by its id or by an id merged into it."""
        live = self.resolve(event_id)
        if live is None:
            return None
        (record,) = self.con.execute("SELECT record FROM events WHERE event_id = ?", [live]).fetchone()
        return json.loads(record)

    def records_for(self, event_ids: Iterable[str]) -> list[dict]:
        """The records of these ids (aliases resolved, each event once, in the order given)."""
        out, seen = [], set()
        for eid in event_ids:
            live = self.resolve(eid)
            if live is not None and live not in seen:
                seen.add(live)
                out.append(self.lookup(live))
        return out

    def history(self, event_id: str) -> dict | None:
        """The sources and merges behind an event (given by its id or an alias of it)."""
        live = self.resolve(event_id)
        con = self.con
        if live is None:
            known = con.execute("SELECT 1 FROM merge_log WHERE event_id = ? OR other_id = ? LIMIT 1",
                                [event_id, event_id]).fetchone()
            if not known:
                return None
        names = {event_id} | ({live} if live else set())
        names |= {r[0] for r in con.execute("SELECT alias_id FROM aliases WHERE event_id = ?", [live]).fetchall()}
        marks = ", ".join("?" for _ in names)
        log = con.execute(
            f"SELECT seq, logged_at, action, event_id, other_id, doc_id FROM merge_log WHERE event_id IN ({marks})"
            f" OR (action = 'absorbed' AND other_id IN ({marks})) ORDER BY seq",
            list(names) * 2).fetchall()
        sources = []
        if live:
            sources = con.execute(
                "SELECT d.doc_id, d.source, d.published, d.url, d.title, e.doc_event_id, e.record "
                "FROM doc_events e LEFT JOIN documents d USING (doc_id) WHERE e.event_id = ? ORDER BY e.seq",
                [live]).fetchall()
        return {
            "event_id": live, "asked": event_id, "alias_of": live if live and live != event_id else None,
            "aliases": sorted(names - {live, event_id} if live else set()),
            "record": self.lookup(live) if live else None,
            "reports": [{"doc_id": d, "source": s, "published": p.isoformat() if p else None, "url": u,
                         "title": t, "doc_event_id": de,
                         "sentences": [x["sentence"] for x in json.loads(r).get("sources", [])]}
                        for d, s, p, u, t, de, r in sources],
            "log": [{"seq": q, "at": a.isoformat(sep=" ", timespec="seconds"), "action": act,
                     "event_id": e, "other_id": o, "doc_id": d} for q, a, act, e, o, d in log],
        }

    def integrity(self) -> dict[str, int]:
        """Counts of what must never be: all zero in a sound store."""
        q = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "half_documents": q("SELECT count(*) FROM documents d WHERE n_events <> "
                                "(SELECT count(*) FROM doc_events e WHERE e.doc_id = d.doc_id)"),
            "orphan_doc_events": q("SELECT count(*) FROM doc_events e WHERE e.doc_id NOT IN "
                                   "(SELECT doc_id FROM documents)"),
            "dangling_doc_events": q("SELECT count(*) FROM doc_events e WHERE e.event_id NOT IN "
                                     "(SELECT event_id FROM events)"),
            "events_without_reports": q("SELECT count(*) FROM events v WHERE v.event_id NOT IN "
                                        "(SELECT event_id FROM doc_events)"),
            "duplicate_sources": q("SELECT count(*) FROM (SELECT event_id, doc_id, start_char, end_char "
                                   "FROM sources GROUP BY ALL HAVING count(*) > 1)"),
            "aliases_to_aliases": q("SELECT count(*) FROM aliases a WHERE a.event_id IN (SELECT alias_id FROM aliases)"),
        }

    def counts(self) -> dict[str, int]:
        q = self.con.execute
        return {
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "events": q("SELECT count(*) FROM events").fetchone()[0],
            "sources": q("SELECT count(*) FROM sources").fetchone()[0],
            "failures": q("SELECT count(*) FROM failures").fetchone()[0],
        }

    # -- upgrade from the layout without merging ------------------------------------------------

    def _has_old_layout(self) -> bool:
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if "events" not in tables or "doc_events" in tables:
            return False
        cols = {r[0] for r in self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()}
        return "doc_id" in cols

    def _upgrade(self) -> None:
        """A store written before merging: its events are per-document events; merge them, all
        in one transaction."""
        from ..merge_across import event_from_record

        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("ALTER TABLE events RENAME TO events_v1")
            con.execute("DELETE FROM sources")
            for statement in SCHEMA:
                con.execute(statement)
            rows = con.execute("SELECT e.doc_id, e.record FROM events_v1 e LEFT JOIN documents d USING (doc_id) "
                               "ORDER BY d.coded_at, e.doc_id, e.event_id").fetchall()
            docs = {r[0]: r for r in con.execute("SELECT * FROM documents").fetchall()}
            by_doc: dict[str, list[Event]] = {}
            for doc_id, record in rows:
                by_doc.setdefault(doc_id, []).append(event_from_record(json.loads(record)))
            self.seq = 0
            for doc_id, events in by_doc.items():
                row = docs.get(doc_id)
                doc = Document(doc_id=doc_id, source=row[1], url=row[2], title=row[3], published=row[4],
                               path=row[5]) if row else Document(doc_id=doc_id)
                self._save(doc, events)
            con.execute("DROP TABLE events_v1")
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise errors.StoreError(f"could not upgrade the event store {self.path}: {exc}",
                                    fix="Recode the documents into a new store.") from exc

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "DuckDBStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def event_row(e: Event, seq: int, rep) -> tuple:
    record = e.to_record()
    n_docs = len({s.doc_id for s in e.sources})
    mergeable = rep is not None and rep.mergeable
    return (e.event_id, seq, e.event_date, e.event_type, e.sub_event_type, e.iso3, e.admin1,
            e.location, e.latitude, e.longitude, e.fatalities, n_docs,
            rep.family if mergeable else None, rep.lo if mergeable else None,
            rep.hi if mergeable else None, json.dumps(record, ensure_ascii=False))


def store_is_broken(exc: BaseException) -> bool:
    """Whether an error while storing one document means the store itself cannot be written
    (a full disk, an I/O error, an invalidated database), not only that document."""
    import duckdb

    return isinstance(exc, (OSError, MemoryError, duckdb.IOException, duckdb.FatalException,
                            duckdb.InternalException, duckdb.OutOfMemoryException))


def storable(value: str | None) -> str | None:
    """A string DuckDB accepts: lone surrogates (a file name that is not UTF-8) escaped."""
    if value is None or not any("\ud800" <= ch <= "\udfff" for ch in value):
        return value
    try:
        raw = value.encode("utf-8", "surrogateescape")  # the bytes of a name that is not UTF-8
    except UnicodeEncodeError:
        raw = value.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


def insert_rows(con, table: str, rows: list[tuple]) -> None:
    """All rows in one statement (DuckDB's executemany runs one statement a row)."""
    if not rows:
        return
    one = "(" + ", ".join("?" for _ in rows[0]) + ")"
    con.execute(f"INSERT INTO {table} VALUES " + ", ".join(one for _ in rows),
                [value for row in rows for value in row])


def open_store(path: str | Path) -> DuckDBStore:
    return DuckDBStore(path)
