"""The notebook API: conflictcoder.code_text and conflictcoder.read_events."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

import conflictcoder
from conflictcoder import errors

TEXT = ("A car bomb exploded outside a hotel in Mogadishu, Somalia, on Sunday, killing seven civilians, "
        "police said.\nAl-Shabaab said it carried out the bombing.\n")


def test_python_api_code_text_returns_events():
    events = conflictcoder.code_text(TEXT, published="2020-02-10")
    assert len(events) == 1
    [e] = events
    assert e.iso3 == "SOM" and e.fatalities == 7 and e.event_date == date(2020, 2, 9)
    assert e.event_type == "Explosions/Remote violence"


def test_python_api_code_text_options_and_errors():
    assert conflictcoder.code_text("The football final ended 2-1.", published=date(2020, 1, 1),
                                   relevance_filter=False) == []
    with pytest.raises(TypeError, match="unknown options"):
        conflictcoder.code_text(TEXT, colour="red")
    with pytest.raises(errors.EmptyInput):
        conflictcoder.code_text("   ")


def test_python_api_read_events_filters_into_a_dataframe(tmp_path):
    from test_cli_query import EVENTS

    from conflictcoder.records import Document
    from conflictcoder.service import save_document
    from conflictcoder.store import open_store

    db = tmp_path / "e.duckdb"
    with open_store(db) as s:
        for e in EVENTS:
            save_document(s, Document(doc_id=f"doc-{e.event_id}", text="x"), [e])
    frame = conflictcoder.read_events(db, country="AFG")
    assert sorted(frame.event_id) == ["af1", "af2"]
    assert str(frame.event_date.dtype).startswith("datetime64")
    assert list(frame.set_index("event_id").loc["af1", "victims"]) == ["a driver", "two guards"]
    assert len(conflictcoder.read_events(str(db), min_fatalities=10, type="Battles")) == 1
    with pytest.raises(errors.QueryError):
        conflictcoder.read_events(db, colour="red")


def test_python_api_import_stays_light():
    done = subprocess.run([sys.executable, "-c", "import sys, conflictcoder; "
                           "print(sorted(m for m in ('spacy', 'pandas', 'duckdb', 'fastapi', 'psycopg') if m in sys.modules))"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
