"""Merge across documents: the reports of one real event in several articles become one event.

The within-document pass (`merge.py`) gives one `Event` per real event *in a document*: the
per-document event, the unit of truth. This module clusters per-document events from different
documents that tell the same real event, and builds one merged `Event` per cluster.

Two per-document events may be one real event when they are *compatible*:
- not from the same document (the within-document pass already kept those apart on purpose);
- same family (violent types together, protests, each strategic development sub-type apart);
- the same country, and both dated to within a few weeks at most;
- dates that overlap within their precision (a day is read as that day +-1, a range as the range
  +-2 days: "last weekend" 21-22 August and "on August 23" may be one event; two days both named
  exactly may be one day apart at most);
- places that agree within their precision: the same GeoNames id, two points within 25 km (50 km
  when one is only near a town), or, when one is a region or the country, the other inside it
  (same admin1, or within 150 km of the region's point: a town and its region);
- fatality counts that can be reconciled (both known and far apart, 3 against 20, are two events).

Compatible pairs are then *scored* (same sub-event type, same day, same place, same actors, same
counts raise the score; a different event type or different named actors lower it) and joined
when the score reaches `THRESHOLD`. A cluster is compared through its merged record and every
member; a new report that fits two clusters that fit each other joins them (the earliest-created
id survives, the other becomes an alias).

Blocking keeps the cost near-linear: a cluster is indexed under (iso3, family, date bucket,
half-degree cell) for every bucket its widened date window covers; a precise event looks up its own
and the neighbouring cells, a region- or country-level one every cell of its country.

Merged fields: the most precise date and place (ties: the place most reports give, then the
earliest report); the event type and actors most reports give; fatalities the lowest positive
report (ACLED's conservative rule) with `fatalities_low`/`fatalities_high` spanning the reports;
injured, abducted and arrested the largest report (a report that names part of the victims, "the
four Japanese" of the seven kidnapped, does not contradict one that counts them all); every source
with its evidence sentence, in order of publication.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from .vocabulary import VIOLENT_TYPES, disorder_type
from .geodesy import km
from .merge import names_union, union
from .records import Event, Source

THRESHOLD = 5.0  # score at which two compatible reports are one event
BUCKET_DAYS = 4  # width of a date bucket for blocking
DAY_SLACK = 1  # a day named exactly may be told one day off by another outlet
RANGE_SLACK = 2  # "last weekend", "a week ago": loose ranges are read a little wider
MAX_WINDOW_DAYS = 45  # vaguer than this ("in 2010", "this year") is too thin to merge on
NEAR_KM = {1: 25.0, 2: 50.0}  # two points, by the looser precision
REGION_KM = 150.0  # a town and the point of the region it may lie in
UNIDENTIFIED = ("unidentified", "civilians", "rioters", "protesters")
WIDE = "*"
CELL_DEG = 0.5  # blocking cells: 0.5 degree (55 km of latitude), wider than NEAR_KM


# ----------------------------------------------------------------------------------------------
# what of an event the merge looks at


@dataclass(slots=True)
class Profile:
    """The features of an event that compatibility and scoring read, computed once."""

    doc_id: str
    family: str
    event_type: str
    sub_event_type: str
    iso3: str
    admin1: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    geo_precision: int
    start: int  # date ordinals
    end: int
    best: int
    precision: int
    lo: int  # the window widened by the slack of its precision
    hi: int
    actor1: str
    actor2: str
    inter1: int
    inter2: int
    fatalities: int
    counts: tuple  # injured, abducted, arrested
    mergeable: bool = True

    @property
    def wide(self) -> bool:
        """Placed only at region or country level: compared with every place in its country."""
        return self.lat is None or self.geo_precision >= 3

    @property
    def cell(self):
        if self.wide:
            return WIDE
        return (math.floor(self.lat / CELL_DEG), math.floor(self.lon / CELL_DEG))


def family_of(event_type: str, sub_event_type: str) -> str:
    if event_type in VIOLENT_TYPES:
        return "violent"
    if event_type == "Strategic developments":
        return f"sd:{sub_event_type}"
    return event_type


def doc_of(event: Event) -> str:
    """The document a per-document event came from (its first source)."""
    return event.sources[0].doc_id if event.sources else event.event_id


def profile(event: Event, doc_id: str | None = None) -> Profile:
    doc_id = doc_id if doc_id is not None else doc_of(event)
    d, s, e = event.event_date, event.date_start or event.event_date, event.date_end or event.event_date
    mergeable = bool(d and event.iso3) and (e - s).days <= MAX_WINDOW_DAYS if d else False
    best = d.toordinal() if d else 0
    start, end = (s.toordinal(), e.toordinal()) if d else (0, 0)
    if (event.time_precision or 3) <= 1:
        lo, hi = best - DAY_SLACK, best + DAY_SLACK
    else:
        lo, hi = start - RANGE_SLACK, end + RANGE_SLACK
    return Profile(
        doc_id=doc_id, family=family_of(event.event_type, event.sub_event_type),
        event_type=event.event_type, sub_event_type=event.sub_event_type, iso3=event.iso3,
        admin1=event.admin1, geonameid=event.geonameid, lat=event.latitude, lon=event.longitude,
        geo_precision=event.geo_precision or 3, start=start, end=end, best=best,
        precision=event.time_precision or 3, lo=lo, hi=hi, actor1=event.actor1, actor2=event.actor2,
        inter1=event.inter1, inter2=event.inter2, fatalities=event.fatalities or 0, counts=(event.injured, event.abducted, event.arrested),
        mergeable=mergeable)


# ----------------------------------------------------------------------------------------------
# compatibility and score


def compatible_dates(a: Profile, b: Profile) -> bool:
    if a.hi < b.lo or b.hi < a.lo:
        return False
    if a.precision <= 1 and b.precision <= 1:
        return abs(a.best - b.best) <= DAY_SLACK
    return True


def place_relation(a: Profile, b: Profile) -> float | None:
    """None when the places rule the pair out, else how much they say for it (0 to 2)."""
    if a.iso3 != b.iso3:
        return None
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 2.0 if not a.wide else 1.5
    if a.lat is None or b.lat is None:
        return 0.0  # one is placed only in the country
    if a.wide or b.wide:
        wide, other = (a, b) if a.wide else (b, a)
        if not wide.admin1:
            return 0.0  # the country as a whole
        if wide.admin1 == other.admin1:
            return 1.0
        return 1.0 if km(a.lat, a.lon, b.lat, b.lon) <= REGION_KM else None
    dist = km(a.lat, a.lon, b.lat, b.lon)
    limit = NEAR_KM[max(a.geo_precision, b.geo_precision, 1)]
    if dist > limit:
        return None
    return 1.5 if dist <= 10 else 1.0


def fatalities_reconcile(a: int, b: int) -> bool:
    """Counts that can be one event's: equal, or a toll that rose or was rounded."""
    if not a or not b:
        return True  # a report without a toll does not contradict one with it
    lo, hi = sorted((a, b))
    return hi <= 2.5 * lo + 2


def compatible(a: Profile, b: Profile) -> bool:
    if not (a.mergeable and b.mergeable) or a.doc_id == b.doc_id or a.family != b.family:
        return False
    if not compatible_dates(a, b):
        return False
    if place_relation(a, b) is None:
        return False
    return fatalities_reconcile(a.fatalities, b.fatalities)


def named(actor: str) -> bool:
    low = actor.lower()
    return bool(actor) and not any(w in low for w in UNIDENTIFIED)


def actor_score(a: Profile, b: Profile) -> float:
    """A named actor both reports give says much; "Unidentified Armed Group" or "Civilians" in
    both says little; two different named perpetrators say two events."""
    s = 0.0
    if a.actor1 and a.actor1 == b.actor1:
        s += 1.0 if named(a.actor1) else 0.25
    elif a.actor1 and (a.actor1 == b.actor2 or (a.actor2 and a.actor2 == b.actor1)):
        s += 0.5  # the same sides, told the other way round
    elif named(a.actor1) and named(b.actor1):
        s -= 1.5
    if a.actor2 and a.actor2 == b.actor2:
        s += 0.5 if named(a.actor2) else 0.25
    elif a.actor2 and b.actor2 and a.inter2 and a.inter2 == b.inter2 and not (named(a.actor2) and named(b.actor2)):
        s += 0.25  # the same kind of victim: Civilians (Kyrgyzstan) and Civilians (Japan)
    elif named(a.actor2) and named(b.actor2) and a.actor2 != b.actor1:
        s -= 0.5
    return s


def date_score(a: Profile, b: Profile) -> float:
    if a.precision <= 1 and b.precision <= 1:
        return 2.0 if a.best == b.best else 0.5
    if a.precision <= 1 or b.precision <= 1:
        day, rng = (a, b) if a.precision <= 1 else (b, a)
        return 1.5 if rng.start <= day.best <= rng.end else 1.0
    return 1.0


def score(a: Profile, b: Profile) -> float:
    """How strongly two compatible reports say they tell one event."""
    if a.sub_event_type == b.sub_event_type:
        s = 3.0
    elif a.event_type == b.event_type:
        s = 0.0  # a suicide bombing and a roadside bomb: only with the rest agreeing closely
    else:
        s = -0.5  # a bombing and an attack on civilians: the same, told by another outlet's words?
    s += date_score(a, b)
    s += place_relation(a, b) or 0.0
    s += actor_score(a, b)
    if a.fatalities and b.fatalities:
        lo, hi = sorted((a.fatalities, b.fatalities))
        s += 1.5 if lo == hi else 1.0 if lo >= 5 and hi <= 1.25 * lo else 0.25
    for x, y in zip(a.counts, b.counts):
        if x and y and x == y:
            s += 0.5
    return s


# ----------------------------------------------------------------------------------------------
# the merged record


def precision_key(e: Event) -> tuple:
    width = (e.date_end - e.date_start).days if e.date_start and e.date_end else 9999
    return (e.event_date is None, e.time_precision or 3, width)


def merged_event(event_id: str, members: list[Event]) -> Event:
    """One event from the per-document events of one cluster (in the order they came)."""
    if len(members) == 1:
        only = members[0]
        return only if only.event_id == event_id else replace(only, event_id=event_id)
    from .merge import note_for

    types = Counter((m.event_type, m.sub_event_type) for m in members)
    order = {t: i for i, t in reversed(list(enumerate((m.event_type, m.sub_event_type) for m in members)))}
    event_type, sub_event_type = max(types, key=lambda t: (types[t], -order[t]))
    dated = min(members, key=precision_key)  # min() keeps the earliest of equals
    places = Counter(m.geonameid for m in members if m.geonameid is not None)
    placed = min(members, key=lambda m: (m.latitude is None, m.geo_precision or 3,
                                          -places.get(m.geonameid, 0)))
    out = replace(
        dated, event_id=event_id, event_type=event_type, sub_event_type=sub_event_type,
        disorder_type=disorder_type(event_type, sub_event_type),
        perpetrators=union(m.perpetrators for m in members), victims=names_union(m.victims for m in members),
        targets=union(m.targets for m in members), weapons=union(m.weapons for m in members),
    )
    for name in ("iso3", "country", "admin1", "admin2", "location", "latitude", "longitude",
                 "geonameid", "geo_precision"):
        setattr(out, name, getattr(placed, name))
    a1 = majority([(m.actor1, m.inter1, m.assoc_actor_1) for m in members if m.actor1])
    if a1:
        out.actor1, out.inter1, out.assoc_actor_1 = a1
    a2 = majority([(m.actor2, m.inter2, m.assoc_actor_2) for m in members if m.actor2 and m.actor2 != out.actor1])
    if a2:
        out.actor2, out.inter2, out.assoc_actor_2 = a2
    else:
        out.actor2, out.inter2, out.assoc_actor_2 = "", 0, ""
    out.civilian_targeting = "Civilian targeting" if any(m.civilian_targeting for m in members) else ""
    deaths = [m.fatalities for m in members if m.fatalities]
    out.fatalities = min(deaths) if deaths else 0
    lows = [m.fatalities_low if m.fatalities_low is not None else m.fatalities for m in members if m.fatalities]
    highs = [m.fatalities_high if m.fatalities_high is not None else m.fatalities for m in members if m.fatalities]
    out.fatalities_low = min(lows) if lows and min(lows) != max(highs) else None
    out.fatalities_high = max(highs) if highs and min(lows) != max(highs) else None
    for name in ("injured", "abducted", "arrested"):
        known = [getattr(m, name) for m in members if getattr(m, name) is not None]
        setattr(out, name, max(known) if known else None)
    out.sources = sorted((s for m in members for s in m.sources),
                         key=lambda s: (s.published or date.max, s.doc_id, s.start))
    n_docs = len({s.doc_id for s in out.sources})
    out.confidence = min(1.0, max(m.confidence for m in members) + 0.05 * (n_docs - 1))
    out.notes = note_for(out)
    return out


def merged_profile(profiles: list[Profile]) -> Profile:
    """The profile of `merged_event` of these members, without building the event (the same
    choices: the most precise date and place, the type and actors most reports give)."""
    types = Counter((p.event_type, p.sub_event_type) for p in profiles)
    first = {}
    for i, p in enumerate(profiles):
        first.setdefault((p.event_type, p.sub_event_type), i)
    event_type, sub = max(types, key=lambda t: (types[t], -first[t]))
    dated = min(profiles, key=lambda p: (not p.mergeable and p.best == 0, p.precision, p.end - p.start))
    places = Counter(p.geonameid for p in profiles if p.geonameid is not None)
    placed = min(profiles, key=lambda p: (p.lat is None, p.geo_precision, -places.get(p.geonameid, 0)))
    a1 = majority([(p.actor1, p.inter1) for p in profiles if p.actor1])
    a2 = majority([(p.actor2, p.inter2) for p in profiles if p.actor2 and (not a1 or p.actor2 != a1[0])])
    deaths = [p.fatalities for p in profiles if p.fatalities]
    counts = tuple(max((c[i] for c in (p.counts for p in profiles) if c[i] is not None), default=None)
                   for i in range(3))
    return Profile(
        doc_id="", family=family_of(event_type, sub), event_type=event_type, sub_event_type=sub,
        iso3=placed.iso3, admin1=placed.admin1, geonameid=placed.geonameid, lat=placed.lat,
        lon=placed.lon, geo_precision=placed.geo_precision, start=dated.start, end=dated.end,
        best=dated.best, precision=dated.precision, lo=dated.lo, hi=dated.hi,
        actor1=a1[0] if a1 else "", actor2=a2[0] if a2 else "", inter1=a1[1] if a1 else 0,
        inter2=a2[1] if a2 else 0, fatalities=min(deaths) if deaths else 0, counts=counts,
        mergeable=all(p.mergeable for p in profiles))


def majority(items: list[tuple]) -> tuple | None:
    if not items:
        return None
    counts = Counter(i[0] for i in items)
    top = max(counts.values())
    return next(i for i in items if counts[i[0]] == top)


# ----------------------------------------------------------------------------------------------
# clusters


@dataclass(slots=True)
class Member:
    seq: int
    doc_id: str
    event: Event
    profile: Profile


@dataclass(slots=True)
class Cluster:
    event_id: str
    seq: int  # when the cluster was created: the earliest-created id survives a merge
    members: list[Member] = field(default_factory=list)
    rep: Profile | None = None  # the merged record's profile
    keys: list = field(default_factory=list)  # where it is indexed

    @property
    def docs(self) -> set[str]:
        return {m.doc_id for m in self.members}

    def event(self) -> Event:
        return merged_event(self.event_id, [m.event for m in self.members])


@dataclass(slots=True)
class Change:
    """What one call changed: the store writes these back."""

    touched: set[str] = field(default_factory=set)  # live clusters whose members changed
    gone: set[str] = field(default_factory=set)  # clusters left without members
    absorbed: dict[str, str] = field(default_factory=dict)  # absorbed id -> surviving id
    created: set[str] = field(default_factory=set)
    log: list[tuple[str, str, str, str]] = field(default_factory=list)  # action, event_id, other, doc


class CrossDocMerger:
    """Clusters of per-document events, kept as documents come and go.

    Used whole in memory (`merge_events`) or, by the store, loaded with just the clusters near
    the documents being saved.
    """

    def __init__(self, threshold: float = THRESHOLD, seq: int = 0):
        self.threshold = threshold
        self.clusters: dict[str, Cluster] = {}
        self.aliases: dict[str, str] = {}
        self.of_member: dict[tuple[str, str], str] = {}  # (doc_id, per-document id) -> cluster
        self.by_doc: dict[str, list[str]] = {}  # doc_id -> per-document ids
        self.index: dict[tuple, dict] = {}  # (iso3, family, bucket) -> cell -> set of cluster ids
        self.seq = seq
        self.change = Change()

    # -- loading (the store hydrates the clusters it needs) ------------------------------------

    def load_cluster(self, event_id: str, seq: int, members: list[tuple[int, Event]]) -> None:
        if event_id in self.clusters:
            return
        c = Cluster(event_id, seq)
        for mseq, event in sorted(members, key=lambda m: m[0]):
            doc_id = doc_of(event)
            c.members.append(Member(mseq, doc_id, event, profile(event, doc_id)))
            self.of_member[(doc_id, event.event_id)] = event_id
            self.by_doc.setdefault(doc_id, []).append(event.event_id)
        self.clusters[event_id] = c
        self.refresh(c)

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    # -- documents ------------------------------------------------------------------------------

    def add_document(self, doc_id: str, events: Iterable[Event]) -> list[str]:
        """Add one document's events (after removing what it gave before); their cluster ids."""
        self.remove_document(doc_id)
        return [self.add(e, doc_id) for e in events]

    def remove_document(self, doc_id: str) -> None:
        """Take a document's events out of their clusters; a cluster left empty disappears."""
        for pid in self.by_doc.pop(doc_id, []):
            cid = self.of_member.pop((doc_id, pid), None)
            c = self.clusters.get(cid) if cid else None
            if c is None:
                continue
            c.members = [m for m in c.members if not (m.doc_id == doc_id and m.event.event_id == pid)]
            self.change.log.append(("removed", cid, pid, doc_id))
            if c.members:
                self.refresh(c)
                self.change.touched.add(cid)
            else:
                self.unindex(c)
                del self.clusters[cid]
                self.change.touched.discard(cid)
                self.change.gone.add(cid)

    def add(self, event: Event, doc_id: str | None = None) -> str:
        doc_id = doc_id if doc_id is not None else doc_of(event)
        p = profile(event, doc_id)
        member = Member(self.next_seq(), doc_id, event, p)
        matches = self.matches(p)
        if matches:
            cid = matches[0][1]
            c = self.clusters[cid]
            c.members.append(member)
            self.change.log.append(("joined", cid, event.event_id, doc_id))
            self.refresh(c)
        else:
            cid = event.event_id
            if cid in self.clusters:  # the same id given twice: keep both apart
                cid = f"{cid}-{member.seq}"
            self.aliases.pop(cid, None)
            c = Cluster(cid, member.seq, [member])
            self.clusters[cid] = c
            self.change.created.add(cid)
            self.change.log.append(("created", cid, event.event_id, doc_id))
            self.refresh(c)
        self.of_member[(doc_id, event.event_id)] = cid
        self.by_doc.setdefault(doc_id, []).append(event.event_id)
        self.change.touched.add(cid)
        for _, other in matches[1:]:
            cid = self.join_if_one(cid, other)
        return self.resolve(cid)

    def matches(self, p: Profile) -> list[tuple[float, str]]:
        """Clusters the report fits, best first (the earliest-created of equals first)."""
        if not p.mergeable:
            return []
        found = []
        for cid in self.candidates(p):
            c = self.clusters[cid]
            if not self.fits(p, c):
                continue
            s = score(p, c.rep)
            if s >= self.threshold:
                found.append((s, cid, c.seq))
        found.sort(key=lambda t: (-t[0], t[2]))
        return [(s, cid) for s, cid, _ in found]

    def fits(self, p: Profile, c: Cluster) -> bool:
        if not compatible(p, c.rep):
            return False
        return all(compatible(p, m.profile) for m in c.members)

    def join_if_one(self, a_id: str, b_id: str) -> str:
        """After a report joined `a_id`, another cluster it also fits may be the same event."""
        a_id, b_id = self.resolve(a_id), self.resolve(b_id)
        a, b = self.clusters.get(a_id), self.clusters.get(b_id)
        if a is None or b is None or a is b or a.docs & b.docs:
            return a_id
        if not all(compatible(x.profile, y.profile) for x in a.members for y in b.members):
            return a_id
        if score(a.rep, b.rep) < self.threshold:
            return a_id
        keep, lose = (a, b) if (a.seq, a.event_id) <= (b.seq, b.event_id) else (b, a)
        self.unindex(lose)
        keep.members = sorted(keep.members + lose.members, key=lambda m: m.seq)
        for m in lose.members:
            self.of_member[(m.doc_id, m.event.event_id)] = keep.event_id
        del self.clusters[lose.event_id]
        self.aliases[lose.event_id] = keep.event_id
        for old, new in list(self.aliases.items()):
            if new == lose.event_id:
                self.aliases[old] = keep.event_id
        self.change.absorbed[lose.event_id] = keep.event_id
        self.change.touched.discard(lose.event_id)
        self.change.touched.add(keep.event_id)
        self.change.log.append(("absorbed", keep.event_id, lose.event_id, ""))
        self.refresh(keep)
        return keep.event_id

    def resolve(self, event_id: str) -> str:
        seen = set()
        while event_id in self.aliases and event_id not in self.clusters and event_id not in seen:
            seen.add(event_id)
            event_id = self.aliases[event_id]
        return event_id

    # -- index ----------------------------------------------------------------------------------

    def refresh(self, c: Cluster) -> None:
        self.unindex(c)
        if len(c.members) == 1:
            c.rep = c.members[0].profile
        else:
            c.rep = merged_profile([m.profile for m in c.members])
        if not c.rep.mergeable:
            return
        cell = c.rep.cell
        for b in range(c.rep.lo // BUCKET_DAYS, c.rep.hi // BUCKET_DAYS + 1):
            key = (c.rep.iso3, c.rep.family, b)
            self.index.setdefault(key, {}).setdefault(cell, set()).add(c.event_id)
            c.keys.append((key, cell))

    def unindex(self, c: Cluster) -> None:
        for key, cell in c.keys:
            cells = self.index.get(key)
            if cells is not None and cell in cells:
                cells[cell].discard(c.event_id)
                if not cells[cell]:
                    del cells[cell]
                if not cells:
                    del self.index[key]
        c.keys = []

    def candidates(self, p: Profile) -> set[str]:
        out: set[str] = set()
        if p.wide:
            for b in range(p.lo // BUCKET_DAYS, p.hi // BUCKET_DAYS + 1):
                for ids in self.index.get((p.iso3, p.family, b), {}).values():
                    out |= ids
            return out
        y, x = p.cell
        # a cell spans 55 km of latitude but less of longitude away from the equator
        span = max(1, math.ceil(max(NEAR_KM.values()) / (111.2 * CELL_DEG * max(0.05, math.cos(math.radians(p.lat))))))
        cells = [WIDE] + [(y + dy, x + dx) for dy in (-1, 0, 1) for dx in range(-span, span + 1)]
        for b in range(p.lo // BUCKET_DAYS, p.hi // BUCKET_DAYS + 1):
            found = self.index.get((p.iso3, p.family, b))
            if found:
                for cell in cells:
                    ids = found.get(cell)
                    if ids:
                        out |= ids
        return out

    # -- output ---------------------------------------------------------------------------------

    def events(self) -> list[Event]:
        """Every merged event, in the order the clusters were created."""
        return [c.event() for c in sorted(self.clusters.values(), key=lambda c: c.seq)]

    def take_change(self) -> Change:
        change, self.change = self.change, Change()
        return change


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge per-document events (several documents, in the order given) across documents."""
    merger = CrossDocMerger()
    for event in events:
        merger.add(event)
    return merger.events()


# ----------------------------------------------------------------------------------------------
# records back into events (the store keeps per-document events as their JSON records)


def event_from_record(r: dict) -> Event:
    def day(v):
        return date.fromisoformat(v) if v else None

    sources = [Source(s["doc_id"], s.get("source"), s.get("url"), day(s.get("published")),
                      s.get("sentence") or "", s.get("start", -1), s.get("end", -1))
               for s in r.get("sources") or []]
    names = set(Event.__dataclass_fields__) - {"event_date", "date_start", "date_end", "sources"}
    kw = {k: r[k] for k in names if k in r}
    for k in ("perpetrators", "victims", "targets", "weapons"):
        kw[k] = list(kw.get(k) or [])
    return Event(event_date=day(r.get("event_date")), date_start=day(r.get("date_start")),
                 date_end=day(r.get("date_end")), sources=sources, **kw)
