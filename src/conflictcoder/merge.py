"""Merge: the mentions of one real event inside a document become one `Event`.

Three passes, in text order:
1. drop what is not an event record: totals over a period, several events summarised at once,
   background told only by a year, and undated recollections ("who had kidnapped four locals");
2. attach what only refers back ("Two guards were hurt in the shootout", "the fighting",
   "the gunman died in the raid") to the event it refers to: the nearest earlier
   mention of a compatible kind, or, for a headline, the next one; a reference to a dropped
   mention is dropped with it;
3. join mentions that tell the same event twice: same kind, compatible dates and places, not
   split apart by the text itself ("two more attackers were killed ... in the suburbs").
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .extract import lexicon as lx
from .extract.counts import UNSPECIFIED_DEAD, told_as_figure
from .vocabulary import EXPLOSIONS, VIOLENT_TYPES, disorder_type
from .geodesy import km
from .records import Actor, Document, Event, Mention, PlaceMention, Source, Span
from .resolve.assign import CONTEXT, EVENT, LEDE, PUBLISHED, REPORT, place_rank
from .resolve.attribution import CLAIM, NO_CLAIM

ATTACH_WINDOW = 40  # sentences back to look for what a reference refers to
UNDATED_WINDOW_DAYS = 14  # a mention dated only by its report may tell an event this much older
RANGE_SLACK_DAYS = 2  # "a week ago", "last weekend": loose ranges, read a little wider
DATE_RANK = {EVENT: 0, CONTEXT: 1, LEDE: 2, REPORT: 3, PUBLISHED: 4, "": 5}


@dataclass(slots=True)
class Group:
    mentions: list[Mention]
    dropped: bool = False

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def lead(self) -> Mention:
        """The mention that types the event: one with words of its own, not a bare casualty,
        and never arms or suspects taken at the scene afterwards, nor the looting that went with it."""
        told = [m for m in self.mentions if not m.aftermath and not side_of_violence(m)] or self.mentions
        lead = self.first_telling(told)
        means = next((m for m in told if m.event_type == EXPLOSIONS and not m.anaphoric), None)
        if lead.sub_event_type in ("Attack", "Armed clash") and means is not None \
                and lead.trigger.label in (lx.ATTACK, lx.KILL, lx.INJURE) \
                and not any(m.trigger.label in (lx.CLASH, lx.RAID) for m in told):
            # "militants attacked a police party ... they threw two grenades": ACLED types an
            # attack by the explosive weapon it was made with, unless a fight is told
            return means
        return lead

    @staticmethod
    def first_telling(told: list[Mention]) -> Mention:
        for m in told:
            # "police killed a militant", as the event is first told, names both armed sides: a
            # battle, told by its toll
            if (not m.casualty_only or (m is told[0] and m.sub_event_type in TOLD_BY_TOLL)) and not m.anaphoric:
                return m
        for m in told:
            if not m.casualty_only:
                return m
        return told[0]

    def date_mention(self) -> Mention | None:
        dated = [m for m in self.mentions if m.date is not None]
        if not dated:
            return None
        # a day named in the text beats a week named in the text beats the report's own date
        return min(dated, key=lambda m: (m.date_basis in (LEDE, REPORT, PUBLISHED, ""), m.date.precision,
                                         DATE_RANK.get(m.date_basis, 5)))

    def place(self) -> PlaceMention | None:
        """The most precise place the mentions give, among those that fit the place of the
        event's own telling: a sentence that only refers back ("the attack came as talks
        resume in Mexico City") may name places that are not the event's."""
        told = next((m.place for m in self.mentions if m.place is not None and not m.anaphoric), None)
        placed = [m.place for m in self.mentions if m.place is not None
                  and (told is None or not m.anaphoric or compatible_places(told, m.place))]
        if not placed:
            return None
        return min(placed, key=lambda p: (place_rank(p), p.geo_precision))


DEMONSTRATION_SEVERITY = {"Peaceful protest": 0, "Protest with intervention": 1,
                          "Excessive force against protesters": 2, "Violent demonstration": 3}


def family(m: Mention) -> str:
    if m.sub_event_type in DEMONSTRATION_SEVERITY:
        return "demonstration"  # one protest, told as peaceful here and violent there
    if m.event_type in VIOLENT_TYPES:
        return "violent"
    if m.event_type == "Strategic developments":
        return f"sd:{m.sub_event_type}"
    return m.event_type


LONG_AGO = re.compile(r"\b(?:ago|previously|earlier|in the past|some ?time|last year|years|months)\b", re.I)


def is_dropped(m: Mention) -> bool:
    if m.aggregate:
        return True
    if m.background and m.date_basis != EVENT:
        return True  # a toll an anniversary recalls, with no day of its own
    undatable = m.date is None and not m.date_basis  # no publication date: "April 20" has no year to resolve against
    if m.several and not undatable and not (m.date_basis == EVENT and m.date is not None and m.date.precision == 1):
        return True  # "two firefights" with no day of their own: a summary of events told elsewhere
    if m.date is not None and m.date_basis == EVENT and (m.date.end - m.date.start).days > 62:
        return True  # "in 2010": background known only by its year
    if (m.pluperfect and m.date_basis not in (EVENT,) and m.place is None and not m.anaphoric
            and not m.report_spans):
        return True  # an undated recollection of an earlier event, not a reported one
    if (m.pluperfect and m.event_type == "Strategic developments" and m.date_basis != EVENT
            and LONG_AGO.search(m.sentence.text)):
        return True  # "he had been arrested some time ago": how he came to be in jail, not news
    return False


def needs_antecedent(m: Mention) -> bool:
    own_date = m.date_basis in (EVENT, CONTEXT)
    if m.additive:
        return False  # "two more attackers were killed": a further event, said so
    if m.anaphoric or (m.adds_count and m.casualty_only):
        return True  # "two soldiers were also killed", "a fifth officer died": more of the dead of an event told
    return not own_date and m.place is None and (m.casualty_only or m.event_type in VIOLENT_TYPES)


# a lede's toll typed by who did it: "police killed a militant", "a mob killed two men"
TOLD_BY_TOLL = {"Armed clash", "Mob violence"}
VIOLENT_PROTEST = {"Violent demonstration", "Excessive force against protesters"}


def compatible_kind(a: Mention, b: Mention) -> bool:
    """Of one kind of event; a bare toll ('five officers were injured') may tell a protest's
    violence; burning in the streets may be a riot's."""
    if family(a) == family(b):
        return True
    if {family(a), family(b)} == {"sd:Looting/property destruction", "demonstration"}:
        return True  # "cars torched in a night of unrest" above "youths set fire to cars"
    return tells_protest_policing(a, b) or tells_protest_policing(b, a)


def tells_protest_policing(a: Mention, b: Mention) -> bool:
    """'23 people were detained and five officers were injured', after a protest was told."""
    return family(b) == "demonstration" and (a.event_type != "Battles" or a.casualty_only) and (
        (a.casualty_only and b.sub_event_type in VIOLENT_PROTEST) or a.trigger.label == lx.ARREST
        or (a.trigger.label == lx.ATTACK and b.sub_event_type in VIOLENT_PROTEST
            and CROWD_NAMED.search(a.sentence.text) is not None))


# "the marchers had been singing when officers fired live rounds": the protest's people named
CROWD_NAMED = re.compile(r"\b(?:protesters?|protestors?|demonstrators?|marchers?|crowds?)\b", re.I)


def date_window(m: Mention) -> tuple[date, date] | None:
    if m.date is None:
        return None
    if m.date_basis in (REPORT, PUBLISHED, LEDE):
        return m.date.end - timedelta(days=UNDATED_WINDOW_DAYS), m.date.end
    if m.date.precision > 1:
        slack = timedelta(days=RANGE_SLACK_DAYS)
        return m.date.start - slack, m.date.end + slack
    return m.date.start, m.date.end


def compatible_dates(a: Mention, b: Mention) -> bool:
    wa, wb = date_window(a), date_window(b)
    if wa is None or wb is None:
        return True
    if a.date_basis == EVENT and b.date_basis == EVENT and a.date.precision == 1 and b.date.precision == 1:
        return a.date.best == b.date.best
    return wa[0] <= wb[1] and wb[0] <= wa[1]


def compatible_places(pa: PlaceMention | None, pb: PlaceMention | None) -> bool:
    if pa is None or pb is None or pa.place is None or pb.place is None:
        return True
    a, b = pa.place, pb.place
    if a.geonameid == b.geonameid:
        return True
    if a.iso3 != b.iso3:
        return False
    if a.is_country or b.is_country:
        return True
    if (a.is_admin or b.is_admin) and a.admin1 and a.admin1 == b.admin1:
        return True
    if (a.is_admin or b.is_admin) and not (a.admin1 and b.admin1):
        return True  # a town the gazetteer gives no region: it may lie in the one named
    return km(a.latitude, a.longitude, b.latitude, b.longitude) <= 50


def merge_mentions(mentions: list[Mention]) -> list[Group]:
    """Group the mentions of one document by the real event they tell."""
    groups: list[Group] = []
    owner: dict[int, Group] = {}
    ordered = sorted(mentions, key=lambda m: (m.sentence.start, m.trigger.start))
    low = 0  # the first mention within ATTACH_WINDOW sentences of the current one
    for index, m in enumerate(ordered):
        if id(m) in owner:
            continue  # pulled in earlier by a headline that refers forward to it
        while m.sentence_index - ordered[low].sentence_index > ATTACH_WINDOW:
            low += 1
        # what a mention may refer back to lies within the window (nearest_compatible looks no
        # further): only that much is handed on, so the work stays linear in a document's length
        before = ordered[low:index]
        if is_dropped(m):
            retold = earlier_telling(m, before, owner) if m.pluperfect else None
            if retold is not None:
                # "Adaeze, who had suffered gunshot wounds in the raid, died": the
                # recollection retells the attack the article opened with
                retold.mentions.append(m)
                owner[id(m)] = retold
                continue
            owner[id(m)] = g = Group([m], dropped=True)
            groups.append(g)
            continue
        scene = scene_of_sequel(m, groups)
        if scene is not None:
            scene.mentions.append(m)
            owner[id(m)] = scene
            continue
        if needs_antecedent(m):
            target = antecedent(m, before, owner) or following(m, ordered[index + 1:index + 1 + FOLLOWING_SPAN])
            if target is not None and target is not m:
                g = owner.get(id(target))
                if g is None:  # the antecedent comes later: it will join this group
                    g = Group([m])
                    groups.append(g)
                    owner[id(m)] = g
                    owner[id(target)] = g
                    g.mentions.append(target)
                    continue
                g.mentions.append(m)
                owner[id(m)] = g
                continue
            if m.toll_update or (m.anaphoric and not counts_of(m) and not opens_story(m, before)):
                owner[id(m)] = g = Group([m], dropped=True)
                groups.append(g)
                continue
        owner[id(m)] = g = Group([m])
        groups.append(g)
    return join_retold([g for g in groups if not g.dropped])


ABDUCTION = "Abduction/forced disappearance"


CROWD_VIOLENCE = {"Mob violence", "Violent demonstration"}
PROTEST_WORDS = re.compile(r"\b(?:protest\w*|demonstrat\w+|rall(?:y|ies)|march\w*|sit-in)\b", re.I)


def scene_of_sequel(m: Mention, groups: list[Group]) -> Group | None:
    """The violent event just told that `m` follows on from: arms or suspects taken after it,
    the captive it took freed, its crowd dispersed, its looting or withdrawal; None when `m` is
    no such sequel or no such event was told."""
    if m.aftermath:
        return latest_violent_group(groups, m, SEIZURE_WINDOW if seizure_only(m) else ATTACH_WINDOW)
    if not (freed_captive(m) or crowd_dispersed(m) or side_of_violence(m)):
        return None
    scene = latest_violent_group(groups, m)
    if scene is None:
        return None
    kind = scene.lead.sub_event_type
    if freed_captive(m):
        return scene if kind == ABDUCTION else None
    if crowd_dispersed(m):
        return scene if kind in CROWD_VIOLENCE else None
    return scene if same_scene(m, scene) else None


def side_of_violence(m: Mention) -> bool:
    """Houses burned or cattle driven off by attackers, or the attackers withdrawing after a
    fight: ACLED codes the violence, and the looting or the withdrawal is part of it."""
    return m.sub_event_type == "Looting/property destruction" or (
        m.sub_event_type == "Non-violent transfer of territory" and m.trigger.label == lx.WITHDRAW)


def same_scene(m: Mention, scene: Group) -> bool:
    anchor = scene.date_mention() or scene.lead
    return compatible_dates(m, anchor) and compatible_places(m.place, scene.place())


def crowd_dispersed(m: Mention) -> bool:
    """'Police used tear gas to break up the crowd', after a mob's violence was told:
    the end of the riot, not a protest of its own."""
    return m.sub_event_type == "Protest with intervention" and not PROTEST_WORDS.search(m.sentence.text)


def freed_captive(m: Mention) -> bool:
    """'The driver was later released', after an abduction told: how the abduction ended, not
    an event of its own (merged into the abduction by latest_violent_group)."""
    return m.trigger.label == lx.RELEASE and m.sub_event_type == "Other" and m.date_basis != EVENT


def earlier_telling(m: Mention, before: list[Mention], owner: dict[int, Group]) -> Group | None:
    """The event, told earlier and kept, that an undated recollection of the same type retells."""
    if m.aggregate or m.several:
        return None
    kept = [p for p in before if p.sub_event_type == m.sub_event_type and id(p) in owner and not owner[id(p)].dropped]
    prev = nearest_compatible(m, kept, owner)
    return owner[id(prev)] if prev is not None else None


def opens_story(m: Mention, before: list[Mention]) -> bool:
    """'The aerial bombardments on militant positions left scores dead' as a story's first event:
    a definite article in a lede introduces the news; there is nothing before it to refer to."""
    words_before = m.sentence.text[:max(0, m.trigger.start - m.sentence.start)].split()
    return m.sentence_index == 0 and not before and m.event_type in VIOLENT_TYPES and len(words_before) <= 3


SEIZURE_WINDOW = 3  # sentences: arms recovered are a fight's arms when told right after it


def seizure_only(m: Mention) -> bool:
    return m.sub_event_type == "Disrupted weapons use" and m.trigger.label == lx.SEIZE


def latest_violent_group(groups: list[Group], m: Mention, window: int = ATTACH_WINDOW) -> Group | None:
    """The event whose scene an aftermath mention describes: the last event told before it, when
    that was violence (after a search operation, the suspects taken at the scene are its arrests)."""
    for g in reversed(groups):
        if g.dropped:
            continue
        if m.sentence_index - g.mentions[-1].sentence_index > window:
            return None
        if family(g.lead) == "violent":
            return g
        if not (m.trigger.label == lx.MOBILIZE and family(g.lead) == "demonstration"):
            return None  # forces sent after a riot and its dispersal were sent after the riot
    return None


def antecedent(m: Mention, before: list[Mention], owner: dict[int, Group]) -> Mention | None:
    """What `m` refers back to: the nearest earlier mention of the same type ("the explosion"
    after "detonating explosives"), else of the same family."""
    same_type = [p for p in before if p.event_type == m.event_type]
    return (nearest_compatible(m, same_type, owner) if not m.casualty_only else None) or \
        nearest_compatible(m, before, owner)


def nearest_compatible(m: Mention, before: list[Mention], owner: dict[int, Group]) -> Mention | None:
    # a mention dated only by its report has no date to hold against the one it refers to
    # and one more death told after the toll ("a fifth officer died overnight") may come days later
    undated = m.date_basis in (PUBLISHED, LEDE, "") or m.anaphoric or m.one_more_dead
    for prev in reversed(before):
        if m.sentence_index - prev.sentence_index > ATTACH_WINDOW:
            return None
        if prev.sentence.start == m.sentence.start and (prev.additive or not (m.casualty_only or m.anaphoric)):
            continue
        if not compatible_kind(m, prev):
            continue
        if not compatible_places(m.place, prev.place):
            continue
        group = owner.get(id(prev))
        anchor = (group.date_mention() if group is not None else None) or prev
        if not undated and not compatible_dates(m, anchor):
            continue
        return prev
    return None


def following(m: Mention, after: list[Mention]) -> Mention | None:
    if m.anaphoric and not (m.toll_update and m.sentence_index == 0):
        return None  # "the explosion" refers back, never forward; a lede may open with the toll
    for nxt in after:
        if nxt.sentence_index - m.sentence_index > 3:
            return None
        if compatible_kind(m, nxt) and compatible_places(m.place, nxt.place) and compatible_dates(m, nxt):
            return nxt
    return None


def counts_of(m: Mention) -> bool:
    c = m.counts
    return any(v for v in (c.killed, c.injured, c.abducted, c.arrested))


# A retelling is looked for among this many events told before it (all of them in any news
# article): a live blog of thousands of reports is not compared event by event with each other.
RETOLD_SPAN = 64
# `following` looks at most this many mentions ahead (it stops three sentences on).
FOLLOWING_SPAN = 64


def join_retold(groups: list[Group]) -> list[Group]:
    out: list[Group] = []
    for g in groups:
        for target in out[-RETOLD_SPAN:]:
            if same_event(target, g):
                if headline_only(target) and not headline_only(g):
                    # the body tells what the headline sums up: its words type the event
                    target.mentions[:0] = g.mentions
                else:
                    target.mentions.extend(g.mentions)
                break
        else:
            out.append(g)
    return out


def headline_only(g: Group) -> bool:
    """A group told only by the text's first sentence, undated there: a headline's summary."""
    return all(m.sentence_index == 0 and m.date_basis in (PUBLISHED, LEDE, REPORT, "") for m in g.mentions)


def same_event(a: Group, b: Group) -> bool:
    la, lb = a.lead, b.lead
    if not compatible_kind(la, lb):
        return False
    da, db = a.date_mention(), b.date_mention()
    if (la.event_type != lb.event_type and family(la) != "demonstration"
            and not (la.casualty_only or lb.casualty_only or same_day(da, db) or headline_only(a))):
        return False  # a headline's "gang attack" may be the body's attack on residents
    one_protest = family(la) == family(lb) == "demonstration"
    if not one_protest and {x.sentence.start for x in a.mentions} & {y.sentence.start for y in b.mentions}:
        return False  # the text split them on purpose (but "clashes broke out with demonstrators
        # protesting the arrests" is one protest, told as a clash and as a protest)
    if lb.additive or la.additive:
        return False
    if da is not None and db is not None and not compatible_dates(da, db):
        return False
    pa, pb = a.place(), b.place()
    if pa is None and pb is None and family(la) == "violent" and not (
            da is not None and db is not None and EVENT in (da.date_basis, db.date_basis, CONTEXT)):
        return False  # two undated, unplaced killings are too thin to call one
    if not compatible_places(pa, pb):
        return False
    # both precise and explicit: the same day and the same place or one inside the other
    return True


def same_day(a: Mention | None, b: Mention | None) -> bool:
    """Two violent mentions said of the same day: one event told from two sides."""
    return (a is not None and b is not None and a.date_basis == EVENT and b.date_basis == EVENT
            and a.date.precision == 1 and b.date.precision == 1 and a.date.best == b.date.best)


def event_id_for(doc_id: str, m: Mention) -> str:
    key = f"{doc_id}|{m.sentence.start}|{m.trigger.start}|{m.event_type}"
    return "cc" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:14]


# "claimed responsibility, saying its fighters had killed twenty soldiers": the perpetrators' toll
PERPETRATORS_CLAIM = re.compile(r"\bclaim\w*\b[^.]{0,80}?\b(?:saying|said|says)\b|"
                                # "the rebels claimed to have killed nine", "claimed they killed 20"
                                r"\bclaim(?:s|ed|ing)?\s+(?:to\s+have\s+|(?:that\s+)?(?:it|they)\s+(?:had\s+)?)"
                                r"(?:killed|wounded|shot)\b|"
                                r"\b(?:its|their) (?:own )?(?:fighters?|militants?|men|members|mujahideen)\b[^.]{0,40}?"
                                r"\b(?:had |have )?(?:killed|wounded)\b", re.I)


def perpetrators_claim(m: Mention) -> bool:
    """Whether the mention's deed is told as the perpetrators' claim: its trigger lies in the
    claim or just after it ("The army said four soldiers were killed, while the rebels claimed
    to have killed nine": the nine, not the four)."""
    at = m.trigger.start - m.sentence.start
    return any(c.start() <= at <= c.end() + CLAIM_REACH for c in PERPETRATORS_CLAIM.finditer(m.sentence.text))


CLAIM_REACH = 60  # characters after "claimed ..., saying" in which the claimed deed is told


def group_count(mentions: list[Mention], name: str, strike: bool = False) -> int | None:
    """Mentions of one event restate its counts (the largest holds) unless a mention adds to
    what was told before it ("Gunmen killed six soldiers ... Two of the attackers were also
    killed"); an "also" with nothing counted before it adds to nothing. The toll the
    perpetrators claim counts only where no one else gives one (ACLED codes the conservative
    figure). `strike`: the event is a strike from the air or by artillery, whose armed dead are
    its targets, not attackers killed besides them."""
    counted = [m for m in mentions if getattr(m.counts, name) is not None]
    independent = [m for m in counted if not perpetrators_claim(m)]
    if independent:
        mentions = independent
    if name == "killed":
        final = [m for m in mentions if m.counts.killed is not None and not SUPERSEDED.search(m.sentence.text)]
        mentions = final or mentions
    total = None
    sides: set[str] = set()
    risen, stated = False, False
    for m in sorted(mentions, key=lambda m: (m.sentence.start, m.trigger.start)):
        value = getattr(m.counts, name)
        if value is None:
            continue
        if total is not None and (m.adds_count or (name.startswith("killed") and other_sides_dead(m, sides, strike))):
            total += value
        elif total is not None and name == "killed" and not risen and stated and another_estimate(m, sides):
            total = min(total, value)
        else:
            total = value if total is None else max(total, value)
        risen = risen or m.toll_update or m.toll_raised
        # two sources' figures are weighed only where both are given as figures
        stated = stated or (total == value and told_as_figure(m.sentence.text, value, singular=True))
        sides |= set(m.counts.killed_sides)
    return total


# "police initially said two officers had been killed": a figure the story says was later replaced
SUPERSEDED = re.compile(r"\b(?:initially|earlier|first)\s+(?:said|reported|put|gave|announced)\b|"
                        r"\b(?:initial|preliminary|earlier) (?:figures?|tolls?|reports? (?:said|put|had))\b", re.I)


def another_estimate(m: Mention, sides: set[str]) -> bool:
    """A later sentence that gives the same dead as another source's figure ("A rights group said
    six people had died"): ACLED keeps the lower of two sources' figures. A toll told as risen,
    and the dead of another side, are no second estimate."""
    mine = set(m.counts.killed_sides)
    # "people" may be any side's dead, though not a toll told with no side ("the toll rose to nine")
    same_dead = mine == sides or (UNSPECIFIED_DEAD in mine | sides and "" not in mine | sides)
    return (bool(m.report_spans) and not (m.toll_update or m.toll_raised) and same_dead
            and told_as_figure(m.sentence.text, m.counts.killed or 0))


def other_sides_dead(m: Mention, counted: set[str], strike: bool = False) -> bool:
    """'killing three soldiers and two civilians ... Eleven assailants were neutralised': the
    attackers' dead, told apart from their victims' already counted, add to them, and so do the
    forces' dead told after the enemy's (ACLED counts every death). The militants a strike
    killed are its targets: "people" it killed may be they."""
    mine = set(m.counts.killed_sides)
    if mine == {"armed"}:
        victims = {"state", "civilian"} | (set() if strike else {UNSPECIFIED_DEAD})
        return bool(counted & victims) and "armed" not in counted
    # "killed seven insurgents ... One soldier was killed in the fighting": the forces' own dead
    # after the enemy's
    return mine == {"state"} and counted == {"armed"}


def build_event(g: Group, doc: Document, published: date | None, default_place: PlaceMention | None,
                name_actor, document_text: str = "") -> Event:
    lead = g.lead
    if family(lead) == "demonstration":  # a protest is coded by the most it came to
        lead = max((m for m in g.mentions if family(m) == "demonstration"),
                   key=lambda m: DEMONSTRATION_SEVERITY[m.sub_event_type])
    dm = g.date_mention()
    pm = g.place() or default_place
    place = pm.place if pm else None
    killed = group_count(g.mentions, "killed", strike=lead.sub_event_type in STATE_WEAPONS)
    # what followed the event (arms recovered, suspects hunted, forces sent) names no role of its own
    told = [m for m in g.mentions if not m.aftermath] or g.mentions
    event = Event(
        event_id=event_id_for(doc.doc_id, g.first),
        event_date=dm.date.best if dm else None,
        date_start=dm.date.start if dm else None,
        date_end=dm.date.end if dm else None,
        time_precision=dm.date.precision if dm else None,  # undated: no precision to claim
        disorder_type=disorder_type(lead.event_type, lead.sub_event_type),
        event_type=lead.event_type,
        sub_event_type=lead.sub_event_type,
        fatalities=killed or 0,
        fatalities_low=group_count(g.mentions, "killed_low"),
        fatalities_high=group_count(g.mentions, "killed_high"),
        injured=group_count(g.mentions, "injured"),
        abducted=group_count(g.mentions, "abducted"),
        arrested=group_count(g.mentions, "arrested"),
        perpetrators=union(m.perpetrators for m in told) if did_harm(lead) else [],
        victims=names_union(m.victims for m in told),
        targets=civilian_targets(lead, union(m.targets for m in told)) if did_harm(lead) else [],
        weapons=union(m.weapons for m in g.mentions if m in told or m.weapons_at_scene),
        confidence=max(m.confidence for m in g.mentions),
    )
    if lead.sub_event_type == "Armed clash" and not event.targets and not event.victims:
        # two armed sides fought, hitting no one else: actor1 and actor2 tell who; the group the
        # article holds responsible is still credited later (resolve.attribution)
        event.perpetrators = []
    if place is not None:
        fill_place(event, pm, inferred=g.place() is None)
    event.sources = [evidence(doc, published, m.sentence) for m in dedupe_sentences(g.mentions)]
    assign_actors(event, g, name_actor, document_text)
    event.notes = note_for(event)
    return event


# Events in which no one did harm: who made an arrest, seized arms, signed an accord or marched
# peacefully are the event's actors (actor1), not perpetrators, and what they raided no target
HARMLESS_SUB_TYPES = {"Arrests", "Disrupted weapons use", "Agreement", "Change to group/activity",
                      "Headquarters or base established", "Non-violent transfer of territory",
                      "Other", "Peaceful protest"}


def did_harm(m: Mention) -> bool:
    return m.sub_event_type not in HARMLESS_SUB_TYPES


MILITARY_WORDS = {"military", "army", "police", "brigade", "battalion", "barracks", "troops",
                  "garrison", "base", "post", "posts", "headquarters", "convoy", "patrol", "company",
                  "detachment", "armored", "vehicles", "aircraft", "helicopter", "positions"}


def civilian_targets(m: Mention, targets: list[str]) -> list[str]:
    """In a battle the armed sides fought each other: their posts, convoys and barracks are where
    it was fought, not targets of the violence; a power station or a village hit is one."""
    if m.sub_event_type != "Armed clash":
        return targets
    return [t for t in targets if not set(t.lower().split()) & MILITARY_WORDS]


# What the parser leaves of a dateline at the head of a sentence: ", India - ", ", Somalia (March 14) - "
DATELINE_REST = re.compile(r"^\s*,[^.\n]{0,60}?\s[-\u2013\u2014]{1,2}\s+")


def evidence(doc: Document, published: date | None, sentence: Span) -> Source:
    """The sentence that tells the event, without the tail of a dateline cut off before it."""
    text = sentence.text
    rest = DATELINE_REST.match(text)
    start = sentence.start + (rest.end() if rest else 0)
    body = text[rest.end():] if rest else text
    lead = len(body) - len(body.lstrip())
    return Source(doc.doc_id, doc.source, doc.url, published, body.strip(), start + lead, sentence.end)


def fill_place(event: Event, pm: PlaceMention, inferred: bool) -> None:
    from .resolve.history import as_of

    place = as_of(pm.place, event.event_date)
    event.iso3, event.country = place.iso3, place.country
    event.admin1, event.admin2 = place.admin1, place.admin2
    event.location = place.name
    event.latitude, event.longitude = place.latitude, place.longitude
    event.geonameid = place.geonameid
    event.geo_precision = max(pm.geo_precision, 2) if inferred and not place.is_country else pm.geo_precision
    if place.is_country:
        event.geo_precision = 3


def side_candidates(g: Group) -> list[Actor]:
    """Every side the mentions of the event name, the lead's first; those who only came
    afterwards ('soldiers were deployed to the area', 'police arrested three suspects in
    connection with the bombing') when no one else is named."""
    out: list[Actor] = []
    later: list[Actor] = []
    lead = g.lead
    for m in [lead] + [m for m in g.mentions if m is not lead]:
        for actor in (m.actor1, m.actor2):
            if actor is not None and (actor.mention or actor.inter):
                (later if m.aftermath else out).append(actor)
    return out or later


def agents_of(g: Group) -> set[int]:
    """The ids of the sides the mentions name as the doers (their actor1), not as the ones done to."""
    return {id(m.actor1) for m in g.mentions if m.actor1 is not None}


# weapons an armed group seldom has: with no doer named, who fired them is not guessed
STATE_WEAPONS = {"Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"}
# ACLED codes every protest with its protesters and every riot with its rioters as actor1,
# named or not: the force that intervened is actor2
CROWD_SIDE = {"Protests": Actor(name="", inter=6), "Riots": Actor(name="", inter=5)}


def pick_sides(event_type: str, candidates: list[Actor], agents: set[int] | None = None,
               sub_event_type: str = "") -> tuple[Actor | None, Actor | None]:
    """ACLED order: in a battle the state's forces first, then the armed group; in violence
    against civilians and remote violence the perpetrator (a side named as the doer before one
    named as the target), then the civilians; in a protest or riot the crowd, then the force.
    Named sides beat default ones."""
    named = [a for a in candidates if a.mention] + [a for a in candidates if not a.mention]
    doers = [a for a in named if agents is None or id(a) in agents]
    told = [a for a in candidates if a.mention]
    if event_type == "Battles" and not any(a.inter == 1 for a in told) and \
            len({a.mention.lower() for a in told if a.inter in (2, 3, 4, 8)}) >= 2:
        # two non-state sides named ("fighting between the ELN and FARC dissidents"): no default state
        first = next(a for a in told if a.inter in (2, 3, 4, 8))
        return first, next(a for a in told if a.inter in (2, 3, 4, 8) and a.mention.lower() != first.mention.lower())
    if event_type == "Battles":
        state = next((a for a in named if a.inter == 1), None)
        armed = next((a for a in named if a.inter in (2, 3, 4, 8) and a is not state), None)
        first = state or armed
        second = armed if state else next((a for a in named if a.inter in (2, 3, 4, 8) and a is not first), None)
        return first, second
    if event_type in ("Violence against civilians", "Explosions/Remote violence"):
        # forces told only as the ones hit ("soldiers were killed when a bomb hit their
        # vehicle") are the target, never the perpetrator: with no doer named, the attacker is
        # an unidentified armed group
        hit_forces = [a for a in named if a.inter == 1 and agents is not None and id(a) not in agents]
        hit_ids = {id(a) for a in hit_forces}
        remote = event_type == "Explosions/Remote violence"
        # an armed group told only as struck ("warplanes struck rebel positions", "gunmen stormed
        # a militia's post") is the target of a deed whose author is told
        hit_armed = [a for a in named if a.inter in (2, 3, 4) and a.mention and agents is not None
                     and id(a) not in agents]
        able = [a for a in doers + named if a.inter in (1, 2, 3, 4, 5, 8) and id(a) not in hit_ids]
        perpetrator = next((a for a in able if a not in hit_armed), able[0] if able else None)
        if perpetrator is None and hit_forces and remote and sub_event_type not in STATE_WEAPONS:
            perpetrator = Actor(name="", inter=3)
        # the victims the text names, then forces it names as hit, then the type's default victims
        victims = [a for a in named if a.inter in (6, 7) and a.mention] + (hit_forces if remote else []) + \
            hit_armed + [a for a in named if a.inter in (6, 7) and not a.mention]
        return perpetrator, next((a for a in victims if a is not perpetrator), None)
    if event_type == "Protests":
        lead_kinds = (6,)
    elif event_type == "Riots":
        # a demonstration that turned violent is its rioters'; a mob may be a militia's, when
        # the text names one: the unnamed gunmen another reading of the event assumed are not
        lead_kinds = (5,) if sub_event_type == "Violent demonstration" else (5, 4, 3)
        named = [a for a in named if a.mention or a.inter == 5]
    else:  # strategic developments: arrests and seizures are made by the state
        lead_kinds = (1, 8, 2, 3, 4)
    if event_type in CROWD_SIDE and not any(a.inter in lead_kinds for a in named):
        named = [CROWD_SIDE[event_type]] + named
    first = next((a for kind in lead_kinds for a in named if a.inter == kind), named[0] if named else None)
    second = next((a for a in named if a is not first and a.inter != (first.inter if first else -1)), None)
    return first, second


def reassign_actors(event: Event, g: Group, name_actor, document_text: str = "") -> None:
    """The sides again, for an event whose type was settled anew after it was built (the
    detector's type): who leads depends on the type, the crowd in a riot, the force in a battle."""
    event.actor1, event.inter1, event.actor2, event.inter2 = "", 0, "", 0
    event.civilian_targeting = ""
    assign_actors(event, g, name_actor, document_text)


def assign_actors(event: Event, g: Group, name_actor, document_text: str = "") -> None:
    a1, a2 = pick_sides(event.event_type, side_candidates(g), agents_of(g), event.sub_event_type)
    # the story's text holds the event's sentences; without it (a caller that gives none) they are read
    attributed = bool(ATTRIBUTED.search(document_text)) if document_text else any(
        ATTRIBUTED.search(m.sentence.text) for m in g.mentions)
    if event.sub_event_type == "Air/drone strike" and (a1 is None or not a1.mention) and not attributed:
        # a strike from the air no one is named for nor blamed with: ACLED gives it to the
        # state's forces, the side that has aircraft where no armed group is said to fly drones
        a1 = Actor(name="", inter=1, mention="")
    # a sentence that says no group claimed it names groups only to say they did not
    context = " ".join(m.sentence.text for m in g.mentions if not NO_CLAIM.search(m.sentence.text))
    # the group a sentence names as another side ("gunmen stormed an outpost of the
    # Taliban") does not name the unnamed attackers
    others = [a.mention for a in side_candidates(g) if a.mention and a1 is not None and a.mention != a1.mention]
    n1 = name_the_group(name_actor, a1, event.iso3, without_phrases(context, others), document_text)
    n2 = name_the_group(name_actor, a2, event.iso3, context, document_text)
    if n1 is not None and n2 is not None and n1.name == n2.name:
        n2 = None
    if n1 is None and n2 is not None:
        n1, n2 = n2, None
    if n1 is not None:
        event.actor1, event.inter1 = n1.name, n1.inter
    if n2 is not None:
        event.actor2, event.inter2 = n2.name, n2.inter
    if event.inter2 == 7 or event.event_type == "Violence against civilians":
        event.civilian_targeting = "Civilian targeting"


ATTRIBUTED = re.compile(r"\b(?:claim(?:s|ed|ing)? (?:the )?(?:responsibility|attack|strike)|"
                        r"attribut(?:e|es|ed|ing)|blam(?:e|es|ed|ing)|accus(?:e|es|ed|ing))\b", re.I)


def without_phrases(text: str, phrases: list[str]) -> str:
    for phrase in sorted(phrases, key=len, reverse=True):
        text = text.replace(phrase, " ")
    return text


def name_the_group(name_actor, actor: Actor | None, iso3: str, context: str, document_text: str) -> Actor | None:
    """The ACLED name of a side; unnamed gunmen take the name of the one group the article
    names again and again ("police said they belonged to the group")."""
    if said_unknown(actor):
        # told as unknown, the doers are a group only where a sentence of the event says it claimed it
        context = " ".join(s for s in re.split(r"(?<=[.!?])\s+", context) if CLAIM.search(s))
        return name_actor(actor, iso3, context)
    named = name_actor(actor, iso3, context)
    if (named is not None and named.name.startswith("Unidentified Armed Group") and document_text
            and named_often(document_text, iso3)):
        return name_actor(actor, iso3, document_text)
    return named


def said_unknown(actor: Actor | None) -> bool:
    """'unknown assailants', 'unidentified gunmen': the report says who did it is not known, so
    the group the article names elsewhere is not given the deed."""
    return actor is not None and bool(UNKNOWN_DOER.search(actor.mention or ""))


UNKNOWN_DOER = re.compile(r"\b(?:unknown|unidentified|unnamed|masked)\b", re.I)


def named_often(text: str, iso3: str) -> bool:
    """Whether one armed group is named at least twice in the article, so that unnamed gunmen in
    it are that group."""
    from .resolve.actors import named_group

    entry = named_group(text, iso3=iso3, inters={2, 3, 4})
    if entry is None:
        return False
    sentences = [s for s in text.replace("\n", " ").split(". ") if entry.pattern.search(s)]
    # twice named, or named once as claiming the attack just told ("Al-Shabab claimed
    # responsibility"), not as claiming another one ("... for two blasts in the port last month")
    return len(sentences) >= 2 or any("claim" in s.lower() and not OTHER_TIME.search(s)
                                      and not NO_CLAIM.search(s) for s in sentences)


OTHER_TIME = re.compile(r"\d|\b(?:January|February|March|April|May|June|July|August|September|October|"
                        r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                        r"last|earlier|previous)\b")


def names_union(lists) -> list[str]:
    """Names of people, once each: "Quintero" after "Waldemar Franklin Quintero" is the same
    person, told again by surname."""
    names = union(lists)
    full = [n.lower().split() for n in names]
    return [n for n, words in zip(names, full)
            if not (len(words) == 1 and any(len(f) > 1 and words[0] in f for f in full))]


def union(lists) -> list[str]:
    out: list[str] = []
    for items in lists:
        for item in items:
            if item not in out:
                out.append(item)
    return out


def dedupe_sentences(mentions: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in sorted(mentions, key=lambda m: m.sentence.start):
        if m.sentence.start not in seen:
            seen.add(m.sentence.start)
            out.append(m)
    return out


def note_for(event: Event) -> str:
    where = f" in {event.location}" if event.location else ""
    when = f" on {event.event_date.isoformat()}" if event.event_date else ""
    who = event.actor1 or "An unidentified actor"
    other = f" and {event.actor2}" if event.actor2 else ""
    deaths = f"; {event.fatalities} killed" if event.fatalities else ""
    return f"{event.sub_event_type}{where}{when}: {who}{other}{deaths}."
