"""The embedded DuckDB store (the default): one file, one writer process at a time.

DuckDB lets one process open a file for writing, or any number of processes open it read-only,
never both. A second writer, or a reader while a run writes, gets `StoreBusy` naming the process
that holds the file and what to do. Writes go through one connection; each document is one
transaction, and a process killed at any point leaves whole documents or nothing (DuckDB replays
only committed transactions from its WAL on open).
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from .. import errors
from ..records import Document, Event
from .sql import ADDED_EVENT_COLUMNS, SQLStore, schema
from .sql import storable, utcnow  # noqa: F401  (kept for callers of the old module)

SCHEMA = schema("JSON")


class DuckDBStore(SQLStore):
    """A DuckDB file. `read_only=True` for readers (show, export, history, read_events)."""

    def __init__(self, path: str | Path, read_only: bool = False):
        import duckdb

        self.path = Path(path)
        self.url = str(self.path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise errors.StoreMissing(f"no event store at {self.path}",
                                      fix="Run `conflictcoder code` first, or give --db.")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = connect(self.path, read_only)
        self.in_transaction = False
        self.seq = 0
        self.commits = 0  # no other process can change a file this one has open
        if read_only:
            if self._outdated():
                # an older layout: upgrade it once, with a short write, then read
                self.con.close()
                DuckDBStore(self.path).close()
                self.con = connect(self.path, True)
        else:
            old_layout = self._has_old_layout()
            for statement in SCHEMA:
                self.con.execute(statement)
            if old_layout:
                self._upgrade()
            self._add_columns()
        self.seq = self._scalar(
            "SELECT greatest((SELECT coalesce(max(seq), 0) FROM doc_events), "
            "(SELECT coalesce(max(seq), 0) FROM events), (SELECT coalesce(max(seq), 0) FROM merge_log))") or 0

    # -- driver ---------------------------------------------------------------------------------

    def _rows(self, sql: str, params: Iterable = ()) -> list[tuple]:
        return self.con.execute(sql.replace(LITERAL_Q, "?"), list(params)).fetchall()

    def _exec(self, sql: str, params: Iterable = ()) -> None:
        self.con.execute(sql.replace(LITERAL_Q, "?"), list(params))

    def _insert(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        """All rows in one statement (DuckDB's executemany runs one statement a row)."""
        if not rows:
            return
        one = "(" + ", ".join("?" for _ in rows[0]) + ")"
        self.con.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES " + ", ".join(one for _ in rows),
                         [value for row in rows for value in row])

    # -- writing --------------------------------------------------------------------------------

    @contextmanager
    def transaction(self):
        if self.read_only:
            raise errors.StoreError(f"{self.path} is open read-only", fix="Open the store for writing.")
        seq = self.seq
        self.in_transaction = True
        try:
            self.con.execute("BEGIN TRANSACTION")
            yield
            self.con.execute("COMMIT")
        except BaseException as exc:
            self.seq = seq
            self._rollback(exc)
            raise
        else:
            self.commits += 1
        finally:
            self.in_transaction = False

    def _rollback(self, exc: BaseException) -> None:
        try:
            self.con.execute("ROLLBACK")
        except Exception as again:  # noqa: BLE001 - a failed COMMIT may leave nothing to roll back
            raise errors.StoreError(
                f"a write to {self.path} failed ({exc.__class__.__name__}: {exc}), and the rollback "
                f"failed too ({again.__class__.__name__}: {again}); the store cannot be written.",
                fix="Check the free disk space and the file; the store keeps every document "
                    "committed before (DuckDB replays only committed work), so rerun.") from exc

    def is_broken(self, exc: BaseException) -> bool:
        return store_is_broken(exc)

    def revision(self) -> int:
        return self.commits

    def last_seq(self) -> int:
        return self.seq

    def _set_seq(self, seq: int) -> None:
        self.seq = seq

    # -- layouts --------------------------------------------------------------------------------

    def _columns(self) -> set[str]:
        return {r[0] for r in self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()}

    def _outdated(self) -> bool:
        cols = self._columns()
        return bool(cols) and (self._has_old_layout() or any(c not in cols for c, _, _ in ADDED_EVENT_COLUMNS))

    def _add_columns(self) -> None:
        cols = self._columns()
        for name, kind, value in ADDED_EVENT_COLUMNS:
            if name not in cols:
                self.con.execute(f"ALTER TABLE events ADD COLUMN {name} {kind}")
                self.con.execute(f"UPDATE events SET {name} = {value}")

    def _has_old_layout(self) -> bool:
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if "events" not in tables or "doc_events" in tables:
            return False
        return "doc_id" in self._columns()

    def _upgrade(self) -> None:
        """A store written before merging: its events are per-document events; merge them through
        the service, all in one transaction."""
        from ..merge_across import event_from_record
        from ..service import merge_into

        con = self.con
        try:
            with self.transaction():
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
                    merge_into(self, doc, events)
                con.execute("DROP TABLE events_v1")
        except Exception as exc:
            raise errors.StoreError(f"could not upgrade the event store {self.path}: {exc}",
                                    fix="Recode the documents into a new store.") from exc

    def close(self) -> None:
        self.con.close()


from .filters import LITERAL_QUESTION as LITERAL_Q  # noqa: E402


def connect(path: Path, read_only: bool):
    import duckdb

    try:
        con = duckdb.connect(str(path), read_only=read_only)
        con.execute("SET enable_progress_bar = false")  # library code never draws on the terminal
        return con
    except duckdb.Error as exc:
        holder = lock_holder(str(exc))
        if holder is not None:
            pid, what = holder
            if read_only:
                raise errors.StoreBusy(
                    f"cannot read {path}: process {pid} ({what}) is writing it, and DuckDB lets no other "
                    "process open a file while one writes it",
                    fix="Wait for that run to finish (or stop it), then read again; to read while coding, "
                        "code into a PostgreSQL store (--db postgresql://...).") from exc
            raise errors.StoreBusy(
                f"cannot write {path}: process {pid} ({what}) has it open, and a DuckDB file takes one "
                "process at a time",
                fix="Wait for that process to finish, code into another --db file, or share a PostgreSQL "
                    "store (--db postgresql://...) between writers.") from exc
        raise errors.StoreError(f"cannot open the event store {path}: {exc}",
                                fix="Check the path: it must be a DuckDB file or a new name.") from exc


def lock_holder(message: str) -> tuple[int, str] | None:
    """The process named in DuckDB's lock error, and its command line."""
    m = re.search(r"Conflicting lock is held in (.*?) \(PID (\d+)\)", message)
    if not m:
        return None
    pid = int(m.group(2))
    what = m.group(1)
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            argv = [a.decode(errors="replace") for a in fh.read().split(b"\0") if a]
        if argv:
            what = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(argv))[:200]
    except OSError:
        pass
    return pid, what


def store_is_broken(exc: BaseException) -> bool:
    """Whether an error while storing one document means the store itself cannot be written
    (a full disk, an I/O error, an invalidated database), not only that document."""
    import duckdb

    return isinstance(exc, (OSError, MemoryError, duckdb.IOException, duckdb.FatalException,
                            duckdb.InternalException, duckdb.OutOfMemoryException))
