"""The frozen gate (corpus/gate): labelled sentences that nothing is trained or tuned on.

Two views of the same sentences:
- `model`: the detector alone, on every sentence: is it an event, and of which sub-event type;
- `pipeline`: the extract stage as it codes (the patterns propose, the detector decides): a
  sentence is found as an event when a mention comes out of it, typed as its most confident one.

Detection precision, recall and F1 are over sentences (event or not); sub-event accuracy is over
the gold event sentences (a missed event counts as wrong); the reliability table gives, for each
band of confidence, how many events came out and the share whose sub-event type was right.
"""
from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..training.examples import CORPUS, paragraphs
from ..vocabulary import is_event_label

GATE = CORPUS / "gate"
BANDS = ((0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 1.01))


@dataclass(slots=True)
class Verdict:
    gold: str
    predicted: str | None  # a sub-event type, or None for no event
    confidence: float = 0.0


def score(verdicts: Sequence[Verdict]) -> dict:
    gold_events = [v for v in verdicts if is_event_label(v.gold)]
    found = [v for v in verdicts if v.predicted is not None]
    tp = sum(1 for v in found if is_event_label(v.gold))
    precision = tp / len(found) if found else 0.0
    recall = tp / len(gold_events) if gold_events else 0.0
    bands = []
    for lo, hi in BANDS:
        band = [v for v in found if lo <= v.confidence < hi]
        right = sum(1 for v in band if v.predicted == v.gold)
        bands.append({"confidence": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": len(band),
                      "right": round(right / len(band), 3) if band else None})
    high = [v for v in found if v.confidence >= 0.8]
    return {
        "sentences": len(verdicts),
        "gold_events": len(gold_events),
        "detection_precision": round(precision, 3),
        "detection_recall": round(recall, 3),
        "detection_f1": round(2 * precision * recall / (precision + recall), 3) if tp else 0.0,
        "sub_event_accuracy": round(sum(1 for v in gold_events if v.predicted == v.gold) / len(gold_events), 3)
        if gold_events else 0.0,
        "sub_event_accuracy_found": round(sum(1 for v in gold_events if v.predicted == v.gold)
                                          / max(1, sum(1 for v in gold_events if v.predicted)), 3),
        "right_at_confidence_0.8": round(sum(1 for v in high if v.predicted == v.gold) / len(high), 3) if high else None,
        "events_at_confidence_0.8": len(high),
        "reliability": bands,
    }


def model_verdicts(records: Iterable[dict]) -> list[Verdict]:
    from ..extract.detector import context_of, detector

    model = detector()
    out = []
    for record in records:
        sentences = [s["text"].strip() for s in record["sentences"]]
        for i, s in enumerate(record["sentences"]):
            p = model.classify(sentences[i], context_of(sentences, i))
            label, conf = p.best_event
            out.append(Verdict(s["label"], label if p.p_event >= 0.5 else None, conf))
    return out


def pipeline_verdicts(records: Sequence[dict], options=None, failures: list | None = None) -> list[Verdict]:
    """Each paragraph coded as a document through the whole pipeline: a sentence is found as an
    event when it is evidence of one, typed as the most confident event it is evidence of.
    `failures`: where given, each paragraph the pipeline failed on is added to it (its failure)."""
    from ..pipeline import code_documents
    from ..records import Document

    docs, spans = [], []
    for n, record in enumerate(records):
        sentences = [s["text"].strip() for s in record["sentences"]]
        published = date.fromisoformat(record["published"]) if record.get("published") else None
        docs.append(Document(doc_id=f"gate-{n}", text=" ".join(sentences), published=published))
        starts, pos = [], 0
        for s in sentences:
            starts.append(pos)
            pos += len(s) + 1
        spans.append(starts)
    out = []
    for record, starts, result in zip(records, spans, code_documents(docs, options)):
        if result.failure is not None and failures is not None:
            failures.append(result.failure)
        best: dict[int, tuple[float, str]] = {}
        for event in result.events:
            for source in event.sources:
                i = bisect.bisect_right(starts, source.start) - 1
                if i >= 0 and event.confidence >= best.get(i, (-1.0, ""))[0]:
                    best[i] = (event.confidence, event.sub_event_type)
        for i, s in enumerate(record["sentences"]):
            conf, label = best.get(i, (0.0, None))
            out.append(Verdict(s["label"], label, conf))
    return out


def run_gate(directory: Path = GATE, views: Sequence[str] = ("model", "pipeline"), options=None) -> dict:
    records = list(paragraphs(directory))
    out = {}
    if "model" in views:
        out["model"] = score(model_verdicts(records))
    if "pipeline" in views:
        out["pipeline"] = score(pipeline_verdicts(records, options))
    return out


def figures_text(title: str, result: dict) -> str:
    """A view's figures as the benchmark scripts print them: a heading, the figures, and the
    reliability table."""
    figures = {k: v for k, v in result.items() if k != "reliability"}
    lines = [f"== {title}", json.dumps(figures, indent=1), "confidence  events  right"]
    lines += [f"{row['confidence']:>10}  {row['events']:>6}  {row['right'] if row['right'] is not None else '-'}"
              for row in result["reliability"]]
    return "\n".join(lines)
