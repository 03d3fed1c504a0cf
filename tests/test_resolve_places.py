"""Gazetteer and toponym resolution, on short texts written for these tests.

Entities are given by hand, labelled the way the small spaCy model labels them (including
its mistakes: towns tagged ORG or PERSON), so these tests do not load the model.
"""
from __future__ import annotations

import math

import pytest

from conflictcoder.records import Span
from conflictcoder.resolve.gazetteer import INDEX_FILENAME, Gazetteer, fold
from conflictcoder.resolve.places import country_name, demonym_iso3, find_places
from conflictcoder.settings import default_cache_dir

KYRGYZSTAN = 1527747
BISHKEK = 1528675
OSH_CITY = 1527534
OSH_REGION = 1346798
BATKEN_REGION = 1463580
KANT = 1528193
ALMATY = 1526384
AKTOBE = 610611
BURUNDAY = 1524958
VAHDAT = 1221802


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    # Shared with the rest of the suite through the default cache: built once, then reused.
    return Gazetteer.open(default_cache_dir() / INDEX_FILENAME)


def ents(text: str, labels: dict[str, str]) -> list[Span]:
    """Entity spans for every occurrence of each given string."""
    out = []
    for needle, label in labels.items():
        start = text.find(needle)
        assert start >= 0, needle
        while start >= 0:
            out.append(Span(start, start + len(needle), needle, label))
            start = text.find(needle, start + 1)
    return out


def by_text(mentions) -> dict[str, object]:
    return {m.text: m for m in mentions}


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


# ------------------------------------------------------------------ gazetteer


def test_fold_ignores_case_accents_and_punctuation():
    assert fold("Jalal-Abad") == fold("JALALABAD") == fold("jalal abad")
    assert fold("Almatý") == fold("almaty")
    assert fold("U.S.") == "us"


@pytest.mark.parametrize(
    "name, geonameid",
    [
        ("Alma-Ata", ALMATY),  # historical name
        ("ALMATY", ALMATY),
        ("Aktyubinsk", AKTOBE),  # Soviet-era name
        ("Jirgatal", VAHDAT),  # old name of a town since renamed
        ("Boraldai", BURUNDAY),  # a transliteration not listed verbatim
        ("Bishkek", BISHKEK),
    ],
)
def test_lookup_finds_alternate_names(gaz, name, geonameid):
    assert geonameid in {p.geonameid for p in gaz.lookup(name)}


def test_lookup_returns_all_kinds_of_candidates(gaz):
    places = {p.geonameid: p for p in gaz.lookup("Osh")}
    assert places[OSH_CITY].feature_class == "P"
    assert places[OSH_REGION].feature_code == "ADM1"
    assert places[OSH_CITY].iso3 == "KGZ" and places[OSH_CITY].country == "Kyrgyzstan"
    assert places[OSH_CITY].admin1 == "Osh"
    assert gaz.lookup("Zzyzxqwv") == []


def test_country_by_code_or_name(gaz):
    for key in ("KG", "kgz", "Kyrgyzstan", "Kyrgyz Republic"):
        place = gaz.country(key)
        assert place is not None and place.geonameid == KYRGYZSTAN, key
    assert place.is_country and place.feature_code == "PCLI"
    # A representative point inside the country, close to GeoNames' own.
    assert km(place.latitude, place.longitude, 41.5, 75.0) < 50
    assert gaz.country("US").iso3 == "USA"
    assert gaz.country("Narnia") is None


def test_regions_have_a_coordinate_inside_them(gaz):
    batken = gaz.get(BATKEN_REGION)
    assert batken.is_admin and batken.iso3 == "KGZ"
    # The Batken region lies roughly between 39.4-40.4 N and 69.3-72.7 E.
    assert 39.3 < batken.latitude < 40.6 and 69.2 < batken.longitude < 72.8


def test_admin1_of_a_town(gaz):
    kant = gaz.get(KANT)
    region = gaz.admin1_of(kant)
    assert region is not None and region.feature_code == "ADM1"
    assert region.name == kant.admin1 and region.iso3 == "KGZ"


def test_build_replaces_a_broken_index_atomically_and_reports_progress(tmp_path):
    # One build (about 15 s) checks three things: a broken file is rebuilt, progress is
    # reported up to the total, and no temporary file is left next to the index.
    path = tmp_path / "gaz.sqlite"
    path.write_bytes(b"not a database")
    calls = []
    g = Gazetteer.open(path, progress=lambda done, total: calls.append((done, total)))
    assert [p.name for p in tmp_path.iterdir()] == ["gaz.sqlite"]
    assert calls and calls[-1][0] == calls[-1][1]
    assert all(a[0] <= b[0] for a, b in zip(calls, calls[1:]))
    assert BISHKEK in {p.geonameid for p in g.lookup("Bishkek")}
    assert g.country("KGZ").geonameid == KYRGYZSTAN
    g.close()


# ------------------------------------------------------------------ demonyms


def test_demonyms():
    assert demonym_iso3("Kyrgyz") == "KGZ"
    assert demonym_iso3("Uzbeks") == "UZB"
    assert demonym_iso3("Afghans") == "AFG"
    assert demonym_iso3("Frenchmen") == "FRA"
    assert demonym_iso3("South Korean") == "KOR"
    assert demonym_iso3("Bishkek") is None
    assert demonym_iso3("") is None
    assert country_name("KGZ") == "Kyrgyzstan"
    assert country_name("nga") == "Nigeria"
    assert country_name("XXX") == ""


# ------------------------------------------------------------------ find_places


def test_ambiguous_name_follows_the_country_context(gaz):
    kg = "Kyrgyz police said the unrest in Osh and Jalalabad had ended. Kyrgyzstan closed the border."
    found = by_text(find_places(kg, ents(kg, {"Kyrgyz": "NORP", "Osh": "GPE", "Jalalabad": "PERSON", "Kyrgyzstan": "GPE"}), gazetteer=gaz))
    # the Kyrgyz one (GeoNames names the city Manas, so "Jalalabad" is the region's own name)
    assert found["Jalalabad"].place.iso3 == "KGZ" and found["Jalalabad"].place.admin1 == "Jalal-Abad"
    assert found["Osh"].place.geonameid == OSH_CITY  # the city, not the region of the same name

    af = "Afghan officials said a bomb exploded in Jalalabad, the capital of Nangarhar province."
    found = by_text(find_places(af, ents(af, {"Afghan": "NORP", "Jalalabad": "GPE", "Nangarhar": "GPE"}), gazetteer=gaz))
    assert found["Jalalabad"].place.iso3 == "AFG"


def test_demonyms_and_people_are_not_places(gaz):
    text = (
        "Kyrgyz and Uzbek troops met Tajik officials. The philosopher Kant was quoted by "
        "Interfax, and Mitsui staff were evacuated to Bishkek."
    )
    labels = {"Kyrgyz": "NORP", "Uzbek": "NORP", "Tajik": "NORP", "Kant": "PERSON", "Interfax": "ORG", "Mitsui": "ORG", "Bishkek": "GPE"}
    found = by_text(find_places(text, ents(text, labels), gazetteer=gaz))
    assert set(found) == {"Bishkek"}


def test_mislabelled_towns_are_still_found(gaz):
    text = "Gunmen were killed near Kazakhstan's commercial capital Almaty. Clashes were reported in Kant, Kyrgyzstan."
    labels = {"Kazakhstan": "GPE", "Almaty": "ORG", "Kant": "PERSON", "Kyrgyzstan": "GPE"}
    found = by_text(find_places(text, ents(text, labels), gazetteer=gaz))
    assert found["Almaty"].place.geonameid == ALMATY
    assert found["Kant"].place.geonameid == KANT


def test_near_outside_and_regions(gaz):
    text = (
        "Militants attacked a post outside Almaty. A second group was seen near Taraz. "
        "Fighting spread to Kyrgyzstan's Osh region and the Batken province of southern Kyrgyzstan."
    )
    labels = {"Almaty": "GPE", "Taraz": "GPE", "Kyrgyzstan": "GPE", "Osh": "GPE", "Batken": "GPE"}
    mentions = find_places(text, ents(text, labels), gazetteer=gaz)
    found = by_text(mentions)
    assert (found["Almaty"].geo_precision, found["Almaty"].qualifier) == (2, "outside")
    assert (found["Taraz"].geo_precision, found["Taraz"].qualifier) == (2, "near")
    osh = found["Osh region"]
    assert osh.place.geonameid == OSH_REGION and osh.geo_precision == 3
    assert found["Batken province"].place.geonameid == BATKEN_REGION
    southern = [m for m in mentions if m.text == "Kyrgyzstan" and m.qualifier == "southern"]
    assert southern and southern[0].place.is_country and southern[0].geo_precision == 3
    plain = [m for m in mentions if m.text == "Kyrgyzstan" and not m.qualifier]
    assert plain and plain[0].geo_precision == 3


def test_a_town_in_the_text_is_precision_one_with_offsets(gaz):
    text = "Two soldiers died in Batken on Monday."
    (m,) = find_places(text, ents(text, {"Batken": "GPE", "Monday": "DATE"}), gazetteer=gaz)
    assert text[m.start : m.end] == "Batken" == m.text
    assert m.place.feature_class == "P" and m.place.iso3 == "KGZ" and m.geo_precision == 1


def test_skip_spans_are_ignored(gaz):
    text = "Protesters gathered in Bishkek. Photo: a street in Almaty."
    caption = text.index("Photo:")
    found = by_text(find_places(text, ents(text, {"Bishkek": "GPE", "Almaty": "GPE"}),
                                skip=[Span(caption, len(text), text[caption:], "caption")], gazetteer=gaz))
    assert set(found) == {"Bishkek"}


def test_upper_case_text(gaz):
    text = "BORDER GUARDS CLASHED NEAR BATKEN IN KYRGYZSTAN, OFFICIALS IN BISHKEK SAID."
    found = by_text(find_places(text, [], gazetteer=gaz))
    assert found["BATKEN"].place.iso3 == "KGZ" and found["BATKEN"].qualifier == "near"
    assert found["KYRGYZSTAN"].place.geonameid == KYRGYZSTAN
    assert found["BISHKEK"].place.geonameid == BISHKEK
    assert not {"BORDER", "GUARDS", "OFFICIALS", "SAID"} & set(found)


def test_lower_case_text(gaz):
    text = "border guards clashed near batken in kyrgyzstan, officials in bishkek said."
    found = by_text(find_places(text, [], gazetteer=gaz))
    assert {"batken", "kyrgyzstan", "bishkek"} <= set(found)
    assert found["bishkek"].place.geonameid == BISHKEK


def test_common_capitalised_words_are_not_places(gaz):
    text = "Police said on Monday. Never before had the Army moved. We will see, the police said."
    assert find_places(text, [], gazetteer=gaz) == []


def test_empty_text(gaz):
    assert find_places("", [], gazetteer=gaz) == []


def test_a_city_swallowed_by_a_time_entity_is_still_a_place():
    from conflictcoder.pipeline import place_records

    import tempfile, pathlib
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "a.txt"
        path.write_text("Russia launched a wave of drones at Kyiv overnight, killing two people, officials said.\n",
                        encoding="utf-8")
        names = [r["name"] for r in place_records([path])]
    assert "Kyiv" in names


def test_congo_alone_is_the_democratic_republic_as_wire_style_has_it():
    from conflictcoder.resolve.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    assert gaz.matches("Congo")[0].place.iso3 == "COD"
    assert gaz.matches("Republic of Congo")[0].place.iso3 == "COG"


def test_places_whose_names_open_with_an_article():
    from conflictcoder.resolve.places import find_places

    for text, name in [("Shelling hit a market in El Fasher on Wednesday.", "El Fasher"),
                       ("The army retook Le Mans.", "Le Mans")]:
        assert [p.place.name for p in find_places(text, []) if p.place] == [name]
    # a capitalised article alone is no place, nor before a lower-case word
    assert find_places("De facto rulers met on Monday.", []) == []


def test_a_town_the_model_tags_norp_is_a_place_where_the_text_puts_something_near_it(gaz):
    text = "Gunmen stormed a village near Kidal on Monday, shooting five residents dead."
    found = by_text(find_places(text, ents(text, {"Kidal": "NORP", "Monday": "DATE"}), gazetteer=gaz))
    assert found["Kidal"].place.iso3 == "MLI" and found["Kidal"].geo_precision == 2
    # a nationality stays a nationality, and a NORP name with no word of place stays unread
    text = "Malian troops said the Kidal elders had met on Monday."
    found = by_text(find_places(text, ents(text, {"Malian": "NORP", "Kidal": "NORP"}), gazetteer=gaz))
    assert "Kidal" not in found
    # in a story about one country, a NORP-tagged name is not taken as a place in another
    text = "Police in Mopti said a bomb exploded in Kita district on Tuesday."
    found = by_text(find_places(text, ents(text, {"Mopti": "GPE", "Kita": "NORP"}), gazetteer=gaz))
    assert found and all(m.place.iso3 == "MLI" for m in found.values())


def test_a_name_with_a_joined_arabic_article_is_read_whole(gaz):
    text = "A roadside bomb exploded near Deir ez-Zor in eastern Syria on Friday."
    found = by_text(find_places(text, ents(text, {"Deir ez-Zor": "GPE", "Syria": "GPE"}), gazetteer=gaz))
    assert found["Deir ez-Zor"].place.iso3 == "SYR" and found["Deir ez-Zor"].place.feature_class == "P"
    # a lower-case word with a hyphen is no name ("so-called", "al-" before a lower-case word)
    text = "The so-called ceasefire in Syria held."
    assert set(by_text(find_places(text, ents(text, {"Syria": "GPE"}), gazetteer=gaz))) == {"Syria"}


def test_a_place_a_distance_is_given_from_is_where_the_event_was():
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document

    (result,) = code_documents([Document(doc_id="d", text=(
        "Gunmen killed six villagers in an attack on a hamlet 20 km from Bandiagara in central Mali "
        "on Tuesday."))])
    assert [(e.location, e.geo_precision) for e in result.events] == [("Bandiagara", 2)]
    # where fighters came from is still no place of the event
    (result,) = code_documents([Document(doc_id="d", text=(
        "Fighters from Tajikistan attacked a border post in Batken, Kyrgyzstan, on Monday, killing "
        "two guards."))])
    assert [e.location for e in result.events] == ["Batken"]


def test_a_state_in_a_list_of_states_is_the_state_not_a_town_named_after_it(gaz):
    # small towns called California (Missouri) and Oregon (Ohio) lie in other states the text names
    text = "Cases were reported in Nevada, California, Oregon and Missouri, health officials said."
    labels = {name: "GPE" for name in ("Nevada", "California", "Oregon", "Missouri")}
    found = by_text(find_places(text, ents(text, labels), gazetteer=gaz))
    assert all(found[name].place.feature_code == "ADM1" for name in labels)
    # a town named with its state stays the town
    text = "The plant in Oregon, Ohio, was closed."
    found = by_text(find_places(text, ents(text, {"Oregon": "GPE", "Ohio": "GPE"}), gazetteer=gaz))
    assert found["Oregon"].place.feature_class == "P" and found["Oregon"].place.admin1 == "Ohio"


def test_a_region_is_not_shadowed_by_a_city_named_after_it_under_a_part_of_its_name(gaz):
    # "Oklahoma" is the state (Oklahoma City is "Oklahoma" only by an alternate name); "New York",
    # a metropolis's other name, stays the city
    text = "Storms hit Oklahoma on Monday, and thousands marched in New York."
    found = by_text(find_places(text, ents(text, {"Oklahoma": "GPE", "New York": "GPE"}), gazetteer=gaz))
    assert found["Oklahoma"].place.feature_code == "ADM1"
    assert found["New York"].place.name == "New York City"


def test_a_capital_of_millions_beats_a_small_namesake_favoured_only_by_the_country(gaz):
    text = "The senator, back in Ohio from Paris, told reporters in Columbus that the talks had failed."
    found = by_text(find_places(text, ents(text, {"Ohio": "GPE", "Paris": "GPE", "Columbus": "GPE"}), gazetteer=gaz))
    assert found["Paris"].place.iso3 == "FRA"
    # the state after it makes it the town
    text = "The storm hit Paris, Texas, on Monday."
    found = by_text(find_places(text, ents(text, {"Paris": "GPE", "Texas": "GPE"}), gazetteer=gaz))
    assert found["Paris"].place.iso3 == "USA"
