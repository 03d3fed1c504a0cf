"""Store: where coded events live. Embedded DuckDB by default, PostgreSQL for a shared server.

A store keeps the per-document events (what the within-document merge made of each article:
the unit of truth), the merged events built from them across documents (a maintained table,
with their sources), aliases of events merged into another, a merge log, and the documents and
failures. Stores follow the `Store` protocol (base.py); the merging itself is the service's
(`conflictcoder.service`), which hands each store what to write, one document a transaction, so
recoding replaces and a crash leaves whole documents or nothing.
"""
from __future__ import annotations

from pathlib import Path

from .base import Store, StoredCluster, Writes
from .duckdb_store import DuckDBStore
from .filters import Filters

__all__ = ["DuckDBStore", "Filters", "Store", "StoredCluster", "Writes", "is_server_url", "open_store"]


def is_server_url(db: str | Path) -> bool:
    return isinstance(db, str) and db.startswith(("postgresql://", "postgres://"))


def open_store(db: str | Path, read_only: bool = False) -> Store:
    """The store at `db`: a postgresql:// URL, or the path of a DuckDB file."""
    if is_server_url(db):
        from .postgres_store import PostgresStore

        return PostgresStore(str(db), read_only=read_only)
    return DuckDBStore(db, read_only=read_only)
