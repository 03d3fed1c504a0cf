"""Fit the event detector and write it, with its data card, into the package.

    python -m conflictcoder.training [--shared ../shared] [--out src/conflictcoder/lang/en/model]

Deterministic: the same corpus and the same ../shared give the same model. Cross-validation
leaves out one corpus writer at a time, so that its figures say how the model reads a writer it
never saw; the out-of-fold scores fit the temperature that calibrates the probabilities. The
frozen gate (corpus/gate) is never read here.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..extract.detector import MODEL_DIR, features
from ..vocabulary import DETECTOR_LABELS, NONE_PREFIX, is_event_label
from .examples import CORPUS, Example, corpus_examples
from .public import muc4_examples, plover_examples

MIN_DF = 2  # a feature seen once is a name or a typo: it would only memorise its sentence
C = 8.0  # inverse regularisation strength, chosen by the writer-held-out cross-validation
MAX_ITER = 300
# weight of an example by source: the public examples are fewer, older or weakly labelled
SOURCE_WEIGHT = {"corpus": 1.0, "plover": 1.0, "muc4": 0.3}

SOURCES = {
    "corpus": ("conflictcoder event corpus (corpus/train), written for this project", "MIT, the project's own"),
    "muc4": ("MUC-4 training texts and keys (FBIS translations), ../shared/benchmarks/muc4/muc4_train_rawkey.jsonl",
             "US government work, public domain"),
    "plover": ("PLOVER gold-standard records, openeventdata/PLOVER (../shared/benchmarks/plover_gsr)",
               "CC BY-SA 4.0, credit: the PLOVER project, openeventdata"),
}


@dataclass(slots=True)
class Vectorizer:
    vocabulary: list[str]
    idf: list[float]

    @classmethod
    def fit(cls, counts: Sequence[Counter]) -> "Vectorizer":
        df: Counter = Counter()
        for c in counts:
            df.update(c.keys())
        vocabulary = sorted(f for f, n in df.items() if n >= MIN_DF)
        n = len(counts)
        idf = [math.log((1 + n) / (1 + df[f])) + 1.0 for f in vocabulary]
        return cls(vocabulary, idf)

    def transform(self, counts: Sequence[Counter]):
        """The rows the detector computes at run time (extract/detector.py), as a sparse matrix."""
        import numpy as np
        from scipy.sparse import csr_matrix

        index = {f: i for i, f in enumerate(self.vocabulary)}
        idf = np.asarray(self.idf)
        rows, cols, vals = [], [], []
        for r, c in enumerate(counts):
            pairs = sorted((index[f], n) for f, n in c.items() if f in index)
            if not pairs:
                continue
            idx = np.array([i for i, _ in pairs])
            x = (1.0 + np.log([n for _, n in pairs])) * idf[idx]
            x /= np.linalg.norm(x)
            rows.extend([r] * len(pairs))
            cols.extend(idx.tolist())
            vals.extend(x.tolist())
        return csr_matrix((vals, (rows, cols)), shape=(len(counts), len(self.vocabulary)))


def load_examples(shared: Path | None, corpus: Path = CORPUS / "train") -> list[Example]:
    examples = list(corpus_examples(corpus))
    if shared is not None and shared.is_dir():
        examples += list(muc4_examples(shared))
        examples += list(plover_examples(shared))
    return examples


# Each corpus sentence is also shown alone, without its paragraph, each view at half weight: the
# coder often reads a lone lead sentence or a headline, and the corpus's context words should
# not be what a sentence's label hangs on (writer-held-out F1 0.907 -> 0.917, type 0.863 -> 0.858).
LONE_SENTENCE_SHARE = 0.5


def fit(examples: Sequence[Example], counts: Sequence[Counter] | None = None):
    """A fitted (vectorizer, logistic regression) on `examples`."""
    from sklearn.linear_model import LogisticRegression

    counts = list(counts if counts is not None else [features(e.sentence, e.context) for e in examples])
    vectorizer = Vectorizer.fit(counts)  # on the examples as written: a lone copy adds no new word
    labels = [e.label for e in examples]
    weights = [SOURCE_WEIGHT[e.source] for e in examples]
    for i, e in enumerate(examples):
        if e.source == "corpus" and e.context:
            weights[i] *= 1 - LONE_SENTENCE_SHARE
            counts.append(features(e.sentence))
            labels.append(e.label)
            weights.append(SOURCE_WEIGHT[e.source] * LONE_SENTENCE_SHARE)
    model = LogisticRegression(C=C, max_iter=MAX_ITER, tol=1e-4)
    model.fit(vectorizer.transform(counts), labels, sample_weight=weights)
    return vectorizer, model


def logits_of(vectorizer: Vectorizer, model, counts: Sequence[Counter]):
    """Scores over DETECTOR_LABELS (labels the model never saw score -inf)."""
    import numpy as np

    raw = model.decision_function(vectorizer.transform(counts))
    out = np.full((len(counts), len(DETECTOR_LABELS)), -1e9)
    for j, label in enumerate(model.classes_):
        out[:, DETECTOR_LABELS.index(label)] = raw[:, j]
    return out


def softmax(logits, temperature: float = 1.0):
    import numpy as np

    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def fit_temperature(logits, labels: Sequence[str]) -> float:
    """The temperature that minimises the negative log-likelihood of held-out predictions."""
    import numpy as np

    y = np.array([DETECTOR_LABELS.index(label) for label in labels])

    def nll(t: float) -> float:
        p = softmax(logits, t)
        return float(-np.log(np.clip(p[np.arange(len(y)), y], 1e-12, None)).mean())

    grid = [round(0.3 + 0.02 * i, 2) for i in range(136)]  # 0.3 .. 3.0
    return min(grid, key=nll)


def held_out_by_writer(examples: Sequence[Example], counts: Sequence[Counter]):
    """Out-of-fold logits: each corpus writer's examples scored by a model fitted without them.
    Public examples are always in training."""
    import numpy as np

    writers = sorted({e.group for e in examples if e.source == "corpus"})
    logits = np.zeros((len(examples), len(DETECTOR_LABELS)))
    scored = np.zeros(len(examples), dtype=bool)
    for writer in writers:
        test = [i for i, e in enumerate(examples) if e.source == "corpus" and e.group == writer]
        train = [i for i, e in enumerate(examples) if not (e.source == "corpus" and e.group == writer)]
        vectorizer, model = fit([examples[i] for i in train], [counts[i] for i in train])
        logits[test] = logits_of(vectorizer, model, [counts[i] for i in test])
        scored[test] = True
    return logits, scored


def figures(probabilities, labels: Sequence[str]) -> dict:
    """Detection precision/recall/F1 (event or not), sub-event accuracy over gold events, and a
    reliability table of the predicted event's probability."""
    import numpy as np

    event_cols = [j for j, label in enumerate(DETECTOR_LABELS) if is_event_label(label)]
    p_event = probabilities[:, event_cols].sum(axis=1)
    best = [DETECTOR_LABELS[event_cols[k]] for k in probabilities[:, event_cols].argmax(axis=1)]
    conf = probabilities[:, event_cols].max(axis=1)
    gold_event = np.array([is_event_label(label) for label in labels])
    predicted = p_event >= 0.5
    tp = int((predicted & gold_event).sum())
    precision = tp / max(1, int(predicted.sum()))
    recall = tp / max(1, int(gold_event.sum()))
    right = np.array([b == g for b, g in zip(best, labels)])
    bins = []
    for lo, hi in ((0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 1.01)):
        sel = predicted & (conf >= lo) & (conf < hi)
        bins.append({"confidence": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": int(sel.sum()),
                     "right": round(float(right[sel].mean()), 3) if sel.any() else None})
    return {
        "examples": len(labels),
        "detection_precision": round(precision, 3),
        "detection_recall": round(recall, 3),
        "detection_f1": round(2 * precision * recall / max(1e-9, precision + recall), 3),
        "sub_event_accuracy": round(float(right[gold_event].mean()), 3) if gold_event.any() else None,
        "reliability": bins,
    }


THRESHOLD_GRID = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
TYPE_THRESHOLD_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)


def pattern_candidates(corpus: Path) -> list[str | None]:
    """For each corpus sentence, in `corpus_examples` order, the sub-event type the patterns
    alone (no detector) give it as evidence of an event, or None: the candidates the detector is
    asked about."""
    from ..bench.gate import pipeline_verdicts
    from ..errors import TrainingError
    from ..settings import Options
    from .examples import paragraphs

    failures: list = []
    candidates = [v.predicted for v in pipeline_verdicts(list(paragraphs(corpus)), Options(detector=False), failures)]
    if failures:
        # thresholds chosen on a corpus the pipeline could not code would ship a detector that keeps
        # almost nothing: stop instead
        raise TrainingError(f"the pipeline failed on {len(failures)} corpus paragraphs while the decision "
                            f"thresholds were chosen; the first: {failures[0]}",
                            fix="rerun `make train` with no other process writing the source tree or the gazetteer")
    return candidates


def decision_threshold(probabilities, labels: Sequence[str], candidates: Sequence[str | None]) -> tuple[float, float, list]:
    """The least probability of an event at which a candidate is kept, and the least probability
    of the type it ends with (extract/decide.py: the patterns' type, or the detector's where it
    clearly prefers another): the pair that gives the best detection F1 over the corpus, judged
    on held-out predictions. The detector is trained on every sentence (a third of them events)
    but asked only about the patterns' candidates (most of them events): 0.5 would be too strict
    for them. A candidate whose type the detector finds unlikely, however sure it is that some
    event is told, is the patterns' misreading more often than not."""
    import numpy as np

    from ..extract.decide import settled_type
    from ..extract.detector import Prediction

    event_cols = [j for j, label in enumerate(DETECTOR_LABELS) if is_event_label(label)]
    p_event = probabilities[:, event_cols].sum(axis=1)
    gold = np.array([is_event_label(label) for label in labels])
    cand = np.array([c is not None for c in candidates], dtype=bool)
    type_p = np.zeros(len(labels))
    for i in np.flatnonzero(cand):
        _, confidence = settled_type(candidates[i], Prediction(dict(zip(DETECTOR_LABELS, probabilities[i].tolist()))))
        type_p[i] = confidence or 0.0
    table = []
    for tau in THRESHOLD_GRID:
        for tau_type in TYPE_THRESHOLD_GRID:
            kept = cand & (p_event >= tau) & (type_p >= tau_type)
            tp = int((kept & gold).sum())
            precision, recall = tp / max(1, int(kept.sum())), tp / max(1, int(gold.sum()))
            f1 = 2 * precision * recall / max(1e-9, precision + recall)
            table.append({"threshold": tau, "type_threshold": tau_type, "precision": round(precision, 3),
                          "recall": round(recall, 3), "f1": round(f1, 3)})
    return (*conservative_choice(table), table)


# F1 over the thresholds is flat near its top; of the settings within this much of the best, the
# strictest is taken: a false event costs a dataset's users more than a missed detail sentence
FLAT_F1 = 0.005


def conservative_choice(table: Sequence[dict]) -> tuple[float, float]:
    """The strictest (event threshold, type threshold) whose F1 is within FLAT_F1 of the best."""
    best = max(row["f1"] for row in table)
    near = [row for row in table if row["f1"] >= best - FLAT_F1]
    choice = max(near, key=lambda row: (row["threshold"], row["type_threshold"]))
    return choice["threshold"], choice["type_threshold"]


def digest(paths: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def data_card(examples: Sequence[Example], cv: dict, temperature: float, vectorizer: Vectorizer,
              corpus: Path, decision: dict | None = None) -> dict:
    by_source = Counter(e.source for e in examples)
    corpus_examples_ = [e for e in examples if e.source == "corpus"]
    return {
        "model": "multinomial logistic regression over tf-idf word, word-pair, character 4-5-gram "
                 "and context-word features (extract/detector.py)",
        "labels": list(DETECTOR_LABELS),
        "sources": [{"name": s, "description": SOURCES[s][0], "licence": SOURCES[s][1],
                     "examples": by_source[s], "weight": SOURCE_WEIGHT[s]} for s in SOURCES if by_source[s]],
        "never_trained_on": "CASE 2021, SATP, BBC, WikiEvents, the geoparsing corpora, the seeds, "
                            "the ISAF press releases, the frozen gate (corpus/gate)",
        "notes": CORPUS_NOTE,
        "examples": len(examples),
        "labels_count": dict(sorted(Counter(e.label for e in examples).items())),
        "corpus": {
            "files_sha256": digest(list(corpus.glob("*.jsonl"))),
            "writers": len({e.group for e in corpus_examples_}),
            "paragraphs": len({e.paragraph for e in corpus_examples_}),
            "sentences": len(corpus_examples_),
            "event_sentences": sum(1 for e in corpus_examples_ if not e.label.startswith(NONE_PREFIX)),
            "countries": len({e.country for e in corpus_examples_}),
            "domains": dict(sorted(Counter(e.domain for e in corpus_examples_).items())),
            "registers": dict(sorted(Counter(e.register for e in corpus_examples_).items())),
        },
        "hyperparameters": {"C": C, "min_df": MIN_DF, "max_iter": MAX_ITER, "lone_sentence_share": LONE_SENTENCE_SHARE},
        "features": len(vectorizer.vocabulary),
        "temperature": temperature,
        "cross_validation_by_writer": cv,
        "decision": decision or {},
    }


def train(shared: Path | None, out: Path = MODEL_DIR, corpus: Path = CORPUS / "train",
          cross_validate: bool = True) -> dict:
    import numpy as np

    examples = load_examples(shared, corpus)
    counts = [features(e.sentence, e.context) for e in examples]
    temperature, cv, threshold, type_threshold, decision = 1.0, {}, 0.5, 0.0, {}
    if cross_validate:
        logits, scored = held_out_by_writer(examples, counts)
        labels = [examples[i].label for i in np.flatnonzero(scored)]
        temperature = fit_temperature(logits[scored], labels)
        calibrated = softmax(logits[scored], temperature)
        cv = {"uncalibrated": figures(softmax(logits[scored]), labels), "calibrated": figures(calibrated, labels)}
        # corpus examples come first, in corpus order: the patterns' candidates line up with them
        threshold, type_threshold, grid = decision_threshold(calibrated, labels, pattern_candidates(corpus))
        decision = {"threshold": threshold, "type_threshold": type_threshold,
                    "chosen_by": "the strictest pair within 0.005 of the best detection F1 over the corpus's "
                    "sentences, patterns' candidates kept at the two thresholds, on writer-held-out predictions",
                    "grid": grid}
    vectorizer, model = fit(examples, counts)
    write_model(out, vectorizer, model, temperature, threshold, type_threshold)
    card = data_card(examples, cv, temperature, vectorizer, corpus, decision)
    (out / "data_card.json").write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "DATA_CARD.md").write_text(card_markdown(card), encoding="utf-8")
    return card


CORPUS_NOTE = ("The corpus is invented news written for this project by writers who saw neither the "
               "coder's rules nor any benchmark text (corpus/SPEC.md). Most of them report that some of "
               "their violent paragraphs retell well-known real incidents, in their own words and with "
               "real public figures named; no sentence is copied from an article or a data set, and none "
               "shares a run of 8 words with a benchmark record (tests/test_quality_gate.py).")


def card_markdown(card: dict) -> str:
    """The data card as a page for people: sources, licences, counts and cross-validation."""
    lines = ["# Event detector: data card", "",
             f"Model: {card['model']}. Rebuild: `make train` (deterministic). "
             f"{card['examples']} training examples, {card['features']} features, temperature {card['temperature']}.", "",
             "## Sources", "", "| source | licence | examples | weight |", "|---|---|---|---|"]
    lines += [f"| {s['description']} | {s['licence']} | {s['examples']} | {s['weight']} |" for s in card["sources"]]
    corpus = card["corpus"]
    lines += ["", f"Never trained on: {card['never_trained_on']}.", "", CORPUS_NOTE, "",
              "## The project's corpus", "",
              f"{corpus['sentences']} sentences ({corpus['event_sentences']} events) in {corpus['paragraphs']} "
              f"paragraphs by {corpus['writers']} writers, set in {corpus['countries']} countries.", "",
              "Domains: " + ", ".join(f"{k} {v}" for k, v in corpus["domains"].items()) + ".", "",
              "Registers: " + ", ".join(f"{k} {v}" for k, v in corpus["registers"].items()) + ".", "",
              "## Labels (all sources)", "", "| label | examples |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in card["labels_count"].items()]
    cv = card.get("cross_validation_by_writer") or {}
    if cv:
        lines += ["", "## Cross-validation, one corpus writer held out at a time", "",
                  "| | detection P | R | F1 | sub-event accuracy |", "|---|---|---|---|---|"]
        for name, f in cv.items():
            lines.append(f"| {name} | {f['detection_precision']} | {f['detection_recall']} | {f['detection_f1']} | "
                         f"{f['sub_event_accuracy']} |")
        lines += ["", "Calibrated reliability (predicted events by confidence of their type, share right):", "",
                  "| confidence | events | right |", "|---|---|---|"]
        lines += [f"| {b['confidence']} | {b['events']} | {b['right']} |" for b in cv["calibrated"]["reliability"]]
    decision = card.get("decision") or {}
    if decision:
        lines += ["", f"## Decision thresholds: event {decision['threshold']}, type {decision.get('type_threshold', 0.0)}", "",
                  f"Chosen by {decision['chosen_by']}.", "",
                  "| event threshold | type threshold | precision | recall | F1 |", "|---|---|---|---|---|"]
        lines += [f"| {r['threshold']} | {r.get('type_threshold', 0.0)} | {r['precision']} | {r['recall']} | {r['f1']} |"
                  for r in decision["grid"]]
    return "\n".join(lines) + "\n"


def write_model(out: Path, vectorizer: Vectorizer, model, temperature: float, threshold: float = 0.5,
                type_threshold: float = 0.0) -> None:
    import numpy as np

    out.mkdir(parents=True, exist_ok=True)
    labels = list(model.classes_)
    meta = {"labels": labels, "vocabulary": vectorizer.vocabulary, "temperature": temperature,
            "threshold": threshold, "type_threshold": type_threshold}
    (out / "model.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    np.savez_compressed(out / "weights.npz", idf=np.asarray(vectorizer.idf, dtype=np.float32),
                        coef=np.asarray(model.coef_.T, dtype=np.float16),  # half the size; the scores move by < 1e-3
                        intercept=np.asarray(model.intercept_, dtype=np.float32))
