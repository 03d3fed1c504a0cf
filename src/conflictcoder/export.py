"""Export event records: JSONL, CSV (ACLED's 31 columns, then ours), ACLED CSV (exactly ACLED's
31), UCDP GED CSV, GeoJSON, Parquet.

Every writer takes the flat records of `Event.to_record()` and writes to a temporary file that
replaces the target only when complete, so an interrupted export never leaves half a file.
Files are created 0644 (directories 0755): exports are for sharing. CSV cells that a spreadsheet
would run as formulas are neutralised; `excel=True` adds a UTF-8 byte order mark.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO

FORMATS = ("jsonl", "csv", "acled-csv", "ucdp-csv", "geojson", "parquet")
# what -o's extension says when --format is absent
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".geojson": "geojson", ".json": "geojson",
              ".parquet": "parquet", ".pq": "parquet"}
PARTITIONINGS = ("month", "day")
FILE_MODE = 0o644  # exports are for sharing: colleagues read them
DIR_MODE = 0o755

# ACLED's 31 columns, in ACLED's order (the `acled-csv` format writes exactly these).
ACLED_31 = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
# what the record adds to ACLED's fields (the `csv` format: ACLED's 31, then these)
EXTRA_COLUMNS = [
    "event_id", "iso3", "geonameid", "date_start", "date_end", "fatalities_low", "fatalities_high",
    "injured", "abducted", "arrested", "perpetrators", "victims", "targets", "weapons", "confidence",
    "type_of_violence", "plover_event", "plover_mode", "doc_ids", "source_sentences",
]
ACLED_COLUMNS = ACLED_31 + EXTRA_COLUMNS
# UCDP GED's columns, in GED's order; what we cannot know (UCDP's own conflict and dyad ids,
# Gleditsch-Ward codes) stays empty.
UCDP_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
    "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
    "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
    "gwnoa", "gwnob",
]
LIST_FIELDS = ("perpetrators", "victims", "targets", "weapons")
UCDP_REGIONS = {"Middle East": "Middle East", "Europe": "Europe", "Caucasus and Central Asia": "Europe"}


@lru_cache(maxsize=1)
def countries() -> dict[str, tuple[int, str]]:
    """iso3 -> (ISO 3166 numeric code, ACLED region), from data/acled_regions.tsv."""
    out = {}
    text = resources.files("conflictcoder.data").joinpath("acled_regions.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            iso3, numeric, region = line.split("\t")
            out[iso3] = (int(numeric), region)
    return out


def stable_number(event_id: str, digits: int = 9) -> int:
    """A number that stands for an event id in every export (ACLED and UCDP ids are numbers)."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16) % 10 ** digits


def outlets(r: dict) -> list[str]:
    return sorted({s.get("source") for s in r.get("sources", []) if s.get("source")})


def last_published(r: dict) -> str | None:
    days = [s.get("published") for s in r.get("sources", []) if s.get("published")]
    return max(days) if days else None


def timestamp(r: dict) -> int | None:
    """ACLED's `timestamp` (when the record last changed, Unix seconds): the record's own, else the
    latest publication date of its sources (midnight UTC), so that exports are reproducible."""
    if r.get("timestamp") is not None:
        return int(r["timestamp"])
    day = last_published(r)
    if not day:
        return None
    return int(datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp())


def acled_row(r: dict) -> dict:
    iso3 = r.get("iso3") or ""
    numeric, region = countries().get(iso3, (None, ""))
    day = r.get("event_date")
    row = {k: r.get(k) for k in ACLED_COLUMNS}
    row.update({
        "event_id_cnty": f"{iso3 or 'XXX'}{stable_number(r['event_id'])}",
        "year": int(day[:4]) if day else None,
        "iso": numeric, "region": region, "admin3": "",
        "source": "; ".join(outlets(r)), "source_scale": "", "tags": "",
        "timestamp": timestamp(r),
        "doc_ids": "; ".join(s["doc_id"] for s in r.get("sources", [])),
        "source_sentences": " | ".join(s.get("sentence", "") for s in r.get("sources", [])),
    })
    for key in LIST_FIELDS:
        row[key] = "; ".join(r.get(key) or [])
    return row


def ucdp_type(r: dict) -> int | None:
    if r.get("type_of_violence") is not None:
        return r["type_of_violence"]
    from .typology import ucdp_type_of_violence

    return ucdp_type_of_violence(r.get("event_type") or "", r.get("inter1") or 0, r.get("inter2") or 0)


def ucdp_codes(r: dict) -> bool:
    """Whether UCDP would code the event: organised violence (a type of violence) with a death."""
    return ucdp_type(r) is not None and (r.get("fatalities") or 0) >= 1


def ucdp_date_prec(time_precision: int | None) -> int:
    return {1: 1, 2: 3, 3: 4}.get(time_precision or 3, 4)


def ucdp_where_prec(geo_precision: int | None, location: str, country: str) -> int:
    if location and location == country:
        return 6
    return {1: 1, 2: 2, 3: 4}.get(geo_precision or 3, 4)


def priogrid(lat: float | None, lon: float | None) -> int | None:
    """The PRIO-GRID cell (0.5 degrees, numbered from the south-west corner, row by row); None
    where the point is missing or not on the globe (NaN, infinite, out of range)."""
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None  # the comparisons are false for NaN too
    row = min(359, int((lat + 90) // 0.5))
    col = min(719, int((lon + 180) // 0.5))
    return row * 720 + col + 1


def ucdp_row(r: dict) -> dict:
    best = r.get("fatalities") or 0
    low = r.get("fatalities_low") if r.get("fatalities_low") is not None else best
    high = r.get("fatalities_high") if r.get("fatalities_high") is not None else best
    lat, lon = r.get("latitude"), r.get("longitude")
    sources = r.get("sources", [])
    region = countries().get(r.get("iso3") or "", (None, ""))[1]
    side_a, side_b = r.get("actor1") or "", r.get("actor2") or ""
    row = dict.fromkeys(UCDP_COLUMNS)
    row.update({
        "id": stable_number(r["event_id"]), "relid": r["event_id"],
        "year": int(r["event_date"][:4]) if r.get("event_date") else None, "active_year": 0,
        "type_of_violence": ucdp_type(r), "dyad_name": f"{side_a} - {side_b}" if side_b else side_a,
        "side_a": side_a, "side_b": side_b,
        "number_of_sources": len({s["doc_id"] for s in sources}),
        "source_article": "; ".join(s["doc_id"] for s in sources),
        "source_office": "; ".join(outlets(r)),
        "source_date": "; ".join(sorted({s["published"] for s in sources if s.get("published")})),
        "source_headline": " | ".join(s.get("sentence", "")[:200] for s in sources),
        "where_prec": ucdp_where_prec(r.get("geo_precision"), r.get("location") or "", r.get("country") or ""),
        "where_coordinates": r.get("location"), "where_description": r.get("location"),
        "adm_1": r.get("admin1"), "adm_2": r.get("admin2"), "latitude": lat, "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else "",
        "priogrid_gid": priogrid(lat, lon), "country": r.get("country"),
        "region": UCDP_REGIONS.get(region, "Africa" if "Africa" in region else
                                   "Americas" if "America" in region or region == "Caribbean" else
                                   "Asia" if region else ""),
        "event_clarity": 1 if (r.get("time_precision") or 3) == 1 else 2,
        "date_prec": ucdp_date_prec(r.get("time_precision")),
        "date_start": r.get("date_start") or r.get("event_date"), "date_end": r.get("date_end") or r.get("event_date"),
        "deaths_a": 0, "deaths_b": 0, "deaths_civilians": 0, "deaths_unknown": best,
        "best": best, "high": high, "low": low,
    })
    return row


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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell a spreadsheet would run as a formula ('=HYPERLINK(...)', '@SUM', '-2+3') gets a
    leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(records: Iterable[dict], fh: IO[str], columns: list[str], to_row, keep=None) -> int:
    writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for r in records:
        if keep is not None and not keep(r):
            continue
        writer.writerow({k: neutralise(v) for k, v in to_row(r).items()})
        n += 1
    return n


def write_geojson(records: Iterable[dict], fh: IO[str]) -> int:
    """A FeatureCollection, written a feature at a time (RFC 7946; events without coordinates
    have a null geometry)."""
    fh.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for r in records:
        fh.write((",\n" if n else "\n") + json.dumps(feature(r), ensure_ascii=False))
        n += 1
    fh.write("\n]}\n")
    return n


def write_text(records: Iterable[dict], fmt: str, fh: IO[str]) -> int:
    if fmt == "jsonl":
        return write_jsonl(records, fh)
    if fmt == "csv":
        return write_csv(records, fh, ACLED_COLUMNS, acled_row)
    if fmt == "acled-csv":
        return write_csv(records, fh, ACLED_31, acled_row)
    if fmt == "ucdp-csv":
        return write_csv(records, fh, UCDP_COLUMNS, ucdp_row, keep=ucdp_codes)
    if fmt == "geojson":
        return write_geojson(records, fh)
    raise ValueError(f"unknown text format {fmt!r}; choose one of {', '.join(FORMATS)}")


# -- Parquet: real types (DATE, integers, lists, a list of source structs) --------------------

INT_COLUMNS = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geonameid", "geo_precision",
               "fatalities", "fatalities_low", "fatalities_high", "injured", "abducted", "arrested",
               "type_of_violence", "timestamp"}
FLOAT_COLUMNS = {"latitude", "longitude", "confidence"}
DATE_COLUMNS = {"event_date", "date_start", "date_end"}
PARQUET_DROP = {"doc_ids", "source_sentences", "source"}  # the sources list holds them


def parquet_schema():
    import pyarrow as pa

    source = pa.struct([("doc_id", pa.string()), ("source", pa.string()), ("url", pa.string()),
                        ("published", pa.date32()), ("sentence", pa.string()), ("start", pa.int64()),
                        ("end", pa.int64())])

    def kind(name: str):
        if name in INT_COLUMNS:
            return pa.int64()
        if name in FLOAT_COLUMNS:
            return pa.float64()
        if name in DATE_COLUMNS:
            return pa.date32()
        if name in LIST_FIELDS:
            return pa.list_(pa.string())
        return pa.string()

    columns = [(c, kind(c)) for c in ACLED_COLUMNS if c not in PARQUET_DROP]
    columns.insert(ACLED_COLUMNS.index("source"), ("source", pa.list_(pa.string())))
    return pa.schema(columns + [("sources", pa.list_(source))])


def parquet_row(r: dict) -> dict:
    def day(v):
        return date.fromisoformat(v) if v else None

    row = acled_row(r)
    for c in PARQUET_DROP:
        row.pop(c, None)
    row["source"] = outlets(r)
    for c in DATE_COLUMNS:
        row[c] = day(r.get(c))
    for c in LIST_FIELDS:
        row[c] = list(r.get(c) or [])
    row["sources"] = [dict(s, published=day(s.get("published"))) for s in r.get("sources", [])]
    return row


def write_parquet(records: Iterable[dict], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [parquet_row(r) for r in records]
    pq.write_table(pa.Table.from_pylist(rows, schema=parquet_schema()), path)
    return len(rows)


UNDATED = "undated"  # the partition of events without a date (a value, not Hive's null: pandas reads it)


def partition_dir(r: dict, partition: str) -> str:
    day = r.get("event_date") or ""
    if partition == "month":
        return f"month={day[:7] if len(day) >= 7 else UNDATED}"
    return f"day={day or UNDATED}"


def write_parquet_partitioned(records: Iterable[dict], directory: Path, partition: str = "month",
                              rows_per_file: int = 50_000, max_buffered: int = 200_000) -> int:
    """Write a Hive-partitioned Parquet dataset: DIR/month=YYYY-MM/part-NNNNN.parquet (the
    default) or DIR/day=YYYY-MM-DD/part-NNNNN.parquet; events without a date go to
    month=undated (day=undated). Every part file has one schema, and `event_date` stays in the
    files as a DATE.

    Records stream through: rows wait in memory only until their partition has `rows_per_file`
    of them or `max_buffered` rows wait in all.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if partition not in PARTITIONINGS:
        raise ValueError(f"unknown partitioning {partition!r}; choose one of {', '.join(PARTITIONINGS)}")
    schema = parquet_schema()
    buffers: dict[str, list[dict]] = {}
    parts: dict[str, int] = {}
    buffered = n = 0

    def flush(key: str) -> None:
        rows = buffers.pop(key)
        folder = directory / key
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, DIR_MODE)
        index = parts.get(key, 0)
        parts[key] = index + 1
        target = folder / f"part-{index:05d}.parquet"
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), target)
        os.chmod(target, FILE_MODE)

    for r in records:
        key = partition_dir(r, partition)
        buffers.setdefault(key, []).append(parquet_row(r))
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


def format_for(fmt: str | None, path: str | Path | None) -> str:
    """The format asked for, else the one -o's extension names (a folder: parquet), else JSONL."""
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        return fmt
    if path is None:
        return "jsonl"
    suffix = Path(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if not suffix or Path(path).is_dir():
        return "parquet"
    raise ValueError(f"cannot tell the format from {Path(path).name!r}; give --format "
                     f"({', '.join(FORMATS)}) or an extension ({', '.join(EXTENSIONS)})")


def is_parquet_file_target(path: Path) -> bool:
    """-o events.parquet is one file; any other name is a partitioned dataset directory."""
    return path.suffix.lower() in (".parquet", ".pq") and not path.is_dir()


def not_partitions(target: Path) -> list[str]:
    """What a directory holds besides Parquet partitions (`name=value` folders), by name."""
    return sorted(p.name for p in target.iterdir() if "=" not in p.name)


@contextmanager
def atomic_dir(target: Path):
    """Build a directory beside `target` and put it in place when complete. An existing target
    is replaced only when it holds nothing but partitions (`name=value` folders)."""
    import shutil

    if target.exists():
        if not target.is_dir():
            raise ValueError(f"{target} exists and is not a directory")
        strangers = not_partitions(target)
        if strangers:
            raise ValueError(f"{target} holds files that are not Parquet partitions ({strangers[0]}); "
                             "give an empty or new directory")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    os.chmod(tmp, DIR_MODE)
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
    os.chmod(tmp, FILE_MODE)
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def export_records(records: Iterable[dict], fmt: str, path: str | Path | None = None,
                   stream: IO[str] | None = None, partition: str = "month", excel: bool = False) -> int:
    """Write records in `fmt` to `path` (atomically) or to `stream`; the number written.

    Parquet goes to one file when `path` ends in .parquet, else to a dataset directory
    partitioned by `partition` (see `write_parquet_partitioned`). `excel`: CSV with a UTF-8
    byte order mark, so that spreadsheets read it as UTF-8.
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
        stream = stream or io.StringIO()
        if excel and fmt.endswith("csv"):
            stream.write("\ufeff")
        return write_text(records, fmt, stream)
    encoding = "utf-8-sig" if excel and fmt.endswith("csv") else "utf-8"
    with atomic_path(Path(path)) as tmp:
        with open(tmp, "w", encoding=encoding, newline="") as fh:
            return write_text(records, fmt, fh)
