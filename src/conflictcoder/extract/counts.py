"""Counts in words and digits: "One soldier and 10 militants" is 11, "more than 400" is 400 at least."""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "no": 0, "none": 0, "a": 1, "an": 1, "one": 1, "single": 1, "lone": 1,
    "two": 2, "both": 2, "pair": 2, "couple": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_ORDINAL_PERSON = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                   "eighth", "ninth", "tenth"}
_LOWER_BOUND = {"more than", "over", "at least", "upwards of", "in excess of", "no fewer than",
                "no less than", "minimum of", "a minimum of"}
_UPPER_BOUND = {"up to", "fewer than", "less than", "at most", "as many as", "nearly",
                "almost", "under", "no more than"}
_APPROX = {"about", "around", "approximately", "some", "roughly", "an estimated", "estimated",
           "nearly", "almost"}


@dataclass(frozen=True, slots=True)
class Quantity:
    best: int
    low: int | None = None
    high: int | None = None
    vague: bool = False


def parse_number(text: str) -> int | None:
    """'10', '1,100', 'twenty-six', 'two hundred', 'a dozen' -> int; None if not a number."""
    s = text.strip().lower().replace(",", "")
    if re.fullmatch(r"\d+", s):
        return int(s)
    if re.fullmatch(r"\d+(\.\d+)?", s):
        return int(float(s))
    words = [w for w in re.split(r"[\s-]+", s) if w and w != "and"]
    if not words:
        return None
    total, current = 0, 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        elif re.fullmatch(r"\d+", word):
            current += int(word)
        else:
            return None
    return total + current


# words that count only in a phrase ("a soldier", "both sides"): no figure a source gives
_IMPLICIT = {"a", "an", "no", "none", "single", "lone", "both", "pair", "couple", "one"}


# the side of dead told only as "people" (Counts.killed_sides): they may be any side's
UNSPECIFIED_DEAD = "people"


def told_as_figure(text: str, value: int, singular: bool = False) -> bool:
    """Whether the text gives `value` as a figure ("six people", "15 were killed", "a dozen"), not
    only as a vague word ("several") or a person ("the soldier died"); with `singular`, "a
    soldier was killed" gives 1 too."""
    for word in re.findall(r"\d[\d,]*|[A-Za-z]+(?:-[A-Za-z]+)?", text):
        if (singular or word.lower() not in _IMPLICIT) and parse_number(word) == value:
            return True
    return False


def quantity_of_words(number_text: str, modifier_text: str = "") -> Quantity | None:
    """A quantity from the number words and the modifier before them ('more than', 'about')."""
    value = parse_number(number_text)
    if value is None:
        return None
    mod = modifier_text.strip().lower()
    if mod in _LOWER_BOUND:
        return Quantity(best=value, low=value, high=None)
    if mod in _UPPER_BOUND:
        return Quantity(best=value, low=None, high=value)
    return Quantity(best=value, low=value if mod not in _APPROX else None,
                    high=value if mod not in _APPROX else None)


def vague_quantity(word: str, vague_counts: dict[str, int]) -> Quantity | None:
    key = word.strip().lower()
    if key in vague_counts:
        return Quantity(best=vague_counts[key], low=1, high=None, vague=True)
    return None


def is_ordinal_person(word: str) -> bool:
    """'the fifth killed himself': an ordinal standing for one person."""
    return word.lower() in _ORDINAL_PERSON
