"""The service layer: documents into a store, merged across documents, for any store.

    from conflictcoder.service import open_store, save_document
    with open_store("events.duckdb") as store:          # or "postgresql://..."
        save_document(store, document, events)

`save_document` works out, inside one store transaction, what a document changes: it takes out
what the document gave before (its reports leave their merged events, whose fields are rebuilt
from the reports left; an event left without reports disappears), then merges the document's
events into the stored events near them in place, time and kind. A merged event keeps its id;
when two stored events turn out to be one, the earliest-created id survives and the other becomes
an alias. The store only applies the result (`Store.apply`). The CLI, the API, `watch` and the
Python API all write through here.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import errors
from .records import Document, Event, Failure
from .settings import Options
from .store.base import Store, Writes
from .store.sql import utcnow


def open_store(db: str | Path, read_only: bool = False) -> Store:
    """A DuckDB file path, or a postgresql:// URL."""
    from .store import open_store as _open

    return _open(db, read_only=read_only)


def save_document(store: Store, doc: Document, events: list[Event], text: str | None = None) -> list[str]:
    """Replace everything `doc` contributed with `events` and merge them into the stored events,
    in one transaction. Returns the (merged) event id of each event. `text`: the document's clean
    text, kept for the event pages (the evidence offsets index it).

    A document that cannot be stored raises DocumentNotStored (the store is unchanged for it, and a
    run goes on); a store that cannot be written at all (a full disk, a failed rollback, a lost
    connection) raises StoreError, which stops a run."""
    try:
        with store.transaction():
            return merge_into(store, doc, events, text)
    except errors.ConflictCoderError:
        raise
    except Exception as exc:  # noqa: BLE001 - drivers raise their own classes, OSError and MemoryError
        what = f"{exc.__class__.__name__}: {exc}"
        if store.is_broken(exc):
            raise errors.StoreError(
                f"the event store {store.url} cannot be written (storing {doc.doc_id}: {what}).",
                fix="Check the free disk space and the file (or the server); documents stored before "
                    "are kept; rerun.") from exc
        raise errors.DocumentNotStored(
            f"could not store {doc.doc_id}: {what}",
            fix="The store is unchanged for this document; the rest of the run went on.") from exc


def merge_into(store: Store, doc: Document, events: list[Event], text: str | None = None) -> list[str]:
    """The work of `save_document`, inside a transaction the caller holds."""
    from .merge_across import CrossDocMerger, profile

    ids = [e.event_id for e in events]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate event ids in one document: {sorted(i for i in set(ids) if ids.count(i) > 1)}")
    merger = CrossDocMerger(seq=store.last_seq())
    near = [p for p in (profile(e, doc.doc_id) for e in events) if p.mergeable]
    for c in store.clusters(store.nearby(doc.doc_id, near)):
        merger.load_cluster(c.event_id, c.seq, c.members)
    merger.remove_document(doc.doc_id)
    cluster_ids = [merger.add(e, doc.doc_id) for e in events]
    change = merger.take_change()
    cluster_ids = [merger.resolve(c) for c in cluster_ids]

    writes = Writes(doc=doc, n_events=len(events), now=utcnow(),
                    dead=sorted(change.gone | set(change.absorbed) | change.touched),
                    absorbed=dict(change.absorbed), created=sorted(change.created), text=text)
    for cid in sorted(change.touched):
        c = merger.clusters.get(cid)
        if c is None:
            continue
        rep = c.rep if c.rep is not None and c.rep.mergeable else None
        writes.events.append((c.event(), c.seq, rep.family if rep else None, rep.lo if rep else None,
                              rep.hi if rep else None))
        writes.members += [(m.event.event_id, m.doc_id, cid, m.seq, m.event.to_record()) for m in c.members]
    seq = merger.seq
    for action, eid, other, doc_id in change.log:
        seq += 1
        writes.log.append((seq, action, eid, other, doc_id))
    writes.last_seq = seq
    store.apply(writes)
    return cluster_ids


def clean_text(result) -> str | None:
    """The clean text of a coded document (a `DocResult`), if it was cleaned."""
    return result.clean.text if getattr(result, "clean", None) is not None else None


def review(store: Store, event_id: str, action: str, fields: dict | None = None, reviewer: str = "analyst",
           note: str | None = None) -> dict:
    """Store an analyst's decision on an event, in one transaction: `accept`, `reject`, `edit`
    (`fields`: event_type, sub_event_type, event_date, place, actors, fatalities), `clear`,
    `merge` (`fields={"into": other_id}`: this event joins the other, its id an alias of it) or
    `split` (`fields={"doc_id": ...}`: that source becomes an event of its own).
    Decisions live apart from the coder's output and are re-applied whenever the event is
    rewritten (a document recoded)."""
    with store.transaction():
        return store.add_review(event_id, action, fields, reviewer, note)


def record_failure(store: Store, failure: Failure) -> None:
    store.record_failure(failure)


@dataclass(slots=True)
class CodeReport:
    """What coding a batch of documents into a store did."""

    documents: int = 0
    event_ids: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def code_into(store: Store, documents: Iterable[Document], options: Options | None = None) -> CodeReport:
    """Code documents and save each into `store` (merged across documents); failures are kept,
    a document the store refused among them (DocumentNotStored). A broken store raises StoreError."""
    from .pipeline import code_documents

    report = CodeReport()
    for result in code_documents(documents, options):
        if result.failure is not None:
            report.failures.append(result.failure)
            store.record_failure(result.failure)
            continue
        try:
            report.event_ids.extend(save_document(store, result.document, result.events, clean_text(result)))
        except errors.DocumentNotStored as exc:  # the store is fine; this one document is not in it
            failure = Failure(result.document.path or result.document.doc_id, exc.code, exc.message,
                              result.document.doc_id, "store")
            report.failures.append(failure)
            store.record_failure(failure)
            continue
        report.documents += 1
    return report


def code_text(text: str, published=None, doc_id: str = "text", options: Options | None = None, **kw) -> list[Event]:
    """Code one article's text into events (no store). `published`: a date or 'YYYY-MM-DD', the
    anchor of relative dates ('on Tuesday'). Keyword options are `Options` fields. A text that
    cannot be coded (empty, too large, ...) raises the InputError that says why."""
    from dataclasses import fields, replace
    from datetime import date

    from .pipeline import code_documents

    known = {f.name for f in fields(Options)}
    unknown = sorted(set(kw) - known)
    if unknown:
        raise TypeError(f"unknown options {', '.join(unknown)}; Options has {', '.join(sorted(known))}")
    options = replace(options or Options(), **kw)
    if isinstance(published, str):
        published = date.fromisoformat(published)
    (result,) = list(code_documents([Document(doc_id=doc_id, text=text, published=published)], options))
    if result.failure is not None:
        raise input_error(result.failure)
    return result.events


def input_error(failure: Failure) -> errors.InputError:
    """The InputError subclass a failure's code names."""
    kinds = [errors.InputError, *errors.InputError.__subclasses__()]
    kind = next((k for k in kinds if k.code == failure.code), errors.InputError)
    return kind(failure.reason)


def read_events(db, **filters):
    """The stored events passing `filters` (country, admin1, since, until, type, sub_type, actor,
    min_fatalities, bbox, min_confidence, where) as a pandas DataFrame, one row an event, the
    record's columns; dates as datetime64, lists as lists."""
    import pandas as pd

    from .store import Filters

    f = Filters.of(**filters)
    with open_store(db, read_only=True) as store:
        records = list(store.records(f))
    frame = pd.DataFrame.from_records(records)
    for column in ("event_date", "date_start", "date_end"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    return frame
