"""Give each mention the date and the place that the text says for it.

A date said in the mention's own clause is the event's ("killed on November 29"); one said in
the reporting clause above it ("police said on Thursday that ...") bounds it from above; a
sentence opening with "That raid" or "The attack" borrows the last date of the sentence before;
otherwise the publication date stands in, marked as such so that merging prefers any other.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date, timedelta

from .. import lang
from ..records import Mention, Parsed, PlaceMention, ResolvedDate, SpanSet
from .dates import dateline_day, find_dates

REPORTING_VERBS = set(lang.words("cue.reporting"))  # 'police said on Thursday that ...'
TOLL_RISES = lang.alternation("cue.toll_rises")  # 'the toll rose to 14 on Tuesday'

EVENT, REPORT, CONTEXT, PUBLISHED = "event", "report", "context", "published"
LEDE = "lede"  # the story's date, given in its first sentences and claimed by no event there
ANAPHORIC_OPENERS = ("that ", "this ", "the same ", "those ", "these ", "the attack", "the raid",
                     "the operation", "the blast", "the explosion", "the clash", "the incident")


def story_anchors(clean) -> list[tuple[int, date | None]]:
    """Where each release of the text starts and the day it was issued.

    Releases are sometimes run together, each under its own dated dateline ("KABUL,
    Afghanistan (April 4, 2011)"): "yesterday" under the second counts from its own day. The
    first release is dated by the document's publication date.
    """
    anchors: list[tuple[int, date | None]] = [(0, clean.published)]
    if clean.published is None:
        return anchors
    datelines = sorted((b for b in clean.boilerplate if b.label == "dateline"), key=lambda b: b.start)
    for b in datelines[1:]:
        day = dateline_day(b.text, anchors[-1][1])
        if day is not None and day <= anchors[-1][1] + timedelta(days=62):
            anchors.append((b.start, day))
    return anchors


def story_of(anchors: list[tuple[int, date | None]], position: int) -> int:
    return max(i for i, (start, _) in enumerate(anchors) if start <= position)


def sentence_dates(parsed: Parsed, anchors: list[tuple[int, date | None]]) -> dict[int, list[ResolvedDate]]:
    """Dates of each sentence (keyed by sentence start), with offsets into the document, each
    read against the day of its release (`story_anchors`); the date of a dateline ("KABUL,
    Afghanistan (Feb. 21, 2011)") is the report's, not an event's."""
    text = parsed.clean.text
    marked = SpanSet(parsed.clean.boilerplate)
    out: dict[int, list[ResolvedDate]] = {}
    last_day = None  # "later that day" in a sentence of its own counts from the story's last day
    story = 0
    for sent in parsed.sentences:
        if story_of(anchors, sent.start) != story:
            story, last_day = story_of(anchors, sent.start), None
        anchor = anchors[story][1]
        found = [shift(d, sent.start) for d in find_dates(text[sent.start:sent.end], anchor, last_day)]
        out[sent.start] = [d for d in found if not marked.holds(d.start_char)]
        days = [d.best for d in out[sent.start] if d.precision == 1]
        last_day = days[-1] if days else last_day
    return out


def shift(d: ResolvedDate, offset: int) -> ResolvedDate:
    return ResolvedDate(d.best, d.start, d.end, d.precision, d.text,
                        d.start_char + offset, d.end_char + offset)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e + 1 for s, e in spans)


def nearest(items, position: int):
    """The item (a ResolvedDate or a PlaceMention) that starts closest to `position`."""
    def start(item) -> int:
        return item.start_char if isinstance(item, ResolvedDate) else item.start

    return min(items, key=lambda item: abs(start(item) - position)) if items else None


def publication_stand_in(anchor: date) -> ResolvedDate:
    """The report's own date: the event happened on it or in the days just before."""
    return ResolvedDate(anchor, anchor - timedelta(days=2), anchor, 2, "", -1, -1)


def reported_day(d: ResolvedDate) -> ResolvedDate:
    """The day a report was made, standing in for an event it gives no day of: it happened then
    or in the days just before, so the day is the best guess and the precision is the week's."""
    if d.precision != 1:
        return d
    return replace(publication_stand_in(d.best), text=d.text, start_char=d.start_char, end_char=d.end_char)


DEICTIC = ("today", "tonight", "yesterday", "overnight", "last night", "this morning", "earlier today")


def best_own_date(dates: list[ResolvedDate], position: int) -> ResolvedDate:
    """'an overnight operation in Wardak Monday': the named day over the deictic word."""
    named = [d for d in dates if not d.text.lower().strip().startswith(DEICTIC) and d.precision == 1]
    deictic = [d for d in dates if d not in named]
    if named and deictic and all(d.precision == 1 for d in deictic):
        return nearest(named, position)
    return nearest(dates, position)


REPORT_WORDS = REPORTING_VERBS | {"confirm", "confirms", "announce", "announces", "report", "say"}
_WORD = re.compile(r"[A-Za-z']+")


TOLL_UPDATE = re.compile(rf"\b(?:{TOLL_RISES})\s+to\s+(?:at least\s+)?"
                         r"[\w,]+\s+(?:on\s+|by\s+)?$", re.I)


LATER_DEATH = re.compile(r"(?:\bsuccumbed\b(?: to (?:his|her|their|the) (?:injuries|wounds))?|\bdied\b(?: later)?"
                         r"(?: (?:of|from) (?:his|her|their|the) (?:injuries|wounds))?(?: (?:in|at) (?:a |the )?"
                         r"(?:\w+ )?hospital)|\bdied (?:of|from) (?:his|her|their|the) (?:injuries|wounds))"
                         r",?\s+(?:on\s+|late\s+|early\s+)?$", re.I)


def dates_the_report(text: str, d: ResolvedDate) -> bool:
    """A day said right beside a reporting verb dates the report, whatever the parse hung it
    on: "the army confirmed yesterday that ... died", "the ministry, today, confirmed the arrest",
    "police said on Tuesday"."""
    if TOLL_UPDATE.search(text[max(0, d.start_char - 40):d.start_char]):
        return True  # "the toll rose to 14 on Tuesday": the day of the count, not of the deaths
    if LATER_DEATH.search(text[max(0, d.start_char - 50):d.start_char]):
        return True  # "died in hospital on Monday": ACLED dates a death of wounds to the attack
    before = [w.lower() for w in _WORD.findall(text[max(0, d.start_char - 24):d.start_char])]
    if before and before[-1] == "on":
        before.pop()
    after = _WORD.match(text[d.end_char:d.end_char + 20].lstrip(" ,"))
    return bool(before and before[-1] in REPORT_WORDS) or bool(after and after.group(0).lower() in REPORT_WORDS)


def assign_date(mention: Mention, dates_here: list[ResolvedDate], dates_before: list[ResolvedDate],
                anchor: date | None, text: str = "") -> None:
    reported = [d for d in dates_here if dates_the_report(text, d)] if text else []
    own = ([d for d in dates_here if inside(mention.clause_spans, d.start_char, d.end_char) and d not in reported]
           or [d for d in dates_here if inside(mention.context_spans, d.start_char, d.end_char)
               and d not in reported])
    if own:
        mention.date, mention.date_basis = best_own_date(own, mention.trigger.start), EVENT
        return
    framed = [d for d in dates_here if inside(mention.report_spans, d.start_char, d.end_char)
              or (d in reported and inside(mention.clause_spans, d.start_char, d.end_char))]
    if framed:
        mention.date, mention.date_basis = reported_day(nearest(framed, mention.trigger.start)), REPORT
        return
    opener = mention.sentence.text.lstrip().lower()
    if dates_before and opener.startswith(ANAPHORIC_OPENERS):
        mention.date, mention.date_basis = dates_before[-1], CONTEXT
        return
    if anchor is not None:
        mention.date, mention.date_basis = publication_stand_in(anchor), PUBLISHED


def assign_place(mention: Mention, places: list[PlaceMention], sentence_places: list[PlaceMention] = ()) -> None:
    own = ([p for p in places if inside(mention.clause_spans, p.start, p.end)]
           or [p for p in places if inside(mention.context_spans, p.start, p.end)])
    if not own:
        return
    best_precision = min(place_rank(p) for p in own)
    mention.place = nearest([p for p in own if place_rank(p) == best_precision], mention.trigger.start)
    if mention.place.place is not None and mention.place.place.is_admin:
        town = town_named_in(mention.place, sentence_places)
        if town is not None:
            mention.place = town


POSSESSIVE = re.compile(r"^['\u2019]s?\s+$")


_POSSESSIVE_AFTER = re.compile(r"['\u2019]s?\s+")


def possessor_of_place(p: PlaceMention, places: list[PlaceMention], text: str,
                       starts: set[int] | None = None) -> bool:
    """'Idlib's Ariha', 'Chhattisgarh's Bijapur district': the region that owns the place named.

    Only the characters right after `p` are read (a place must start where its possessive and
    the space after it end), so the cost does not grow with the number of places; `starts`, the
    start offsets of `places`, may be given once for many calls."""
    m = _POSSESSIVE_AFTER.match(text, p.end)
    if m is None:
        return False
    starts = starts if starts is not None else {q.start for q in places}
    return any(x in starts and POSSESSIVE.match(text[p.end:x]) for x in range(p.end + 1, m.end() + 1))


def town_named_in(region: PlaceMention, places: list[PlaceMention]) -> PlaceMention | None:
    """'a councillor in Teloloapan, in the southern state of Guerrero, who was shot dead': the
    parse hung the killing on the region; the town the sentence names inside it is where it was."""
    admin = region.place
    towns = [p for p in places if p.place is not None and not p.place.is_admin and not p.place.is_country
             and p.place.iso3 == admin.iso3 and p.place.admin1 == admin.admin1 and p.qualifier in ("", "near")]
    return towns[0] if len(towns) == 1 else None


def place_rank(p: PlaceMention) -> int:
    """Lower is more specific: a town, then an admin region, then a country."""
    if p.place is None:
        return 9
    if p.place.is_country:
        return 3
    if p.place.is_admin:
        return 2 if p.place.feature_code == "ADM2" else 2
    return 1


def event_places(places: list[PlaceMention], text: str) -> list[PlaceMention]:
    """Places that can be where something happened: not "fighters from Tajikistan"."""
    from .gazetteer import is_region_id

    out = []
    for p in places:
        if p.place is None:
            continue
        if p.qualifier == "demonym" or is_region_id(p.place.geonameid):
            continue  # "Turkish" is no place; "West Africa" no GeoNames place an event can carry
        before = text[max(0, p.start - 12):p.start].lower().split()
        if before and before[-1] in ("from", "to", "into", "toward", "towards") and not p.qualifier.endswith(" from"):
            continue  # but "20 km from Bandiagara", "not far from Gao" say where it was
        if TOWARDS_A_BORDER.search(text[max(0, p.start - 45):p.start]):
            continue  # "withdrawing towards the border with Burkina Faso": where they went
        if CARED_FOR_IN.search(text[max(0, p.start - 40):p.start]):
            continue  # "flown to the army hospital in Gulu": where the wounded were treated
        out.append(p)
    return out


CARED_FOR_IN = re.compile(r"\b(?:hospital|hospitals|clinic|morgue|mortuary|health centre|health center)\s+"
                         r"(?:in|at)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
TOWARDS_A_BORDER = re.compile(r"\b(?:to|towards?|into|from|across)\s+(?:the\s+)?(?:\w+\s+)?(?:border|frontier)"
                              r"\s+(?:with\s+|of\s+)?$", re.I)


def proximity_owner(mentions: list[Mention], position: int) -> Mention:
    """The mention a date or place at `position` most likely belongs to: the nearest trigger
    before it ("seized ... on August 23"), or the first one when it opens the sentence."""
    before = [m for m in mentions if m.trigger.start <= position]
    if before:
        return max(before, key=lambda m: m.trigger.start)
    return min(mentions, key=lambda m: m.trigger.start)


def claimed_by(mention: Mention, siblings: list[Mention], position: int) -> bool:
    return len(siblings) < 2 or proximity_owner(siblings, position) is mention


def resolve_sentence(mentions: list[Mention], dates_here, dates_before, places, anchor, text: str = "") -> None:
    free_dates = [d for d in dates_here if not any(inside(m.report_spans, d.start_char, d.end_char)
                                                   for m in mentions) and not dates_the_report(text, d)]
    for m in mentions:
        mine = [d for d in dates_here if claimed_by(m, mentions, d.start_char)
                or inside(m.report_spans, d.start_char, d.end_char)]
        assign_date(m, mine, dates_before, anchor, text)
        if m.date_basis != EVENT and len(mentions) > 1 and not m.anaphoric:
            # the parse hung the date on another clause; the nearest trigger before it owns it
            near = [d for d in free_dates if claimed_by(m, mentions, d.start_char)]
            if near:
                m.date, m.date_basis = nearest(near, m.trigger.start), EVENT
        if m.date_basis != EVENT:
            below = [d for d in free_dates if inside(m.trigger_spans, d.start_char, d.end_char)
                     and not inside(m.aside_spans, d.start_char, d.end_char)]
            if below:
                m.date, m.date_basis = nearest(below, m.trigger.start), EVENT
        name_the_night(m, [d for d in dates_here if not dates_the_report(text, d)])
        mine_places = [p for p in places if claimed_by(m, mentions, p.start)]
        assign_place(m, mine_places, places)
        if m.place is None:
            # several events in one sentence: the places nearest after each trigger; one event:
            # only the words that depend on its trigger ("clashes in southern Kyrgyzstan")
            fallback = mine_places if len(mentions) > 1 else [
                p for p in mine_places if inside(m.trigger_spans, p.start, p.end)]
            if fallback:
                best = min(place_rank(p) for p in fallback)
                m.place = nearest([p for p in fallback if place_rank(p) == best], m.trigger.start)


NIGHT_WORDS = ("overnight", "last night", "tonight")


def name_the_night(m: Mention, sentence_dates: list[ResolvedDate]) -> None:
    """'in an overnight raid in Hiraan region Thursday': a night runs over two
    days; the day named beside it in the sentence says which, wherever the parse hung it."""
    if m.date_basis != EVENT or m.date is None or not m.date.text.lower().strip().startswith(NIGHT_WORDS):
        return
    named = [d for d in sentence_dates if d.precision == 1 and not d.text.lower().strip().startswith(DEICTIC)
             and abs((d.best - m.date.best).days) <= 1]
    if named:
        m.date = nearest(named, m.trigger.start)


def resolve_mentions(parsed: Parsed, mentions: list[Mention], places: list[PlaceMention]) -> list[Mention]:
    """Dates and places for every mention (in place), in text order."""
    anchor = parsed.clean.published
    anchors = story_anchors(parsed.clean)
    by_sentence = sentence_dates(parsed, anchors)
    starts = [s.start for s in parsed.sentences]
    previous: dict[int, list[ResolvedDate]] = {}
    for prev, cur in zip(starts, starts[1:]):
        previous[cur] = by_sentence.get(prev, [])
    usable = event_places(places, parsed.clean.text)
    starts = {q.start for q in usable}
    usable = [p for p in usable if not possessor_of_place(p, usable, parsed.clean.text, starts)]
    per_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        mention.story = story_of(anchors, mention.sentence.start)
        per_sentence.setdefault(mention.sentence.start, []).append(mention)
    usable_starts = [p.start for p in usable]
    in_order = all(a <= b for a, b in zip(usable_starts, usable_starts[1:]))
    for start, group in per_sentence.items():
        end = start + len(group[0].sentence.text)
        if in_order:  # the places of the sentence by bisection, in the same order
            in_sentence = usable[bisect_left(usable_starts, start):bisect_left(usable_starts, end)]
        else:
            in_sentence = [p for p in usable if start <= p.start < end]
        resolve_sentence(group, by_sentence.get(start, []), previous.get(start, []), in_sentence,
                         anchors[group[0].story][1], parsed.clean.text)
    lede = lede_date(parsed, by_sentence, mentions)
    if lede is not None:
        for mention in mentions:
            if mention.date_basis == PUBLISHED and mention.story == 0:
                mention.date, mention.date_basis = lede, LEDE
    if anchor is not None and is_digest(parsed.clean):
        for m in mentions:
            if m.date_basis == PUBLISHED:
                m.date = digest_stand_in(anchors[m.story][1])
    carry_story_dates(mentions)
    date_headline(mentions, body_start(parsed.clean))
    return mentions


def is_digest(clean) -> bool:
    """A periodic update ("Morning Operational Update", "Daily Security Report", a sitrep),
    told by its title above the dateline."""
    opening = body_start(clean)
    return opening > 0 and DIGEST.search(clean.text[:opening]) is not None


def digest_stand_in(anchor: date) -> ResolvedDate:
    """An undated item of a periodic update tells the period since the last issue: the
    days before the update, the day before it at best, not the update's own day."""
    return ResolvedDate(anchor - timedelta(days=1), anchor - timedelta(days=2), anchor, 2, "", -1, -1)


DIGEST = re.compile(r"\b(?:morning|evening|daily|nightly)\s+(?:\w+\s+)?(?:update|report|brief(?:ing)?|summary|round-?up)\b|"
                    r"\bsituation\s+report\b|\bsitrep\b", re.I)


def date_headline(mentions: list[Mention], opening: int, lede_sentences: int = 3) -> None:
    """A headline above the dateline tells the story's first event: "Insurgents Killed in
    Raid" takes the day of "... killed 12 insurgents in Baghlan Sunday", not the report's."""
    if opening <= 0:
        return
    body = sorted((m for m in mentions if m.sentence.start >= opening),
                  key=lambda m: (m.sentence.start, m.trigger.start))
    if not body:
        return
    first_index = body[0].sentence_index
    story = next((m for m in body if m.sentence_index - first_index < lede_sentences
                  and m.date_basis == EVENT and m.date is not None and m.date.precision == 1), None)
    if story is None:
        return
    for m in mentions:
        if m.sentence.end <= opening and m.date_basis == PUBLISHED:
            m.date, m.date_basis = story.date, LEDE


FOLLOW_UP = re.compile(
    r"\b(?:in connection with|suspected of|accused of|over|for|after|following|behind)\s+"
    r"(?:the|this|that|last\s+\w+'s|\w+'s)\s+(?:\w+\s+)?(?:attack|attacks|bombing|bombings|blast|"
    r"explosion|killing|killings|murder|murders|ambush|raid|kidnapping|abduction|shooting)\b", re.I)


def carry_story_dates(mentions: list[Mention], reach: int = 6) -> None:
    """An undated event told right after a dated one is dated like it: "killed a facilitator in
    Khost yesterday. ... In addition, two suspected insurgents were detained." (weakly, so that
    any date of its own or a merge wins)."""
    last: Mention | None = None
    for m in sorted(mentions, key=lambda m: (m.sentence.start, m.trigger.start)):
        if last is not None and last.story != m.story:
            last = None  # a release run on after another is dated by its own dateline
        if m.date_basis == EVENT and m.date is not None and m.date.precision == 1:
            last = m
        elif (m.date_basis == PUBLISHED and last is not None
              and 0 < m.sentence_index - last.sentence_index <= reach
              and not FOLLOW_UP.search(m.sentence.text)):  # "arrested in connection with the bombing": later
            m.date, m.date_basis = last.date, LEDE


def anchor_ok(d: ResolvedDate, anchor: date | None) -> bool:
    """A story's own date lies in the month before its publication, not years off."""
    return anchor is not None and anchor - timedelta(days=31) <= d.best <= anchor


def body_start(clean) -> int:
    """Where the story begins: at its (first) dateline, or at the top when it has none."""
    datelines = [b.start for b in clean.boilerplate if b.label == "dateline"]
    return min(datelines, default=0)


def lede_date(parsed: Parsed, by_sentence: dict[int, list[ResolvedDate]], mentions: list[Mention],
              lede_sentences: int = 3) -> ResolvedDate | None:
    """The date of the story when the lede gives one that no event of its own claims:
    "Security forces targeted a Taliban leader in Helmand yesterday. ... Two suspects were
    detained." dates the detention."""
    claimed = {(m.date.start_char, m.date.end_char) for m in mentions if m.date is not None}
    # headlines, release numbers and bylines come before the lede: count sentences with a verb's
    # worth of words, after the dateline where there is one ("Operational Update, March 29" above
    # it titles the report, it does not date the story)
    opening = body_start(parsed.clean)
    body = [s for s in parsed.sentences if s.start >= opening
            and not parsed.clean.is_boilerplate(s.start, s.end) and len(s.text.split()) >= 8]
    for sent in body[:lede_sentences]:
        for d in by_sentence.get(sent.start, []):
            if dates_the_report(parsed.clean.text, d):
                continue  # "the army confirmed yesterday that ... died Wednesday": the report's day
            recent = anchor_ok(d, parsed.clean.published)
            if d.precision <= 2 and recent and (d.start_char, d.end_char) not in claimed:
                return d
            if (d.start_char, d.end_char) in claimed:
                return None  # the lede's date belongs to an event told there
    return None
