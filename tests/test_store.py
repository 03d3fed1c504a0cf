"""The shared store suite: every test taking `store` runs on a real DuckDB file in tmp_path and on a
real PostgreSQL server (started by conftest.py), with records built by hand."""
from __future__ import annotations

import json
from datetime import date

import pytest

from conflictcoder import errors
from conflictcoder.records import Document, Event, Failure, Source
from conflictcoder.service import save_document
from conflictcoder.store import DuckDBStore, open_store


def document(doc_id: str, **kw) -> Document:
    return Document(doc_id=doc_id, text="(text)", published=kw.pop("published", date(2020, 3, 4)),
                    source=kw.pop("source", "Test Wire"), path=f"/in/{doc_id}.txt", **kw)


def event(event_id: str, doc_id: str, day: date | None = date(2020, 3, 3), fatalities: int = 2,
          n_sources: int = 1, source_doc: str | None = None) -> Event:
    sources = [Source(source_doc or doc_id, "Test Wire", None, date(2020, 3, 4),
                      f"Sentence {i} of {event_id}.", i * 30, i * 30 + 25) for i in range(n_sources)]
    return Event(event_id=event_id, event_date=day, date_start=day, date_end=day, time_precision=1,
                 disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
                 actor1="Military Forces of Testland", inter1=1, actor2="Rebels of the Hills", inter2=2,
                 iso3="TST", country="Testland", admin1="North", location="Hilltown",
                 latitude=10.5, longitude=20.25, geonameid=12345, geo_precision=1,
                 fatalities=fatalities, sources=sources, notes=f"clash {event_id}")


@pytest.fixture(params=["duckdb", "postgresql"])
def store(request, store_url):
    s = open_store(store_url(request.param, "sub/events.duckdb"))
    yield s
    s.close()


def event_ids(store: DuckDBStore) -> list[str]:
    return [r["event_id"] for r in store.records()]


def test_store_creates_file_and_empty_tables(tmp_path):
    path = tmp_path / "nested" / "dir" / "ev.duckdb"
    with open_store(path) as s:
        assert s.counts() == {"documents": 0, "events": 0, "sources": 0, "failures": 0}
        assert list(s.records()) == []
    assert path.exists()


def test_store_save_document_twice_keeps_one_copy(store):
    doc = document("d1")
    events = [event("e1", "d1", n_sources=2), event("e2", "d1")]
    save_document(store, doc, events)
    first = store.counts()
    save_document(store, doc, events)
    assert store.counts() == first == {"documents": 1, "events": 2, "sources": 3, "failures": 0}
    assert sorted(event_ids(store)) == ["e1", "e2"]


def test_store_resave_with_fewer_events_replaces_contribution(store):
    doc = document("d1")
    save_document(store, doc, [event("e1", "d1"), event("e2", "d1", n_sources=2), event("e3", "d1")])
    assert store.counts()["events"] == 3
    save_document(store, doc, [event("e2", "d1", fatalities=9)])
    assert store.counts() == {"documents": 1, "events": 1, "sources": 1, "failures": 0}
    [record] = list(store.records())
    assert record["event_id"] == "e2" and record["fatalities"] == 9
    n_events = store.fetch("SELECT n_events FROM documents WHERE doc_id = 'd1'")[0][0]
    assert n_events == 1


def test_store_resave_with_no_events_keeps_document_row(store):
    save_document(store, document("d1"), [event("e1", "d1")])
    save_document(store, document("d1"), [])
    assert store.counts() == {"documents": 1, "events": 0, "sources": 0, "failures": 0}


def test_store_other_documents_are_untouched(store):
    save_document(store, document("d1"), [event("a1", "d1"), event("a2", "d1")])
    # d2 tells another event (a month later): it stays apart from d1's (merging across
    # documents is tested in test_store_incremental.py)
    save_document(store, document("d2"), [event("b1", "d2", day=date(2020, 4, 9), n_sources=3)])
    before = {r["event_id"]: r for r in store.records() if r["event_id"].startswith("b")}
    save_document(store, document("d1"), [event("a3", "d1")])
    after = {r["event_id"]: r for r in store.records()}
    assert sorted(after) == ["a3", "b1"]
    assert after["b1"] == before["b1"]
    assert store.counts() == {"documents": 2, "events": 2, "sources": 4, "failures": 0}
    n = store.fetch("SELECT count(*) FROM sources WHERE doc_id = 'd2'")[0][0]
    assert n == 3


def test_store_resave_of_event_with_sources_from_another_document(store):
    # An event merged from two reports: its sources name both documents. Saving the owning
    # document again must replace everything that save put in, sources included.
    merged = event("m1", "d1")
    merged.sources.append(Source("d2", "Other Wire", None, date(2020, 3, 5), "Another report.", 0, 16))
    save_document(store, document("d1"), [merged])
    assert store.counts()["sources"] == 2
    save_document(store, document("d1"), [merged])
    assert store.counts() == {"documents": 1, "events": 1, "sources": 2, "failures": 0}


def test_store_failures_recorded_without_touching_events(store):
    save_document(store, document("d1"), [event("e1", "d1")])
    before = list(store.records())
    store.record_failure(Failure("/in/bad.txt", "E102", "binary file", doc_id="bad"))
    store.record_failure(Failure("/in/x.jsonl:3", "E105", "not JSON"))
    # a failure for a document already stored does not remove its events either
    store.record_failure(Failure("/in/d1.txt", "E107", "broken", doc_id="d1"))
    assert store.counts() == {"documents": 1, "events": 1, "sources": 1, "failures": 3}
    assert list(store.records()) == before
    rows = store.fetch("SELECT location, doc_id, code, reason FROM failures ORDER BY location")
    assert rows[0] == ("/in/bad.txt", "bad", "E102", "binary file")
    assert rows[2] == ("/in/x.jsonl:3", None, "E105", "not JSON")


def test_store_document_it_cannot_take_is_refused_alone_and_its_failure_kept(store):
    # a doc_id with a lone surrogate (from a file name that is not UTF-8) cannot be written: the
    # document is not stored (DocumentNotStored), the store is whole, and its failure is recorded
    # with the name escaped and the stage
    save_document(store, document("d1"), [event("e1", "d1")])
    with pytest.raises(errors.DocumentNotStored):
        save_document(store, document("bad\udc80"), [event("e2", "bad\udc80")])
    store.record_failure(Failure("/in/bad\udc80.txt", "E402", "not stored \udc80", doc_id="bad\udc80",
                                 stage="store"))
    assert store.counts() == {"documents": 1, "events": 1, "sources": 1, "failures": 1}
    assert set(store.integrity().values()) == {0}
    assert store.fetch("SELECT location, doc_id, code, reason, stage FROM failures") == [
        ("/in/bad\\x80.txt", "bad\\x80", "E402", "not stored \\x80", "store")]
    save_document(store, document("d2"), [event("e3", "d2", day=date(2020, 5, 1))])  # and it still works
    assert store.counts()["documents"] == 2


def test_store_that_cannot_be_written_stops_the_run(store):
    store.con.close()  # a lost connection (PostgreSQL) or a database that is gone (DuckDB)
    with pytest.raises(errors.StoreError) as info:
        save_document(store, document("d1"), [event("e1", "d1")])
    assert not isinstance(info.value, errors.DocumentNotStored)


def test_store_records_are_the_json_records_in_date_order(store):
    late = event("z-late", "d1", day=date(2020, 5, 1))
    early = event("y-early", "d2", day=date(2019, 1, 2))
    undated = event("a-undated", "d2", day=None)
    save_document(store, document("d1"), [late])
    save_document(store, document("d2"), [undated, early])
    records = list(store.records())
    assert [r["event_id"] for r in records] == ["y-early", "z-late", "a-undated"]
    assert records[1] == json.loads(json.dumps(late.to_record()))
    assert records[1]["sources"][0]["sentence"] == "Sentence 0 of z-late."
    assert records[1]["latitude"] == 10.5 and records[1]["interaction"] == 12


def test_store_persists_across_connections(tmp_path):
    path = tmp_path / "ev.duckdb"
    with open_store(path) as s:
        save_document(s, document("d1"), [event("e1", "d1"), event("e2", "d1")])
    with open_store(path) as s:
        assert s.counts()["events"] == 2
        save_document(s, document("d1"), [event("e1", "d1"), event("e2", "d1")])
        assert s.counts()["events"] == 2


def test_store_duplicate_event_id_in_one_save_rolls_back(store):
    save_document(store, document("d1"), [event("e1", "d1")])
    with pytest.raises(errors.StoreError):
        save_document(store, document("d1"), [event("dup", "d1"), event("dup", "d1")])
    # the failed save left the document's previous contribution in place
    assert event_ids(store) == ["e1"]
    assert store.counts()["documents"] == 1


def test_store_open_bad_path_is_store_error(tmp_path):
    (tmp_path / "adir.duckdb").mkdir()
    with pytest.raises(errors.StoreError):
        open_store(tmp_path / "adir.duckdb")
