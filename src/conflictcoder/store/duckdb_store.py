"""The embedded DuckDB store."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from .. import errors
from ..records import Document, Event, Failure

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id VARCHAR PRIMARY KEY, source VARCHAR, url VARCHAR, title VARCHAR,
        published DATE, path VARCHAR, n_events INTEGER, coded_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS events (
        event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, event_date DATE, event_type VARCHAR,
        sub_event_type VARCHAR, iso3 VARCHAR, admin1 VARCHAR, location VARCHAR,
        latitude DOUBLE, longitude DOUBLE, fatalities INTEGER, record JSON)""",
    """CREATE TABLE IF NOT EXISTS sources (
        event_id VARCHAR, doc_id VARCHAR, sentence VARCHAR, start_char INTEGER, end_char INTEGER)""",
    """CREATE TABLE IF NOT EXISTS failures (
        location VARCHAR, doc_id VARCHAR, code VARCHAR, reason VARCHAR, seen_at TIMESTAMP)""",
]


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
        for statement in SCHEMA:
            self.con.execute(statement)

    def save_document(self, doc: Document, events: list[Event]) -> None:
        """Replace everything `doc` contributed with `events`, in one transaction."""
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DELETE FROM sources WHERE doc_id = ?", [doc.doc_id])
            con.execute("DELETE FROM events WHERE doc_id = ?", [doc.doc_id])
            con.execute("DELETE FROM documents WHERE doc_id = ?", [doc.doc_id])
            con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [doc.doc_id, doc.source, doc.url, doc.title, doc.published, doc.path,
                         len(events), now])
            if events:
                con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                [event_row(doc.doc_id, e) for e in events])
                rows = [(e.event_id, s.doc_id, s.sentence, s.start, s.end) for e in events for s in e.sources]
                if rows:
                    con.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?)", rows)
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise errors.StoreError(f"could not store {doc.doc_id}: {exc}",
                                    fix="The store is unchanged for this document; rerun.") from exc

    def record_failure(self, failure: Failure) -> None:
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        self.con.execute("INSERT INTO failures VALUES (?, ?, ?, ?, ?)",
                         [failure.where, failure.doc_id, failure.code, failure.reason, now])

    def records(self) -> Iterator[dict]:
        """Every stored event record, in a stable order."""
        cur = self.con.execute("SELECT record FROM events ORDER BY event_date NULLS LAST, event_id")
        while True:
            rows = cur.fetchmany(1000)
            if not rows:
                return
            for (record,) in rows:
                yield json.loads(record)

    def counts(self) -> dict[str, int]:
        q = self.con.execute
        return {
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "events": q("SELECT count(*) FROM events").fetchone()[0],
            "sources": q("SELECT count(*) FROM sources").fetchone()[0],
            "failures": q("SELECT count(*) FROM failures").fetchone()[0],
        }

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "DuckDBStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def event_row(doc_id: str, e: Event) -> tuple:
    record = e.to_record()
    return (e.event_id, doc_id, e.event_date, e.event_type, e.sub_event_type, e.iso3, e.admin1,
            e.location, e.latitude, e.longitude, e.fatalities, json.dumps(record, ensure_ascii=False))


def open_store(path: str | Path) -> DuckDBStore:
    return DuckDBStore(path)
