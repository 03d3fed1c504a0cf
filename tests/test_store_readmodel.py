"""The API's read model answers exactly as the store's SQL does: every page (each sort, both
directions, every filter, followed through its cursors), every stats grouping, every history
(live ids, aliases, per-document ids, unknown ids), on DuckDB and on a real PostgreSQL; and it
knows when the store has changed (revision)."""
from __future__ import annotations

from datetime import date

import pytest

from conflictcoder import errors
from conflictcoder.records import Document
from conflictcoder.service import save_document
from conflictcoder.store import Filters, open_store
from conflictcoder.store.readmodel import ReadModel
from test_cli_query import EVENTS, make
from test_store_incremental import doc, ev

FILTERS = [
    Filters(), Filters.of(country="afg"), Filters.of(country="mali"), Filters.of(admin1="KABUL"),
    Filters.of(since="2024-03-10"), Filters.of(until="2024-03-31"), Filters.of(type="battles"),
    Filters.of(sub_type="Peaceful protest"), Filters.of(actor="jnim"), Filters.of(actor="%"),
    Filters.of(actor="forces of"), Filters.of(min_fatalities=6), Filters.of(bbox="60,29,75,38"),
    Filters.of(min_confidence=0.6), Filters.of(country="AFG", since="2024-01-01", min_fatalities=1),
    Filters.of(country="Testland"),
]
SORTS = ["event_date", "-event_date", "fatalities", "-fatalities", "confidence", "-confidence", "event_id",
         "-event_id"]


@pytest.fixture(params=["duckdb", "postgresql"])
def store(request, store_url):
    s = open_store(store_url(request.param))
    for e in EVENTS:
        save_document(s, Document(doc_id=f"doc-{e.event_id}", text="x", source="Wire", published=date(2024, 5, 2)),
                      [e])
    save_document(s, Document(doc_id="doc-ml1-again", text="x"),
                  [make("ml1-again", date(2024, 3, 20), "MLI", "Mali", "Mopti", 14.5, -4.2, 12, actor2="JNIM")])
    for i in range(12):  # ties on every sort key, and undated events
        save_document(s, Document(doc_id=f"tie{i}", text="x"),
                      [make(f"t{i:02d}", date(2023, 1, 1) if i % 3 else None, "SYR", "Syria", "Idlib", 35.9, 36.6,
                            i % 2, confidence=0.5)])
    # two stored events found to be one: an alias, an absorbed log entry, three reports
    save_document(s, doc("d1"), [ev("A", "d1", sub=("Violence against civilians", "Attack"), killed=5)])
    save_document(s, doc("d2"), [ev("B", "d2", killed=7)])
    save_document(s, doc("d3"), [ev("C", "d3", killed=5)])
    yield s
    s.close()


def walk(source, f, sort, limit):
    pages, cursor = [], None
    while True:
        items, cursor = source.page(f, limit, sort, cursor)
        pages.append((items, cursor))
        if cursor is None:
            return pages


def test_readmodel_pages_equal_the_stores(store):
    model = ReadModel.load(store)
    for f in FILTERS:
        for sort in SORTS:
            for limit in (1, 3, 50):
                assert walk(model, f, sort, limit) == walk(store, f, sort, limit), (f, sort, limit)


def test_readmodel_stats_equal_the_stores(store):
    model = ReadModel.load(store)
    for f in FILTERS:
        for by in ("month", "country", "type", "sub_type"):
            assert model.stats(f, by) == store.stats(f, by), (f, by)


def test_readmodel_history_equals_the_stores(store):
    model = ReadModel.load(store)
    ids = [r[0] for r in store.fetch("SELECT event_id FROM events")]
    asked = ids + ["B", "C", "ml1-again", "nope", ""]
    for event_id in asked:
        assert model.history(event_id) == store.history(event_id), event_id
    assert model.history("B")["event_id"] == "A"


def test_readmodel_page_json_is_the_page(store):
    import orjson

    model = ReadModel.load(store)
    items, nxt = store.page(Filters.of(country="AFG"), 1, "-fatalities")
    assert orjson.loads(model.page_json(Filters.of(country="AFG"), 1, "-fatalities")) == {"items": items, "next": nxt}


def test_readmodel_bad_cursor_is_a_query_error(store):
    import base64
    import json

    model = ReadModel.load(store)
    for value in ["x", None, True]:
        bad = base64.urlsafe_b64encode(json.dumps(["fatalities", value, "a"]).encode()).decode()
        with pytest.raises(errors.QueryError):
            model.page(None, 5, "fatalities", bad)


def test_store_revision_moves_with_each_committed_document(store):
    before = store.revision()
    save_document(store, doc("d9"), [ev("Z", "d9", day=date(2021, 1, 1))])
    assert store.revision() != before
    assert ReadModel.load(store).history("Z")["event_id"] == "Z"
