"""SATP: multi-label attack types per text from the event types found (see shared/tools/satp_score.py)."""
from __future__ import annotations

import re
from pathlib import Path

from .common import code_rows, read_jsonl, write_predictions

FILE = Path("benchmarks/satp/satp_relevant_dev.jsonl")
FIREARM = re.compile(r"\b(shot|shoot|fire[ds]?|firing|gun|rifle|pistol|bullet|firearm|ak-?47)")


def labels_of(records: list[dict]) -> list[int]:
    labels = [0, 0, 0, 0]  # armed assault, bombing, kidnapping, other
    for e in records:
        t, s = e.get("event_type"), e.get("sub_event_type")
        if s == "Abduction/forced disappearance":
            labels[2] = 1
        elif t == "Explosions/Remote violence":
            labels[1] = 1
        elif t in ("Battles", "Violence against civilians"):
            said = " ".join(map(str, e.get("weapons") or [])) + " " + " ".join(
                str(x.get("sentence", "")) for x in e.get("sources") or [] if isinstance(x, dict))
            firearm = s == "Armed clash" or FIREARM.search(said.lower())
            labels[0 if firearm else 3] = 1
        elif t:
            labels[3] = 1
    return labels


def score(gold_rows: list[dict], events: dict[str, list[dict]]) -> dict:
    f1s = []
    for g in gold_rows:
        p = labels_of(events.get(g["doc_id"], []))
        inter = sum(a and b for a, b in zip(p, g["labels"]))
        denom = sum(p) + sum(g["labels"])
        f1s.append(1.0 if denom == 0 else 2 * inter / denom)
    return {"docs": len(f1s), "example_f1": round(sum(f1s) / len(f1s), 3) if f1s else 0.0}


def run(shared_dir: Path, options=None, limit: int | None = None, pred_out=None, split: str = "relevant_dev") -> dict:
    path = Path(shared_dir) / FILE if split == "relevant_dev" else Path(shared_dir) / f"benchmarks/satp/satp_{split}.jsonl"
    rows = read_jsonl(path, limit)
    events = code_rows(rows, options)
    write_predictions(events, pred_out)
    return score(rows, events)
