"""The Store protocol: what the service, the CLI, the API and `read_events` need of a store.

Two implementations: `DuckDBStore` (an embedded file, the default) and `PostgresStore` (a shared
server). Neither merges anything: the service (`conflictcoder.service`) works out what a document
changes and hands the store a `Writes` to apply inside `transaction()`.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable

from ..records import Document, Event, Failure
from .filters import Filters


@dataclass(slots=True)
class StoredCluster:
    """A merged event as stored: its id, its sequence number and its per-document events."""

    event_id: str
    seq: int
    members: list[tuple[int, Event]]


@dataclass(slots=True)
class Writes:
    """What saving one document changes, worked out by the service."""

    doc: Document
    n_events: int
    now: datetime
    dead: list[str] = field(default_factory=list)  # merged events to rewrite or drop
    absorbed: dict[str, str] = field(default_factory=dict)  # absorbed id -> survivor
    created: list[str] = field(default_factory=list)
    # (merged Event, its seq, family, lo, hi) of each merged event to (re)write
    events: list[tuple[Event, int, str | None, int | None, int | None]] = field(default_factory=list)
    # (per-document event id, doc_id, merged event id, seq, record) of their per-document events
    members: list[tuple[str, str, str, int, dict]] = field(default_factory=list)
    log: list[tuple[int, str, str, str, str]] = field(default_factory=list)  # seq, action, event, other, doc
    last_seq: int = 0
    text: str | None = None  # the document's clean text (what the evidence offsets index)


@runtime_checkable
class Store(Protocol):
    """An event store. Writes happen inside `transaction()`; one writer at a time per store."""

    url: str

    # -- writing (the service calls these inside one transaction) ------------------------------
    def transaction(self) -> AbstractContextManager[None]:
        """One transaction, serialised against every other writer of the store."""
    def last_seq(self) -> int:
        """The highest sequence number used so far (inside a transaction)."""
    def nearby(self, doc_id: str, profiles: list) -> list[str]:
        """Merged events the document fed before, and those near its events' profiles."""
    def clusters(self, event_ids: list[str]) -> list[StoredCluster]:
        """The stored merged events `event_ids`, with their per-document events."""
    def apply(self, writes: Writes) -> None:
        """Write what the service worked out for one document."""
    def is_broken(self, exc: BaseException) -> bool:
        """Whether `exc`, raised while writing a document, means the store cannot be written at all
        (a full disk, a lost connection) rather than that this one document could not be stored."""
    def add_review(self, event_id: str, action: str, fields: dict | None, reviewer: str,
                   note: str | None = None) -> dict:
        """Store an analyst's decision (accept, reject, edit, clear) on an event and apply it."""
    def reviews(self, event_id: str) -> list[dict]:
        """The analysts' decisions on an event, oldest first."""
    def document_text(self, doc_id: str) -> str | None:
        """The clean text of a coded document."""
    def record_failure(self, failure: Failure) -> None:
        """Keep an input that could not be coded, with the stage that failed (StoreError if the
        store cannot take it)."""
    def seen(self, keys: list[str]) -> dict[str, str]:
        """`watch`: the fingerprints of those of `keys` taken in before (a file, a feed item)."""
    def mark_seen(self, key: str, fingerprint: str, doc_id: str | None) -> None:
        """`watch`: remember that `key` (with this fingerprint) has been taken in."""

    # -- reading --------------------------------------------------------------------------------
    def records(self, filters: Filters | None = None) -> Iterator[dict]:
        """Every merged event record that passes `filters`, by date then id."""
    def page(self, filters: Filters | None, limit: int, sort: str = "event_date",
             cursor: str | None = None) -> tuple[list[dict], str | None]:
        """One page of records and the cursor of the next (None after the last)."""
    def stats(self, filters: Filters | None, by: str) -> list[dict]:
        """Events and fatalities grouped by 'month', 'country' or 'type'."""
    def resolve(self, event_id: str) -> str | None:
        """The live id an id stands for (itself, or the event it was merged into)."""
    def lookup(self, event_id: str) -> dict | None:
        """The record of an event, by its id or an id merged into it."""
    def records_for(self, event_ids: Iterable[str]) -> list[dict]:
        """The records of these ids, aliases resolved, each event once."""
    def history(self, event_id: str) -> dict | None:
        """Sources, reports and merges behind an event."""
    def counts(self) -> dict[str, int]:
        """Documents, events, sources, failures."""
    def integrity(self) -> dict[str, int]:
        """Counts of what must never be: all zero in a sound store."""
    def revision(self) -> int:
        """A number that changes whenever a transaction changes the store (readers cache by it)."""
    def fetch(self, sql: str, params: Iterable = ()) -> list[tuple]:
        """Rows of a query on the store's tables, `?` placeholders."""
    def close(self) -> None:
        """Release the connection (and the file, for DuckDB)."""
