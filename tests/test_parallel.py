"""Several processes and a Dask cluster give what one process gives, in the same order.

The articles here were written for these tests.
"""
from __future__ import annotations

import json
from datetime import date

import pytest

from conflictcoder.records import Document

ARTICLES = [
    "Gunmen killed four villagers in an attack on a farming settlement near Gusau on Monday, police said.",
    "The central bank kept interest rates unchanged on Thursday as inflation slowed.",
    "A roadside bomb exploded near a police checkpoint in Kabul on Tuesday, wounding three officers.",
    "Soldiers and militants clashed near the town of Mopti on Sunday; eight militants were killed.",
    "The home team won the cup final after the striker shot and scored twice.",
    "Police arrested 15 protesters in Nairobi on Wednesday after demonstrators blocked a highway.",
    "Armed men kidnapped six students from a school in Kaduna state before dawn on Friday.",
    "Heavy rain is expected across the region over the weekend, forecasters said.",
    "An airstrike hit a market in Idlib on Saturday, killing nine civilians, rescuers said.",
    "Rioters torched shops in the old town of Osh on Monday night, officials said.",
    "",  # an empty text: a failure, in its place
    "Rebels ambushed an army convoy in Borno state on Thursday; two soldiers died.",
]


def documents() -> list[Document]:
    return [Document(doc_id=f"p{i:02d}", text=text, published=date(2024, 3, 14 + i % 5))
            for i, text in enumerate(ARTICLES)]


def summary(results) -> list:
    """Everything a run gives, per document, in order."""
    out = []
    for r in results:
        failure = (r.failure.code, r.failure.doc_id) if r.failure else None
        out.append((r.document.doc_id, failure, r.parsed,
                    [json.dumps(e.to_record(), sort_keys=True) for e in r.events]))
    return out


@pytest.fixture(scope="module")
def single():
    from conflictcoder.pipeline import code_documents

    result = summary(code_documents(documents()))
    assert sum(len(events) for *_, events in result) >= 5  # the texts do give events
    return result


def test_workers_match_one_process(single):
    from conflictcoder.parallel import code_documents_parallel

    # small chunks: the documents spread over both workers and come back out of order
    assert summary(code_documents_parallel(documents(), workers=2, chunk_size=2)) == single


def test_one_small_chunk_stays_in_process(single, monkeypatch):
    import multiprocessing

    from conflictcoder.parallel import code_documents_parallel

    def no_pool(*args, **kwargs):
        raise AssertionError("no process should start for one chunk")

    monkeypatch.setattr(multiprocessing.get_context("spawn"), "Pool", no_pool, raising=False)
    assert summary(code_documents_parallel(documents(), workers=2, chunk_size=64)) == single


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    # scheduler and two worker processes on loopback, as a real cluster would be
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        yield cluster


def test_dask_matches_one_process(single, dask_cluster):
    from conflictcoder.parallel import code_documents_dask

    assert summary(code_documents_dask(documents(), address=dask_cluster.scheduler_address,
                                       chunk_size=2)) == single


def test_cli_workers_and_dask_write_the_same_events(tmp_path, dask_cluster):
    from typer.testing import CliRunner

    from conflictcoder.cli import app

    src = tmp_path / "in"
    src.mkdir()
    for i, text in enumerate(ARTICLES):
        if text:
            (src / f"a{i:02d}.txt").write_text(text + "\n", encoding="utf-8")
    outputs = {}
    for name, flags in {"one": ["--workers", "1"], "two": ["--workers", "2"],
                        "dask": ["--dask", dask_cluster.scheduler_address]}.items():
        out = tmp_path / f"{name}.jsonl"
        res = CliRunner().invoke(app, ["code", str(src), "--no-db", "-q", "-o", str(out), *flags])
        assert res.exit_code == 0, res.output
        outputs[name] = out.read_text(encoding="utf-8")
    assert outputs["one"].strip()
    assert outputs["two"] == outputs["one"]
    assert outputs["dask"] == outputs["one"]


def test_dask_unreachable_is_a_clear_error():
    pytest.importorskip("distributed")
    from conflictcoder import errors
    from conflictcoder.parallel import code_documents_dask

    with pytest.raises(errors.ConflictCoderError, match="Dask scheduler"):
        list(code_documents_dask(documents(), address="tcp://127.0.0.1:9", chunk_size=2,
                                 connect_timeout=2))
