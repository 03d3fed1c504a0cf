"""Geoparsing: the benchmark adapter's scoring, demonyms, world regions, large admin-1 points,
state abbreviations and province spellings. Texts are written for these tests; entity spans
are left out (find_places must work from the gazetteer alone), so the spaCy model is not loaded.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conflictcoder.bench import geo
from conflictcoder.records import PlaceMention
from conflictcoder.resolve.assign import event_places
from conflictcoder.resolve.gazetteer import INDEX_FILENAME, Gazetteer
from conflictcoder.resolve.places import find_places, is_demonym, place_record
from conflictcoder.settings import default_cache_dir

from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.open(default_cache_dir() / INDEX_FILENAME)


def km(lat1, lon1, lat2, lon2) -> float:
    return geo.km(lat1, lon1, lat2, lon2)


def places_of(text: str, gaz: Gazetteer, **kw) -> dict[str, PlaceMention]:
    return {m.text: m for m in find_places(text, [], gazetteer=gaz, **kw)}


# ------------------------------------------------------------------ the adapter's scoring


GOLD = [
    {"doc_id": "d1", "toponyms": [
        {"start": 0, "end": 6, "lat": 10.0, "lon": 10.0, "geonameid": "1"},
        {"start": 10, "end": 16, "lat": 20.0, "lon": 20.0, "geonameid": "2"},
        {"start": 30, "end": 35, "lat": -5.0, "lon": 100.0, "geonameid": "3"},
        {"start": 40, "end": 44, "lat": None, "lon": None, "geonameid": None},
    ]},
    {"doc_id": "d2", "toponyms": [
        {"start": 5, "end": 9, "lat": 51.5, "lon": -0.12, "geonameid": "4"},
        {"start": 20, "end": 25, "lat": 0.0, "lon": 0.0, "geonameid": None},
    ]},
]
PREDS = [
    {"doc_id": "d1", "start": 0, "end": 6, "latitude": 10.5, "longitude": 10.0, "geonameid": 1},
    {"doc_id": "d1", "start": 12, "end": 14, "latitude": 30.0, "longitude": 20.0, "geonameid": 9},  # found, far
    {"doc_id": "d1", "start": 14, "end": 18, "latitude": 20.0, "longitude": 20.0, "geonameid": 2},  # second overlap: ignored
    {"doc_id": "d1", "start": 50, "end": 55, "latitude": 0.0, "longitude": 0.0, "geonameid": 7},  # no gold
    {"doc_id": "d2", "start": 4, "end": 8, "latitude": None, "longitude": None, "geonameid": None},  # found, no point
    {"doc_id": "d2", "start": 20, "end": 25, "latitude": 0.5, "longitude": 0.5, "geonameid": None},
    {"doc_id": "d3", "start": 0, "end": 3, "latitude": 0.0, "longitude": 0.0, "geonameid": None},  # no such doc
]


def test_score_counts_as_geo_score_does():
    s = geo.score(GOLD, PREDS)
    assert s["gold_toponyms"] == 5 and s["found"] == 4
    assert s["recall"] == 0.8
    assert s["acc161_found"] == 0.5 and s["acc161_all"] == 0.4
    assert s["exact_geonameid_found"] == 0.5  # "None" == "None" counts, as in the shared scorer


def test_score_agrees_with_the_shared_scorer(tmp_path):
    scorer = SHARED / "tools" / "geo_score.py"
    if not scorer.exists():
        pytest.skip(f"{scorer} is absent: ../shared is not beside this checkout")
    gold_file, pred_file = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_file.write_text("".join(json.dumps(g) + "\n" for g in GOLD))
    pred_file.write_text("".join(json.dumps(p) + "\n" for p in PREDS))
    out = subprocess.run([sys.executable, str(scorer), str(gold_file), str(pred_file)],
                         capture_output=True, text=True, check=True).stdout
    theirs = dict(re.findall(r"(\w+)[~]?=([\d.]+)", out))
    ours = geo.score(GOLD, PREDS)
    for key in ("recall", "acc161_found", "acc161_all", "exact_geonameid_found"):
        assert float(theirs[key]) == pytest.approx(ours[key], abs=0.0015), key
    assert float(theirs["precision"]) == pytest.approx(ours["precision"], abs=0.0015)
    assert int(theirs["found"]) == ours["found"]
    assert int(theirs["median_km"]) == ours["median_km"]
    assert int(theirs["mean_km"]) == ours["mean_km"]


def test_offsets_in_cleaned_text_map_back_to_the_original():
    raw = "Rain\u2026  then floods in  Queensland\u00a0and NSW."
    clean = "Rain... then floods in Queensland and NSW."
    to_raw = geo.offset_map(clean, raw)
    start = clean.index("Queensland")
    assert raw[to_raw(start):to_raw(start + len("Queensland"))] == "Queensland"
    assert raw[to_raw(clean.index("NSW")):to_raw(clean.index("NSW") + 3)] == "NSW"


def test_missing_shared_folder_is_said_clearly(tmp_path):
    from conflictcoder.errors import EvalError

    with pytest.raises(EvalError, match="geoparsing benchmark needs the shared folder"):
        geo.gold_path(tmp_path, "trnews")


# ------------------------------------------------------------------ demonyms


def test_demonyms_are_country_mentions_flagged_only_for_geoparsing(gaz):
    text = "Turkish police detained two Syrian men near the border on Monday."
    assert "Turkish" not in places_of(text, gaz)  # events: a demonym is no place
    found = places_of(text, gaz, geoparsing=True)
    turkish = found["Turkish"]
    assert is_demonym(turkish) and turkish.place.iso3 == "TUR" and turkish.geo_precision == 3
    record = place_record(turkish)
    assert record["feature_code"] == "demonym" and record["qualifier"] == "demonym"
    assert found["Syrian"].place.iso3 == "SYR"
    assert event_places(list(found.values()), text) == []  # events never take them


# ------------------------------------------------------------------ points of large units


@pytest.mark.parametrize("name, lat, lon, within", [
    ("Queensland", -21.0, 145.0, 250),   # towns reach out to the Torres Strait islands
    ("Alberta", 53.9, -114.5, 250),
    ("Alaska", 64.0, -150.0, 250),       # not halfway along the Aleutians
    ("Ontario", 50.0, -85.0, 250),
])
def test_large_admin1_units_get_a_central_point(gaz, name, lat, lon, within):
    (unit,) = [p for p in gaz.lookup(name) if p.feature_code == "ADM1"]
    assert km(unit.latitude, unit.longitude, lat, lon) < within


def test_world_regions_and_oceans_resolve_but_carry_no_geonames_id(gaz):
    text = "Cholera spread across West Africa, while ships in the Indian Ocean and the Middle East were checked."
    found = places_of(text, gaz, geoparsing=True)
    assert found["West Africa"].place.feature_code == "RGN"
    assert km(found["West Africa"].place.latitude, found["West Africa"].place.longitude, 12, -2) < 500
    assert found["Indian Ocean"].place.feature_code == "OCN"  # not India
    assert found["Middle East"].place.feature_code == "RGN"  # not the Baltimore neighbourhood
    assert place_record(found["West Africa"])["geonameid"] is None
    assert event_places(list(found.values()), text) == []


def test_two_connectors_inside_a_country_name(gaz):
    found = places_of("Measles cases rose this week in the Democratic Republic of the Congo.", gaz)
    assert found["Democratic Republic of the Congo"].place.iso3 == "COD"


def test_former_name_of_a_country(gaz):
    assert places_of("Refugees crossed into Zaire in 1994.", gaz)["Zaire"].place.iso3 == "COD"


# ------------------------------------------------------------------ states and abbreviations


def test_state_and_province_abbreviations_after_a_town(gaz):
    text = "COLUMBIA, Ky. (WBKO) - Police in Surrey, B.C. and in Sydney, NSW made arrests."
    found = places_of(text, gaz)
    assert found["Ky."].place.name == "Kentucky" and found["Ky."].place.feature_code == "ADM1"
    assert found["B.C."].place.name == "British Columbia"
    assert found["NSW"].place.name == "New South Wales"
    assert found["COLUMBIA"].place.admin1 == "Kentucky"  # the town in that state
    assert found["Surrey"].place.iso3 == "CAN"


def test_dotted_title_is_no_state(gaz):
    assert not any(m.place.feature_code == "ADM1" for m in find_places("Miss. Smith met Mo. Jones.", [], gazetteer=gaz))


def test_town_before_a_state_name_lies_in_that_state(gaz):
    found = places_of("The storm hit Paris, Texas on Friday.", gaz)
    assert found["Paris"].place.admin1 == "Texas"


def test_state_is_not_shadowed_by_a_small_town_elsewhere(gaz):
    found = places_of("Health officials in Delaware and Wyoming reported new cases.", gaz)
    assert found["Delaware"].place.feature_code == "ADM1"
    assert found["Wyoming"].place.feature_code == "ADM1"


def test_county_in_the_state_the_article_names(gaz):
    text = "Kentucky State Police said a man from Metcalfe County was arrested. Kentucky officials agreed."
    found = places_of(text, gaz)
    assert found["Metcalfe County"].place.admin1 == "Kentucky"


# ------------------------------------------------------------------ Afghan provinces


@pytest.mark.parametrize("spelling, admin1_starts", [
    ("Wardag", "Wardak"), ("Maidan Wardak", "Wardak"), ("Konar", "Kuna"), ("Nimruz", "N"),
    ("Paktia", "Paktiy"), ("Paktiya", "Paktiy"), ("Khowst", "Kh"), ("Oruzgan", "Uruzg"),
    ("Helmand", "Helmand"), ("Zabul", "Z"), ("Kunduz", "Kunduz"),
])
def test_afghan_province_spellings(gaz, spelling, admin1_starts):
    text = f"Flash floods washed away two bridges in {spelling} province, Afghanistan, on Monday."
    found = places_of(text, gaz)
    province = found[f"{spelling} province"].place
    assert province.iso3 == "AFG" and province.feature_code == "ADM1"
    assert province.admin1.startswith(admin1_starts)


def test_afghan_district_gives_its_province(gaz):
    text = "Farmers in Nad-e Ali district, Helmand province, began the wheat harvest."
    found = places_of(text, gaz)
    assert found["Helmand province"].place.admin1 == "Helmand"
    district = found.get("Nad-e Ali district")
    if district is not None:
        assert district.place.admin1 == "Helmand"
