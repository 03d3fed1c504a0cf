"""The learned relevance model: which blocks (paragraphs) of a raw text could report an event.

A logistic regression over hashed features of the lower-cased text: each word, each pair of
neighbouring words, and the character 3- to 5-grams of each word (marked at its edges, so that
inflections and spelling variants share features). A block's score is

    sigmoid(bias + sum(weights[features]) / sqrt(number of features))

No parse: a regular expression cuts the words, a dictionary remembers each word's features, and
numpy adds the weights, well under a millisecond an article. Trained by `make train`
(training/relevance.py) on the project's corpus, the MUC-4 training texts and the project's own
no-event paragraphs; the weights and the threshold chosen by cross-validation ship in
lang/en/model/relevance.npz, described by relevance_card.json. Loaded once, lazily.
"""
from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent.parent / "lang" / "en" / "model"
WEIGHTS = MODEL_DIR / "relevance.npz"
CARD = MODEL_DIR / "relevance_card.json"

DIMENSION = 1 << 18  # hashed feature space
CHAR_GRAMS = (3, 4, 5)
_WORD = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")
_MIX = 0x9E3779B1
_CACHE_LIMIT = 200_000
_word_cache: dict[str, tuple[int, tuple[int, ...]]] = {}


def _hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def word_features(word: str) -> tuple[int, tuple[int, ...]]:
    """(the word's hash, its unigram and character n-gram feature ids), remembered."""
    found = _word_cache.get(word)
    if found is not None:
        return found
    h = _hash(word)
    ids = [h % DIMENSION]
    marked = f"<{word}>"
    for n in CHAR_GRAMS:
        for i in range(len(marked) - n + 1):
            ids.append(_hash("#" + marked[i:i + n]) % DIMENSION)
    if len(_word_cache) >= _CACHE_LIMIT:
        _word_cache.clear()
    found = _word_cache[word] = (h, tuple(ids))
    return found


def features(text: str) -> list[int]:
    """The hashed feature ids of a text (with repeats: a feature counts as often as it occurs)."""
    ids: list[int] = []
    previous = None
    for word in _WORD.findall(text.lower()):
        h, own = word_features(word)
        ids.extend(own)
        if previous is not None:
            ids.append(((previous * _MIX) ^ h) % DIMENSION)
        previous = h
    return ids


@dataclass(frozen=True)
class RelevanceModel:
    weights: object  # numpy float32 array of DIMENSION
    bias: float
    threshold: float  # the probability chosen by cross-validation for recall

    @property
    def logit_threshold(self) -> float:
        import math

        p = min(max(self.threshold, 1e-9), 1 - 1e-9)
        return math.log(p / (1 - p))

    def logits(self, texts: Sequence[str]):
        """The log-odds that each text reports an event (numpy array)."""
        import numpy as np

        ids: list[int] = []
        owner: list[int] = []
        for i, text in enumerate(texts):
            own = features(text)
            ids.extend(own)
            owner.extend([i] * len(own))
        n = len(texts)
        if not ids:
            return np.full(n, self.bias)
        owner_arr = np.asarray(owner, dtype=np.int64)
        sums = np.bincount(owner_arr, weights=self.weights[np.asarray(ids, dtype=np.int64)], minlength=n)
        counts = np.bincount(owner_arr, minlength=n)
        return self.bias + sums / np.sqrt(np.maximum(counts, 1))

    def probabilities(self, texts: Sequence[str]):
        import numpy as np

        return 1.0 / (1.0 + np.exp(-self.logits(texts)))


@functools.lru_cache(maxsize=2)
def load_model(path: Path = WEIGHTS) -> RelevanceModel:
    """The shipped model (once per process)."""
    import numpy as np

    from .. import errors

    try:
        data = np.load(path)
    except OSError as exc:
        raise errors.ModelError(f"The relevance model {path} could not be read ({exc}).",
                                fix="Reinstall the package, or rebuild the model with make train.") from exc
    weights = data["weights"].astype(np.float64)
    if weights.shape != (DIMENSION,):
        raise errors.ModelError(f"The relevance model {path} has {weights.shape[0]} weights, not {DIMENSION}.",
                                fix="Rebuild the model with make train.")
    return RelevanceModel(weights, float(data["bias"]), float(data["threshold"]))
