"""Issue 16: one document's trouble stays with that document, and a store that cannot be
written stops the run cleanly. Real DuckDB files; the failing connection is a thin wrapper at
the store's one interface to DuckDB (its connection), as a full disk would make it fail."""
from __future__ import annotations

from datetime import date

import duckdb
import pytest

from conflictcoder import errors
from conflictcoder.pipeline import code_documents
from conflictcoder.records import Document
from conflictcoder.service import save_document
from conflictcoder.settings import Options
from conflictcoder.store import open_store

AMBUSH = "Gunmen killed four soldiers in an ambush near Gao, Mali, on Tuesday, the army said.\n"


def test_pipeline_timeout_fails_only_that_document():
    slow = Document("slow", text=AMBUSH * 400, published=date(2024, 6, 20))
    docs = [Document("before", text=AMBUSH, published=date(2024, 6, 20)), slow,
            Document("after", text=AMBUSH, published=date(2024, 6, 20))]
    results = list(code_documents(docs, Options(doc_time_limit_s=0.05)))
    assert [r.document.doc_id for r in results] == ["before", "slow", "after"]
    # the short ones may or may not fit in 50 ms; the long one cannot, and the run went on
    assert results[1].failure is not None and results[1].failure.code == "E111"
    results = list(code_documents(docs[::2], Options()))
    assert all(r.failure is None and r.events for r in results)


def test_pipeline_lone_surrogates_and_extreme_dates_are_coded():
    docs = [Document("s\ud800", text="Gunmen killed four soldiers \udfff near Gao, Mali, on Tuesday.",
                     published=date(2024, 6, 20)),
            Document("zero", text=AMBUSH, published=date(1, 1, 1)),
            Document("max", text=AMBUSH, published=date(9999, 12, 31)),
            Document("y50", text="Rebels killed five villagers 99 years ago in Beni, Congo.",
                     published=date(50, 6, 1))]
    results = list(code_documents(docs, Options()))
    assert all(r.failure is None for r in results), [r.failure for r in results]
    assert results[0].document.doc_id == "s\ufffd"
    assert all(any(code == errors.W_PUBLISHED_RANGE for code, _ in r.document.warnings) for r in results[1:])


def test_pipeline_counts_clamped():
    (result,) = code_documents([Document("toll", text="A car bomb exploded in Mogadishu, Somalia, on Saturday, "
                                                      "killing 2,147,483,648 people, a spokesman said.",
                                         published=date(2024, 6, 20))], Options())
    assert result.failure is None and result.events
    assert all(e.fatalities <= Options().max_count for e in result.events)


class FailingConnection:
    """A DuckDB connection whose statements named in `fail` raise the error given."""

    def __init__(self, con, fail: dict[str, Exception]):
        self.con, self.fail = con, fail

    def execute(self, sql, *args):
        for word, exc in self.fail.items():
            if sql.strip().upper().startswith(word):
                raise exc
        return self.con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.con, name)


def coded(doc_id: str):
    (result,) = code_documents([Document(doc_id, text=AMBUSH, published=date(2024, 6, 20))], Options())
    return result


def test_store_failed_commit_whose_rollback_raises_stops_the_run(tmp_path):
    store = open_store(tmp_path / "s.duckdb")
    first = coded("first")
    save_document(store, first.document, first.events)
    real = store.con
    store.con = FailingConnection(real, {"COMMIT": duckdb.IOException("No space left on device"),
                                         "ROLLBACK": duckdb.TransactionException("no transaction is active")})
    second = coded("second")
    with pytest.raises(errors.StoreError) as info:
        save_document(store, second.document, second.events)
    assert not isinstance(info.value, errors.DocumentNotStored)
    assert "rollback failed" in str(info.value)
    real.close()
    with open_store(tmp_path / "s.duckdb") as again:  # what was committed is whole
        assert again.counts()["documents"] == 1 and again.integrity() == dict.fromkeys(again.integrity(), 0)


def test_store_full_disk_stops_the_run_one_bad_document_does_not(tmp_path):
    store = open_store(tmp_path / "s.duckdb")
    real = store.con
    doc = coded("one")
    store.con = FailingConnection(real, {"INSERT INTO DOCUMENTS": ValueError("odd value")})
    with pytest.raises(errors.DocumentNotStored):
        save_document(store, doc.document, doc.events)
    store.con = FailingConnection(real, {"INSERT INTO DOCUMENTS": duckdb.IOException("No space left on device")})
    with pytest.raises(errors.StoreError) as info:
        save_document(store, doc.document, doc.events)
    assert not isinstance(info.value, errors.DocumentNotStored)
    store.con = real
    save_document(store, doc.document, doc.events)  # the store was left unchanged and still works
    assert store.counts()["documents"] == 1
    store.close()
