"""End-to-end tests of the `conflictcoder` command, on two short articles written for these tests.

Few and fast: the articles are coded once per module and the runs share the gazetteer index in
the user cache (built once; never rebuilt here).
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictcoder.cli import app
from conflictcoder.store import open_store

KANDAHAR = ("Gunmen killed five soldiers in an ambush near Kandahar, Afghanistan, on Tuesday, officials said.\n"
            "The attackers fled into the hills after the fighting, a provincial spokesman said.\n")
MOGADISHU = ("A car bomb exploded outside a hotel in Mogadishu, Somalia, on Sunday, killing seven civilians, "
             "police said.\nAl-Shabaab said it carried out the bombing.\n")
META = [
    {"file": "kandahar.txt", "published": "2019-03-14", "source": "Test Wire", "url": "https://example.org/k"},
    {"doc_id": "mogadishu", "published": "2020-02-10", "source": "Test Herald"},
]
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def runner() -> CliRunner:
    return CliRunner()


def write_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kandahar.txt").write_text(KANDAHAR, encoding="utf-8")
    (folder / "mogadishu.txt").write_text(MOGADISHU, encoding="utf-8")
    meta = folder / "meta.jsonl"  # beside the articles: must not be read as one
    meta.write_text("".join(json.dumps(r) + "\n" for r in META), encoding="utf-8")
    return meta


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def invoke(args: list[str]):
    return runner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    """One `code` run over the two articles: (folder, meta, db, output, result)."""
    root = tmp_path_factory.mktemp("cli")
    folder = root / "articles"
    meta = write_articles(folder)
    db, out = root / "events.duckdb", root / "events.jsonl"
    result = invoke(["code", folder, "--meta", meta, "--db", db, "-o", out])
    return folder, meta, db, out, result


def stored_counts(db: Path) -> dict[str, int]:
    with open_store(db) as store:
        return store.counts()


def test_cli_code_writes_jsonl_and_store(coded):
    folder, meta, db, out, result = coded
    assert result.exit_code == 0, result.output
    assert "coded 2 documents" in result.stderr
    events = read_jsonl(out)
    assert events, "no events coded from two violent articles"
    by_doc = {}
    for e in events:
        for s in e["sources"]:
            by_doc.setdefault(s["doc_id"], []).append(e)
    assert set(by_doc) == {"kandahar", "mogadishu"}  # nothing from meta.jsonl
    assert all(e["event_type"] in VIOLENT for e in events)
    k = by_doc["kandahar"][0]
    assert k["iso3"] == "AFG"
    assert k["event_date"] == "2019-03-12"  # the Tuesday before publication (meta)
    assert k["sources"][0]["source"] == "Test Wire"
    assert k["sources"][0]["published"] == "2019-03-14"
    assert by_doc["mogadishu"][0]["iso3"] == "SOM"
    counts = stored_counts(db)
    assert counts["documents"] == 2
    assert counts["events"] == len(events)
    assert counts["failures"] == 0


def test_cli_code_twice_does_not_duplicate(coded, tmp_path):
    folder, meta, db, out, result = coded
    before = stored_counts(db)
    again = tmp_path / "again.jsonl"
    second = invoke(["code", folder, "--meta", meta, "--db", db, "-o", again, "-q"])
    assert second.exit_code == 0, second.output
    assert stored_counts(db) == before
    assert [e["event_id"] for e in read_jsonl(again)] == [e["event_id"] for e in read_jsonl(out)]


def test_cli_export_csv_writes_stored_events(coded, tmp_path):
    folder, meta, db, out, result = coded
    csv_path = tmp_path / "events.csv"
    done = invoke(["export", "--db", db, "--format", "csv", "-o", csv_path])
    assert done.exit_code == 0, done.output
    with open(csv_path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames[:4] == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert sorted(r["event_id"] for r in rows) == sorted(e["event_id"] for e in read_jsonl(out))
    assert f"exported {len(rows)} events" in done.stderr


def test_cli_bad_file_exits_1_and_still_stores_good_ones(tmp_path):
    folder = tmp_path / "articles"
    meta = write_articles(folder)
    (folder / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40)
    db, out = tmp_path / "ev.duckdb", tmp_path / "ev.jsonl"
    done = invoke(["code", folder, "--meta", meta, "--db", db, "-o", out])
    assert done.exit_code == 1, done.output
    assert "scan.txt" in done.stderr
    assert "E102" in done.stderr and "binary" in done.stderr
    counts = stored_counts(db)
    assert counts["documents"] == 2
    assert counts["failures"] == 1
    assert counts["events"] == len(read_jsonl(out)) >= 2


def test_cli_eval_prints_f1(tmp_path):
    gold = {"id": "g1", "doc_id": "d1", "real_event": "r1", "event_date": "2019-03-12", "event_type": "Battles",
            "sub_event_type": ["Armed clash"], "iso3": "AFG", "latitude": 31.6, "longitude": 65.7,
            "radius_km": 50, "status": "required", "date_tolerance_days": 0}
    pred = {"event_id": "p1", "event_date": "2019-03-12", "event_type": "Battles", "iso3": "AFG",
            "latitude": 31.61, "longitude": 65.71, "sources": [{"doc_id": "d1"}]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    (tmp_path / "pred.jsonl").write_text(json.dumps(pred) + "\n", encoding="utf-8")
    done = invoke(["eval", "--gold", tmp_path / "gold.jsonl", "--pred", tmp_path / "pred.jsonl"])
    assert done.exit_code == 0, done.output
    assert "f1=1.0 recall=1.0 precision=1.0" in done.stdout
    as_json = invoke(["eval", "--gold", tmp_path / "gold.jsonl", "--pred", tmp_path / "pred.jsonl", "--json"])
    assert json.loads(as_json.stdout)["f1"] == 1.0
    missing = invoke(["eval", "--gold", tmp_path / "nope.jsonl", "--pred", tmp_path / "pred.jsonl"])
    assert missing.exit_code == 2 and "E501" in missing.stderr


def test_cli_unknown_format_exits_2(tmp_path):
    (tmp_path / "a.txt").write_text(KANDAHAR, encoding="utf-8")
    done = invoke(["code", tmp_path / "a.txt", "--no-db", "--format", "xlsx"])
    assert done.exit_code == 2
    assert "unknown format" in done.stderr
    db = tmp_path / "ev.duckdb"
    open_store(db).close()
    done = invoke(["export", "--db", db, "--format", "xlsx"])
    assert done.exit_code == 2
    assert "unknown format" in done.stderr


def test_cli_export_without_store_exits_2(tmp_path):
    done = invoke(["export", "--db", tmp_path / "none.duckdb"])
    assert done.exit_code == 2
    assert "no event store" in done.stderr
