"""Geoparsing benchmarks (GeoVirus, TR-News): run the `places` logic, score as geo_score.py.

The texts and gold toponyms are read at run time from
``SHARED/benchmarks/geoparsing/{geovirus,trnews}.jsonl``; nothing of them is kept here.
Each text goes through the same stages as ``conflictcoder places`` (clean, nlp, find_places
with demonyms marked); the offsets found in the cleaned text are mapped back onto the
original text, where the gold spans are.

Scoring follows ``shared/tools/geo_score.py`` exactly: a gold toponym is found when a
prediction of the same document overlaps its span (the first such prediction in text order
is the one judged); ``acc161_found`` is the share of found toponyms placed within 161 km,
``acc161_all`` the same over all gold toponyms with coordinates.
"""
from __future__ import annotations

import bisect
import json
import statistics
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from pathlib import Path

from ..errors import EvalError
from ..geodesy import km

FILES = {"geovirus": "geovirus.jsonl", "trnews": "trnews.jsonl"}


def gold_path(shared_dir: str | Path, benchmark: str) -> Path:
    if benchmark not in FILES:
        raise EvalError(f"unknown geoparsing benchmark {benchmark!r}.", fix=f"choose one of {', '.join(FILES)}")
    path = Path(shared_dir) / "benchmarks" / "geoparsing" / FILES[benchmark]
    if not path.is_file():
        raise EvalError(
            f"{path} is absent: the geoparsing benchmark needs the shared folder (../shared) beside the checkout.",
            fix="give its location with --shared DIR",
        )
    return path


def read_gold(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# ------------------------------------------------------------------ scoring (as geo_score.py)


def score(gold: Sequence[dict], predictions: Iterable[dict]) -> dict:
    """geo_score.py's figures for predictions ({doc_id, start, end, latitude, longitude, geonameid})."""
    preds: dict[str, list[dict]] = {}
    for p in predictions:
        preds.setdefault(str(p.get("doc_id")), []).append(p)
    n = found = ok = exact = 0
    errs: list[float] = []
    npred = matched_pred = 0
    for g in gold:
        ps = preds.get(str(g["doc_id"]), [])
        npred += len(ps)
        used = set()
        for t in g["toponyms"]:
            if t.get("lat") is None:
                continue
            n += 1
            cands = [(i, p) for i, p in enumerate(ps) if int(p["start"]) < t["end"] and int(p["end"]) > t["start"]]
            if not cands:
                continue
            found += 1
            i, p = cands[0]
            used.add(i)
            if p.get("latitude") is None:
                continue
            e = km(float(p["latitude"]), float(p["longitude"]), float(t["lat"]), float(t["lon"]))
            errs.append(e)
            ok += e <= 161
            exact += str(p.get("geonameid")) == str(t.get("geonameid"))
        matched_pred += len(used)
    return {
        "gold_toponyms": n,
        "found": found,
        "recall": round(found / n if n else 0, 3),
        "precision": round(matched_pred / npred if npred else 0, 3),
        "exact_geonameid_found": round(exact / found if found else 0, 3),
        "mean_km": round(statistics.mean(errs)) if errs else float("nan"),
        "median_km": round(statistics.median(errs)) if errs else float("nan"),
        "acc161_found": round(ok / found if found else 0, 3),
        "acc161_all": round(ok / n if n else 0, 3),
    }


# ------------------------------------------------------------------ predictions


def offset_map(clean: str, raw: str):
    """A function taking an offset in `clean` to the matching offset in `raw`.

    Cleaning replaces a few characters ("..." for an ellipsis, one space for several), so
    offsets drift; matching blocks of the two texts pin them back.
    """
    if clean == raw:
        return lambda i: i
    blocks = SequenceMatcher(None, clean, raw, autojunk=False).get_matching_blocks()
    starts = [b.a for b in blocks]

    def to_raw(i: int) -> int:
        k = bisect.bisect_right(starts, i) - 1
        if k < 0:
            return i
        b = blocks[k]
        return b.b + min(i - b.a, b.size)

    return to_raw


def predict(docs: Sequence[dict], batch_size: int = 16, options=None) -> list[dict]:
    """Place mentions (demonyms included, marked) of each {doc_id, text}, offsets into text."""
    from ..clean import clean_document
    from ..nlp import load_model, model_text
    from ..records import Document, Span
    from ..resolve.places import find_places, place_record
    from ..settings import Options

    nlp = load_model(tuple((options or Options()).spacy_models))
    cleans = [clean_document(Document(doc_id=str(d["doc_id"]), text=d["text"])) for d in docs]
    texts = (model_text(c.text) for c in cleans)
    # Only the entities are needed: no parser, which is most of the time.
    disable = [p for p in nlp.pipe_names if p not in ("tok2vec", "ner")]
    out: list[dict] = []
    for d, clean, sdoc in zip(docs, cleans, nlp.pipe(texts, batch_size=batch_size, disable=disable)):
        entities = [Span(e.start_char, e.end_char, clean.text[e.start_char:e.end_char], e.label_) for e in sdoc.ents]
        to_raw = offset_map(clean.text, d["text"])
        for m in find_places(clean.text, entities, geoparsing=True):
            out.append({
                "doc_id": str(d["doc_id"]), "start": to_raw(m.start), "end": to_raw(m.end), "text": m.text,
                **place_record(m),
            })
    return out


def run(shared_dir: str | Path, benchmark: str = "geovirus", options=None, limit: int | None = None,
        pred_out: str | Path | None = None) -> dict:
    """Geoparse one benchmark and score it; with `pred_out`, also write the predictions (JSONL)."""
    gold = read_gold(gold_path(shared_dir, benchmark))
    if limit:
        gold = gold[:limit]
    preds = predict(gold, options=options)
    if pred_out is not None:
        with open(pred_out, "w", encoding="utf-8") as fh:
            for p in preds:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    return {"benchmark": benchmark, "documents": len(gold), **score(gold, preds)}


def run_geovirus(shared_dir: str | Path, **kwargs) -> dict:
    return run(shared_dir, "geovirus", **kwargs)


def run_trnews(shared_dir: str | Path, **kwargs) -> dict:
    return run(shared_dir, "trnews", **kwargs)
