"""Tests for conflictcoder.evaluate on small gold / negatives / predictions written for these tests."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conflictcoder import errors
from conflictcoder.evaluate import km, score, score_files

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORER = SHARED / "tools" / "score_events.py"

# Hilltown, a made-up place at a real-looking point
LAT, LON = 31.6, 65.7


def gold(gid: str, doc: str = "d1", **kw) -> dict:
    g = {
        "id": gid, "doc_id": doc, "real_event": kw.pop("real_event", f"real-{gid}"),
        "event_date": "2019-03-12", "time_precision": 1, "event_type": "Battles",
        "sub_event_type": ["Armed clash"], "actor1_any": ["military forces", "soldiers"],
        "actor2_any": ["gunmen", "unidentified armed group"], "iso3": "AFG",
        "latitude": LAT, "longitude": LON, "radius_km": 25, "fatalities": 5,
        "status": "required", "date_tolerance_days": 0,
    }
    g.update(kw)
    return g


def pred(eid: str, docs=("d1",), **kw) -> dict:
    p = {
        "event_id": eid, "event_date": "2019-03-12", "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "Military Forces of Afghanistan",
        "actor2": "Unidentified Armed Group (Afghanistan)", "iso3": "AFG",
        "latitude": LAT, "longitude": LON, "fatalities": 5,
        "sources": [{"doc_id": d, "sentence": "..."} for d in docs],
    }
    p.update(kw)
    return p


# --------------------------------------------------------------------------- matching


def test_evaluate_exact_match_scores_one():
    r = score([gold("g1")], [], [pred("p1")])
    assert (r["required"], r["found"], r["false_positives"]) == (1, 1, 0)
    assert (r["precision"], r["recall"], r["f1"]) == (1.0, 1.0, 1.0)
    assert r["missed"] == []
    fa = r["field_accuracy"]
    assert fa["date"] == fa["sub_event_type"] == fa["location_exact_25km"] == fa["fatalities"] == 1.0
    assert fa["actor1"] == fa["actor2"] == 1.0
    assert fa["injured"] is None  # the gold says nothing about the injured


def test_evaluate_match_within_date_tolerance_and_radius():
    # a day off, under the tolerance; 15 km north, inside the radius
    g = gold("g1", date_tolerance_days=1, radius_km=50)
    p = pred("p1", event_date="2019-03-13", latitude=LAT + 0.135)
    assert 10 < km(LAT + 0.135, LON, LAT, LON) < 20
    r = score([g], [], [p])
    assert r["found"] == 1 and r["f1"] == 1.0
    assert r["field_accuracy"]["location_exact_25km"] == 1.0


def test_evaluate_date_outside_tolerance_no_match():
    r = score([gold("g1", date_tolerance_days=1)], [], [pred("p1", event_date="2019-03-14")])
    assert (r["found"], r["false_positives"], r["missed"]) == (0, 1, ["g1"])
    assert r["f1"] == 0.0


def test_evaluate_point_outside_radius_no_match():
    p = pred("p1", latitude=LAT + 1.0)  # about 111 km away
    r = score([gold("g1", radius_km=50)], [], [p])
    assert r["found"] == 0 and r["missed"] == ["g1"]


def test_evaluate_without_point_country_decides():
    g = gold("g1")
    assert score([g], [], [pred("p1", latitude=None, longitude=None)])["found"] == 1
    r = score([g], [], [pred("p1", latitude=None, longitude=None, iso3="PAK")])
    assert r["found"] == 0
    # no point and a matching country: a match, but the 25 km field check fails
    r = score([g], [], [pred("p1", latitude=None, longitude=None)])
    assert r["field_accuracy"]["location_exact_25km"] == 0.0


def test_evaluate_type_mismatch_no_match():
    r = score([gold("g1")], [], [pred("p1", event_type="Violence against civilians")])
    assert (r["found"], r["false_positives"]) == (0, 1)


def test_evaluate_gold_type_list_accepts_either():
    g = gold("g1", event_type=["Battles", "Violence against civilians"])
    r = score([g], [], [pred("p1", event_type="Violence against civilians")])
    assert r["found"] == 1


def test_evaluate_each_gold_takes_one_prediction_the_closest():
    g = gold("g1", date_tolerance_days=3)
    far, close = pred("far", event_date="2019-03-15"), pred("close", event_date="2019-03-11")
    r = score([g], [], [far, close])
    assert (r["found"], r["false_positives"]) == (1, 1)
    assert r["field_accuracy"]["date"] == 1.0  # tolerance > 0: the date check is lenient


def test_evaluate_optional_matches_neither_credited_nor_charged():
    golds = [gold("req"), gold("opt", status="optional", event_date="2019-03-10", real_event="other")]
    preds = [pred("p-req"), pred("p-opt", event_date="2019-03-10")]
    r = score(golds, [], preds)
    assert r["required"] == 1
    assert (r["found"], r["false_positives"], r["optional_found"]) == (1, 0, 1)
    assert r["precision"] == 1.0
    # without the optional gold, the same prediction is a false positive
    r2 = score(golds[:1], [], preds)
    assert (r2["found"], r2["false_positives"], r2["optional_found"]) == (1, 1, 0)
    assert r2["precision"] == 0.5


def test_evaluate_required_gold_chooses_first():
    # one prediction fits both: the required event gets it, the optional one goes without
    golds = [gold("opt", status="optional", real_event="x"), gold("req")]
    r = score(golds, [], [pred("p1")])
    assert (r["found"], r["optional_found"], r["missed"]) == (1, 0, [])


def test_evaluate_predictions_count_per_document():
    # a prediction from another document does not match gold of this one
    r = score([gold("g1", doc="d1")], [], [pred("p1", docs=("d2",))])
    assert (r["found"], r["false_positives"], r["missed"]) == (0, 0, ["g1"])
    # a prediction with a top-level doc_id and no sources counts too
    p = pred("p2", docs=())
    p["doc_id"] = "d1"
    assert score([gold("g1")], [], [p])["found"] == 1


def test_evaluate_field_checks_counts_and_actors():
    g = gold("g1", fatalities=[4, 6], injured=2, actor2_any=["rebels"])
    r = score([g], [], [pred("p1", fatalities=6, injured=3, sub_event_type="Government regains territory")])
    fa = r["field_accuracy"]
    assert fa["fatalities"] == 1.0  # within the gold range
    assert fa["injured"] == 0.0
    assert fa["actor1"] == 1.0 and fa["actor2"] == 0.0
    assert fa["sub_event_type"] == 0.0


def test_evaluate_empty_inputs():
    r = score([], [], [])
    assert (r["required"], r["found"], r["f1"], r["cross_document_merged"]) == (0, 0, 0.0, "0/0")


# --------------------------------------------------------------------------- negatives


@pytest.mark.parametrize(("rule", "bad", "good"), [
    ({"rule": "no_event_in_country", "iso3": "IRQ"},
     {"iso3": "IRQ"}, {"iso3": "AFG"}),
    ({"rule": "no_violent_event_near", "latitude": LAT, "longitude": LON, "radius_km": 10},
     {}, {"latitude": LAT + 0.5}),
    ({"rule": "no_violent_event_near", "latitude": LAT, "longitude": LON, "radius_km": 10},
     {}, {"event_type": "Strategic developments"}),
    ({"rule": "no_violent_event_on", "event_date": "2019-03-12"},
     {}, {"event_date": "2019-03-11"}),
    ({"rule": "no_violent_event_on", "event_date": "2019-03-12"},
     {}, {"event_type": "Protests"}),
    ({"rule": "no_event_with_fatalities", "fatalities": [30, 40]},
     {"fatalities": 35}, {"fatalities": 5}),
    ({"rule": "no_event_with_fatalities", "fatalities": 5},
     {}, {"fatalities": 6}),
    ({"rule": "no_event_on_year", "year": 2019},
     {}, {"event_date": "2018-03-12"}),
])
def test_evaluate_negative_rules(rule, bad, good):
    rule = dict(rule, doc_id="d1", why=f"must not code: {rule['rule']}")
    violated = score([], [rule], [pred("p1", **bad)])
    assert violated["negatives"] == 1
    assert violated["negatives_violated"] == 1
    assert violated["violations"] == [rule["why"]]
    kept = score([], [rule], [pred("p1", **good)])
    assert kept["negatives_violated"] == 0 and kept["violations"] == []


def test_evaluate_negative_rule_only_sees_its_document():
    rule = {"doc_id": "d2", "rule": "no_event_in_country", "iso3": "AFG", "why": "other doc"}
    assert score([], [rule], [pred("p1", docs=("d1",))])["negatives_violated"] == 0
    assert score([], [rule], [pred("p1", docs=("d1", "d2"))])["negatives_violated"] == 1


def test_evaluate_negative_rule_counts_once_for_many_predictions():
    rule = {"doc_id": "d1", "rule": "no_event_on_year", "year": 2019, "why": "nothing in 2019"}
    r = score([], [rule], [pred("p1"), pred("p2"), pred("p3")])
    assert r["negatives_violated"] == 1


# --------------------------------------------------------------------------- cross-document merging


def two_reports() -> list[dict]:
    return [gold("a1", doc="d1", real_event="ambush"), gold("a2", doc="d2", real_event="ambush")]


def test_evaluate_cross_document_event_merged():
    r = score(two_reports(), [], [pred("one", docs=("d1", "d2"))])
    assert r["found"] == 2 and r["false_positives"] == 0
    assert r["cross_document_merged"] == "1/1"
    assert r["false_merges"] == 0


def test_evaluate_cross_document_event_not_merged():
    r = score(two_reports(), [], [pred("one", docs=("d1",)), pred("two", docs=("d2",))])
    assert r["found"] == 2
    assert r["cross_document_merged"] == "0/1"
    assert r["false_merges"] == 0


def test_evaluate_false_merge_of_distinct_events():
    golds = [gold("a1", doc="d1", real_event="ambush"),
             gold("b1", doc="d2", real_event="bombing", event_date="2019-03-13", date_tolerance_days=1)]
    r = score(golds, [], [pred("same", docs=("d1", "d2"))])
    assert r["found"] == 2
    assert r["cross_document_merged"] == "0/0"
    assert r["false_merges"] == 1


# --------------------------------------------------------------------------- files


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def scenario(tmp_path: Path) -> tuple[Path, Path, Path]:
    golds = [
        gold("g1", doc="d1", real_event="ambush", injured=2),
        gold("g2", doc="d2", real_event="ambush", date_tolerance_days=1),
        gold("g3", doc="d2", real_event="shelling", event_type="Explosions/Remote violence",
             sub_event_type=["Shelling/artillery/missile attack"], event_date="2019-03-10", fatalities=[0, 2]),
        gold("g4", doc="d3", real_event="raid", status="optional", event_type="Violence against civilians"),
        gold("g5", doc="d3", real_event="arrests", event_type="Protests", latitude=LAT + 2, radius_km=30),
    ]
    negatives = [
        {"doc_id": "d1", "rule": "no_event_in_country", "iso3": "PAK", "why": "Pakistan only mentioned"},
        {"doc_id": "d3", "rule": "no_violent_event_on", "event_date": "2019-03-12", "why": "foiled"},
        {"doc_id": "d2", "rule": "no_event_on_year", "year": 2018, "why": "a 2018 anniversary"},
    ]
    preds = [
        pred("m1", docs=("d1", "d2"), injured=2, actor1="", assoc_actor_1="Soldiers of the army"),
        pred("s1", docs=("d2",), event_type="Explosions/Remote violence", event_date="2019-03-10",
             sub_event_type="Air/drone strike", fatalities=1),
        pred("x1", docs=("d1",), iso3="PAK", latitude=None, longitude=None),
        pred("r1", docs=("d3",), event_type="Violence against civilians"),
        pred("q1", docs=("d3",), event_type="Riots", event_date="2019-02-01"),
    ]
    return (write_jsonl(tmp_path / "gold.jsonl", golds), write_jsonl(tmp_path / "neg.jsonl", negatives),
            write_jsonl(tmp_path / "pred.jsonl", preds))


def test_evaluate_score_files_reads_jsonl(tmp_path):
    g, n, p = scenario(tmp_path)
    r = score_files(g, p, n)
    assert r["required"] == 4
    assert r["found"] == 3  # g1, g2, g3; g5 missed
    assert r["missed"] == ["g5"]
    assert r["false_positives"] == 2  # x1 in d1, q1 in d3; r1 matches optional g4
    assert r["optional_found"] == 1
    assert r["cross_document_merged"] == "1/1"
    assert r["violations"] == ["Pakistan only mentioned", "foiled"]


def test_evaluate_score_files_errors(tmp_path):
    with pytest.raises(errors.EvalError):
        score_files(tmp_path / "missing.jsonl", tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\nnot json\n', encoding="utf-8")
    with pytest.raises(errors.EvalError, match=":2:"):
        score_files(bad, bad)


def test_evaluate_agrees_with_shared_scorer(tmp_path):
    if not SHARED.is_dir():
        pytest.skip(f"shared/ is absent ({SHARED}): cannot compare with shared/tools/score_events.py")
    if not SCORER.is_file():
        pytest.skip(f"shared/ has no tools/score_events.py ({SCORER})")
    g, n, p = scenario(tmp_path)
    done = subprocess.run([sys.executable, str(SCORER), "--gold", str(g), "--negatives", str(n),
                           "--pred", str(p), "--json"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    theirs = json.loads(done.stdout)
    ours = score_files(g, p, n)
    assert ours == theirs
    # and on a second, smaller case without negatives
    write_jsonl(p, [pred("only", docs=("d1",), event_date="2019-03-13")])
    done = subprocess.run([sys.executable, str(SCORER), "--gold", str(g), "--pred", str(p), "--json"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert score_files(g, p) == json.loads(done.stdout)
