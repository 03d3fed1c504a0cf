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

from ..extract import lexicon as lx
from ..extract.triggers import OBJECT_COMPLEMENTS, PHRASE_ONLY, protest_reading

# Words as spaCy's tokeniser cuts them: hyphenated compounds fall apart ("anti-riot" gives
# "riot"), so the parts are what matter; the whole compound is kept too ("cease-fire").
_WORD = re.compile(r"[a-z0-9]+")
_COMPOUND = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
# Sentence ends, roughly: . ! ? (with closing quotes or brackets) before a space, or a line break.

# "beaten", "stoned": triggers only in "... to death", which TO_DEATH looks for
TRIGGER_WORDS = frozenset(lx.TRIGGERS) - PHRASE_ONLY - lx.TO_DEATH_VERBS
TO_DEATH = re.compile(rf"\b(?:{'|'.join(sorted(lx.TO_DEATH_VERBS))})\W+(?:[a-z]+\W+){{0,3}}?(?:to|till|until)\W+death\b")
# Ambiguous for the extractor, which asks for context in the same sentence, but rarely
# anything but violence in news; the parser should see them (the context may be further off).
HIGH_SIGNAL = frozenset({"assassinated", "assassination", "slaying", "slain", "massacre",
                         "kidnapped", "kidnapping", "kidnaped", "kidnaping", "abducted", "abduction", "murdered",
                         "murder", "murders",
                         "stabbed", "stabbing", "raped", "torched", "looted", "looting"})
# Protests are events whatever their violence: their words are read as the extractor reads them
# (extract.triggers.protest_reading), since some are common in other news ("a market rally").
PROTEST_WORDS = frozenset(w for w, c in lx.TRIGGERS.items() if c == lx.PROTEST)
# Triggers taken without looking at their context.
STRONG_WORDS = frozenset(TRIGGER_WORDS - lx.AMBIGUOUS - PROTEST_WORDS) | (HIGH_SIGNAL & TRIGGER_WORDS)
KILL_WORDS = frozenset({"killed", "kill", "kills", "killing", "killings", "dead", "died", "die",
                        "dies", "murdered", "murder", "murders"})
AMBIGUOUS_WORDS = frozenset(TRIGGER_WORDS & lx.AMBIGUOUS)
# "set two trucks ablaze", "took the seven passengers hostage": the extractor finds these
# phrases around the verb's object (extract.triggers.object_complement), so a few words may part them
SPLIT_GAP = r"(?:\W+[a-z0-9-]+){0,6}?"


def _phrase_pattern(a: str, b: str) -> re.Pattern:
    gap = SPLIT_GAP if b in OBJECT_COMPLEMENTS else ""
    return re.compile(rf"\b{re.escape(a)}{gap}\W+{re.escape(b)}\b")


PHRASES = tuple((a, b, _phrase_pattern(a, b)) for a, b in lx.PHRASES)
PHRASE_FIRST = frozenset(a for a, _, _ in PHRASES)
PHRASE_SECOND = frozenset(b for _, b, _ in PHRASES)
# Any word that could make a document relevant: the fast first look.
ANY_SIGN = TRIGGER_WORDS | PHRASE_FIRST | PHRASE_SECOND | {"death"}
VIOLENT = frozenset(lx.VIOLENCE_CONTEXT)
PEACEFUL = frozenset(lx.NON_VIOLENT_CONTEXT)
DISASTER = frozenset(lx.DISASTER_CAUSES)
# The words that, in the extractor, keep a death beside a disaster word violent.
DISASTER_OVERRIDE = frozenset({"gunmen", "militants", "bomb", "attack", "attackers", "shot",
                               "rebels", "troops", "insurgents", "explosion"})
# In the trigger's own sentence every violence word counts, as in the extractor. From the
# sentences beside it (there only because the parser may cut sentences elsewhere) count only
# the words that say violence by themselves: not deaths and injuries (accidents have them), nor
# words common in any local news ("police", "heavy", "residents", "crowd").
WEAK_CONTEXT = frozenset("""killed killing wounded injured dead died casualties bodies body
fatalities toll heavy police policemen policeman officers security forces residents crowd
civilians villagers operation custody jail prison prisoners suspects suspect arms claimed
responsibility fierce brutal war mob army military""".split())
NEIGHBOUR_CONTEXT = VIOLENT - WEAK_CONTEXT
# Anywhere in an article, words that back a bare report of deaths ("Two people were killed").
DOC_CONTEXT = NEIGHBOUR_CONTEXT | (WEAK_CONTEXT & frozenset(
    "police policemen policeman officers security forces army military custody jail prison "
    "prisoners suspects suspect arms war mob".split()))
# Causes of death and injury besides those of the lexicon: inflections news uses for accidents.
MORE_DISASTER = frozenset("""collided crashed derailed capsized sank fell falling fall
drowning electrocuted""".split())
CASUALTY_WORDS = frozenset(w for w, c in lx.TRIGGERS.items() if c in lx.CASUALTY)
# Sentences either side of a trigger's own whose words count as its context (the parser may
# cut sentences elsewhere than `sentences` does).
MARGIN = 1
_STOP = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
ABBREVIATIONS = frozenset("""mr mrs ms dr gen col lt capt sgt maj cpl pvt adm cmdr brig st no nos
gov sen rep rev prof jr sr vs etc inc ltd co corp dept jan feb mar apr aug sep sept oct nov dec
u.s u.k u.n e.g i.e a.m p.m approx est fig""".split())


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
    if "death" in words and TO_DEATH.search(low):
        return Verdict(True, "to-death")
    if not words & TRIGGER_WORDS:
        return Verdict(False, "no-trigger")
    building = BOMBED_BUILDING.search(low)
    if building:
        return Verdict(True, f"bombed:{building.group(1)}")
    return sentence_verdict(text)


# "bombed a bank branch", "bombed the embassies of ...": a bombing verb with a building, a
# vehicle or a line as its object (extract.triggers.struck_a_building); a noun or two between
_TARGET_WORDS = "|".join(sorted(re.escape(w) for w in lx.STRUCK_THINGS))
BOMBED_BUILDING = re.compile(rf"\bbombed\s+(?:the|a|an|two|three|several|its|their|his|her)\s+"
                             rf"(?:[a-z-]+\s+){{0,2}}?({_TARGET_WORDS})\b")


def sentences(text: str) -> list[str]:
    """The text cut into sentences the way the parser most likely cuts it: at line breaks (the
    pipeline makes every line break a sentence end) and at . ! ? before a capital, a digit or
    a quote, unless the word before is an abbreviation ("Gen.", "U.S.", "No.")."""
    out = []
    if hard_wrapped(text):  # wire copy wrapped at a fixed width: a line is not a sentence
        text = re.sub(r"(?<!\n)\n(?![\n ])", " ", text)
    for line in text.split("\n"):
        if not line.strip():
            continue
        start = 0
        for m in _STOP.finditer(line):
            word = line[max(0, m.start() - 12):m.start()].rsplit(None, 1)[-1:] or [""]
            if word[0].lower().lstrip("(\"'") in ABBREVIATIONS or len(word[0]) == 1:
                continue
            out.append(line[start:m.end()])
            start = m.end()
        out.append(line[start:])
    return out


def hard_wrapped(text: str) -> bool:
    """Text wrapped at a fixed width (MUC-style wire copy): most lines are long and run on."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 4:
        return False
    run_on = sum(1 for ln in lines if 40 <= len(ln) <= 100 and not ln.rstrip().endswith((".", '"', ":", "!", "?")))
    return run_on >= 0.5 * len(lines)


def sentence_verdict(text: str) -> Verdict:
    """Look at each ambiguous trigger with the sentences around it."""
    pieces = [set(_WORD.findall(p.lower())) | set(_COMPOUND.findall(p.lower())) for p in sentences(text)]
    doc_violent: set[str] | None = None
    for i, own in enumerate(pieces):
        if own & PROTEST_WORDS and protest_reading(own):
            return Verdict(True, f"protest:{sorted(own & PROTEST_WORDS)[0]}")
        triggers = own & AMBIGUOUS_WORDS - PROTEST_WORDS
        if not triggers:
            continue
        around: set[str] = set()
        for piece in pieces[max(0, i - MARGIN):i] + pieces[i + 1:i + MARGIN + 1]:
            around |= piece
        peaceful = len(own & PEACEFUL)
        disaster = bool(own & (DISASTER | MORE_DISASTER)) and not (own | around) & DISASTER_OVERRIDE
        for trigger in sorted(triggers):
            if disaster and trigger in CASUALTY_WORDS:
                continue  # "died in a car crash", "injured when the train derailed"
            if trigger in lx.EXPLOSION_WORDS and own & lx.EXPLOSIVE_DEVICES:
                return Verdict(True, f"device:{trigger}")
            if own & lx.ARMED_DOERS:  # as extract.triggers.armed_doer
                return Verdict(True, f"armed:{trigger}")  # "a film crew was attacked by gunmen"
            violent = len(((own - {trigger}) & VIOLENT) | (around & NEIGHBOUR_CONTEXT))
            if trigger in KILL_WORDS:
                if violent > peaceful:
                    return Verdict(True, f"kill:{trigger}")
                # the extractor takes a bare death ("Two people were killed on Monday"); an
                # article of violence names some sign of it somewhere
                if doc_violent is None:
                    doc_violent = set().union(*pieces) & DOC_CONTEXT
                if doc_violent:
                    return Verdict(True, f"kill:{trigger}")
                continue
            if violent and violent > peaceful:
                return Verdict(True, f"context:{trigger}")
    return Verdict(False, "no-context")


def is_relevant(text: str) -> bool:
    """True when `text` may report political violence and must go through the parser."""
    return judge(text).relevant
