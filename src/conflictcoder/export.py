"""Export event records: JSONL, ACLED-style CSV, UCDP-style CSV, GeoJSON, Parquet.

Every writer takes the flat records of `Event.to_record()` and writes to a temporary file that
replaces the target only when complete, so an interrupted export never leaves half a file.
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import IO

FORMATS = ("jsonl", "csv", "ucdp-csv", "geojson", "parquet")

# ACLED's column order, then the fields ACLED does not have.
ACLED_COLUMNS = [
    "event_id", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso3", "country", "admin1", "admin2", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities",
    "geonameid", "date_start", "date_end", "fatalities_low", "fatalities_high", "injured",
    "abducted", "arrested", "perpetrators", "victims", "targets", "weapons", "confidence",
    "type_of_violence", "plover_event", "plover_mode",
    "doc_ids", "source_sentences",
]
UCDP_COLUMNS = [
    "id", "type_of_violence", "side_a", "side_b", "country", "adm_1", "adm_2", "where_coordinates",
    "where_prec", "latitude", "longitude", "date_start", "date_end", "date_prec", "best", "low",
    "high", "source_article", "source_headline",
]


def acled_row(r: dict) -> dict:
    row = {k: r.get(k) for k in ACLED_COLUMNS}
    row["source"] = "; ".join(sorted({s.get("source") or "" for s in r.get("sources", []) if s.get("source")}))
    row["doc_ids"] = "; ".join(s["doc_id"] for s in r.get("sources", []))
    row["source_sentences"] = " | ".join(s.get("sentence", "") for s in r.get("sources", []))
    for key in ("perpetrators", "victims", "targets", "weapons"):
        row[key] = "; ".join(r.get(key) or [])
    return row


def ucdp_type(r: dict) -> int | None:
    from .typology import ucdp_type_of_violence

    return ucdp_type_of_violence(r.get("event_type") or "", r.get("inter1") or 0, r.get("inter2") or 0)


def ucdp_date_prec(time_precision: int | None) -> int:
    return {1: 1, 2: 3, 3: 4}.get(time_precision or 3, 4)


def ucdp_where_prec(geo_precision: int | None, location: str, country: str) -> int:
    if location and location == country:
        return 6
    return {1: 1, 2: 2, 3: 4}.get(geo_precision or 3, 4)


def ucdp_row(r: dict) -> dict:
    return {
        "id": r.get("event_id"), "type_of_violence": ucdp_type(r),
        "side_a": r.get("actor1"), "side_b": r.get("actor2"), "country": r.get("country"),
        "adm_1": r.get("admin1"), "adm_2": r.get("admin2"), "where_coordinates": r.get("location"),
        "where_prec": ucdp_where_prec(r.get("geo_precision"), r.get("location") or "", r.get("country") or ""),
        "latitude": r.get("latitude"), "longitude": r.get("longitude"),
        "date_start": r.get("date_start"), "date_end": r.get("date_end"),
        "date_prec": ucdp_date_prec(r.get("time_precision")),
        "best": r.get("fatalities"), "low": r.get("fatalities_low") if r.get("fatalities_low") is not None else r.get("fatalities"),
        "high": r.get("fatalities_high") if r.get("fatalities_high") is not None else r.get("fatalities"),
        "source_article": "; ".join(s["doc_id"] for s in r.get("sources", [])),
        "source_headline": " | ".join(s.get("sentence", "")[:200] for s in r.get("sources", [])),
    }


def feature(r: dict) -> dict:
    geometry = None
    if r.get("latitude") is not None and r.get("longitude") is not None:
        geometry = {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]}
    return {"type": "Feature", "id": r.get("event_id"), "geometry": geometry, "properties": r}


def write_jsonl(records: Iterable[dict], fh: IO[str]) -> int:
    n = 0
    for r in records:
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[dict], fh: IO[str], columns: list[str], to_row) -> int:
    writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for r in records:
        writer.writerow(to_row(r))
        n += 1
    return n


def write_geojson(records: Iterable[dict], fh: IO[str]) -> int:
    features = [feature(r) for r in records]
    json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
    fh.write("\n")
    return len(features)


def write_text(records: Iterable[dict], fmt: str, fh: IO[str]) -> int:
    if fmt == "jsonl":
        return write_jsonl(records, fh)
    if fmt == "csv":
        return write_csv(records, fh, ACLED_COLUMNS, acled_row)
    if fmt == "ucdp-csv":
        return write_csv(records, fh, UCDP_COLUMNS, ucdp_row)
    if fmt == "geojson":
        return write_geojson(records, fh)
    raise ValueError(f"unknown text format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_parquet(records: Iterable[dict], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for r in records:
        row = acled_row(r)
        row["sources_json"] = json.dumps(r.get("sources", []), ensure_ascii=False)
        rows.append(row)
    table = pa.Table.from_pylist(rows)
    pq.write_table(table, path)
    return len(rows)


# Column types of the partitioned Parquet dataset: one schema for every part file, so that a
# part whose rows all lack a value still agrees with the others.
INT_COLUMNS = {"time_precision", "inter1", "inter2", "interaction", "geonameid", "geo_precision",
               "fatalities", "fatalities_low", "fatalities_high", "injured", "abducted", "arrested",
               "type_of_violence"}
FLOAT_COLUMNS = {"latitude", "longitude", "confidence"}
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"  # the partition of rows with no value (Hive's name)
PARTITIONINGS = ("day", "month")


def parquet_schema(drop: tuple[str, ...] = ()):
    import pyarrow as pa

    def kind(name: str):
        if name in INT_COLUMNS:
            return pa.int64()
        if name in FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    return pa.schema([(c, kind(c)) for c in ACLED_COLUMNS + ["sources_json"] if c not in drop])


def partition_dir(row: dict, partition: str) -> str:
    day = row.get("event_date") or ""
    if partition == "month":
        if len(day) >= 7:
            return f"year={day[:4]}/month={day[5:7]}"
        return f"year={HIVE_NULL}/month={HIVE_NULL}"
    return f"event_date={day or HIVE_NULL}"


def write_parquet_partitioned(records: Iterable[dict], directory: Path, partition: str = "day",
                              rows_per_file: int = 50_000, max_buffered: int = 200_000) -> int:
    """Write a Hive-partitioned Parquet dataset: DIR/event_date=YYYY-MM-DD/part-NNNNN.parquet
    (partition="day") or DIR/year=YYYY/month=MM/part-NNNNN.parquet ("month").

    Records stream through: rows wait in memory only until their partition has `rows_per_file`
    of them or `max_buffered` rows wait in all. With partition="day", `event_date` lives in the
    directory names only (readers such as pyarrow.dataset and DuckDB's hive_partitioning give
    it back as a column); "month" keeps it in the files.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if partition not in PARTITIONINGS:
        raise ValueError(f"unknown partitioning {partition!r}; choose one of {', '.join(PARTITIONINGS)}")
    drop = ("event_date",) if partition == "day" else ()
    schema = parquet_schema(drop)
    buffers: dict[str, list[dict]] = {}
    parts: dict[str, int] = {}
    buffered = n = 0

    def flush(key: str) -> None:
        rows = buffers.pop(key)
        folder = directory / key
        folder.mkdir(parents=True, exist_ok=True)
        index = parts.get(key, 0)
        parts[key] = index + 1
        table = pa.Table.from_pylist(rows, schema=schema)
        pq.write_table(table, folder / f"part-{index:05d}.parquet")

    for r in records:
        row = acled_row(r)
        row["sources_json"] = json.dumps(r.get("sources", []), ensure_ascii=False)
        key = partition_dir(row, partition)
        for column in drop:
            row.pop(column, None)
        buffers.setdefault(key, []).append(row)
        buffered += 1
        n += 1
        if len(buffers[key]) >= rows_per_file:
            buffered -= len(buffers[key])
            flush(key)
        elif buffered >= max_buffered:
            for key in list(buffers):
                flush(key)
            buffered = 0
    for key in list(buffers):
        flush(key)
    return n


def is_parquet_file_target(path: Path) -> bool:
    """-o events.parquet is one file; any other name is a partitioned dataset directory."""
    return path.suffix.lower() in (".parquet", ".pq") and not path.is_dir()


@contextmanager
def atomic_dir(target: Path):
    """Build a directory beside `target` and put it in place when complete. An existing target
    is replaced only when it holds nothing but partitions (`name=value` folders)."""
    import shutil

    if target.exists():
        if not target.is_dir():
            raise ValueError(f"{target} exists and is not a directory")
        strangers = [p.name for p in target.iterdir() if "=" not in p.name]
        if strangers:
            raise ValueError(f"{target} holds files that are not Parquet partitions ({strangers[0]}); "
                             "give an empty or new directory")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield tmp
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def atomic_path(target: Path):
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def export_records(records: Iterable[dict], fmt: str, path: str | Path | None = None,
                   stream: IO[str] | None = None, partition: str = "day") -> int:
    """Write records in `fmt` to `path` (atomically) or to `stream`; the number written.

    Parquet goes to one file when `path` ends in .parquet, else to a dataset directory
    partitioned by `partition` (see `write_parquet_partitioned`).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if path is None:
            raise ValueError("parquet needs an output file or directory (-o FILE.parquet or -o DIR)")
        if not is_parquet_file_target(Path(path)):
            with atomic_dir(Path(path)) as tmp:
                return write_parquet_partitioned(records, tmp, partition)
        with atomic_path(Path(path)) as tmp:
            return write_parquet(records, tmp)
    if path is None:
        return write_text(records, fmt, stream or io.StringIO())
    with atomic_path(Path(path)) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            return write_text(records, fmt, fh)
