"""Tests for conflictcoder.export on records built by hand."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from conflictcoder.export import ACLED_31, ACLED_COLUMNS, FORMATS, UCDP_COLUMNS, export_records
from conflictcoder.records import Event, Source


def make_event(event_id: str, *, lat: float | None = 34.5, lon: float | None = 69.25, fatalities: int = 5,
               event_type: str = "Battles", sub: str = "Armed clash", inter2: int = 2,
               docs=("k1",)) -> Event:
    day = date(2019, 3, 12)
    return Event(
        event_id=event_id, event_date=day, date_start=day, date_end=date(2019, 3, 13), time_precision=2,
        disorder_type="Political violence", event_type=event_type, sub_event_type=sub,
        actor1="Military Forces of Testland", inter1=1, actor2="Hill Rebels", inter2=inter2,
        iso3="TST", country="Testland", admin1="North", admin2="Upper", location="Hilltown",
        latitude=lat, longitude=lon, geonameid=777, geo_precision=2, fatalities=fatalities,
        fatalities_low=4, fatalities_high=6, injured=3,
        perpetrators=["gunmen"], victims=["soldiers", "a driver"], weapons=["rifles"],
        sources=[Source(d, f"Wire {d}", f"https://example.org/{d}", date(2019, 3, 14),
                        f"Gunmen killed five soldiers near Hilltown ({d}).", 0, 48) for d in docs],
        notes="An ambush, with a comma; and a \"quote\".", confidence=0.81234,
    )


@pytest.fixture
def records() -> list[dict]:
    return [
        make_event("ev-1", docs=("k1", "k2")).to_record(),
        make_event("ev-2", lat=None, lon=None, event_type="Violence against civilians",
                   sub="Attack", inter2=7, fatalities=0).to_record(),
    ]


def test_export_formats_listed():
    assert set(FORMATS) == {"jsonl", "csv", "acled-csv", "ucdp-csv", "geojson", "parquet"}


def test_export_jsonl_round_trips(tmp_path, records):
    out = tmp_path / "out" / "events.jsonl"
    assert export_records(iter(records), "jsonl", out) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records


def test_export_jsonl_to_stream(records):
    buf = io.StringIO()
    assert export_records(records, "jsonl", stream=buf) == 2
    assert json.loads(buf.getvalue().splitlines()[1])["event_id"] == "ev-2"


def test_export_csv_acled_column_order(tmp_path, records):
    out = tmp_path / "events.csv"
    assert export_records(records, "csv", out) == 2
    with open(out, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames
        rows = list(reader)
    assert header[:31] == ACLED_31  # ACLED's columns first, in ACLED's order, then the record's own
    assert header == ACLED_COLUMNS
    first = rows[0]
    assert first["event_id"] == "ev-1" and first["iso3"] == "TST"
    assert first["event_date"] == "2019-03-12"
    assert first["interaction"] == "12"
    assert first["latitude"] == "34.5" and first["longitude"] == "69.25"
    assert first["fatalities"] == "5"
    assert first["source"] == "Wire k1; Wire k2"
    assert first["doc_ids"] == "k1; k2"
    assert first["victims"] == "soldiers; a driver"
    assert first["notes"] == 'An ambush, with a comma; and a "quote".'
    assert "(k2)" in first["source_sentences"]
    assert rows[1]["latitude"] == "" and rows[1]["interaction"] == "17"


def test_export_ucdp_csv(tmp_path, records):
    out = tmp_path / "events.ucdp.csv"
    records = records + [make_event("ev-4", event_type="Violence against civilians", sub="Attack", inter2=7,
                                    fatalities=2).to_record()]
    assert export_records(records, "ucdp-csv", out) == 2  # ev-2 killed no one: UCDP leaves it out
    with open(out, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == UCDP_COLUMNS
    a, b = rows
    assert int(a["id"]) > 0 and a["relid"] == "ev-1" and b["relid"] == "ev-4"
    assert a["type_of_violence"] == "1"  # state forces on one side: state-based
    assert b["type_of_violence"] == "3"  # state forces against civilians: one-sided (UCDP)
    assert a["year"] == "2019" and a["geom_wkt"] == "POINT (69.25 34.5)" and a["number_of_sources"] == "2"
    assert a["deaths_unknown"] == "5" and a["dyad_name"] == "Military Forces of Testland - Hill Rebels"
    assert (a["side_a"], a["side_b"]) == ("Military Forces of Testland", "Hill Rebels")
    assert (a["best"], a["low"], a["high"]) == ("5", "4", "6")
    assert (a["date_start"], a["date_end"]) == ("2019-03-12", "2019-03-13")
    assert a["date_prec"] == "3"  # ACLED time_precision 2 -> UCDP 3
    assert a["where_prec"] == "2"
    assert a["source_article"] == "k1; k2"


def test_export_ucdp_csv_keeps_only_what_ucdp_would_code():
    protest = make_event("p", event_type="Protests", sub="Peaceful protest", inter2=0, fatalities=3).to_record()
    protest["type_of_violence"] = None
    dead = make_event("d", fatalities=1).to_record()
    none_dead = make_event("n", fatalities=0).to_record()
    buf = io.StringIO()
    assert export_records([protest, dead, none_dead], "ucdp-csv", stream=buf) == 1
    assert [r["relid"] for r in csv.DictReader(io.StringIO(buf.getvalue()))] == ["d"]


def test_export_ucdp_type_without_state_actor():
    ev = make_event("ev-3", event_type="Violence against civilians", sub="Attack", inter2=7)
    ev.inter1 = 2
    buf = io.StringIO()
    export_records([ev.to_record()], "ucdp-csv", stream=buf)
    [row] = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["type_of_violence"] == "3"  # one-sided violence


def test_export_geojson_feature_collection(tmp_path, records):
    out = tmp_path / "events.geojson"
    assert export_records(records, "geojson", out) == 2
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    f1, f2 = data["features"]
    assert f1["type"] == "Feature"
    assert f1["geometry"] == {"type": "Point", "coordinates": [69.25, 34.5]}  # [lon, lat]
    assert f1["id"] == "ev-1"
    assert f1["properties"]["event_type"] == "Battles"
    assert f1["properties"]["sources"][1]["doc_id"] == "k2"
    assert f2["geometry"] is None


def test_export_parquet_readable_by_pyarrow(tmp_path, records):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    assert export_records(records, "parquet", out) == 2
    table = pq.read_table(out)
    assert table.num_rows == 2
    assert table.column_names[:5] == ACLED_COLUMNS[:5]
    assert str(table.schema.field("event_date").type) == "date32[day]"
    rows = table.to_pylist()
    assert rows[0]["event_id"] == "ev-1" and rows[0]["event_date"] == date(2019, 3, 12)
    assert rows[0]["fatalities"] == 5
    assert rows[0]["latitude"] == 34.5
    assert rows[1]["latitude"] is None
    assert rows[0]["victims"] == ["soldiers", "a driver"] and rows[0]["source"] == ["Wire k1", "Wire k2"]
    assert rows[0]["sources"][1]["doc_id"] == "k2" and rows[0]["sources"][0]["published"] == date(2019, 3, 14)


def test_export_parquet_needs_a_path(records):
    with pytest.raises(ValueError, match="parquet"):
        export_records(records, "parquet", stream=io.StringIO())


def test_export_unknown_format_raises(tmp_path, records):
    with pytest.raises(ValueError, match="unknown format"):
        export_records(records, "xlsx", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_export_empty_records(tmp_path):
    out = tmp_path / "empty.csv"
    assert export_records([], "csv", out) == 0
    assert out.read_text(encoding="utf-8").splitlines() == [",".join(ACLED_COLUMNS)]
    gj = tmp_path / "empty.geojson"
    export_records([], "geojson", gj)
    assert json.loads(gj.read_text()) == {"type": "FeatureCollection", "features": []}


# --------------------------------------------------------------------------- atomic writes


def failing_records(good: list[dict]):
    yield from good
    raise RuntimeError("store went away midway")


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_failure_midway_creates_no_target_and_no_temp(tmp_path, records, fmt):
    out = tmp_path / f"events.{fmt}"
    with pytest.raises(RuntimeError, match="midway"):
        export_records(failing_records(records), fmt, out)
    assert not out.exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_failure_midway_keeps_old_target(tmp_path, records, fmt):
    out = tmp_path / f"events.{fmt}"
    out.write_bytes(b"the previous export")
    with pytest.raises(RuntimeError):
        export_records(failing_records(records), fmt, out)
    assert out.read_bytes() == b"the previous export"
    assert leftovers(tmp_path) == [out.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_success_leaves_no_temp_file(tmp_path, records, fmt):
    out = tmp_path / f"events.{fmt}"
    out.write_text("old")
    export_records(records, fmt, out)
    assert leftovers(tmp_path) == [out.name]
    assert out.read_bytes() != b"old"
