"""MUC-4 document-level role fillers, CEAF-REE strict, perpetrators as one role
(see shared/tools/muc4_score.py and the benchmarks README)."""
from __future__ import annotations

import re
import string
from pathlib import Path

from .common import code_rows, read_jsonl, write_predictions

FILE = Path("benchmarks/muc4/muc4_dev_processed.jsonl")
ROLES5 = ["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"]
ROLES4 = ["Perp", "Target", "Victim", "Weapon"]
EVENT_FIELDS = {"Perp": "perpetrators", "Target": "targets", "Victim": "victims", "Weapon": "weapons"}


def norm(s: str) -> str:
    s = "".join(c for c in s.lower() if c not in string.punctuation)
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def gold_roles(rec: dict) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {r: [] for r in ROLES5}
    for t in rec["templates"]:
        for r in ROLES5:
            for ent in t.get(r, []):
                cluster = sorted({norm(m[0] if isinstance(m, list) else m) for m in ent})
                if cluster and cluster not in out[r]:
                    out[r].append(cluster)
    perp = out["PerpInd"] + [c for c in out["PerpOrg"] if c not in out["PerpInd"]]
    return {"Perp": perp, "Target": out["Target"], "Victim": out["Victim"], "Weapon": out["Weapon"]}


def matching_size(pred: list[list[str]], gold: list[list[str]]) -> int:
    """Largest one-to-one pairing of predicted and gold clusters where every predicted mention
    lies in the gold cluster (the Hungarian optimum of a 0/1 similarity)."""
    ok = [[gi for gi, g in enumerate(gold) if all(m in g for m in pc)] for pc in pred]
    owner: dict[int, int] = {}

    def augment(pi: int, seen: set[int]) -> bool:
        for gi in ok[pi]:
            if gi in seen:
                continue
            seen.add(gi)
            if gi not in owner or augment(owner[gi], seen):
                owner[gi] = pi
                return True
        return False

    return sum(augment(pi, set()) for pi in range(len(pred)))


def predicted_roles(records: list[dict]) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {r: [] for r in ROLES4}
    for e in records:
        for role, field in EVENT_FIELDS.items():
            for m in e.get(field) or []:
                cluster = [norm(str(m))]
                if cluster[0] and cluster not in out[role]:
                    out[role].append(cluster)
    return out


def prf(correct_p: float, n_pred: int, correct_g: float, n_gold: int) -> tuple[float, float, float]:
    p = correct_p / n_pred if n_pred else 0.0
    r = correct_g / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold_rows: list[dict], events: dict[str, list[dict]]) -> dict:
    totals = {r: [0, 0, 0] for r in ROLES4}  # matched, predicted, gold
    for g in gold_rows:
        gold = gold_roles(g)
        pred = predicted_roles(events.get(g["doc_id"], []))
        for r in ROLES4:
            totals[r][0] += matching_size(pred[r], gold[r])
            totals[r][1] += len(pred[r])
            totals[r][2] += len(gold[r])
    result = {}
    for r in ROLES4:
        m, npred, ngold = totals[r]
        result[r] = round(prf(m, npred, m, ngold)[2] * 100, 2)
    m = sum(t[0] for t in totals.values())
    p, rec, f = prf(m, sum(t[1] for t in totals.values()), m, sum(t[2] for t in totals.values()))
    result.update({"micro_f1": round(f * 100, 2), "precision": round(p * 100, 2), "recall": round(rec * 100, 2),
                   "docs": len(gold_rows)})
    return result


def run(shared_dir: Path, options=None, limit: int | None = None, pred_out=None) -> dict:
    rows = read_jsonl(Path(shared_dir) / FILE, limit)
    events = code_rows(rows, options)
    write_predictions(events, pred_out)
    return score(rows, events)
