"""The event detector and typer: a trained linear model that decides whether a sentence, read in
its paragraph, reports a new real event of the ACLED taxonomy, and of which sub-event type.

    probabilities = detector().classify(sentence, context)

Its labels are the 25 sub-event types and the named kinds of non-event (`none:sport`,
`none:plan`, ...; see `vocabulary.NON_EVENT_KINDS`). The features are the sentence's words and
word pairs, the character n-grams of its words, and the words of the sentences around it; the
weights and the temperature that calibrates them are learned by `conflictcoder.training`
(`make train`) and ship in `lang/en/model/`. Only numpy is needed to run it; the model is read
once, on first use.
"""
from __future__ import annotations

import functools
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..vocabulary import NONE_PREFIX

MODEL_DIR = Path(__file__).resolve().parent.parent / "lang" / "en" / "model"
# words, numbers and the apostrophe forms; everything is read in lower case, so that a lower-case
# or an ALL CAPS text reads like any other
TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+(?:[.,:]\d+)*")
NUMBER = re.compile(r"\d")
YEAR = re.compile(r"(?:1[89]|20)\d\d$")  # "in 2014", "since 1998": the past and running totals
CONTEXT_WINDOW = 2  # sentences on each side that make a sentence's paragraph context


def words_of(text: str, current_years: frozenset[str] = frozenset()) -> list[str]:
    """The words the model reads: years as <year>, other numbers as <num>. The year of a day
    written out ("on 12 June 2023") is left out where it is one of `current_years` (the report's
    own): the corpus tells recalled events with their year, so the model reads <year> as the
    past, but such a date says only which day it was, which the date stage weighs against the
    publication date. "Since August 2023" keeps its year."""
    if current_years:
        text = DAY_AND_YEAR.sub(lambda m: m.group(1) if m.group(2) in current_years else m.group(0), text)
    return ["<year>" if YEAR.match(w) else "<num>" if NUMBER.match(w) else w for w in TOKEN.findall(text.lower())]


_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# "12 June 2023", "June 12, 2023": a day written out with its month, then the year
DAY_AND_YEAR = re.compile(rf"(\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?),?\s+(\d{{4}})\b")


def current_years(published) -> frozenset[str]:
    """The years a report of that day calls its own: its year, and in its first two months the
    year before ("on 30 December 2023" in a report of 2 January 2024)."""
    if published is None:
        return frozenset()
    years = {published.year} | ({published.year - 1} if published.month <= 2 else set())
    return frozenset(str(y) for y in years)


def features(sentence: str, context: str = "", years: frozenset[str] = frozenset()) -> Counter:
    """The feature counts of a sentence read in its context (the sentences around it); `years`:
    the report's own years (current_years), read as no year at all."""
    words = words_of(sentence, years)
    out: Counter = Counter(f"w={w}" for w in words)
    out.update(f"b={a}_{b}" for a, b in zip(["<s>"] + words, words + ["</s>"]))
    for w in set(words):
        if len(w) > 3 and w != "<num>":
            padded = f"<{w}>"
            out.update(f"g={padded[i:i + n]}" for n in (4, 5) for i in range(len(padded) - n + 1))
    out.update(f"c={w}" for w in set(words_of(context, years)))
    return out


def context_of(sentences: list[str], index: int) -> str:
    """The sentences around `sentences[index]`, as the detector reads them."""
    lo, hi = max(0, index - CONTEXT_WINDOW), index + CONTEXT_WINDOW + 1
    return " ".join(sentences[lo:index] + sentences[index + 1:hi])


@dataclass(frozen=True, slots=True)
class Prediction:
    """The calibrated probabilities of one sentence's labels."""

    probabilities: dict[str, float]

    @property
    def p_event(self) -> float:
        return sum(p for label, p in self.probabilities.items() if not label.startswith(NONE_PREFIX))

    @property
    def best_event(self) -> tuple[str, float]:
        """The most probable sub-event type and its probability."""
        return max(((label, p) for label, p in self.probabilities.items()
                    if not label.startswith(NONE_PREFIX)), key=lambda lp: lp[1])

    @property
    def label(self) -> str:
        return max(self.probabilities, key=self.probabilities.get)


class Detector:
    """A multinomial logistic regression over tf-idf weighted features, in numpy."""

    def __init__(self, labels, vocabulary, idf, coef, intercept, temperature: float = 1.0,
                 threshold: float = 0.5, type_threshold: float = 0.0):
        import numpy as np

        self.labels = list(labels)
        self.index = {f: i for i, f in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.coef = np.asarray(coef, dtype=np.float32)  # features x labels
        self.intercept = np.asarray(intercept, dtype=np.float32)
        self.temperature = float(temperature)
        # the least probability of an event at which a candidate of the patterns is kept, chosen
        # at training on held-out predictions (training/train.py, decision_threshold)
        self.threshold = float(threshold)
        # ... and the least probability of the type the event ends with (chosen with it)
        self.type_threshold = float(type_threshold)

    @classmethod
    def load(cls, directory: Path = MODEL_DIR) -> "Detector":
        import numpy as np

        meta = json.loads((directory / "model.json").read_text(encoding="utf-8"))
        with np.load(directory / "weights.npz") as weights:
            return cls(meta["labels"], meta["vocabulary"], weights["idf"], weights["coef"],
                       weights["intercept"], meta["temperature"], meta.get("threshold", 0.5),
                       meta.get("type_threshold", 0.0))

    def scores(self, counts: Counter):
        """The model's raw label scores (logits) for a feature count."""
        import numpy as np

        pairs = [(self.index[f], n) for f, n in counts.items() if f in self.index]
        logits = self.intercept.astype(np.float64)
        if pairs:
            idx = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
            tf = np.fromiter((n for _, n in pairs), dtype=np.float64, count=len(pairs))
            x = (1.0 + np.log(tf)) * self.idf[idx]
            x /= np.linalg.norm(x)
            logits = logits + x @ self.coef[idx]
        return logits

    def classify(self, sentence: str, context: str = "", years: frozenset[str] = frozenset()) -> Prediction:
        import numpy as np

        logits = self.scores(features(sentence, context, years)) / self.temperature
        p = np.exp(logits - logits.max())
        p /= p.sum()
        return Prediction(dict(zip(self.labels, (float(v) for v in p))))


@functools.cache
def detector() -> Detector:
    """The shipped model, loaded once."""
    return Detector.load()
