"""Tests for conflictcoder.merge_across: per-document events built by hand, and short articles
written for these tests coded end to end."""
from __future__ import annotations

import json
from datetime import date

import pytest

from conflictcoder.merge_across import (CrossDocMerger, compatible, event_from_record, merge_events,
                                        profile, score)
from conflictcoder.records import Event, Source


def ev(eid: str, doc: str, day=date(2024, 4, 14), start=None, end=None, precision=1,
       sub=("Explosions/Remote violence", "Remote explosive/landmine/IED"), place="town", killed=0,
       actor1="Unidentified Armed Group (Afghanistan)", actor2="Civilians (Afghanistan)", inter2=7,
       abducted=None, published=None) -> Event:
    places = {  # Kandahar city, the province around it, a town 100 km off, another country's town
        "town": ("Kandahar", "Kandahar", 31.61, 65.71, 1138336, 1),
        "region": ("Kandahar Province", "Kandahar", 31.0, 65.5, 1138335, 3),
        "other": ("Lashkar Gah", "Helmand", 31.59, 64.37, 1147290, 1),
        "abroad": ("Quetta", "Balochistan", 30.19, 67.01, 1167528, 1),
    }
    loc, admin1, lat, lon, gid, gp = places[place]
    iso3 = "PAK" if place == "abroad" else "AFG"
    return Event(event_id=eid, event_date=day, date_start=start or day, date_end=end or day,
                 time_precision=precision, disorder_type="Political violence", event_type=sub[0],
                 sub_event_type=sub[1], actor1=actor1, inter1=3 if "Unidentified" in actor1 else 2,
                 actor2=actor2, inter2=inter2 if actor2 else 0, iso3=iso3, country=iso3,
                 admin1=admin1, location=loc, latitude=lat, longitude=lon, geonameid=gid,
                 geo_precision=gp, fatalities=killed, abducted=abducted,
                 sources=[Source(doc, f"Outlet {doc}", None, published or day, f"Sentence of {eid}.", 0, 20)])


def docs_of(e: Event) -> list[str]:
    return sorted({s.doc_id for s in e.sources})


def test_range_and_day_town_and_region_are_one_event():
    # "last weekend" (13-14 April, told on the 16th) in the province; "on April 14" in the city
    a = ev("a", "d1", day=date(2024, 4, 13), start=date(2024, 4, 13), end=date(2024, 4, 14),
           precision=2, place="region", abducted=7, published=date(2024, 4, 16))
    b = ev("b", "d2", day=date(2024, 4, 15), place="town", abducted=4, published=date(2024, 6, 1))
    [merged] = merge_events([a, b])
    assert merged.event_id == "a"  # the earliest-created id
    assert docs_of(merged) == ["d1", "d2"]
    assert merged.event_date == date(2024, 4, 15) and merged.time_precision == 1  # the most precise
    assert merged.location == "Kandahar" and merged.geo_precision == 1
    assert merged.abducted == 7  # a report naming part of the victims does not lower the count
    assert [s.doc_id for s in merged.sources] == ["d1", "d2"]  # in order of publication


def test_events_of_one_document_never_merge():
    a, b = ev("a", "d1", killed=3), ev("b", "d1", killed=3)
    assert not compatible(profile(a), profile(b))
    assert len(merge_events([a, b])) == 2


def test_fatalities_conservative_with_low_and_high():
    merged = merge_events([ev("a", "d1", killed=12), ev("b", "d2", killed=10), ev("c", "d3")])
    assert len(merged) == 1
    m = merged[0]
    assert (m.fatalities, m.fatalities_low, m.fatalities_high) == (10, 10, 12)
    assert docs_of(m) == ["d1", "d2", "d3"]


@pytest.mark.parametrize("other", [
    dict(killed=20),  # 3 killed against 20: two events
    dict(day=date(2024, 4, 21)),  # the same kind of attack a week later
    dict(day=date(2024, 4, 16)),  # two days named exactly, two days apart
    dict(place="other"),  # another town 130 km away
    dict(place="abroad"),  # another country
    dict(sub=("Protests", "Peaceful protest")),  # another family
])
def test_distinct_events_stay_apart(other):
    base = ev("a", "d1", killed=3)
    kw = dict(killed=3)
    kw.update(other)
    assert len(merge_events([base, ev("b", "d2", **kw)])) == 2


def test_same_city_same_day_different_attack_stays_apart():
    bombing = ev("a", "d1", sub=("Explosions/Remote violence", "Suicide bomb"), killed=14)
    roadside = ev("b", "d2", sub=("Explosions/Remote violence", "Remote explosive/landmine/IED"))
    shooting = ev("c", "d3", sub=("Battles", "Armed clash"), killed=2,
                  actor1="Military Forces of Afghanistan", actor2="Taliban", inter2=2)
    assert len(merge_events([bombing, roadside, shooting])) == 3


def test_named_perpetrators_that_differ_keep_events_apart():
    a = ev("a", "d1", actor1="Taliban", killed=4)
    b = ev("b", "d2", actor1="Islamic State (Afghanistan)", killed=4)
    same = ev("c", "d3", actor1="Taliban", killed=4)
    assert score(profile(a), profile(b)) <= score(profile(a), profile(same)) - 2.5
    # with nothing else tying them (another kind of bombing, no toll) they stay apart
    c = ev("c", "d3", actor1="Islamic State (Afghanistan)", sub=("Explosions/Remote violence", "Suicide bomb"))
    assert len(merge_events([ev("a", "d1", actor1="Taliban"), c])) == 2


def test_a_report_that_joins_two_stored_events_makes_them_one():
    attack = ev("A", "d1", sub=("Violence against civilians", "Attack"), killed=5)
    bomb = ev("B", "d2", sub=("Explosions/Remote violence", "Suicide bomb"), killed=7)
    merger = CrossDocMerger()
    merger.add(attack)
    merger.add(bomb)
    assert len(merger.clusters) == 2  # an attack and a bombing, tolls apart: not enough to join
    merger.take_change()
    cid = merger.add(ev("C", "d3", sub=("Explosions/Remote violence", "Suicide bomb"), killed=5))
    assert cid == "A" and list(merger.clusters) == ["A"]
    assert merger.resolve("B") == "A"
    change = merger.take_change()
    assert change.absorbed == {"B": "A"}
    [merged] = merger.events()
    assert merged.sub_event_type == "Suicide bomb" and docs_of(merged) == ["d1", "d2", "d3"]
    assert merged.fatalities == 5 and merged.fatalities_high == 7


def test_remove_document_recomputes_and_drops_empty_events():
    merger = CrossDocMerger()
    merger.add_document("d1", [ev("a", "d1", killed=4)])
    merger.add_document("d2", [ev("b", "d2", killed=6, place="region")])
    [merged] = merger.events()
    assert merged.fatalities == 4 and merged.geo_precision == 1
    merger.remove_document("d1")
    [left] = merger.events()
    assert left.event_id == "a"  # the id stays with the event
    assert docs_of(left) == ["d2"] and left.fatalities == 6 and left.geo_precision == 3
    merger.add_document("d2", [])  # recoded with nothing: the event disappears
    assert merger.events() == []


def test_recoding_a_document_replaces_its_contribution():
    merger = CrossDocMerger()
    merger.add_document("d1", [ev("a", "d1", killed=4)])
    merger.add_document("d2", [ev("b", "d2", killed=4)])
    merger.add_document("d2", [ev("b2", "d2", killed=4, day=date(2024, 5, 30))])
    events = merger.events()
    assert [docs_of(e) for e in events] == [["d1"], ["d2"]]


def test_undated_or_unplaced_events_are_not_merged():
    a, b = ev("a", "d1"), ev("b", "d2")
    a.event_date = a.date_start = a.date_end = None
    assert len(merge_events([a, b])) == 2
    c = ev("c", "d3")
    c.iso3 = ""
    assert len(merge_events([b, c])) == 2


def test_record_round_trip():
    e = ev("a", "d1", killed=3, abducted=2)
    e.perpetrators = ["gunmen"]
    assert event_from_record(json.loads(json.dumps(e.to_record()))).to_record() == e.to_record()


KABUL_1 = ("Suicide bomber kills worshippers\n\nA suicide bomber killed 14 people at a Shiite mosque in Kabul "
           "on Friday, officials said.\n\nNo group immediately claimed responsibility.\n")
KABUL_2 = ("Deadly blast in Afghan capital\n\nFourteen people were killed when a suicide bomber set off explosives "
           "at a mosque in the Afghan capital Kabul on March 8, police said.\n")
KABUL_OTHER = ("Roadside bomb hits police\n\nA roadside bomb struck a police vehicle in Kabul on Friday, killing "
               "two officers, officials said.\n")


def test_articles_coded_end_to_end_merge_across_documents(code_text):
    one = code_text(KABUL_1, published=date(2024, 3, 9), doc_id="outlet-1")
    two = code_text(KABUL_2, published=date(2024, 3, 10), doc_id="outlet-2")
    other = code_text(KABUL_OTHER, published=date(2024, 3, 9), doc_id="outlet-3")
    assert one and two and other
    merged = merge_events(one + two + other)
    together = [e for e in merged if {"outlet-1", "outlet-2"} <= set(docs_of(e))]
    assert len(together) == 1
    assert "outlet-3" not in docs_of(together[0])
    assert together[0].event_date == date(2024, 3, 8)


def test_seeds_kidnapping_told_in_two_documents_is_one_event():
    from conftest import shared_or_skip

    from conflictcoder.evaluate import read_jsonl, score as score_events
    from conflictcoder.pipeline import code_paths

    seeds = shared_or_skip("seeds")
    gold = read_jsonl(shared_or_skip("gold", "seeds.events.jsonl"))
    merger = CrossDocMerger()
    for result in code_paths([seeds], seeds / "meta.jsonl"):
        if getattr(result, "failure", None) is None and hasattr(result, "events"):
            merger.add_document(result.document.doc_id, result.events)
    result = score_events(gold, [], [e.to_record() for e in merger.events()])
    assert result["cross_document_merged"] == "1/1"
    assert result["false_merges"] == 0
    assert result["recall"] == 1.0
