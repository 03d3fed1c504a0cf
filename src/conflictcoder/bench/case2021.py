"""CASE 2021 task 2: the sub-event type of each snippet's main event (see shared/tools/case_score.py)."""
from __future__ import annotations

from pathlib import Path

from .common import code_rows, read_jsonl, write_predictions

FILE = Path("benchmarks/case2021_task2/case2021_task2_visible.jsonl")
ACLED = {
    "ARMED_CLASH": "Armed clash", "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory", "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike", "SUIC_BOMB": "Suicide bomb", "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED", "GRENADE": "Grenade", "SEX_VIOL": "Sexual violence", "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration", "MOB_VIOL": "Mob violence", "AGREEMENT": "Agreement", "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity", "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
}


def main_event(records: list[dict]) -> dict | None:
    best = None
    for r in records:
        if best is None or float(r.get("confidence") or 0) > float(best.get("confidence") or 0):
            best = r
    return best


def score(gold_rows: list[dict], events: dict[str, list[dict]]) -> dict:
    a_ok = a_n = o_ok = o_n = 0
    per_class: dict[str, list[int]] = {}
    for g in gold_rows:
        label = g["sub_event_type"]
        best = main_event(events.get(g["doc_id"], []))
        pred = best.get("sub_event_type") if best else None
        if label in ACLED:
            a_n += 1
            ok = pred == ACLED[label]
            a_ok += ok
        else:
            o_n += 1
            ok = best is None
            o_ok += ok
        per_class.setdefault(label, [0, 0])
        per_class[label][0] += ok
        per_class[label][1] += 1
    return {
        "acled_snippets": a_n, "other_snippets": o_n,
        "acled_accuracy": round(a_ok / a_n, 3) if a_n else 0.0,
        "non_acled_rejected": round(o_ok / o_n, 3) if o_n else 0.0,
        "overall_accuracy": round((a_ok + o_ok) / (a_n + o_n), 3) if a_n + o_n else 0.0,
        "per_class": {k: f"{v[0]}/{v[1]}" for k, v in sorted(per_class.items())},
    }


def run(shared_dir: Path, options=None, limit: int | None = None, pred_out=None) -> dict:
    rows = read_jsonl(Path(shared_dir) / FILE, limit)
    events = code_rows(rows, options)
    write_predictions(events, pred_out)
    return score(rows, events)
