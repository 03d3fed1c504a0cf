"""Incremental ingestion in the DuckDB store: merging across documents as they come, recoding,
stable ids, aliases, history, and whole documents only after kill -9. Real DuckDB files in tmp_path."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date

import pytest
from typer.testing import CliRunner

from conflictcoder.cli import app
from conflictcoder.records import Document, Event, Source
from conflictcoder.service import save_document
from conflictcoder.store import open_store


def doc(doc_id: str, published=date(2024, 4, 15), source="Test Wire") -> Document:
    return Document(doc_id=doc_id, text="(text)", published=published, source=source, path=f"/in/{doc_id}.txt")


def ev(eid: str, doc_id: str, day=date(2024, 4, 14), killed=5, sub=("Explosions/Remote violence", "Suicide bomb"),
       place=("Kandahar", 31.61, 65.71, 1138336, 1), sentence=None) -> Event:
    loc, lat, lon, gid, gp = place
    return Event(event_id=eid, event_date=day, date_start=day, date_end=day, time_precision=1,
                 disorder_type="Political violence", event_type=sub[0], sub_event_type=sub[1],
                 actor1="Unidentified Armed Group (Afghanistan)", inter1=3, actor2="Civilians (Afghanistan)",
                 inter2=7, iso3="AFG", country="Afghanistan", admin1="Kandahar", location=loc,
                 latitude=lat, longitude=lon, geonameid=gid, geo_precision=gp, fatalities=killed,
                 sources=[Source(doc_id, "Test Wire", None, date(2024, 4, 15),
                                 sentence or f"{doc_id} tells {eid}.", 0, 30)])


@pytest.fixture(params=["duckdb", "postgresql"])
def store(request, store_url):
    """The shared suite: a real DuckDB file and a real PostgreSQL database."""
    s = open_store(store_url(request.param, "events.duckdb"))
    yield s
    s.close()


def by_id(store) -> dict[str, dict]:
    return {r["event_id"]: r for r in store.records()}


def docs(record: dict) -> list[str]:
    return sorted({s["doc_id"] for s in record["sources"]})


def test_documents_telling_one_event_become_one_stored_event(store):
    assert save_document(store, doc("d1"), [ev("a", "d1", killed=6)]) == ["a"]
    assert save_document(store, doc("d2"), [ev("b", "d2", killed=5)]) == ["a"]
    save_document(store, doc("d3"), [ev("c", "d3", day=date(2024, 5, 20))])  # another event
    events = by_id(store)
    assert sorted(events) == ["a", "c"]
    assert docs(events["a"]) == ["d1", "d2"] and events["a"]["fatalities"] == 5
    assert events["a"]["fatalities_high"] == 6
    assert store.counts() == {"documents": 3, "events": 2, "sources": 3, "failures": 0}
    assert store.integrity() == dict.fromkeys(store.integrity(), 0)


def test_recoding_replaces_a_documents_contribution_and_keeps_the_id(store):
    save_document(store, doc("d1"), [ev("a", "d1", killed=6)])
    save_document(store, doc("d2"), [ev("b", "d2", killed=5)])
    # d1, the document that created the event, is recoded: the event keeps its id
    save_document(store, doc("d1"), [ev("a2", "d1", killed=5, sentence="d1 recoded.")])
    [record] = store.records()
    assert record["event_id"] == "a" and docs(record) == ["d1", "d2"]
    assert "d1 recoded." in [s["sentence"] for s in record["sources"]]
    assert record["fatalities_high"] is None  # 5 and 5 now
    # d2 now tells another event: its source leaves, the fields come from d1 alone
    save_document(store, doc("d2"), [ev("b", "d2", day=date(2024, 6, 1), killed=9)])
    events = by_id(store)
    assert docs(events["a"]) == ["d1"] and docs(events["b"]) == ["d2"]
    # an event left without reports disappears
    save_document(store, doc("d1"), [])
    assert sorted(by_id(store)) == ["b"]
    assert store.integrity() == dict.fromkeys(store.integrity(), 0)


def test_recoding_the_same_documents_again_changes_nothing(store):
    for _ in range(2):
        save_document(store, doc("d1"), [ev("a", "d1")])
        save_document(store, doc("d2"), [ev("b", "d2")])
        save_document(store, doc("d3"), [ev("c", "d3", day=date(2024, 5, 20))])
    assert {k: docs(v) for k, v in by_id(store).items()} == {"a": ["d1", "d2"], "c": ["d3"]}
    assert store.counts()["sources"] == 3


def test_two_stored_events_found_to_be_one_leave_an_alias(store, tmp_path):
    attack = ev("A", "d1", sub=("Violence against civilians", "Attack"), killed=5)
    bomb = ev("B", "d2", killed=7)
    save_document(store, doc("d1"), [attack])
    save_document(store, doc("d2"), [bomb])
    assert sorted(by_id(store)) == ["A", "B"]
    assert save_document(store, doc("d3"), [ev("C", "d3", killed=5)]) == ["A"]  # the earliest id
    [record] = store.records()
    assert record["event_id"] == "A" and docs(record) == ["d1", "d2", "d3"]
    assert store.resolve("B") == "A" and store.lookup("B")["event_id"] == "A"
    assert store.resolve("C") == "A"  # a per-document id finds its event too
    assert store.fetch("SELECT alias_id, event_id FROM aliases") == [("B", "A")]
    h = store.history("B")
    assert h["event_id"] == "A" and h["alias_of"] == "A"
    assert [r["doc_id"] for r in h["reports"]] == ["d1", "d2", "d3"]
    assert [e["action"] for e in h["log"]].count("absorbed") == 1
    # stable across connections; the export by the old id finds the survivor
    url = store.url
    store.close()
    out = tmp_path / "one.jsonl"
    result = CliRunner().invoke(app, ["export", "--db", url, "--id", "B", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [json.loads(l)["event_id"] for l in out.read_text().splitlines()] == ["A"]
    result = CliRunner().invoke(app, ["history", "B", "--db", url])
    assert result.exit_code == 0 and "B was merged into A" in result.output
    assert "d2 tells B." in result.output and "absorbed" in result.output


def test_history_of_an_unknown_id_fails_cleanly(store, tmp_path):
    save_document(store, doc("d1"), [ev("a", "d1")])
    url = store.url
    store.close()
    result = CliRunner().invoke(app, ["history", "nope", "--db", url])
    assert result.exit_code == 1 and "no event nope" in result.output


def test_store_written_without_merging_is_upgraded(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("""CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, source VARCHAR, url VARCHAR, title VARCHAR,
                   published DATE, path VARCHAR, n_events INTEGER, coded_at TIMESTAMP)""")
    con.execute("""CREATE TABLE events (event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, event_date DATE,
                   event_type VARCHAR, sub_event_type VARCHAR, iso3 VARCHAR, admin1 VARCHAR, location VARCHAR,
                   latitude DOUBLE, longitude DOUBLE, fatalities INTEGER, record JSON)""")
    con.execute("CREATE TABLE sources (event_id VARCHAR, doc_id VARCHAR, sentence VARCHAR, start_char INTEGER, end_char INTEGER)")
    for i, (eid, d) in enumerate((("a", "d1"), ("b", "d2"))):
        con.execute("INSERT INTO documents VALUES (?, 'W', NULL, NULL, '2024-04-15', NULL, 1, ?)",
                    [d, f"2024-04-15 10:0{i}:00"])
        con.execute("INSERT INTO events VALUES (?, ?, '2024-04-14', '', '', 'AFG', '', '', 0, 0, 5, ?)",
                    [eid, d, json.dumps(ev(eid, d).to_record())])
    con.close()
    with open_store(path) as s:
        [record] = s.records()
        assert record["event_id"] == "a" and docs(record) == ["d1", "d2"]
        assert s.counts() == {"documents": 2, "events": 1, "sources": 2, "failures": 0}


WRITER = textwrap.dedent("""
    import sys
    from datetime import date, timedelta
    from conflictcoder.records import Document, Event, Source
    from conflictcoder.service import save_document
    from conflictcoder.store import open_store

    def event(i, k):
        real = i // 3  # three documents tell each real event
        day = date(2020, 1, 1) + timedelta(days=7 * real + k)
        return Event(event_id=f"e{i}-{k}", event_date=day, date_start=day, date_end=day, time_precision=1,
                     disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
                     actor1="Military Forces of Testland", inter1=1, iso3="TST", country="Testland",
                     admin1="North", location="Hilltown", latitude=10.0, longitude=20.0 + k, geonameid=100 + k,
                     geo_precision=1, fatalities=3,
                     sources=[Source(f"doc{i}", "W", None, day, f"s{i}-{k}", k, k + 5)])

    store = open_store(sys.argv[1])
    for i in range(int(sys.argv[2])):
        save_document(store, Document(doc_id=f"doc{i}", text="x"), [event(i, k) for k in range(3)])
        if i == 5:
            print("writing", flush=True)
    store.close()
""")


def test_kill_minus_9_leaves_whole_documents_and_a_rerun_completes(tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    n_docs = 40
    reference = tmp_path / "reference.duckdb"
    subprocess.run([sys.executable, str(script), str(reference), str(n_docs)], check=True, timeout=120)
    with open_store(reference) as ref:
        want = ref.con.execute("SELECT doc_id, doc_event_id FROM doc_events ORDER BY ALL").fetchall()
        want_events = ref.counts()["events"]
    db = tmp_path / "killed.duckdb"
    for delay in (0.02, 0.3):
        p = subprocess.Popen([sys.executable, str(script), str(db), str(n_docs)], stdout=subprocess.PIPE,
                             start_new_session=True)
        assert p.stdout.readline().strip() == b"writing"
        time.sleep(delay)
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        with open_store(db) as s:  # DuckDB replays the committed transactions from the WAL
            assert s.integrity() == dict.fromkeys(s.integrity(), 0)
            n = s.counts()["documents"]
            assert 6 <= n <= n_docs
    subprocess.run([sys.executable, str(script), str(db), str(n_docs)], check=True, timeout=120,
                   stdout=subprocess.DEVNULL)
    with open_store(db) as s:
        got = s.con.execute("SELECT doc_id, doc_event_id FROM doc_events ORDER BY ALL").fetchall()
        assert got == want  # nothing lost, nothing twice
        assert s.counts()["events"] == want_events and s.counts()["documents"] == n_docs
        assert s.integrity() == dict.fromkeys(s.integrity(), 0)
