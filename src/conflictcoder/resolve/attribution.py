"""Who the article holds responsible: armed groups named anywhere in a document.

An event's own clause often names its authors only generically ("guerrillas attacked", "urban
commandos set off a bomb") while another sentence tells whose they were: "the Southern Peasant
Liberation Front (SPLF) claimed responsibility", "SPLF guerrillas", "the bombing was
blamed on the Red Dawn cell". This module finds those groups, by the actor dictionary and
by acronyms the text defines in parentheses, and weighs how the document ties them to violence.

Much wire copy comes all in capitals or all in lower case, where a short alias ("eln", "far")
cannot be told from a word by its case: there it counts only where the text marks it as a name,
in parentheses ("... Army (ELN)") or before a word for the group's members ("ELN guerrillas").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .actors import ActorEntry, default_dictionary

# Words for an armed group's members or units that, right after a name, say the name is a group
MEMBER_WORDS = {"guerrillas", "guerrilla", "rebels", "rebel", "terrorists", "terrorist", "members",
                "member", "militants", "fighters", "commandos", "commando", "units", "unit", "column",
                "columns", "cells", "cell", "front", "leaders", "leader", "command", "insurgents",
                "subversives", "gunmen", "hit", "squad", "squads", "forces", "militia", "militias",
                "combatants", "urban", "cartel", "group", "groups", "organization", "spokesman",
                "communique", "'s"}
# The generic words for a group's members: such a perpetrator is the group the article names
GENERIC_PERPETRATORS = {"guerrillas", "guerrilla", "rebels", "rebel", "terrorists", "terrorist",
                        "subversives", "subversive", "insurgents", "insurgent", "militants",
                        "commandos", "commando", "gunmen", "gunman", "extremists", "assailants",
                        "attackers", "killers", "men", "individuals", "persons", "people",
                        "unknown", "unidentified", "column", "columns", "units", "unit", "cell",
                        "urban", "armed", "heavily", "hooded", "masked", "group", "band", "squad",
                        "fighters", "paid", "assassins", "hitmen", "elements", "criminals"}
# Verbs and nouns of responsibility: a group named with them is named as the author
# "No group has claimed the kidnapping, but groups linked to the Islamic State are active there":
# the groups named there are not held responsible
NO_CLAIM = re.compile(r"\bno (?:group|one|organi[sz]ation|party)\b[^.]{0,30}\bclaim|\b(?:not|yet to|never) "
                      r"(?:\w+ )?claim|\bunclaimed\b", re.I)
CLAIM = re.compile(r"\b(?:claim(?:s|ed|ing)? (?:the )?(?:responsibility|authorship|credit)|"
                   r"responsib(?:le|ility)|attribut(?:e|es|ed|ing)|blam(?:e|es|ed|ing)|"
                   r"carried out by|perpetrated by|committed by|the work of|accus(?:e|es|ed|ing)|"
                   r"held .{0,20}?responsible)\b", re.I)
# "the Southern Peasant Liberation Front (SPLF)": a name and the acronym it is known by
DEFINED_ACRONYM = re.compile(r"((?:[\w'-]+\s+){1,9}?)[\(\[]\s*([A-Za-z][A-Za-z-]{1,7})\s*[\)\]]")
# Acronyms that are also words: never taken for a group's name in caseless text
COMMON_WORDS = {"up", "let", "far", "is", "ana", "arena", "apra", "mir", "ira", "fpm"}
# The last word of an organisation's name, in the acronym's definition
ORGANISATION_WORDS = {"front", "army", "movement", "party", "union", "cartel", "command",
                      "alliance", "brigade", "brigades", "organization", "organisation", "league",
                      "commando", "commandos", "forces", "unity", "liberation", "commission",
                      "revolutionary", "guerrilla", "guerrillas", "coordinating", "board",
                      "vanguard", "resistance", "militia", "squad", "group", "workers"}
STATE_WORDS = {"police", "army", "armed", "military", "national", "guard", "government", "ministry",
               "press", "committee", "department", "agency", "council", "court", "institute",
               "office", "bureau", "service", "services", "security", "intelligence", "party"}
REBEL_WORDS = {"liberation", "revolutionary", "guerrilla", "patriotic", "rebel", "popular",
               "people's", "peoples", "insurgent", "youth", "commando", "commandos", "cartel",
               "resistance", "vanguard", "death", "anticommunist", "squad", "front", "movement"}


@dataclass(slots=True)
class GroupMention:
    key: str  # the group: a dictionary name, or the acronym the text defines
    surface: str  # as the text writes it, for role strings
    start: int
    end: int
    claimed: bool = False  # named as claiming or blamed for violence


def is_caseless(text: str) -> bool:
    """All in capitals or all in lower case: case says nothing about names."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    upper = sum(c.isupper() for c in letters) / len(letters)
    return upper < 0.02 or upper > 0.9


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines for armed groups: {"splf": "southern peasant liberation
    front"}. The acronym's letters must mostly be the initials of the words before it (Spanish
    acronyms keep their letters in another order) and the name must be a rebel or clandestine
    group's, not a ministry's or a police force's."""
    out: dict[str, str] = {}
    for m in DEFINED_ACRONYM.finditer(text):
        words = m.group(1).lower().split()
        acronym = m.group(2).lower()
        letters = [c for c in acronym if c.isalpha()]
        name = name_before_acronym(words, letters)
        if name is None or len(letters) < 3 or acronym in COMMON_WORDS:
            continue
        name_words = set(name.split())
        if not name_words & REBEL_WORDS or (name_words & STATE_WORDS and not name_words & (REBEL_WORDS - {"popular", "front", "movement"})):
            continue
        out.setdefault(acronym, name)
    return out


def name_before_acronym(words: list[str], letters: list[str]) -> str | None:
    """The words the acronym stands for: back from the bracket to the farthest word whose initial
    is one of its letters; None when too few of its letters are initials there."""
    if len(letters) < 2:
        return None
    start, matched = len(words), 0
    pool = list(letters)
    for i in range(len(words) - 1, -1, -1):
        initial = words[i][0]
        if initial in pool:
            pool.remove(initial)
            matched += 1
            start = i
        elif words[i] not in ("of", "the", "for", "and", "de", "del", "la", "los", "y"):
            if matched >= len(letters) - 1:
                break
            if i < len(words) - 3:
                break
    if matched < max(2, len(letters) - 1) or start == len(words):
        return None
    return " ".join(words[start:]).strip(" ,;:-")


def group_mentions(text: str, dictionary: tuple[ActorEntry, ...] | None = None,
                   year: int | None = None) -> list[GroupMention]:
    """Armed groups named in the text (inter 2-4), in text order; with `year`, only groups
    active then."""
    caseless = is_caseless(text)
    acronyms = defined_acronyms(text)
    out: list[GroupMention] = []
    lowered = text.lower()
    for entry in dictionary or default_dictionary():
        if entry.inter not in (2, 3, 4) or (year is not None and not active_in(entry.period, year)):
            continue
        if not entry.may_occur_in(lowered):
            continue
        for m in entry.pattern.finditer(text):
            surface = m.group(0)
            if len(surface) <= 3 and not (surface.isupper() and not caseless) and not (
                    caseless and surface.lower() not in COMMON_WORDS and (
                        surface.lower() in acronyms or marked_as_name(text, m.start(), m.end()))):
                continue
            out.append(GroupMention(entry.name, surface.lower(), m.start(), m.end()))
    known = {g.surface for g in out}
    for acronym in acronyms:
        if acronym in known:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text, re.I):
            out.append(GroupMention(acronym, acronym, m.start(), m.end()))
    return sorted(out, key=lambda g: g.start)


def active_in(period: str, year: int) -> bool:
    """Whether a dictionary period ("1980-1992", "2014-", empty for any) includes the year;
    a group founded later cannot be the one named, however its alias reads."""
    m = re.fullmatch(r"\s*(\d{4})?\s*-?\s*(\d{4})?\s*", period or "")
    if not m:
        return True
    first, last = m.group(1), m.group(2)
    return (first is None or int(first) <= year) and (last is None or year <= int(last))


def marked_as_name(text: str, start: int, end: int) -> bool:
    """'(ELN)', 'ELN guerrillas', 'the ELN's': the text treats the word as a group's name."""
    before = text[max(0, start - 2):start]
    after = text[end:end + 40].lower()
    if "(" in before or "[" in before:
        return True
    following = re.match(r"\s*('s|[\w-]+)", after)
    return bool(following) and following.group(1) in MEMBER_WORDS


def responsible_groups(text: str, year: int | None = None) -> list[GroupMention]:
    """Groups the document ties to violence, best first: named as claiming or blamed for an
    attack, then as the group of fighters ("FMLN guerrillas"), then most often named. One
    mention per group, the form the text uses most."""
    mentions = group_mentions(text, year=year)
    if not mentions:
        return []
    score: dict[str, float] = {}
    claimed: set[str] = set()
    forms: dict[str, dict[str, int]] = {}
    for g in mentions:
        sentence = sentence_around(text, g.start, g.end)
        if NO_CLAIM.search(sentence):
            continue
        weight = 1.0
        if CLAIM.search(sentence):
            weight += 3.0
            claimed.add(g.key)
        if marked_as_name(text, g.start, g.end):
            weight += 1.0
        score[g.key] = score.get(g.key, 0.0) + weight
        forms.setdefault(g.key, {})
        forms[g.key][g.surface] = forms[g.key].get(g.surface, 0) + 1
    ranked = sorted(score, key=lambda k: -score[k])
    first = {g.key: g for g in reversed(mentions)}
    out = []
    for key in ranked:
        surface = max(forms[key], key=lambda s: (forms[key][s], -len(s)))
        g = first[key]
        out.append(GroupMention(key, surface, g.start, g.end, key in claimed))
    return out


def sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1:right]


def is_generic_perpetrator(role: str) -> bool:
    """'guerrillas', 'urban commandos', 'unidentified armed men': who did it, without a name."""
    words = [w for w in role.lower().split() if w not in COUNT_WORDS and not w.isdigit()]
    return bool(words) and all(w in GENERIC_PERPETRATORS for w in words)


# "two gunmen", "some 20 rebels": a number says how many, not who
COUNT_WORDS = {"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
               "eleven", "twelve", "dozen", "dozens", "hundreds", "some", "about", "approximately",
               "around", "nearly", "almost", "over", "more", "than", "or", "to", "several", "few"}


def credit_named_group(event, groups: list[GroupMention]) -> None:
    """Add the groups the article holds responsible to an event of political violence: the
    group named most or claiming, where the event's own clause names its authors only
    generically or not at all, or where it is a battle (the group is the side the state fought);
    any group the article has claim or be blamed for violence, whatever the clause says."""
    if not groups or event.event_type not in ATTRIBUTABLE_TYPES:
        return
    perpetrators = list(event.perpetrators or [])
    for p in list(perpetrators):  # "SPLF urban commandos", "a top NPA commander" are the group's
        for g in groups:
            if g.surface != p.lower() and re.search(rf"(?<![\w-]){re.escape(g.surface)}(?![\w-])", p, re.I) \
                    and g.surface not in perpetrators:
                perpetrators.append(g.surface)
    generic = all(is_generic_perpetrator(p) for p in event.perpetrators or [])
    for rank, g in enumerate(groups):
        wanted = g.claimed or (rank == 0 and (generic or event.event_type == "Battles"))
        if wanted and g.surface not in perpetrators:
            perpetrators.append(g.surface)
    event.perpetrators = perpetrators


ATTRIBUTABLE_TYPES = {"Violence against civilians", "Explosions/Remote violence", "Battles"}
