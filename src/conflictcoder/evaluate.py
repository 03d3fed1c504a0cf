"""Score coded events against hand-coded gold, with the matching rules of shared/tools/score_events.py.

Per document, a prediction matches a gold event when its date lies within the gold tolerance,
its event_type is the gold one, and its point lies within the gold radius (or, without a point,
its iso3 is the gold country). Each gold event takes its best match once (required events
first); predictions matching optional gold events are neither credited nor charged.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import errors
from .geodesy import km
from .vocabulary import VIOLENT_TYPES as VIOLENT

FIELDS = ("date", "sub_event_type", "location_exact_25km", "fatalities", "actor1", "actor2",
          "injured", "abducted", "arrested")


def read_jsonl(path: str | Path) -> list[dict]:
    rows = []
    try:
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise errors.EvalError(f"{path}:{lineno}: not JSON ({exc.msg}).",
                                               fix="Give one JSON object a line.") from exc
    except OSError as exc:
        raise errors.EvalError(f"cannot read {path}: {exc.strerror}.", fix="Check the path.") from exc
    return rows


def as_list(v):
    return v if isinstance(v, list) else [v]


def day(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def docs_of(pred: dict) -> list[str]:
    ids = []
    for s in pred.get("sources") or []:
        d = s.get("doc_id") if isinstance(s, dict) else s
        if d:
            ids.append(str(d))
    if pred.get("doc_id"):
        ids.append(str(pred["doc_id"]))
    return sorted(set(ids))


def iso3_of(pred: dict) -> str:
    return (pred.get("iso3") or pred.get("country_iso3") or "").upper()


def near(pred: dict, gold: dict, radius: float | None = None) -> bool:
    radius = gold["radius_km"] if radius is None else radius
    lat, lon = pred.get("latitude"), pred.get("longitude")
    if lat is not None and lon is not None:
        try:
            return km(float(lat), float(lon), gold["latitude"], gold["longitude"]) <= radius
        except (TypeError, ValueError):
            return False
    return iso3_of(pred) in as_list(gold["iso3"])


def matches(pred: dict, gold: dict) -> bool:
    d, gd = day(pred.get("event_date")), day(gold["event_date"])
    if d is None or abs((d - gd).days) > gold["date_tolerance_days"]:
        return False
    if pred.get("event_type") not in as_list(gold["event_type"]):
        return False
    return near(pred, gold)


def count_ok(value, want) -> bool | None:
    if want is None:
        return None
    try:
        value = int(value)
    except (TypeError, ValueError):
        return False
    lo, hi = (want, want) if not isinstance(want, list) else want
    return lo <= value <= hi


def actor_ok(pred: dict, gold: dict, side: str) -> bool | None:
    want = gold.get(f"{side}_any") or []
    if not want:
        return None
    assoc = f"assoc_{side.replace('actor', 'actor_')}"
    names = " | ".join(str(pred.get(k) or "") for k in (side, assoc)).lower()
    return any(w in names for w in want)


def field_checks(pred: dict, gold: dict) -> dict[str, bool | None]:
    return {
        "date": day(pred.get("event_date")) == day(gold["event_date"]) or gold["date_tolerance_days"] > 0,
        "sub_event_type": pred.get("sub_event_type") in as_list(gold["sub_event_type"]),
        "location_exact_25km": pred.get("latitude") is not None and near(pred, gold, min(gold["radius_km"], 25)),
        "fatalities": count_ok(pred.get("fatalities"), gold.get("fatalities")),
        "actor1": actor_ok(pred, gold, "actor1"),
        "actor2": actor_ok(pred, gold, "actor2"),
        "injured": count_ok(pred.get("injured"), gold.get("injured")),
        "abducted": count_ok(pred.get("abducted"), gold.get("abducted")),
        "arrested": count_ok(pred.get("arrested"), gold.get("arrested")),
    }


def negative_violated(rule: dict, pred: dict) -> bool:
    kind = rule["rule"]
    if kind == "no_event_in_country":
        return iso3_of(pred) == rule["iso3"]
    if kind == "no_violent_event_near":
        lat, lon = pred.get("latitude"), pred.get("longitude")
        return (pred.get("event_type") in VIOLENT and lat is not None
                and km(float(lat), float(lon), rule["latitude"], rule["longitude"]) <= rule["radius_km"])
    if kind == "no_violent_event_on":
        return pred.get("event_type") in VIOLENT and str(pred.get("event_date"))[:10] == rule["event_date"]
    if kind == "no_event_with_fatalities":
        return count_ok(pred.get("fatalities"), rule["fatalities"]) is True
    if kind == "no_event_on_year":
        return str(pred.get("event_date"))[:4] == str(rule["year"])
    return False


@dataclass(slots=True)
class Matching:
    found: dict[str, dict]
    tp: int
    fp: int
    misses: list[str]
    fields: dict[str, list[int]]


def match_documents(gold: list[dict], per_doc: dict[str, list[dict]]) -> Matching:
    found: dict[str, dict] = {}
    fields = {k: [0, 0] for k in FIELDS}
    tp = fp = 0
    misses: list[str] = []
    for doc_id in sorted({g["doc_id"] for g in gold}):
        golds = [g for g in gold if g["doc_id"] == doc_id]
        preds = per_doc.get(doc_id, [])
        used: set[int] = set()
        for g in sorted(golds, key=lambda g: g["status"] != "required"):
            cands = [(i, p) for i, p in enumerate(preds) if i not in used and matches(p, g)]
            if not cands:
                if g["status"] == "required":
                    misses.append(g["id"])
                continue
            gd = day(g["event_date"])
            i, p = min(cands, key=lambda ip: abs((day(ip[1]["event_date"]) - gd).days))
            used.add(i)
            found[g["id"]] = p
            if g["status"] != "required":
                continue
            tp += 1
            for name, ok in field_checks(p, g).items():
                if ok is not None:
                    fields[name][1] += 1
                    fields[name][0] += bool(ok)
        fp += len(preds) - len(used)
    return Matching(found, tp, fp, misses, fields)


def score(gold: list[dict], negatives: list[dict], preds: list[dict]) -> dict:
    per_doc: dict[str, list[dict]] = {}
    for p in preds:
        for d in docs_of(p):
            per_doc.setdefault(d, []).append(p)
    m = match_documents(gold, per_doc)
    required = sum(g["status"] == "required" for g in gold)
    recall = m.tp / required if required else 0.0
    precision = m.tp / (m.tp + m.fp) if m.tp + m.fp else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    violations = []
    for rule in negatives:
        if any(negative_violated(rule, p) for p in per_doc.get(rule["doc_id"], [])):
            violations.append(rule["why"])
    merged, cross_total, false_merges = cross_document(gold, m.found)
    return {
        "required": required, "found": m.tp, "false_positives": m.fp,
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "optional_found": sum(1 for g in gold if g["status"] != "required" and g["id"] in m.found),
        "field_accuracy": {k: (round(a / n, 3) if n else None) for k, (a, n) in m.fields.items()},
        "negatives_violated": len(violations), "negatives": len(negatives), "violations": violations,
        "cross_document_merged": f"{merged}/{cross_total}", "false_merges": false_merges,
        "missed": m.misses,
    }


def cross_document(gold: list[dict], found: dict[str, dict]) -> tuple[int, int, int]:
    groups: dict[str, set] = {}
    for g in gold:
        if g["id"] in found:
            groups.setdefault(g["real_event"], set()).add((g["doc_id"], found[g["id"]].get("event_id")))
    cross = [v for v in groups.values() if len({d for d, _ in v}) > 1]
    merged = sum(1 for v in cross if len({e for _, e in v}) == 1 and None not in {e for _, e in v})
    owners: dict[str, set] = {}
    for g in gold:
        eid = found.get(g["id"], {}).get("event_id")
        if eid is not None:
            owners.setdefault(eid, set()).add(g["real_event"])
    return merged, len(cross), sum(len(v) - 1 for v in owners.values())


def score_files(gold_path, pred_path, negatives_path=None) -> dict:
    negatives = read_jsonl(negatives_path) if negatives_path else []
    return score(read_jsonl(gold_path), negatives, read_jsonl(pred_path))
