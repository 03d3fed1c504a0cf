"""Actors: surface mentions to ACLED-style names and inter codes, from a data file users extend.

Named groups come from data/actors.tsv (aliases, inter code, country); everything else falls
back to the ACLED generic names: "Military Forces of X", "Police Forces of X",
"Unidentified Armed Group (X)", "Civilians (X)", "Protesters (X)", "Rioters (X)".
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..records import Actor

# "officers" alone are police in news ("officers arrested the blogger"); soldiers' officers are
# named so ("army officers"), and the army words below win over these
POLICE_WORDS = {"police", "policeman", "policemen", "policewoman", "gendarmes", "gendarmerie",
                "gknb", "security", "interior", "prosecutors", "law-enforcement", "guards",
                "officers", "officer", "constables", "constable", "cops"}
MILITARY_WORDS = {"troops", "soldier", "soldiers", "army", "military", "forces", "servicemen",
                  "commandos", "marines", "paratroopers", "navy", "jets", "jet", "fighters",
                  "warplanes", "aircraft", "helicopters", "government"}

# words that make a force with police words in its name the army's ("defence and security forces")
ARMY_WORDS = {"army", "troops", "soldiers", "military", "defence", "defense"}


@dataclass(frozen=True, slots=True)
class ActorEntry:
    name: str
    aliases: tuple[str, ...]
    inter: int
    iso3: str  # the country the group belongs to (its state, for a state force); "" for none
    period: str
    pattern: re.Pattern
    # where it fights: its own country, and the neighbours a group operates in across a border
    countries: frozenset[str] = frozenset()

    def may_occur_in(self, lowered: str) -> bool:
        """Whether one of the aliases is in the lower-cased text at all: a substring test, far
        cheaper than the pattern, which can only match where it holds."""
        return any(alias in lowered for alias in self.aliases)


def read_dictionary(path: str | Path | None = None) -> list[ActorEntry]:
    if path is None:
        text = resources.files("conflictcoder.data").joinpath("actors.tsv").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", "", "", "", ""])[:5]
        name, aliases, inter, iso3s, period = (c.strip() for c in cols)
        alias_list = tuple(a.strip().lower() for a in aliases.split("|") if a.strip())
        alternation = "|".join(re.escape(a) for a in sorted(alias_list, key=len, reverse=True))
        # "Al-Shabaab-linked militants", "IS-affiliated fighters" are the group's: a hyphenated
        # suffix of affiliation ends the alias as a space would
        pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?:(?![\w-])|(?=-(?:linked|affiliated|aligned)\b))", re.I)
        countries = tuple(c.strip().upper() for c in iso3s.split("|") if c.strip())
        entries.append(ActorEntry(name, alias_list, int(inter or 3), countries[0] if countries else "", period,
                                  pattern, frozenset(countries)))
    return entries


@functools.lru_cache(maxsize=1)
def default_dictionary() -> tuple[ActorEntry, ...]:
    return tuple(read_dictionary())


def named_group(text: str, dictionary=None, iso3: str = "", inters: set[int] | None = None) -> ActorEntry | None:
    """The dictionary entry named in `text`, preferring the longest alias found. An entry tied
    to countries (TPLF: Ethiopia; al-Shabaab: Somalia and Kenya) is only taken for events in
    them; `inters` limits the kinds of actor wanted."""
    best, best_len = None, 0
    lowered = text.lower()
    for entry in dictionary or default_dictionary():
        if iso3 and entry.countries and iso3 not in entry.countries:
            continue
        if inters is not None and entry.inter not in inters:
            continue
        if not entry.may_occur_in(lowered):
            continue
        for m in entry.pattern.finditer(text):
            # short all-caps aliases (IS, LET, JEM) only count when written in capitals
            if len(m.group(0)) <= 3 and not m.group(0).isupper():
                continue
            if len(m.group(0)) > best_len:
                best, best_len = entry, len(m.group(0))
    return best


def ends_with_alias(mention: str, entry: ActorEntry) -> bool:
    """Whether the mention's head word ends one of the entry's aliases: "the Ambazonia Defence
    Forces" is the group (whose name reads like a state force's), "troops fighting the ADF" is not."""
    tail = re.sub(r"\s*\(\s*[\w.-]+\s*\)\s*$", "", mention)  # "... Forces (ADF)": its acronym after it
    tail = re.sub(r"(?:['’]s?)?[\s.,;:]*$", "", tail)
    return any(m.end() >= len(tail) and not set(tail[:m.start()].lower().split()) & (MILITARY_WORDS | POLICE_WORDS)
               for m in entry.pattern.finditer(tail))


def country_of_mention(mention: str) -> str | None:
    """The country a mention names, by demonym ("Russian forces") or by name ("Russia")."""
    from .places import country_iso3, demonym_iso3

    for word in re.findall(r"[A-Za-z][A-Za-z'-]+", mention):
        iso3 = demonym_iso3(re.sub(r"-led$", "", word))  # "the Saudi-led coalition"
        if iso3:
            return iso3
    return country_iso3(mention) or country_in_name(mention) or country_by_short_name(mention)


def group_from_abroad(mention: str, context: str) -> ActorEntry | None:
    """A group named outside the countries it is tied to, where the sentence names its own
    country ("a rocket fired by the Houthi militia from Yemen" hit a Saudi town)."""
    entry = named_group(mention)
    if entry is None or not entry.countries:
        return None
    return entry if entry.countries & countries_in(context) else None


def countries_in(text: str) -> set[str]:
    """The countries a text names by name ("from Yemen", "Lebanon's south")."""
    return set(country_names(text))


DISSIDENT = re.compile(r"\b(?:dissidents?|splinter|breakaway)\b", re.I)
# a country after these is where a force is, not whose it is ("the AU Mission in Somalia")
WHERE_WORDS = frozenset({"in", "into", "inside", "near", "across", "against", "over", "to", "at"})


def country_in_name(mention: str) -> str | None:
    """A country's name inside a force's name ("Kenya Defence Forces soldiers"), not after a word
    of place ("troops serving in Somalia")."""
    return next(country_names(mention, not_after=WHERE_WORDS), None)


def country_names(text: str, not_after: frozenset[str] = frozenset()):
    """The ISO3 codes of the countries named in the text by runs of capitalised words (up to
    three: "South Sudan"), in reading order; a run right after a word of `not_after` is skipped."""
    from .places import country_iso3

    # "India's", "Saudi-led": the country's name without what follows it
    words = [re.sub(r"(?:['’]s|-led)$", "", w) for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text)]
    for i in range(len(words)):
        if i and words[i - 1].lower() in not_after:
            continue
        for n in (3, 2, 1):
            run = words[i:i + n]
            if len(run) == n and all(w[0].isupper() for w in run) and (iso3 := country_iso3(" ".join(run))):
                yield iso3


def country_by_short_name(mention: str) -> str | None:
    """'US aircraft', 'UK troops', 'DRC soldiers': a country's short name, in capitals, in the
    gazetteer's country aliases."""
    from .gazetteer import get_gazetteer

    for word in re.findall(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,4}\b", mention):
        countries = [m.place for m in get_gazetteer().matches(word) if m.place.is_country]
        if countries:
            return countries[0].iso3
    return None


def country_label(iso3: str) -> str:
    from .places import country_name

    return country_name(iso3) if iso3 else ""


def state_inter(force_iso3: str, event_iso3: str) -> int:
    """ACLED's inter code of a state force: 1 at home, 8 (external forces) acting in another
    country ("Turkish jets struck ... in northern Iraq")."""
    return 8 if force_iso3 and event_iso3 and force_iso3 != event_iso3 else 1


def acled_country(name: str) -> str:
    """A country's name as ACLED's actor names write it ("the United States")."""
    from ..vocabulary import COUNTRIES_WITH_THE

    return f"the {name}" if name in COUNTRIES_WITH_THE else name


def name_actor(actor: Actor | None, event_iso3: str, context: str = "") -> Actor | None:
    """An ACLED-style name for the actor; `context` is the sentence, for named groups."""
    if actor is None:
        return None
    mention = actor.mention or ""
    entry = named_group(mention, iso3=event_iso3) if mention else None
    if entry is None and actor.organisation:
        entry = named_group(actor.organisation, iso3=event_iso3)
    if entry is None and mention and actor.inter == 1:
        # a state's force named abroad ("IRGC drones" over Iraq), unless the mention names another
        # state, whose body of the same name it is ("Tajikistan's State Committee for National Security")
        entry = named_group(mention, inters={1})
        if entry is not None and country_of_mention(mention) not in (None, entry.iso3):
            entry = None
    if entry is None and mention and context:
        entry = group_from_abroad(mention, context)
    if entry is not None and actor.inter == 1 and entry.inter not in (1, 8) and not ends_with_alias(mention, entry):
        entry = None  # a state force is not renamed after a group named near it
    if entry is None and actor.inter in (2, 3) and context:
        entry = named_group(context, iso3=event_iso3, inters={2, 3, 4})
    iso3 = country_of_mention(mention) or event_iso3
    country = country_label(iso3)
    if entry is not None and entry.inter in (2, 3) and DISSIDENT.search(mention):
        # "FARC dissidents": a faction that broke away and fights on under the group's name
        short = entry.name.split(":")[0].strip()
        return Actor(name=f"{short} Dissidents ({country})" if country else f"{short} Dissidents",
                     inter=entry.inter, mention=mention, iso3=iso3)
    if entry is not None:
        name = entry.name.replace("{country}", country or "International")
        inter = state_inter(entry.iso3 or iso3, event_iso3) if entry.inter == 1 else entry.inter
        return Actor(name=name, inter=inter, mention=mention, iso3=entry.iso3 or iso3)
    suffix = f" ({country})" if country else ""
    if actor.inter == 1:
        # "police said they had arrested": with no noun of its own, the sentence tells which force
        words = set((mention or context).lower().replace(",", " ").split())
        kind = "Police Forces" if words & POLICE_WORDS and not words & ARMY_WORDS else "Military Forces"
        return Actor(name=f"{kind} of {acled_country(country) or 'Unknown Country'}", inter=state_inter(iso3, event_iso3),
                     mention=mention, iso3=iso3)
    unlisted = unlisted_group(actor) if entry is None else None
    if unlisted is not None:
        return unlisted
    generic = {5: "Rioters", 6: "Protesters", 7: "Civilians"}.get(actor.inter)
    if generic:
        return Actor(name=f"{generic}{suffix}", inter=actor.inter, mention=mention, iso3=iso3)
    if actor.inter == 4 and mention:
        # a community that fought ("clashes between farmers and herders"): ACLED's communal militia
        community = mention.split()[-1].lower()
        prefix = "" if community in GENERIC_COMMUNITIES else community.capitalize() + " "
        return Actor(name=f"{prefix}Communal Militia{suffix}", inter=4, mention=mention, iso3=iso3)
    return Actor(name=f"Unidentified Armed Group{suffix}", inter=unnamed_group_inter(mention), mention=mention, iso3=iso3)


# words that say a community fought without saying which ("two clans", "rival communities")
GENERIC_COMMUNITIES = {"clan", "clans", "community", "communities", "tribe", "tribes", "group", "groups",
                       "village", "villages", "family", "families", "faction", "factions", "sides"}


def unnamed_group_inter(mention: str) -> int:
    """An unnamed group called rebels or jihadists ("suspected insurgents") is a rebel group, 2;
    gunmen, bandits and attackers are the codebook's political militia, 3."""
    from .. import lang

    words = set(re.findall(r"[a-z]+", mention.lower()))
    return 2 if words & lang.words("actor.rebel") else 3


def unlisted_group(actor: Actor) -> Actor | None:
    """A group the text names that the dictionary does not hold ("the Kisu Liberation Movement",
    "gunmen from the Red Hawk gang"): ACLED names a group as the reports name it, so it keeps its
    name rather than becoming an unidentified armed group. Its inter code is read from its name
    (group_name_inter). A name that is a country's or a place's is no group's."""
    from .gazetteer import get_gazetteer

    name = re.sub(r"^(?:the|The|THE)\s+", "", (actor.organisation or "").strip())
    if actor.inter not in (2, 3, 4) or len(name) < 3 or not any(c.isupper() for c in name):
        return None
    if country_of_mention(name) == name or country_in_name(name) or get_gazetteer().lookup(name):
        return None
    return Actor(name=name, inter=group_name_inter(name, actor.inter), mention=actor.mention, iso3=actor.iso3,
                 organisation=actor.organisation)


def group_name_inter(name: str, inter: int) -> int:
    """The inter code a group's own name tells: a liberation front or an Islamist movement is a
    rebel group (2), an ethnic or communal militia or a self-defence group an identity militia
    (4); gangs, cartels and other militias the codebook's political militias (3)."""
    from .. import lang

    words = set(re.findall(r"[a-z]+(?:-[a-z]+)*", name.lower()))
    if words & lang.words("actor.rebel_name"):
        return 2
    if words & lang.words("actor.identity_name"):
        return 4
    return inter if inter in (2, 4) else 3
