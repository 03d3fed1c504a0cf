"""Training the relevance model (relevance/model.py) and writing its data card.

Examples are blocks of text (paragraphs), positive when they report an event:
- the project's corpus (corpus/train and corpus/pending, MIT): a paragraph is positive when any of its sentences
  has an event label, negative otherwise (its non-event domains: sport, business, health,
  accidents, disasters, films, anniversaries, ...);
- the MUC-4 training texts and keys (FBIS translations, US government work, public domain): the
  blocks of a text that name a target, victim or instrument of an accomplished incident of its
  key are positive. As for the detector, MUC-4's irrelevant texts give no negatives (MUC-4 leaves
  out fighting between armies and guerrillas, which ACLED codes), nor do its other blocks;
- the project's own no-event paragraphs (corpus/relevance/no_event.jsonl, MIT): negatives.
Never the benchmarks' other sets, the seeds, or the frozen gate (corpus/gate).

Only blocks that the keyword stage passes on their own (relevance.judge: a trigger word in
violent context) are examples: the run time asks the model about no others. A logistic regression (scikit-learn, at training time only) is
fitted on the hashed features
that the run time computes (relevance/model.py, the same function), and the threshold is
chosen by cross-validation, keeping the groups (writers, MUC-4 texts) apart: the highest
probability at which the held-out folds keep RECALL_TARGET of the positive blocks.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..relevance import ANY_SIGN, blocks, judge, words_of
from ..relevance.model import CARD, DIMENSION, WEIGHTS, features
from .examples import CORPUS, written_paragraphs
from .public import MUC4_TRAIN, QUOTED, muc4_label

NO_EVENT = CORPUS / "relevance" / "no_event.jsonl"
RECALL_TARGET = 0.99
C = 16.0
FOLDS = 5
FILLER_SLOTS = ("phys_tgt_id", "hum_tgt_name", "hum_tgt_description", "incident_instrument_id",
                "perp_individual_id", "perp_organization_id")


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    positive: bool
    source: str
    group: str


def corpus_blocks(directory: Path) -> list[Block]:
    out = []
    for writer, record in written_paragraphs(directory):
        text = " ".join(s["text"].strip() for s in record["sentences"])
        positive = any(not s["label"].startswith("none:") for s in record["sentences"])
        out.append(Block(text, positive, "corpus", writer))
    return out


def muc4_blocks(shared: Path) -> list[Block]:
    path = shared / MUC4_TRAIN
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            names = set()
            for template in record.get("templates", []):
                if muc4_label(template) is None:
                    continue
                for slot in FILLER_SLOTS:
                    for value in template.get(slot, []):
                        names.update(q.strip() for q in QUOTED.findall(value) if len(q.strip()) > 3)
            if not names:
                continue
            pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names)) + r")\b", re.I)
            text = record["text"]
            for start, end in blocks(text):
                piece = text[start:end]
                if pattern.search(re.sub(r"\s+", " ", piece)):
                    out.append(Block(piece, True, "muc4", record["doc_id"]))
    return out


def no_event_blocks(path: Path = NO_EVENT) -> list[Block]:
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                # grouped by writer (the id's prefix), as the corpus is: a fold never holds out
                # every no-event text at once
                out.append(Block(record["text"], False, "no_event", record["id"].split("-")[0]))
    return out


def matrix(texts: list[str]):
    """The CSR matrix of the run-time features: each id counts 1/sqrt(n) (n: the block's ids)."""
    from scipy.sparse import csr_matrix

    indptr, indices, data = [0], [], []
    for text in texts:
        ids = features(text)
        indices.extend(ids)
        data.extend([1.0 / max(1.0, len(ids)) ** 0.5] * len(ids))
        indptr.append(len(indices))
    m = csr_matrix((np.asarray(data), np.asarray(indices), np.asarray(indptr)), shape=(len(texts), DIMENSION))
    m.sum_duplicates()
    return m


def fit(x, y):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=2000, solver="liblinear", class_weight="balanced", random_state=0)
    model.fit(x, y)
    return model


def cross_validate(x, y, groups: list[str]) -> np.ndarray:
    """Out-of-fold probabilities, the groups kept apart."""
    from sklearn.model_selection import GroupKFold

    out = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        out[test] = fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    return out


def choose_threshold(probabilities: np.ndarray, y: np.ndarray, target: float = RECALL_TARGET) -> float:
    """The highest threshold at which at least `target` of the positives score at or above it."""
    positives = np.sort(probabilities[y == 1])
    k = int(np.floor((1 - target) * len(positives)))
    return float(positives[k])


# Every corpus writer's paragraphs teach the relevance model, those not yet trained on by the
# detector too (corpus/pending, see corpus/README.md): what tells an event from none is the same
# question at the coarser grain of a block, and the pending writers took the share of real news
# parsed from 0.342 to 0.328 with the gold of the seeds, ISAF and MUC-4 dev kept as before.
PENDING = CORPUS / "pending"


def train_relevance(shared: Path, corpus: Path = CORPUS / "train", out: Path | None = None,
                    pending: Path | None = PENDING) -> dict:
    out_weights = WEIGHTS if out is None else out / WEIGHTS.name
    out_card = CARD if out is None else out / CARD.name
    # the model is asked only about blocks with a trigger word (the others are never parsed)
    sources = {name: [b for b in found if words_of(b.text) & ANY_SIGN] for name, found in
               (("corpus", corpus_blocks(corpus) + (corpus_blocks(pending) if pending else [])),
                ("muc4", muc4_blocks(shared)), ("no_event", no_event_blocks()))}
    examples = [b for blocks_ in sources.values() for b in blocks_]
    x = matrix([b.text for b in examples])
    y = np.asarray([int(b.positive) for b in examples])
    groups = [f"{b.source}:{b.group}" for b in examples]
    oof = cross_validate(x, y, groups)
    threshold = choose_threshold(oof, y)
    kept = oof >= threshold
    model = fit(x, y)
    weights = model.coef_[0].astype(np.float32)
    bias = float(model.intercept_[0])
    out_weights.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out_weights, weights=weights, bias=np.float64(bias), threshold=np.float64(threshold))
    card = {
        "model": "logistic regression over hashed words, word pairs and character 3-5-grams of raw text "
                 "(relevance/model.py), one score per block (paragraph)",
        "dimension": DIMENSION,
        "weights_sha256": hashlib.sha256(out_weights.read_bytes()).hexdigest(),
        "threshold": threshold,
        "threshold_rule": f"highest probability keeping {RECALL_TARGET} of the positive blocks of "
                          f"{FOLDS}-fold cross-validation, groups (writers, MUC-4 texts) kept apart",
        "cross_validation": {
            "recall": round(float(kept[y == 1].mean()), 4),
            "negatives_kept": round(float(kept[y == 0].mean()), 4),
        },
        "sources": [
            {"name": "corpus", "description": "conflictcoder event corpus (corpus/train and corpus/pending), "
                                              "written for this project; "
                                              "a paragraph with an event label is positive",
             "licence": "MIT, the project's own", **counts(sources["corpus"])},
            {"name": "muc4", "description": "MUC-4 training texts and keys (FBIS translations), "
                                            "../shared/benchmarks/muc4/muc4_train_rawkey.jsonl: blocks naming a "
                                            "filler of an accomplished incident (positives only)",
             "licence": "US government work, public domain", **counts(sources["muc4"])},
            {"name": "no_event", "description": "no-event paragraphs written for this project "
                                                "(corpus/relevance/no_event.jsonl)",
             "licence": "MIT, the project's own", **counts(sources["no_event"])},
        ],
        "examples": len(examples),
        "positives": int(y.sum()),
        "never_trained_on": "CASE 2021, SATP, BBC, WikiEvents, the geoparsing corpora, the seeds, the ISAF "
                            "press releases, MUC-4 dev, the frozen gate (corpus/gate)",
    }
    out_card.write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    write_card_markdown(card, out_card.with_name("RELEVANCE_CARD.md"))
    return card


def counts(blocks_: list[Block]) -> dict:
    return {"examples": len(blocks_), "positives": sum(b.positive for b in blocks_)}


def write_card_markdown(card: dict, path: Path) -> None:
    lines = ["# Relevance model: data card", "",
             f"Model: {card['model']}. Rebuild: `make train` (deterministic). {card['examples']} blocks, "
             f"{card['positives']} of them positive; {card['dimension']} hashed features.", "",
             f"Threshold {card['threshold']:.4f}: {card['threshold_rule']}. Cross-validated: recall "
             f"{card['cross_validation']['recall']}, negatives kept {card['cross_validation']['negatives_kept']}.", "",
             "## Sources", "", "| source | licence | blocks | positive |", "|---|---|---|---|"]
    for s in card["sources"]:
        lines.append(f"| {s['description']} | {s['licence']} | {s['examples']} | {s['positives']} |")
    lines += ["", f"Never trained on: {card['never_trained_on']}.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
