"""Store: where coded events live. Embedded DuckDB by default.

A store keeps the per-document events (what the within-document merge made of each article:
the unit of truth), the merged events built from them across documents (a maintained table,
with their sources), aliases of events merged into another, a merge log, and the documents and
failures. Each document is written in one transaction that first removes what the document
contributed before, so recoding replaces and a crash leaves whole documents or nothing.
"""
from __future__ import annotations

from .duckdb_store import DuckDBStore, open_store

__all__ = ["DuckDBStore", "open_store"]
