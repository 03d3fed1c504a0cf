"""The PostgreSQL store (`--db postgresql://user@host:5432/dbname`), for a shared server.

Many processes may write at once: each document is one transaction, and writers take one
transaction-scoped advisory lock before merging, so two documents telling one event never merge
against a stale view (coding, the slow part, runs in parallel; only the short store step is
serialised). A process killed mid-document leaves nothing of it; its rerun stores it whole.
Readers open read-only sessions and never wait for writers.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import contextmanager

from .. import errors
from .filters import LITERAL_QUESTION
from .sql import ADDED_EVENT_COLUMNS, SQLStore, schema, storable

# SQLSTATE classes that mean the server or the connection cannot take writes (not one document)
BROKEN_SQLSTATES = ("08", "53", "57P", "58", "XX")
LOCK_KEY = 0x43_43_53_54  # "CCST": the advisory lock every writer of a conflictcoder store takes
INDEXES = [
    "CREATE INDEX IF NOT EXISTS events_block ON events (iso3, family, lo, hi)",
    "CREATE INDEX IF NOT EXISTS events_by_date ON events ((coalesce(event_date, DATE '9999-12-31')), event_id)",
    "CREATE INDEX IF NOT EXISTS doc_events_event ON doc_events (event_id)",
    "CREATE INDEX IF NOT EXISTS doc_events_own_id ON doc_events (doc_event_id)",
    "CREATE INDEX IF NOT EXISTS sources_event ON sources (event_id)",
    "CREATE INDEX IF NOT EXISTS aliases_event ON aliases (event_id)",
    "CREATE INDEX IF NOT EXISTS merge_log_event ON merge_log (event_id)",
    "CREATE INDEX IF NOT EXISTS merge_log_other ON merge_log (other_id)",
]


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class PostgresStore(SQLStore):
    def __init__(self, url: str, read_only: bool = False):
        import psycopg

        self.url = redact(url)
        self.read_only = read_only
        try:
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise errors.StoreError(f"cannot reach the PostgreSQL store {self.url}: {str(exc).strip()}",
                                    fix="Check that the server runs, the URL (host, port, user, database) "
                                        "and the password (PGPASSWORD or ~/.pgpass).") from exc
        try:
            if read_only:
                self.con.execute("SET default_transaction_read_only = on")
                if self._scalar("SELECT to_regclass('events') IS NULL"):
                    raise errors.StoreMissing(f"no event store in {self.url}",
                                              fix="Run `conflictcoder code --db URL` first.")
            else:
                self._create()
        except psycopg.Error as exc:
            self.con.close()
            raise errors.StoreError(f"cannot open the event store in {self.url}: {str(exc).strip()}",
                                    fix="Check the user's rights on the database.") from exc
        except errors.ConflictCoderError:
            self.con.close()
            raise

    def _create(self) -> None:
        """Tables, added columns and indexes, under the writers' lock (writers may start together)."""
        with self.con.transaction():
            self._exec("SELECT pg_advisory_xact_lock(?)", [LOCK_KEY])
            for statement in schema("JSON"):  # JSON, not JSONB: records keep their key order
                self._exec(statement)
            for name, kind, value in ADDED_EVENT_COLUMNS:
                if not self._one("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                                 "AND table_name = 'events' AND column_name = ?", [name]):
                    self._exec(f"ALTER TABLE events ADD COLUMN {name} {kind}")
                    self._exec(f"UPDATE events SET {name} = {value}")
            self._exec("CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value BIGINT)")
            self._exec("INSERT INTO store_meta VALUES ('seq', 0), ('revision', 0) ON CONFLICT (key) DO NOTHING")
            for statement in INDEXES:
                self._exec(statement)

    # -- driver ---------------------------------------------------------------------------------

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s").replace(LITERAL_QUESTION, "?")

    def _rows(self, sql: str, params: Iterable = ()) -> list[tuple]:
        cur = self.con.execute(self._sql(sql), list(params))
        return cur.fetchall() if cur.description else []

    def _exec(self, sql: str, params: Iterable = ()) -> None:
        self.con.execute(self._sql(sql), list(params))

    def _insert(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        marks = ", ".join("%s" for _ in columns)
        with self.con.cursor() as cur:
            cur.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    @staticmethod
    def _json_in(value: dict):
        from psycopg.types.json import Json

        return Json(value)

    # -- writing --------------------------------------------------------------------------------

    @contextmanager
    def transaction(self):
        if self.read_only:
            raise errors.StoreError(f"{self.url} is open read-only", fix="Open the store for writing.")
        with self.con.transaction():
            self._exec("SELECT pg_advisory_xact_lock(?)", [LOCK_KEY])
            yield
            self._exec("UPDATE store_meta SET value = value + 1 WHERE key = 'revision'")

    def is_broken(self, exc: BaseException) -> bool:
        """A lost or closed connection, or the server out of disk, memory or service (SQLSTATE
        classes 08, 53, 57P, 58, XX); not a constraint or a value one document broke."""
        import psycopg

        if isinstance(exc, (OSError, MemoryError, psycopg.InterfaceError)) or self.con.broken or self.con.closed:
            return True
        state = getattr(exc, "sqlstate", None) or ""
        return isinstance(exc, psycopg.Error) and state.startswith(BROKEN_SQLSTATES)

    @staticmethod
    def _text(value: str | None) -> str | None:
        """PostgreSQL text takes no NUL character: escaped, like lone surrogates."""
        value = storable(value)
        return value.replace("\x00", "\\x00") if value else value

    def last_seq(self) -> int:
        return self._scalar("SELECT value FROM store_meta WHERE key = 'seq'")

    def _set_seq(self, seq: int) -> None:
        self._exec("UPDATE store_meta SET value = ? WHERE key = 'seq'", [seq])

    def revision(self) -> int:
        """Bumped by every writer's transaction (a store no writer opened since has none: 0)."""
        return self._scalar("SELECT coalesce((SELECT value FROM store_meta WHERE key = 'revision'), 0)")

    def close(self) -> None:
        self.con.close()
