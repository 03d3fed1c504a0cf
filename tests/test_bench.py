"""The benchmark adapters score as the shared scorers do (run on the same predictions)."""
import importlib.util
import json
import re
import subprocess
import sys

import pytest

from conftest import shared_or_skip


def shared_figures(script, *args) -> dict[str, float]:
    out = subprocess.run([sys.executable, str(script), *map(str, args)], capture_output=True,
                         text=True, check=True).stdout
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", out)}


def write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def event(doc_id, **fields):
    return {"event_id": f"e-{doc_id}-{len(fields)}", "sources": [{"doc_id": doc_id}], **fields}


def test_bench_isaf_agrees_with_shared_scorer(tmp_path):
    gold_path = shared_or_skip("benchmarks", "isaf_press_releases", "isaf_press_releases_visible.jsonl")
    script = shared_or_skip("tools", "isaf_score.py")
    from conflictcoder.bench.common import read_jsonl
    from conflictcoder.bench.isaf import score

    rows = read_jsonl(gold_path, limit=30)
    preds = [event(r["doc_id"], fatalities=r["gold"]["min_killed"] if i % 2 else 1,
                   arrested=r["gold"]["min_captured"] if i % 3 else 0, event_date=r["gold"]["start_date"],
                   admin1=(r["gold"]["province"] or [""])[0] if i % 4 else "Nowhere")
             for i, r in enumerate(rows)]
    write(tmp_path / "gold.jsonl", rows)
    write(tmp_path / "pred.jsonl", preds)
    ours = score(rows, {r["doc_id"]: [p for p in preds if p["sources"][0]["doc_id"] == r["doc_id"]] for r in rows})
    theirs = shared_figures(script, tmp_path / "gold.jsonl", tmp_path / "pred.jsonl")
    for key in ("killed_exact", "killed_exact_where_any", "captured_exact", "province", "date_exact"):
        assert ours[key] == pytest.approx(theirs[key], abs=1e-3), key


def test_bench_case2021_agrees_with_shared_scorer(tmp_path):
    gold_path = shared_or_skip("benchmarks", "case2021_task2", "case2021_task2_visible.jsonl")
    script = shared_or_skip("tools", "case_score.py")
    from conflictcoder.bench.case2021 import ACLED, score
    from conflictcoder.bench.common import read_jsonl

    rows = read_jsonl(gold_path, limit=40)
    preds = [event(r["doc_id"], sub_event_type=ACLED.get(r["sub_event_type"], "Attack") if i % 3 else "Other",
                   confidence=0.5) for i, r in enumerate(rows) if i % 5]
    write(tmp_path / "gold.jsonl", rows)
    write(tmp_path / "pred.jsonl", preds)
    ours = score(rows, {r["doc_id"]: [p for p in preds if p["sources"][0]["doc_id"] == r["doc_id"]] for r in rows})
    theirs = shared_figures(script, tmp_path / "gold.jsonl", tmp_path / "pred.jsonl")
    assert ours["acled_accuracy"] == pytest.approx(theirs["acled_accuracy"], abs=1e-3)
    assert ours["non_acled_rejected"] == pytest.approx(theirs["non_acled_rejected"], abs=1e-3)


def test_bench_satp_agrees_with_shared_scorer(tmp_path):
    gold_path = shared_or_skip("benchmarks", "satp", "satp_relevant_dev.jsonl")
    script = shared_or_skip("tools", "satp_score.py")
    from conflictcoder.bench.common import read_jsonl
    from conflictcoder.bench.satp import score

    rows = read_jsonl(gold_path, limit=40)
    kinds = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Grenade"),
             ("Violence against civilians", "Abduction/forced disappearance"), ("Strategic developments", "Arrests")]
    preds = [event(r["doc_id"], event_type=kinds[i % 4][0], sub_event_type=kinds[i % 4][1])
             for i, r in enumerate(rows) if i % 3]
    write(tmp_path / "gold.jsonl", rows)
    write(tmp_path / "pred.jsonl", preds)
    ours = score(rows, {r["doc_id"]: [p for p in preds if p["sources"][0]["doc_id"] == r["doc_id"]] for r in rows})
    assert ours["example_f1"] == pytest.approx(shared_figures(script, tmp_path / "gold.jsonl", tmp_path / "pred.jsonl")["example_f1"], abs=1e-3)


def test_bench_muc4_agrees_with_shared_scorer(tmp_path):
    gold_path = shared_or_skip("benchmarks", "muc4", "muc4_dev_processed.jsonl")
    script = shared_or_skip("tools", "muc4_score.py")
    if importlib.util.find_spec("scipy") is None:
        pytest.skip("the shared MUC-4 scorer needs scipy, which this environment does not have")
    from conflictcoder.bench.common import read_jsonl
    from conflictcoder.bench.muc4 import score

    rows = read_jsonl(gold_path, limit=30)
    preds = []
    for r in rows:
        for t in r["templates"][:1]:
            preds.append(event(r["doc_id"], perpetrators=[m[0] for ent in t.get("PerpInd", []) for m in ent[:1]],
                               victims=["nobody"], targets=[m[0] for ent in t.get("Target", []) for m in ent[:1]],
                               weapons=[]))
    write(tmp_path / "gold.jsonl", rows)
    write(tmp_path / "pred.jsonl", preds)
    ours = score(rows, {r["doc_id"]: [p for p in preds if p["sources"][0]["doc_id"] == r["doc_id"]] for r in rows})
    theirs = shared_figures(script, tmp_path / "gold.jsonl", "--events", tmp_path / "pred.jsonl")
    assert ours["micro_f1"] == pytest.approx(theirs["F1"], abs=0.01)
