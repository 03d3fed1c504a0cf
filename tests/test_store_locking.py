"""A DuckDB store held by one process: a second writer and readers get a clear error naming it."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from typer.testing import CliRunner

from conflictcoder import errors
from conflictcoder.cli import app
from conflictcoder.records import Document, Event, Source
from conflictcoder.service import save_document
from conflictcoder.store import open_store

HOLDER = textwrap.dedent("""
    import sys, time
    from conflictcoder.store import open_store
    store = open_store(sys.argv[1])
    print("open", flush=True)
    sys.stdin.read()  # hold the file until the test closes stdin
    store.close()
""")


def clash(eid: str, doc_id: str) -> Event:
    day = date(2024, 4, 14)
    return Event(event_id=eid, event_date=day, date_start=day, date_end=day, time_precision=1,
                 disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
                 actor1="Military Forces of Testland", inter1=1, iso3="TST", country="Testland",
                 location="Hilltown", latitude=1.0, longitude=2.0, fatalities=1,
                 sources=[Source(doc_id, "W", None, day, "A clash.", 0, 8)])


@pytest.fixture
def held(tmp_path):
    """A store file held open for writing by another process: (path, pid)."""
    db = tmp_path / "held.duckdb"
    with open_store(db) as s:
        save_document(s, Document(doc_id="d1", text="x"), [clash("e1", "d1")])
    p = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         text=True)
    assert p.stdout.readline().strip() == "open"
    yield db, p.pid
    p.stdin.close()
    p.wait(timeout=30)


def test_store_second_writer_error_names_the_holder(held):
    db, pid = held
    with pytest.raises(errors.StoreBusy) as info:
        open_store(db)
    assert f"process {pid}" in str(info.value) and "E404" in str(info.value)
    assert "python" in str(info.value)  # the holder's command line


@pytest.mark.parametrize("command", [["show"], ["export", "--format", "csv"], ["history", "e1"]])
def test_cli_readers_while_held_say_why_without_traceback(held, command):
    db, pid = held
    done = CliRunner().invoke(app, command + ["--db", str(db)])
    assert done.exit_code == 2, done.output
    assert f"process {pid}" in done.stderr and "PostgreSQL" in done.stderr
    assert "Traceback" not in done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)


def test_store_readers_share_the_file(tmp_path):
    db = tmp_path / "shared.duckdb"
    with open_store(db) as s:
        save_document(s, Document(doc_id="d1", text="x"), [clash("e1", "d1")])
    with open_store(db, read_only=True) as a, open_store(db, read_only=True) as b:
        assert [r["event_id"] for r in a.records()] == [r["event_id"] for r in b.records()] == ["e1"]
        with pytest.raises(errors.StoreError):
            with a.transaction():
                pass


def test_store_reader_of_missing_file_is_store_missing(tmp_path):
    with pytest.raises(errors.StoreMissing):
        open_store(tmp_path / "none.duckdb", read_only=True)
    assert not os.path.exists(tmp_path / "none.duckdb")
