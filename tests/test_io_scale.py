"""Input and output at scale: the streamed directory walk, WARC files, partitioned Parquet.

The pages and articles here were written for these tests.
"""
from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest

from conflictcoder.ingest import iter_documents
from conflictcoder.ingest.files import walk_files

PAGE = """<!DOCTYPE html><html><head><title>Attack on checkpoint</title>
<meta property="article:published_time" content="2024-03-12"></head><body>
<nav>Home | World | Sport</nav>
<article><h1>Attack on checkpoint</h1>
<p>Gunmen attacked a police checkpoint near Gusau in Zamfara state on Monday, killing three
officers, police said on Tuesday.</p>
<p>The attackers fled on motorbikes after an exchange of fire lasting about an hour, a police
spokesman said, adding that a search for them was under way.</p>
</article><footer>Copyright</footer></body></html>"""


def test_walk_is_sorted_like_the_paths(tmp_path):
    for rel in ["b/x.txt", "b.txt", "a/z/1.txt", "a/y.txt", "c", "a/z.txt", "B/q.txt", "b/a/0.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    assert list(walk_files(tmp_path)) == sorted(p for p in tmp_path.rglob("*") if p.is_file())


def test_walk_is_lazy(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "1.txt").write_text("x", encoding="utf-8")
    walk = walk_files(tmp_path)
    assert next(walk) == tmp_path / "a" / "1.txt"
    (tmp_path / "b" / "2.txt").write_text("x", encoding="utf-8")  # b is listed only when reached
    assert list(walk) == [tmp_path / "b" / "1.txt", tmp_path / "b" / "2.txt"]


def write_warc(path: Path, gz: bool = True) -> None:
    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)

        def response(url: str, body: bytes, ctype: str, status: str = "200 OK", rid: str | None = None):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            warc_headers = {"WARC-Record-ID": f"<urn:uuid:{rid}>"} if rid else None
            rec = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers,
                                            warc_headers_dict=warc_headers)
            writer.write_record(rec)

        writer.write_record(writer.create_warc_record("https://news.example/a", "request",
                                                      payload=BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))
        response("https://news.example/a", PAGE.encode("utf-8"), "text/html; charset=utf-8",
                 rid="11111111-2222-3333-4444-555555555555")
        response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        response("https://news.example/gone", b"<html>Not found</html>", "text/html", status="404 Not Found")
        response("https://news.example/b.txt", "Troops clashed with rebels near Mopti on Sunday, the army said.".encode(),
                 "text/plain; charset=utf-8", rid="66666666-7777-8888-9999-000000000000")


@pytest.mark.parametrize("gz", [True, False])
def test_warc_response_records_become_documents(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gz)
    items = list(iter_documents([tmp_path]))
    assert all(i.failure is None for i in items), [i.failure for i in items]
    docs = [i.document for i in items]
    assert [d.doc_id for d in docs] == ["11111111-2222-3333-4444-555555555555",
                                        "66666666-7777-8888-9999-000000000000"]
    assert docs[0].html and "checkpoint" in docs[0].html and docs[0].url == "https://news.example/a"
    assert docs[1].text and docs[1].text.startswith("Troops")


def test_warc_html_goes_through_the_html_path(tmp_path):
    from conflictcoder.pipeline import code_documents

    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    docs = [i.document for i in iter_documents([path])]
    results = list(code_documents(docs))
    assert results[0].failure is None
    assert results[0].clean.published is not None  # from the page's metadata
    assert "Home | World" not in results[0].clean.text
    events = results[0].events
    assert events and events[0].sources[0].doc_id == docs[0].doc_id


def test_broken_warc_is_a_failure(tmp_path):
    pytest.importorskip("warcio")
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(b"this is not a warc file at all\n" * 10)
    items = list(iter_documents([path]))
    assert items and items[-1].failure is not None and items[-1].failure.code == "E103"


def records():
    base = {"event_type": "Battles", "sub_event_type": "Armed clash", "fatalities": 2,
            "latitude": 12.5, "longitude": 3.25, "sources": [{"doc_id": "d1", "sentence": "s"}]}
    return [dict(base, event_id="e1", event_date="2024-03-11"),
            dict(base, event_id="e2", event_date="2024-03-11", fatalities=None, latitude=None),
            dict(base, event_id="e3", event_date="2024-04-02"),
            dict(base, event_id="e4", event_date=None)]


def test_parquet_partitioned_by_day(tmp_path):
    ds = pytest.importorskip("pyarrow.dataset")
    from conflictcoder.export import export_records

    out = tmp_path / "events"
    assert export_records(records(), "parquet", out, partition="day") == 4
    names = sorted(str(p.relative_to(out)) for p in out.rglob("*.parquet"))
    assert names == ["day=2024-03-11/part-00000.parquet",
                     "day=2024-04-02/part-00000.parquet",
                     "day=undated/part-00000.parquet"]
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    rows = {r["event_id"]: r for r in table.to_pylist()}
    assert str(rows["e1"]["event_date"]) == "2024-03-11" and rows["e4"]["event_date"] is None
    assert rows["e2"]["fatalities"] is None and rows["e1"]["fatalities"] == 2
    assert rows["e3"]["sources"][0]["doc_id"] == "d1"


def test_parquet_partitioned_by_month_and_rewritten(tmp_path):
    ds = pytest.importorskip("pyarrow.dataset")
    from conflictcoder.export import export_records

    out = tmp_path / "events"
    export_records(records(), "parquet", out)  # by month unless asked otherwise
    assert (out / "month=2024-03" / "part-00000.parquet").exists() and (out / "month=undated").exists()
    export_records(records()[:1], "parquet", out, partition="month")  # replaces the old dataset
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert table.column("event_id").to_pylist() == ["e1"]
    assert [str(d) for d in table.column("event_date").to_pylist()] == ["2024-03-11"]


def test_parquet_directory_with_other_files_is_refused(tmp_path):
    from conflictcoder.export import export_records

    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match="not Parquet partitions"):
        export_records(records(), "parquet", tmp_path)
    assert (tmp_path / "notes.txt").exists()


def test_parquet_part_files_roll_over(tmp_path):
    from conflictcoder.export import write_parquet_partitioned

    rows = [dict(records()[0], event_id=f"e{i}") for i in range(7)]
    assert write_parquet_partitioned(rows, tmp_path, rows_per_file=3) == 7
    parts = sorted(p.name for p in (tmp_path / "month=2024-03").iterdir())
    assert parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]


def test_cli_codes_a_warc_into_partitioned_parquet(tmp_path):
    pytest.importorskip("pyarrow")
    from typer.testing import CliRunner

    from conflictcoder.cli import app

    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    out = tmp_path / "events"
    res = CliRunner().invoke(app, ["code", str(warc), "--no-db", "-q", "--workers", "1",
                                   "--format", "parquet", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert list(out.glob("month=*/part-*.parquet"))
