"""Store: where coded events live. Embedded DuckDB by default.

A store keeps three tables: documents (one row a coded document, with its status), events
(one row an event, its full record as JSON beside the columns analysts filter on) and
sources (the evidence sentences). Each document is written in one transaction that first
removes what the document contributed before, so recoding replaces and a crash leaves whole
documents or nothing.
"""
from __future__ import annotations

from .duckdb_store import DuckDBStore, open_store

__all__ = ["DuckDBStore", "open_store"]
