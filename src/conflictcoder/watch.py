"""`conflictcoder watch`: code files as they arrive in a directory, and new items of RSS/Atom feeds.

What has been taken in is recorded in the store (`Store.mark_seen`): a file by its path and the
hash of its content, a feed item by its id (or link). A restart codes only what is new; a file
whose content changed is coded again, which replaces what it contributed (as recoding always
does). A feed or page that cannot be fetched is not recorded, so the next poll tries it again.

Both loops are generators that yield one `WatchReport` a round and stop after `rounds` rounds
(None: until `stop` is set); they never print or sleep past `stop`.
"""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import errors
from .records import Failure
from .service import code_into
from .settings import Options
from .store.base import Store

WATCH_TIMEOUT_MS = 500  # how often the directory watcher looks at `stop`


@dataclass(slots=True)
class WatchReport:
    """What one round took in."""

    documents: int = 0
    event_ids: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)  # could not be coded (also stored)
    unreachable: list[Failure] = field(default_factory=list)  # could not be fetched: tried again
    seen_before: int = 0

    def add(self, other: "WatchReport") -> None:
        self.documents += other.documents
        self.event_ids += other.event_ids
        self.failures += other.failures
        self.unreachable += other.unreachable
        self.seen_before += other.seen_before


def _code(store: Store, items, options: Options, report: WatchReport) -> str | None:
    """Code ingest's items into the store; the doc_id when there was one document."""
    docs = []
    for item in items:
        if item.failure is not None:
            report.failures.append(item.failure)
            store.record_failure(item.failure)
        else:
            docs.append(item.document)
    done = code_into(store, docs, options)
    report.documents += done.documents
    report.event_ids += done.event_ids
    report.failures += done.failures
    return docs[0].doc_id if len(docs) == 1 else None


# -- a directory --------------------------------------------------------------------------------

def file_key(path: Path) -> str:
    return "file:" + str(path.resolve())


def code_new_files(store: Store, paths: Iterable[Path], options: Options | None = None) -> WatchReport:
    """Code those of `paths` (input files: .txt, .html, .jsonl, WARC) that are new or changed."""
    from .ingest.files import is_input_file, iter_documents

    options = options or Options()
    report = WatchReport()
    hashes: dict[Path, str] = {}
    for path in paths:
        if not is_input_file(path):
            continue
        try:
            hashes[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:  # gone again, or not a file
            continue
    seen = store.seen([file_key(p) for p in hashes])
    for path, digest in hashes.items():
        key = file_key(path)
        if seen.get(key) == digest:
            report.seen_before += 1
            continue
        doc_id = _code(store, iter_documents([path], options=options), options, report)
        store.mark_seen(key, digest, doc_id)
    return report


def watch_dir(store: Store, root: Path, options: Options | None = None, rounds: int | None = None,
              stop: threading.Event | None = None) -> Iterator[WatchReport]:
    """Code what is new under `root`, then each batch of files that arrive or change: one report
    for the files there at the start (once the watcher runs, so none slips between), then one a
    batch, `rounds` batches (None: until `stop` is set)."""
    import watchfiles
    from watchfiles import Change

    from .ingest.files import is_input_file, walk_files

    if not root.is_dir():
        raise errors.UnsupportedInput(f"{root}: not a directory", fix="Give the directory to watch.")
    stop = stop or threading.Event()
    started, done = False, 0
    for changes in watchfiles.watch(root, stop_event=stop, rust_timeout=WATCH_TIMEOUT_MS, yield_on_timeout=True):
        if not started:  # the watcher runs now: what is already there, then what arrives
            started = True
            yield code_new_files(store, walk_files(root), options)
            if rounds == 0:
                return
        paths = sorted({Path(p) for kind, p in changes if kind != Change.deleted and is_input_file(Path(p))})
        if not paths:  # a timeout, or files that are no articles (the store's own, say)
            continue
        yield code_new_files(store, paths, options)
        done += 1
        if rounds is not None and done >= rounds:
            return


# -- feeds ----------------------------------------------------------------------------------------

def item_key(key: str) -> str:
    return "item:" + key


def poll_feeds(store: Store, urls: Iterable[str], options: Options | None = None) -> WatchReport:
    """Fetch each feed, and code the pages of the items not taken in before."""
    from .ingest.feeds import feed_items, item_document
    from .ingest.files import InputItem

    options = options or Options()
    report = WatchReport()
    for url in urls:
        try:
            items = feed_items(url, options.max_text_bytes)
        except errors.InputError as exc:
            report.unreachable.append(Failure(url, exc.code, exc.message))
            continue
        seen = store.seen([item_key(i.key) for i in items])
        for item in items:
            key = item_key(item.key)
            if key in seen:
                report.seen_before += 1
                continue
            try:
                got = InputItem(document=item_document(item, options.max_text_bytes))
            except errors.FetchError as exc:
                report.unreachable.append(Failure(item.link or item.key, exc.code, exc.message, doc_id=item.key))
                continue
            except errors.InputError as exc:  # fetched, but no article: recorded, not fetched again
                got = InputItem(failure=Failure(item.link or item.key, exc.code, exc.message, doc_id=item.key))
            seen[key] = ""
            _code(store, [got], options, report)
            store.mark_seen(key, "", item.key)
    return report


def watch_feeds(store: Store, urls: list[str], options: Options | None = None, interval: float = 300,
                rounds: int | None = None, stop: threading.Event | None = None) -> Iterator[WatchReport]:
    """Poll the feeds every `interval` seconds: one report a poll, `rounds` polls (None: until
    `stop` is set)."""
    stop = stop or threading.Event()
    done = 0
    while not stop.is_set():
        yield poll_feeds(store, urls, options)
        done += 1
        if rounds is not None and done >= rounds:
            return
        stop.wait(interval)
