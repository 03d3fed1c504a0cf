"""A cheap relevance stage before parsing: texts with no sign of violence skip spaCy.

Most news is not about political violence (about nine articles in ten). Parsing costs far more
than anything else in the pipeline, so a document is parsed only when its raw text could give
an event. The test mirrors, on plain words, what `extract.triggers.find_hits` asks of a parsed
sentence, and is looser wherever the two could disagree:

* a word of the trigger lexicon (`extract.lexicon.TRIGGERS`) or one of its two-word phrases
  must occur: without one the extract stage finds nothing, whatever the parse;
* a trigger without non-violent senses ("beheaded", "airstrike", "kidnappings"), or a
  two-word phrase ("opened fire", "gunned down"), is enough;
* an ambiguous trigger ("attack", "shot", "released", "rally") needs a word of
  `lexicon.VIOLENCE_CONTEXT` near it: in its own sentence or the two sentences either side
  (the sentences here are cut by punctuation, not by the parser, hence the margin);
* a word of killing or dying ("killed", "died", "dead") counts unless the sentences around it
  name only a disaster or accident, or only a non-violent subject (sport, markets, films),
  with nothing violent near it.

Only regular expressions and set lookups on the text: tens of microseconds for an article.
`Options.relevance_filter = False` (`conflictcoder code --no-relevance-filter`) turns it off.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .extract import lexicon as lx
from .extract.triggers import PHRASE_ONLY

# Words as spaCy's tokeniser cuts them: hyphenated compounds fall apart ("anti-riot" gives
# "riot"), so the parts are what matter; the whole compound is kept too ("cease-fire").
_WORD = re.compile(r"[a-z0-9]+")
_COMPOUND = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
# Sentence ends, roughly: . ! ? (with closing quotes or brackets) before a space, or a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+|\n+")

TRIGGER_WORDS = frozenset(lx.TRIGGERS) - PHRASE_ONLY
# Ambiguous for the extractor, which asks for context in the same sentence, but rarely
# anything but violence in news; the parser should see them (the context may be further off).
HIGH_SIGNAL = frozenset({"assassinated", "assassination", "slaying", "slain", "massacre",
                         "kidnapped", "kidnapping", "abducted", "abduction", "murdered",
                         "stabbed", "stabbing", "raped", "torched", "looted", "looting"})
# Triggers taken without looking at their context.
STRONG_WORDS = frozenset(TRIGGER_WORDS - lx.AMBIGUOUS) | (HIGH_SIGNAL & TRIGGER_WORDS)
KILL_WORDS = frozenset({"killed", "kill", "kills", "killing", "killings", "dead", "died", "die",
                        "dies", "murdered", "murder", "murders"})
AMBIGUOUS_WORDS = frozenset(TRIGGER_WORDS & lx.AMBIGUOUS)
PHRASES = tuple((a, b, re.compile(rf"\b{re.escape(a)}\W+{re.escape(b)}\b")) for a, b in lx.PHRASES)
PHRASE_FIRST = frozenset(a for a, _, _ in PHRASES)
PHRASE_SECOND = frozenset(b for _, b, _ in PHRASES)
# Any word that could make a document relevant: the fast first look.
ANY_SIGN = TRIGGER_WORDS | PHRASE_FIRST | PHRASE_SECOND
VIOLENT = frozenset(lx.VIOLENCE_CONTEXT)
PEACEFUL = frozenset(lx.NON_VIOLENT_CONTEXT)
DISASTER = frozenset(lx.DISASTER_CAUSES)
# The words that, in the extractor, keep a death beside a disaster word violent.
DISASTER_OVERRIDE = frozenset({"gunmen", "militants", "bomb", "attack", "attackers", "shot",
                               "rebels", "troops", "insurgents", "explosion"})
# Sentences either side of a trigger's own whose words count as its context.
MARGIN = 2


@dataclass(frozen=True, slots=True)
class Verdict:
    relevant: bool
    reason: str  # "no-trigger", "strong:<word>", "phrase:<a b>", "context:<word>", "kill:<word>", "no-context"


def words_of(text: str) -> set[str]:
    """The lower-case words of a text, hyphenated compounds both whole and in parts."""
    low = text.lower()
    words = set(_WORD.findall(low))
    if "-" in low:
        words.update(_COMPOUND.findall(low))
    return words


def has_phrase(low: str, words: set[str]) -> str | None:
    for a, b, pattern in PHRASES:
        if a in words and b in words and pattern.search(low):
            return f"{a} {b}"
    return None


def judge(text: str) -> Verdict:
    """Whether `text` could hold an event, and why (for tests and for the benchmark)."""
    words = words_of(text)
    if not words & ANY_SIGN:
        return Verdict(False, "no-trigger")
    strong = words & STRONG_WORDS
    if strong:
        return Verdict(True, f"strong:{min(strong)}")
    low = text.lower()
    phrase = has_phrase(low, words)
    if phrase:
        return Verdict(True, f"phrase:{phrase}")
    if not words & TRIGGER_WORDS:
        return Verdict(False, "no-trigger")
    return sentence_verdict(low)


def sentence_verdict(low: str) -> Verdict:
    """Look at each ambiguous trigger with the sentences around it."""
    pieces = [set(_WORD.findall(p)) | set(_COMPOUND.findall(p)) for p in _SENTENCE_END.split(low)]
    for i, own in enumerate(pieces):
        triggers = own & AMBIGUOUS_WORDS
        if not triggers:
            continue
        window: set[str] = set()
        for piece in pieces[max(0, i - MARGIN):i + MARGIN + 1]:
            window |= piece
        for trigger in sorted(triggers):
            others = window - {trigger}
            violent = others & VIOLENT
            if trigger in KILL_WORDS:
                if own & DISASTER and not others & DISASTER_OVERRIDE:
                    continue  # "died in a car crash", "killed in the earthquake"
                if violent or not own & PEACEFUL:
                    return Verdict(True, f"kill:{trigger}")
                continue
            if violent:
                return Verdict(True, f"context:{trigger}")
    return Verdict(False, "no-context")


def is_relevant(text: str) -> bool:
    """True when `text` may report political violence and must go through the parser."""
    return judge(text).relevant
