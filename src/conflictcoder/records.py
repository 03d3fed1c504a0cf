"""Typed records passed between the pipeline stages.

ingest -> Document; clean -> CleanDocument; nlp -> Parsed; extract -> Mention;
resolve -> ResolvedDate / Place / Actor; merge -> Event. Each stage takes and returns these,
never dicts of dicts. Only `Event.to_record()` turns a record into the flat, ACLED-named
dictionary that every output format shares.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class Document:
    """One news article as it came in."""

    doc_id: str
    text: str | None = None
    html: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    path: str | None = None  # where it was read from, for error messages
    # what was done to the document on the way in (code, note): a date ignored, bytes replaced;
    # codes W.. of errors.py, counted in the run's summary
    warnings: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Span:
    """A character span of a text, with an optional label (entity type, boilerplate kind)."""

    start: int
    end: int
    text: str
    label: str = ""


@dataclass(slots=True)
class CleanDocument:
    """Normalised text with the web furniture found in it.

    `boilerplate` spans stay in `text` (offsets into the cleaned text are what sources cite)
    but are kept out of event extraction.
    """

    doc: Document
    text: str
    boilerplate: list[Span] = field(default_factory=list)
    published: date | None = None
    published_from: str = ""  # "meta", "html", "text", "" when unknown
    # the spans of `text` the relevance stage sends to the parser (None: the whole text); the
    # rest is blanked for the parser (offsets hold) and gives no sentences or entities
    parse_spans: list[tuple[int, int]] | None = None
    # (number of spans, starts, spans) sorted by start, built on first use: a long text has
    # thousands of spans and is asked about each of its tokens
    _index: tuple | None = field(default=None, repr=False, compare=False)

    def is_boilerplate(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside one boilerplate span."""
        from bisect import bisect_right

        if len(self.boilerplate) < 8:
            return any(b.start <= start and end <= b.end for b in self.boilerplate)
        index = self._index
        if index is None or index[0] != len(self.boilerplate):
            spans = sorted(self.boilerplate, key=lambda b: b.start)
            disjoint = all(a.end <= b.start and a.start < b.start for a, b in zip(spans, spans[1:]))
            if not disjoint:  # spans inside spans: no shortcut
                return any(b.start <= start and end <= b.end for b in self.boilerplate)
            index = self._index = (len(self.boilerplate), [b.start for b in spans], spans)
        k = bisect_right(index[1], start) - 1
        return k >= 0 and end <= index[2][k].end


class SpanSet:
    """Whether a position lies inside any of some spans, by bisection when they are sorted and
    disjoint (boilerplate and datelines are), else by looking at each: a long text has thousands
    of spans and asks about each of its sentences, dates and places."""

    __slots__ = ("spans", "starts", "fast")

    def __init__(self, spans):
        self.spans = sorted(spans, key=lambda b: b.start)
        self.starts = [b.start for b in self.spans]
        self.fast = all(a.end <= b.start and a.start < b.start for a, b in zip(self.spans, self.spans[1:]))

    def holds(self, pos: int) -> bool:
        """Any span with start <= pos < end."""
        if not self.fast:
            return any(b.start <= pos < b.end for b in self.spans)
        from bisect import bisect_right

        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.spans[k].end


@dataclass(slots=True)
class Parsed:
    """The nlp stage's view of a clean document: sentences and entities, with offsets."""

    clean: CleanDocument
    sentences: list[Span]
    entities: list[Span]
    spacy_doc: object | None = None  # the spaCy Doc, for stages that need the parse


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A date expression resolved against an anchor (usually the publication date)."""

    best: date
    start: date
    end: date
    precision: int  # ACLED time_precision: 1 day, 2 week / few days, 3 month or vaguer
    text: str = ""
    start_char: int = -1
    end_char: int = -1


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    iso3: str
    country: str
    admin1: str = ""
    admin2: str = ""
    feature_class: str = "P"  # GeoNames class: P populated place, A admin unit / country
    feature_code: str = ""
    population: int = 0

    @property
    def is_country(self) -> bool:
        return self.feature_class == "A" and self.feature_code.startswith("PCL")

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A" and not self.is_country


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym in the text and, when resolved, its gazetteer entry."""

    start: int
    end: int
    text: str
    place: Place | None
    geo_precision: int = 1  # ACLED geo_precision 1 town, 2 near town / part of region, 3 region/country
    qualifier: str = ""  # "near", "outside", "southern", ... what the text says around it


@dataclass(slots=True)
class Actor:
    """An actor normalised to ACLED conventions."""

    name: str
    inter: int
    mention: str = ""
    iso3: str = ""
    # the name the text gives the group itself ("gunmen from the Red Hawk gang"), where it names one:
    # an organisation the actor dictionary may not hold
    organisation: str = ""


@dataclass(slots=True)
class Counts:
    killed: int | None = None
    killed_low: int | None = None
    killed_high: int | None = None
    injured: int | None = None
    abducted: int | None = None
    arrested: int | None = None
    perpetrators_killed: int | None = None
    # whose dead the killed count holds ("armed", "state", "civilian"): the attackers' dead told
    # after their victims' add to them
    killed_sides: tuple[str, ...] = ()


@dataclass(slots=True)
class Mention:
    """One event mention found in one sentence."""

    doc_id: str
    sentence: Span
    trigger: Span
    event_type: str
    sub_event_type: str
    modality: str = "real"  # real | planned | foiled | threatened | denied | hypothetical
    aggregate: bool = False  # a total over a period
    several: bool = False  # "two firefights", "three bomb blasts": several events told at once
    background: bool = False  # an earlier event the article recalls
    counts: Counts = field(default_factory=Counts)
    perpetrators: list[str] = field(default_factory=list)
    victims: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    actor1: Actor | None = None
    actor2: Actor | None = None
    date: ResolvedDate | None = None
    date_basis: str = ""  # "event" (said of the event), "report" (the report's date), "context", "published"
    place: PlaceMention | None = None
    confidence: float = 0.5
    # Where the mention's own words are (its clause and those joined to it), and the reporting
    # clause that frames it ("police said on Thursday that ..."): dates and places are looked
    # up there by the resolve stage.
    clause_spans: list[tuple[int, int]] = field(default_factory=list)
    report_spans: list[tuple[int, int]] = field(default_factory=list)
    context_spans: list[tuple[int, int]] = field(default_factory=list)  # eventless clauses above
    # the words that depend on the trigger, less its subject ("clashes involving ... in June")
    trigger_spans: list[tuple[int, int]] = field(default_factory=list)
    # clauses below the trigger that tell something else ("brutality that has escalated since
    # 2017"): a date there is not the event's own
    aside_spans: list[tuple[int, int]] = field(default_factory=list)
    # The mention only refers back ("the shootout", "Four troops were wounded") and belongs to an
    # event told elsewhere in the document, or it is marked as a further event ("two more").
    anaphoric: bool = False
    casualty_only: bool = False
    additive: bool = False
    adds_count: bool = False  # "two of the attackers were also killed": on top of those told before
    toll_raised: bool = False  # "..., bringing the death toll to three": the toll told as risen
    one_more_dead: bool = False  # "a fifth officer died overnight": one more of the dead told, maybe days later
    toll_update: bool = False  # "the death toll has risen to 15": the toll of an event told before, never one of its own
    pluperfect: bool = False  # "who had abducted two traders": before the story's time
    # weapons or suspects taken at the scene of an event told before ("arms were recovered from
    # the encounter site"): part of that event, not one of their own
    aftermath: bool = False
    weapons_at_scene: bool = False  # arms found where a fight was fought: the arms it was fought with
    sentence_index: int = 0
    group_index: int = 0
    # which release of a text that holds several, each under a dated dateline of its own
    # (0: the first); mentions of different releases are never one event
    story: int = 0
    # the event detector's label probabilities for the mention's sentence (extract/decide.py);
    # None when it did not run
    probabilities: dict[str, float] | None = None


@dataclass(slots=True)
class Source:
    doc_id: str
    source: str | None
    url: str | None
    published: date | None
    sentence: str
    start: int
    end: int

    def to_record(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Event:
    """One real event: the merge of one or more mentions, possibly from several documents."""

    event_id: str
    event_date: date | None
    date_start: date | None
    date_end: date | None
    time_precision: int | None  # None: the event has no date
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int = 0
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    civilian_targeting: str = ""
    iso3: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    geo_precision: int = 3
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injured: int | None = None
    abducted: int | None = None
    arrested: int | None = None
    perpetrators: list[str] = field(default_factory=list)
    victims: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notes: str = ""
    confidence: float = 0.5

    @property
    def type_of_violence(self) -> int | None:
        from .typology import ucdp_type_of_violence

        return ucdp_type_of_violence(self.event_type, self.inter1, self.inter2)

    @property
    def interaction(self) -> int:
        a, b = sorted((self.inter1, self.inter2))
        if a == 0:
            return b * 10
        return a * 10 + b

    def to_record(self) -> dict:
        """The flat event record every output format shares (see DESIGN.md)."""

        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "event_id": self.event_id,
            "event_date": iso(self.event_date),
            "date_start": iso(self.date_start),
            "date_end": iso(self.date_end),
            "time_precision": self.time_precision,
            "disorder_type": self.disorder_type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "assoc_actor_1": self.assoc_actor_1,
            "inter1": self.inter1,
            "actor2": self.actor2,
            "assoc_actor_2": self.assoc_actor_2,
            "inter2": self.inter2,
            "interaction": self.interaction,
            "civilian_targeting": self.civilian_targeting,
            "type_of_violence": self.type_of_violence,
            "plover_event": plover_of(self)[0],
            "plover_mode": plover_of(self)[1],
            "iso3": self.iso3,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geonameid": self.geonameid,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities,
            "fatalities_low": self.fatalities_low,
            "fatalities_high": self.fatalities_high,
            "injured": self.injured,
            "abducted": self.abducted,
            "arrested": self.arrested,
            "perpetrators": list(self.perpetrators),
            "victims": list(self.victims),
            "targets": list(self.targets),
            "weapons": list(self.weapons),
            "sources": [s.to_record() for s in self.sources],
            "notes": self.notes,
            "confidence": round(self.confidence, 3),
        }


def plover_of(event: "Event") -> tuple[str, str]:
    from .typology import plover

    return plover(event.sub_event_type, event.weapons)


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a document (or a line of an input file) could not be coded."""

    where: str  # file path, or path:line
    code: str  # an error code from errors.py
    reason: str
    doc_id: str | None = None
    stage: str = "ingest"  # ingest, clean, relevance, nlp, extract, resolve, merge, store
