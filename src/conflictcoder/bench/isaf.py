"""ISAF press releases: killed, captured, date and province per incident text (see shared/tools/isaf_score.py)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .common import code_rows, number, read_jsonl, write_predictions

FILE = Path("benchmarks/isaf_press_releases/isaf_press_releases_visible.jsonl")


def fold(s) -> str:
    s = unicodedata.normalize("NFKD", str(s or "")).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\b(province|wilayat|velayat)\b", "", s)
    s = re.sub(r"[^a-z]", "", s)
    for a, b in (("iy", "i"), ("ya", "ia"), ("kh", "k"), ("dh", "d"), ("oo", "u"), ("ou", "u"), ("e", "i"), ("y", "i")):
        s = s.replace(a, b)
    return s


def score(gold_rows: list[dict], events: dict[str, list[dict]]) -> dict:
    k_ok = c_ok = p_ok = d_ok = d_n = kp_ok = kp_n = 0
    for g in gold_rows:
        es = events.get(g["doc_id"], [])
        gold = g["gold"]
        killed = sum(number(e.get("fatalities")) for e in es)
        captured = sum(number(e.get("arrested")) for e in es)
        k_ok += killed == gold["min_killed"]
        if gold["min_killed"] > 0:
            kp_n += 1
            kp_ok += killed == gold["min_killed"]
        c_ok += captured == gold["min_captured"]
        provinces = {fold(p) for p in gold["province"] if p}
        p_ok += bool(provinces & {fold(e.get("admin1")) for e in es})
        if g.get("published"):
            d_n += 1
            if es:
                main = max(es, key=lambda e: number(e.get("fatalities")) + number(e.get("arrested")))
                d_ok += str(main.get("event_date"))[:10] == gold["start_date"]
    n = len(gold_rows)
    return {
        "docs": n, "docs_with_events": sum(1 for g in gold_rows if events.get(g["doc_id"])),
        "killed_exact": round(k_ok / n, 3) if n else 0.0,
        "killed_exact_where_any": round(kp_ok / kp_n, 3) if kp_n else 0.0, "docs_with_killed": kp_n,
        "captured_exact": round(c_ok / n, 3) if n else 0.0,
        "province": round(p_ok / n, 3) if n else 0.0,
        "date_exact": round(d_ok / d_n, 3) if d_n else 0.0, "dated_docs": d_n,
    }


def run(shared_dir: Path, options=None, limit: int | None = None, pred_out=None) -> dict:
    rows = read_jsonl(Path(shared_dir) / FILE, limit)
    events = code_rows(rows, options)
    write_predictions(events, pred_out)
    return score(rows, events)
