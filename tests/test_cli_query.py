"""Querying the store from the command line (filters, stats, formats from -o, file modes) and
exports that load everywhere (pandas, duckdb, pyarrow; a GeoJSON validator). A store built by
hand: four events in three countries."""
from __future__ import annotations

import csv
import io
import json
import os
import stat
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from conflictcoder.cli import app
from conflictcoder.export import ACLED_31, ACLED_COLUMNS, UCDP_COLUMNS
from conflictcoder.records import Document, Event, Source
from conflictcoder.service import save_document
from conflictcoder.store import open_store


def make(eid, day, iso3, country, admin1, lat, lon, killed, sub=("Battles", "Armed clash"), actor2="Rebels of the Hills",
         inter2=2, confidence=0.8, notes="A clash."):
    return Event(event_id=eid, event_date=day, date_start=day, date_end=day, time_precision=1,
                 disorder_type="Political violence", event_type=sub[0], sub_event_type=sub[1],
                 actor1=f"Military Forces of {country}", inter1=1, actor2=actor2, inter2=inter2, iso3=iso3,
                 country=country, admin1=admin1, location=f"{admin1} town", latitude=lat, longitude=lon,
                 geonameid=1, geo_precision=1, fatalities=killed, confidence=confidence, notes=notes,
                 victims=["a driver", "two guards"],
                 sources=[Source(f"doc-{eid}", "Test Wire", None, (day or date(2024, 5, 1)) + timedelta(days=1),
                                 f"Report of {eid}.", 0, 14)])


EVENTS = [
    make("af1", date(2024, 3, 5), "AFG", "Afghanistan", "Kandahar", 31.6, 65.7, 5),
    make("af2", date(2024, 4, 9), "AFG", "Afghanistan", "Kabul", 34.5, 69.2, 0,
         sub=("Protests", "Peaceful protest"), actor2="", inter2=0, confidence=0.4, notes="=HYPERLINK(\"x\")"),
    make("ml1", date(2024, 3, 20), "MLI", "Mali", "Mopti", 14.5, -4.2, 12, actor2="JNIM"),
    make("so1", None, "SOM", "Somalia", "Banaadir", 2.0, 45.3, 7,
         sub=("Violence against civilians", "Attack"), actor2="Civilians (Somalia)", inter2=7),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "events.duckdb"
    with open_store(path) as s:
        for e in EVENTS:
            save_document(s, Document(doc_id=f"doc-{e.event_id}", text="x"), [e])
    return str(path)


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def exported_ids(db, *filters) -> list[str]:
    done = run("export", "--db", db, "--format", "jsonl", *filters)
    assert done.exit_code == 0, done.output
    return sorted(json.loads(line)["event_id"] for line in done.stdout.splitlines() if line.startswith("{"))


@pytest.mark.parametrize("filters, ids", [
    ([], ["af1", "af2", "ml1", "so1"]),
    (["--country", "AFG"], ["af1", "af2"]),
    (["--country", "mali"], ["ml1"]),
    (["--admin1", "kabul"], ["af2"]),
    (["--since", "2024-03-10"], ["af2", "ml1"]),
    (["--until", "2024-03-10"], ["af1"]),
    (["--type", "Protests"], ["af2"]),
    (["--sub-type", "Armed clash"], ["af1", "ml1"]),
    (["--actor", "jnim"], ["ml1"]),
    (["--actor", "military forces of afghanistan"], ["af1", "af2"]),
    (["--min-fatalities", "6"], ["ml1", "so1"]),
    (["--bbox", "60,25,75,40"], ["af1", "af2"]),
    (["--min-confidence", "0.5"], ["af1", "ml1", "so1"]),
    (["--where", "fatalities BETWEEN 1 AND 7 AND iso3 <> 'SOM'"], ["af1"]),
    (["--country", "AFG", "--min-fatalities", "1"], ["af1"]),
])
def test_cli_export_filters(db, filters, ids):
    assert exported_ids(db, *filters) == ids


@pytest.mark.parametrize("bad, says", [(["--since", "last week"], "YYYY-MM-DD"), (["--bbox", "1,2,3"], "four numbers"),
                                       (["--where", "no_such_column = 1"], "the query failed")])
def test_cli_bad_filter_exits_2_without_traceback(db, bad, says):
    done = run("show", "--db", db, *bad)
    assert done.exit_code == 2 and says in done.stderr
    assert "Traceback" not in done.output


def test_cli_show_filters_and_counts_matches(db):
    done = run("show", "--db", db, "--country", "AFG", "--sort", "-fatalities")
    assert done.exit_code == 0, done.output
    assert "4 events from 4 documents" in done.stdout and "2 match" in done.stdout
    assert done.stdout.index("Armed clash") < done.stdout.index("Peaceful protest")
    assert "Mopti" not in done.stdout


def test_cli_stats_csv_by_month_country_type(db):
    done = run("stats", "--db", db, "--csv")
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    got = {(r["group"], r["key"]): (int(r["events"]), int(r["fatalities"])) for r in rows}
    assert got[("month", "2024-03")] == (2, 17) and got[("month", "2024-04")] == (1, 0)
    assert got[("month", "(none)")] == (1, 7)
    assert got[("country", "AFG Afghanistan")] == (2, 5)
    assert got[("type", "Battles")] == (2, 17)
    table = run("stats", "--db", db, "--by", "country", "--since", "2024-03-10")
    assert table.exit_code == 0 and "MLI Mali" in table.stdout and "AFG" in table.stdout and "SOM" not in table.stdout


def test_cli_version():
    from conflictcoder import __version__

    done = run("--version")
    assert done.exit_code == 0 and done.stdout.strip() == f"conflictcoder {__version__}"


@pytest.mark.parametrize("name, check", [
    ("e.parquet", lambda p: p.read_bytes()[:4] == b"PAR1"),
    ("e.csv", lambda p: p.read_text().startswith("event_id_cnty,")),
    ("e.geojson", lambda p: json.loads(p.read_text())["type"] == "FeatureCollection"),
    ("e.jsonl", lambda p: json.loads(p.read_text().splitlines()[0])["event_id"]),
])
def test_cli_format_from_the_extension_and_files_0644(db, tmp_path, name, check):
    out = tmp_path / name
    old = os.umask(0o077)  # even under a strict umask, exports are for sharing
    try:
        done = run("export", "--db", db, "-o", out)
    finally:
        os.umask(old)
    assert done.exit_code == 0, done.output
    assert check(out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_cli_unknown_extension_without_format_exits_2(db, tmp_path):
    done = run("export", "--db", db, "-o", tmp_path / "e.xlsx")
    assert done.exit_code == 2 and "--format" in done.stderr and not (tmp_path / "e.xlsx").exists()


def test_cli_acled_csv_has_acled_columns_exactly_and_loads(db, tmp_path):
    import duckdb
    import pandas as pd
    import pyarrow.csv as pacsv

    out = tmp_path / "acled.csv"
    assert run("export", "--db", db, "--format", "acled-csv", "-o", out).exit_code == 0
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
        "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
        "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
    frame = pd.read_csv(out)
    af1 = frame[frame.admin1 == "Kandahar"].iloc[0]
    assert af1.event_id_cnty.startswith("AFG") and af1.iso == 4 and af1.region == "South Asia" and af1.year == 2024
    assert af1.timestamp == 1709683200  # 2024-03-06, the report's day, midnight UTC
    assert duckdb.connect().execute(f"SELECT count(*) FROM read_csv_auto('{out}')").fetchone()[0] == 4
    assert pacsv.read_csv(out).num_rows == 4


def test_cli_csv_neutralises_formulas_and_excel_writes_a_bom(db, tmp_path):
    out = tmp_path / "e.csv"
    assert run("export", "--db", db, "--country", "AFG", "--excel", "-o", out).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == ACLED_COLUMNS
    notes = {r["event_id"]: r["notes"] for r in rows}
    assert notes["af2"] == "'=HYPERLINK(\"x\")" and notes["af1"] == "A clash."
    assert {r["longitude"] for r in rows} == {"65.7", "69.2"}  # numbers are not touched
    plain = tmp_path / "plain.csv"
    assert run("export", "--db", db, "-o", plain).exit_code == 0
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")


def test_cli_ucdp_csv_loads_with_ged_types(db, tmp_path):
    import pandas as pd

    out = tmp_path / "ged.csv"
    assert run("export", "--db", db, "--format", "ucdp-csv", "-o", out).exit_code == 0
    frame = pd.read_csv(out)
    assert list(frame.columns) == UCDP_COLUMNS
    assert sorted(frame.relid) == ["af1", "ml1", "so1"]  # the protest: no organised violence, no death
    assert str(frame.id.dtype) == "int64" and str(frame.best.dtype) == "int64"
    assert (frame.best >= 1).all() and set(frame.type_of_violence) <= {1, 2, 3}


@pytest.mark.parametrize("target", ["events.parquet", "dataset"])
def test_cli_parquet_loads_in_pandas_duckdb_and_pyarrow(db, tmp_path, target):
    import duckdb
    import pandas as pd
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    out = tmp_path / target
    assert run("export", "--db", db, "--format", "parquet", "-o", out).exit_code == 0
    if target == "dataset":  # partitioned by month unless asked otherwise; the undated too
        assert sorted(p.name for p in out.iterdir()) == ["month=2024-03", "month=2024-04", "month=undated"]
        assert stat.S_IMODE(next(out.rglob("*.parquet")).stat().st_mode) == 0o644
    frame = pd.read_parquet(out)
    assert len(frame) == 4
    row = frame[frame.event_id == "af1"].iloc[0]
    assert row.event_date == date(2024, 3, 5) and list(row.victims) == ["a driver", "two guards"]
    glob = f"{out}/**/*.parquet" if target == "dataset" else str(out)
    con = duckdb.connect()
    kinds = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{glob}'))").fetchall())
    assert kinds["event_date"] == "DATE" and kinds["victims"] == "VARCHAR[]" and kinds["fatalities"] == "BIGINT"
    assert con.execute(f"SELECT sum(fatalities) FROM read_parquet('{glob}')").fetchone()[0] == 24
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table() if target == "dataset" else pq.read_table(out)
    assert table.num_rows == 4 and str(table.schema.field("date_start").type) == "date32[day]"
    assert table.schema.field("sources").type.value_type.field("published").type == pq.read_schema(
        next(iter([out] if target != "dataset" else out.rglob("*.parquet")))).field("sources").type.value_type.field("published").type


def test_cli_geojson_is_valid(db, tmp_path):
    import geojson

    out = tmp_path / "e.geojson"
    assert run("export", "--db", db, "-o", out).exit_code == 0
    collection = geojson.loads(out.read_text(encoding="utf-8"))
    assert collection.is_valid, collection.errors()
    assert len(collection["features"]) == 4
    assert all(f["geometry"]["type"] == "Point" for f in collection["features"])


def test_codebook_covers_every_exported_column():
    from conflictcoder.codebook import fields, ucdp_fields

    done = run("codebook")
    assert done.exit_code == 0
    names = [f.name for f in fields()]
    assert names[:31] == ACLED_31 and set(ACLED_COLUMNS) <= set(names)
    assert all(f"{c}  (" in done.stdout for c in ACLED_COLUMNS)
    assert [f.name for f in ucdp_fields()] == UCDP_COLUMNS
    md = run("codebook", "--markdown").stdout
    assert "| `inter1` | integer |" in md and "7 Civilians" in md
