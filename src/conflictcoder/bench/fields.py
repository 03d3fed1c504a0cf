"""The field test set (corpus/fields): news stories written and hand-coded for this project by
writers who never saw the code (corpus/fields/SPEC.md), to measure each event's fields: its date,
its place, its toll and its first actor. Nothing is trained or tuned on it.

Each gold event is matched to one coded event of its story: the same sub-event type if one was
coded, else the same event type, else (for Battles, Explosions/Remote violence, Violence against
civilians and Riots) any violent event; among those, the one whose evidence sentence overlaps the
gold evidence most. Each coded event is matched once. The fields are scored over matched events:
- date: the gold day exactly;
- location: within 25 km of the gold point;
- fatalities: the gold figure exactly (none coded counts as 0);
- actor1: one of the gold names (`actor1_any`) inside actor1 or its associates; ACLED gives
  battles no direction, so a battle's actor1 may be either side;
- inter1: the gold code (for a battle, the pair in either order).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..geodesy import km
from ..training.examples import CORPUS
from ..vocabulary import VIOLENT_TYPES

FIELDS = CORPUS / "fields"
NEAR_KM = 25
UNDIRECTED = "Battles"


def read_set(directory: Path = FIELDS, batches: Sequence[str] = ()) -> tuple[list[dict], list[dict]]:
    """The stories and gold events of the batches (`fa`, `fb`, ...; none given: every batch)."""
    docs, gold = [], []
    for path in sorted(directory.glob("*.docs.jsonl")):
        if batches and path.name.split(".")[0] not in batches:
            continue
        docs += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        gold_path = path.with_name(path.name.replace(".docs.", ".gold."))
        gold += [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs, gold


def code_set(docs: Sequence[dict], options=None) -> dict[str, list[dict]]:
    from ..pipeline import code_documents
    from ..records import Document

    documents = [Document(doc_id=d["doc_id"], text=d["text"], url=d.get("url"), title=d.get("title"),
                          published=date.fromisoformat(d["publication_date"]) if d.get("publication_date") else None)
                 for d in docs]
    return {r.document.doc_id: [e.to_record() for e in r.events] for r in code_documents(documents, options)}


def words(text: str) -> set[str]:
    return {w for w in "".join(c.lower() if c.isalnum() else " " for c in text or "").split() if len(w) > 2}


def overlap(event: dict, evidence: str) -> float:
    want = words(evidence)
    told = set().union(*(words(s.get("sentence", "")) for s in event.get("sources") or [{}]))
    return len(want & told) / max(1, len(want))


def kind_rank(event: dict, g: dict) -> int | None:
    """How well a coded event's kind fits a gold event: 0 the sub-event type, 1 the event
    type, 2 both violent; None: no match."""
    if event.get("sub_event_type") == g["sub_event_type"]:
        return 0
    if event.get("event_type") == g["event_type"]:
        return 1
    if event.get("event_type") in VIOLENT_TYPES and g["event_type"] in VIOLENT_TYPES:
        return 2
    return None


def match(gold: Sequence[dict], coded: dict[str, list[dict]]) -> list[tuple[dict, dict | None]]:
    pairs, used = [], set()
    for g in gold:
        options = [(kind_rank(e, g), -overlap(e, g["evidence"]), i, e)
                   for i, e in enumerate(coded.get(g["doc_id"], []))
                   if (g["doc_id"], i) not in used and kind_rank(e, g) is not None]
        if not options:
            pairs.append((g, None))
            continue
        rank, _, i, e = min(options, key=lambda o: o[:3])
        used.add((g["doc_id"], i))
        pairs.append((g, e))
    return pairs


def actor_named(event: dict, names: Sequence[str], side: str = "actor1") -> bool:
    told = " | ".join(str(event.get(k) or "") for k in (side, f"assoc_{side.replace('actor', 'actor_')}")).lower()
    return any(n.lower() in told for n in names)


def field_checks(g: dict, e: dict) -> dict[str, bool]:
    near = e.get("latitude") is not None and e.get("longitude") is not None and \
        km(float(e["latitude"]), float(e["longitude"]), g["latitude"], g["longitude"]) <= NEAR_KM
    battle = g["event_type"] == UNDIRECTED
    actor1 = actor_named(e, g.get("actor1_any") or [g["actor1"]]) or \
        (battle and actor_named(e, g.get("actor2_any") or [g.get("actor2") or ""]))
    inter1 = e.get("inter1") == g["inter1"] or \
        (battle and e.get("inter1") == g.get("inter2") and e.get("inter2") == g["inter1"])
    return {
        "date": (e.get("event_date") or "")[:10] == g["event_date"],
        "location_25km": near,
        "fatalities": int(e.get("fatalities") or 0) == int(g.get("fatalities") or 0),
        "actor1": actor1,
        "inter1": inter1,
    }


def score(gold: Sequence[dict], coded: dict[str, list[dict]]) -> dict:
    pairs = match(gold, coded)
    matched = [(g, e) for g, e in pairs if e is not None]
    checks = [field_checks(g, e) for g, e in matched]
    n_coded = sum(len(v) for v in coded.values())
    out = {
        "stories": len(coded), "gold_events": len(gold), "coded_events": n_coded,
        "matched": len(matched), "event_recall": round(len(matched) / max(1, len(gold)), 3),
        "unmatched_coded": n_coded - len(matched),
        "sub_event_type": round(sum(1 for g, e in matched if e["sub_event_type"] == g["sub_event_type"])
                                / max(1, len(matched)), 3),
    }
    for name in ("date", "location_25km", "fatalities", "actor1", "inter1"):
        out[name] = round(sum(c[name] for c in checks) / max(1, len(checks)), 3)
    return out


def misses(gold: Sequence[dict], coded: dict[str, list[dict]]) -> list[dict]:
    """Per matched gold event, the fields that were wrong, with both values (to read kinds of error)."""
    rows = []
    for g, e in match(gold, coded):
        if e is None:
            rows.append({"id": g["id"], "missed": g["sub_event_type"], "evidence": g["evidence"][:120]})
            continue
        wrong = [k for k, ok in field_checks(g, e).items() if not ok]
        if wrong:
            rows.append({"id": g["id"], "wrong": wrong,
                         "gold": {k: g.get(k) for k in ("event_date", "location", "fatalities", "actor1", "inter1")},
                         "coded": {k: e.get(k) for k in ("event_date", "location", "fatalities", "actor1", "inter1")}})
    return rows


def run(directory: Path = FIELDS, options=None, batches: Sequence[str] = ()) -> tuple[dict, list[dict]]:
    docs, gold = read_set(directory, batches)
    coded = code_set(docs, options)
    return score(gold, coded), misses(gold, coded)
