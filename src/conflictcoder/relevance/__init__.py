"""The relevance stage: which documents, and which blocks (paragraphs) of them, go to the parser.

Most news is not about political violence, and parsing costs far more than anything else in the
pipeline, so only what could hold an event is parsed. Two tests, both on the raw text:

* `keywords` (the older stage): a word of the trigger lexicon must occur, since without one the
  extract stage finds nothing whatever the parse; `judge`/`is_relevant` ask it of a whole text.
* `model`: a logistic regression over hashed words, word pairs and character n-grams, trained
  on licence-clean data (training/relevance.py), scores each block.

`parse_plan` asks the keyword stage about the whole text first (a text it rejects holds nothing
the extract stage could take), then cuts it into blocks (`blocks`), keeps those with a trigger
word whose score reaches the threshold, or with a sure sign of violence (`sure_sign`: a
trigger with no other sense, a killing "to death"), (`Options.relevance_threshold`, by default the one chosen by
cross-validation for recall, in the model's card), fills a one-block gap between two kept blocks
(the story they tell runs through it), and adds the document's first block (its headline,
dateline and lede, where later stages look for the story's date and place). An empty
plan means the document is coded with no events, unparsed.
"""
from __future__ import annotations

import math

from ..records import CleanDocument
from ..settings import Options
from .keywords import *  # noqa: F401,F403  (the keyword stage's names, as before)
from .keywords import (ANY_SIGN, BOMBED_BUILDING, STRONG_WORDS, TO_DEATH, Verdict, is_relevant,  # noqa: F401
                       judge, words_of)

# Blocks longer than this are cut (after a line break, else a sentence end, else a space);
# blocks shorter than MIN_BLOCK (a headline, a byline) are read with the block after them.
MAX_BLOCK = 1500
MIN_BLOCK = 200


def blocks(text: str) -> list[tuple[int, int]]:
    """The blocks of a text as (start, end) offsets, in order: its paragraphs (cut at blank
    lines), long ones cut, short ones joined to the next. Blank lines between blocks belong to
    none; everything else belongs to exactly one."""
    import re

    from ..nlp import text_pieces

    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n[ \t]*\n\s*", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if e - s <= MAX_BLOCK:
            out.append((s, e))
            continue
        for piece in text_pieces(text[s:e], MAX_BLOCK):
            out.append((s, s + len(piece)))
            s += len(piece)
    joined: list[tuple[int, int]] = []
    pending = None
    for s, e in out:
        if pending is not None:
            s = pending
            pending = None
        if e - s < MIN_BLOCK:
            pending = s
            continue
        joined.append((s, e))
    if pending is not None:
        if joined and joined[-1][1] - joined[-1][0] < MAX_BLOCK:
            joined[-1] = (joined[-1][0], out[-1][1])
        else:
            joined.append((pending, out[-1][1]))
    return joined


def sure_sign(words: set[str], low: str) -> bool:
    """A trigger with no non-violent sense ("beheaded", "airstrike") or a killing "to death":
    such a block is parsed whatever the model says."""
    return bool(words & STRONG_WORDS) or ("death" in words and TO_DEATH.search(low) is not None) \
        or ("bombed" in words and BOMBED_BUILDING.search(low) is not None)


def block_scores(text: str, spans: list[tuple[int, int]]) -> list[float | None]:
    """The model's log-odds for each block with a trigger word (None for the others); +inf for a
    block with a sure sign, which the model is not asked about."""
    from .model import load_model

    scores: list[float | None] = [None] * len(spans)
    asked = []
    for i, (s, e) in enumerate(spans):
        piece = text[s:e]
        words = words_of(piece)
        if not words & ANY_SIGN:
            continue
        if sure_sign(words, piece.lower()):
            scores[i] = math.inf
        else:
            asked.append(i)
    if asked:
        logits = load_model().logits([text[spans[i][0]:spans[i][1]] for i in asked])
        for i, value in zip(asked, logits.tolist()):
            scores[i] = value
    return scores


def parse_plan(clean: CleanDocument, options: Options | None = None) -> list[tuple[int, int]]:
    """The spans of `clean.text` to parse, in order, disjoint ([] when nothing could hold an event)."""
    from .model import load_model

    options = options or Options()
    text = clean.text
    if not judge(text).relevant:  # the keyword stage: nothing the extract stage could take
        return []
    spans = blocks(text)
    if not spans:
        return []
    scores = block_scores(text, spans)
    p = options.relevance_threshold
    if p is None:
        p = load_model().threshold
    p = min(max(p, 1e-9), 1 - 1e-9)
    cut = math.log(p / (1 - p))
    chosen = {i for i, score in enumerate(scores) if score is not None and score >= cut}
    if not chosen:
        return []
    # a block between two the model chose belongs to the story they tell (a victim named between
    # the toll and the attack's telling, scored low alone): the parser reads the three as one
    chosen |= {i for i in range(1, len(spans) - 1) if i - 1 in chosen and i + 1 in chosen}
    chosen.add(0)
    if len(chosen) == len(spans):
        return [(0, len(text))]  # every block: the text is parsed whole, as it stands
    plan: list[tuple[int, int]] = []
    for i in sorted(chosen):
        s, e = spans[i]
        if plan and i - 1 in chosen:
            plan[-1] = (plan[-1][0], e)  # neighbours are parsed as one piece, with what lies between
        else:
            plan.append((s, e))
    return plan
