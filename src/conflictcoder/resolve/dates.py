"""Find date expressions in news text and resolve them against the publication date.

The pass is regex-first because it runs on every sentence of millions of articles:
a handful of precompiled patterns propose candidate spans, the longest non-overlapping
ones are kept, and each is turned into a `ResolvedDate` with plain date arithmetic.
dateparser is only a fallback inside `resolve_date` for a single expression the
patterns do not know, and it is imported lazily because importing it is slow.

Conventions (ACLED time_precision: 1 day, 2 week or a few days, 3 month or vaguer):

* Every expression denotes a range `start..end`; `best` is its midpoint, the earlier day
  on a tie. So a weekend's best day is the Saturday, a calendar week's is its Thursday,
  a month's is the 15th or 16th, "a week ago" is exactly seven days back.
* Ranges that would run past the anchor for a past-leaning expression ("this month",
  "in May" written in May, "this year") are cut at the anchor before taking the midpoint.
* Weekday names lean to the past and include the anchor day: "Tuesday" in a Tuesday
  article is that day, "Monday" is the day before. "last Tuesday" is strictly before
  the anchor, "next Tuesday" strictly after.
* "last night" / "overnight" is the night that ended on the anchor day: start = the day
  before, end = the anchor, best = the day before (the evening it began), precision 1.
  "Over the past 24 hours" is the day up to the report: the same range, best = the anchor.
  "Over the past two nights" starts two days back, "the past three days" two days back
  (the anchor day is one of them); both end at the anchor, precision 2.
* Day and month without a year ("on November 29") take the most recent such date not
  after the anchor (no scheduling slack, see FUTURE_SLACK_DAYS), so an article of
  2011-01-03 saying "December 30" means 2010-12-30. A month alone ("in May") is the most
  recent May whose first day is not after the anchor.
* "the previous day", "a day earlier", "two days later", "the same day" count from the
  last day-precise date found earlier in the same text (earlier sentences included when
  the caller passes it on), else from the anchor.
* A bare year counts only after "in", "since", "during", "until", "throughout" or
  "early/mid/late": "the 1997 cease-fire" names a year but dates no event.
* "May" and "March" alone are taken as months only when capitalised (or when the whole
  text is lower case) and introduced by a preposition ("in May"), or when a day or a
  year is attached; "he may attack" and "a protest march" are not dates.
* Explicit day ranges ("October 25-26", "22-23 August", "10 and 12 December") are
  precision 2 up to seven days, 3 beyond. "early/mid/late May" are days 1-10, 11-20 and
  21-end (precision 3); "early/mid/late 2011" are thirds of the year.
* "last weekend" is the Saturday-Sunday before the anchor's week (the previous one when
  the anchor is itself a weekend day); "over the weekend" the current or last one;
  "this weekend" the current one on Sat/Sun, the one just past on a Monday, else the
  coming one. "last week" is the previous Monday-Sunday; "the past week" the seven days
  up to the anchor.
* Reported spans leave out plain prepositions ("on", "in", "since") and keep words that
  change the meaning ("late", "last", "mid-").
* Without an anchor only expressions carrying their own year are resolved.
"""
from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from conflictcoder.records import ResolvedDate

__all__ = ["find_dates", "resolve_date", "find_publication_date", "FUTURE_SLACK_DAYS"]

# How many days after the anchor a year-less "November 29" may fall and still keep the
# anchor's year. 0: news reports past events, and a wrong future date is worse for event
# coding than a planned event resolved a year back (the modality stage drops those).
FUTURE_SLACK_DAYS = 0

# How far into an article datelines and "Posted:" stamps are looked for.
PUBLICATION_HEAD_CHARS = 1500

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "febr": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}
# Month words that are also common English words; see `_ambiguous_month_ok`.
_AMBIGUOUS_MONTHS = {"may", "march", "mar"}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a few": 3, "several": 4, "some": 3,
}
# Vague counts ("a few days ago") give a range of days, not a single day.
_VAGUE_COUNTS = {"a couple of", "a few", "several", "some"}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:r(?:uary)?)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# The full stop after a month is an abbreviation's ("Oct.", "Sept."), never a sentence's.
_MONTH_DOT = r"(?:(?<=sept)\.|(?<![a-z]{4})(?<!may)\.)?"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WEEKDAY_ABBR = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_RANGE_SEP = r"\s*(?:-|–|—|to|and|through|till|until)\s*"
_COUNT = r"(?:a\s+couple\s+of|a\s+few|several|some|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
_OPTIONAL_WEEKDAY = rf"(?:(?:{_WEEKDAY}|{_WEEKDAY_ABBR}),?\s+)?"

_FLAGS = re.IGNORECASE

# "November 29", "Tuesday, Nov. 29th, 2011", "Oct. 25-26", "Dec 04, 2011"
_MONTH_DAY = re.compile(
    rf"(?<![\w/.:-])(?<!\d\s)(?P<d>{_OPTIONAL_WEEKDAY}(?P<mon>{_MONTH}){_MONTH_DOT}\s+(?P<day>{_DAY})"
    rf"(?:{_RANGE_SEP}(?P<day2>{_DAY}))?(?:,?\s+(?P<year>(?:19|20)\d\d))?)(?![\w:/]|[.,]\d)",
    _FLAGS,
)
# "29 November", "12 JAN 90", "22-23 August", "the 5th of May 2010"
_DAY_MONTH = re.compile(
    rf"(?<![\w/.:,-])(?P<d>{_OPTIONAL_WEEKDAY}(?:the\s+)?(?P<day>{_DAY})(?:{_RANGE_SEP}(?P<day2>{_DAY}))?"
    rf"\s+(?:of\s+)?(?P<mon>{_MONTH})\b{_MONTH_DOT}(?:,?\s+(?P<year>(?:19|20)\d\d)|\s+(?P<yy>'?\d\d)(?=\s*(?:$|[(\[\])\-–—,.;:])|(?-i:\s+[A-Z]{{2,}}\b)))?)(?![\w:/]|[.,]\d)",
    _FLAGS,
)
# "2015-07-16"
_ISO = re.compile(r"(?<![\w/.-])(?P<d>(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d))(?![\w/-]|\.\d)")
# "07/27/2016" (US order unless the first number cannot be a month), "16.07.2015" (day first)
_SLASHED = re.compile(r"(?<![\w/.:-])(?P<d>(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>(?:19|20)\d\d|\d\d))(?![\w/]|\.\d)")
_DOTTED = re.compile(r"(?<![\w/.:-])(?P<d>(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>(?:19|20)\d\d))(?![\w/]|\.\d)")

_MONTH_PREPOSITIONS = (
    r"in|since|during|by|until|till|from|through|throughout|before|after|of|on|"
    r"earlier\s+in|later\s+in|as\s+early\s+as|as\s+late\s+as"
)
_MONTH_MODIFIER = r"(?P<mod>last|this|next|past)\s+"
_MONTH_PART = (
    r"(?P<part>early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of|(?:the\s+)?(?:first|second|last)\s+half\s+of)"
    r"(?:\s+|\s*-\s*)"
)
# "in May", "early May", "mid-October", "late August 1999", "last December", "August 1999"
_MONTH_ALONE = re.compile(
    # The leading \b lets the engine try word starts only; without it this pattern
    # costs more than all the others together.
    r"\b"
    rf"(?:(?P<prep>{_MONTH_PREPOSITIONS})\s+)?(?P<d>(?:{_MONTH_MODIFIER})?(?:{_MONTH_PART})?"
    rf"(?P<mon>{_MONTH})\b{_MONTH_DOT}(?:,?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d))?)(?![\w:/-]|\s*\d)",
    _FLAGS,
)
# "in 2010", "since 2005", "in 1999-2000", "in early 2011"
_YEAR = re.compile(
    rf"\b(?P<prep>in|since|during|until|till|throughout)\s+(?P<d>(?:{_MONTH_PART})?(?:the\s+year\s+)?"
    r"(?P<year>(?:19|20)\d\d)(?:\s*(?:-|–|to)\s*(?P<year2>(?:19|20)?\d\d))?)(?![\w%]|[-,.:/]\w)",
    _FLAGS,
)
_BARE_PART_YEAR = re.compile(
    r"(?<![\w-])(?P<d>(?P<part>early|mid|late)(?:\s+|\s*-\s*)(?P<year>(?:19|20)\d\d))(?![\w%-])", _FLAGS
)
# "Tuesday", "late Monday", "Monday night", "late on Saturday", "last Friday"
_WEEKDAY_RE = re.compile(
    rf"(?<![\w-])(?P<d>(?:(?P<mod>late|early|last|this|next|past|overnight|(?:on\s+)?the\s+night\s+of)\s+(?:on\s+)?)?"
    rf"(?P<wd>{_WEEKDAY})(?:\s+(?:night|evening|morning|afternoon|overnight))?)(?![\w-])",
    _FLAGS,
)
# Simple words relative to the anchor: "today", "yesterday", "last night", "this week"...
_RELATIVE = re.compile(
    r"(?<![\w-])(?P<d>"
    r"(?P<daybeforeyesterday>the\s+day\s+before\s+yesterday)"
    r"|(?P<yesterday>(?:(?:late|early)\s+)?yesterday(?:\s+(?:morning|afternoon|evening|night))?)"
    r"|(?P<today>(?:(?:earlier|later)\s+)?today|tonight|(?:earlier\s+|later\s+)?this\s+(?:morning|afternoon|evening)"
    r"|earlier\s+in\s+the\s+day)"
    r"|(?P<tomorrow>tomorrow)"
    r"|(?P<overnight>last\s+night|overnight|during\s+the\s+night)"
    r"|(?P<dayround>(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?:24|twenty-four)\s+hours)"
    r"|(?P<week>(?:(?P<wpart>earlier|later|late|early)\s+)?(?P<wmod>last|this|next|previous|past|the\s+past|the\s+previous)\s+week)"
    r"|(?P<weekend>(?P<wemod>last|this|next|past|the\s+past|the\s+previous|over\s+the|at\s+the|during\s+the)\s+weekend)"
    r"|(?P<pastn>(?:in|over|during)\s+the\s+(?:past|last|previous)\s+(?P<pn>two|three|four|five|six|seven|[2-7])\s+(?P<pu>days|nights))"
    r"|(?P<recent>in\s+recent\s+days|(?:in|over|during)\s+the\s+(?:past|last)\s+(?:few|several)\s+days)"
    r"|(?P<month>(?:(?P<mpart>earlier|later|late|early|mid)[\s-]+)?(?P<mmod>last|this|next|previous|past|the\s+past|the\s+previous)\s+month)"
    r"|(?P<year>(?:(?P<ypart>earlier|later|late|early|mid)[\s-]+)?(?P<ymod>last|this|next|previous|past|the\s+past|the\s+previous)\s+year)"
    r")(?![\w-])",
    _FLAGS,
)
# "two days ago", "a week ago", "3 DAYS AGO", "a few months ago"
_AGO = re.compile(rf"(?<![\w-])(?P<d>(?P<n>{_COUNT})\s+(?P<unit>day|week|month|year)s?\s+ago)\b", _FLAGS)
# Counted from the last date in the text: "the previous day", "a day earlier", "two days later"
# "before" / "after" count from a date only when nothing follows them that they could
# govern: "a day after police shot dead four" is relative to that killing.
_ADVERBIAL_END = r"(?=\s*(?:[,.;:)]|$|(?:in|on|at|when|and|but|as)\b))"
_CHAINED = re.compile(
    rf"(?<![\w-])(?P<d>(?P<prev>(?:on\s+)?the\s+(?:previous|preceding)\s+day|the\s+day\s+before{_ADVERBIAL_END})"
    rf"|(?P<next>the\s+(?:next|following)\s+day|the\s+day\s+after{_ADVERBIAL_END})"
    rf"|(?P<same>(?:later\s+|earlier\s+)?(?:on\s+)?(?:that|the\s+same|that\s+same)\s+day)"
    rf"|(?P<n>{_COUNT})\s+(?P<unit>day|week)s?\s+(?P<dir>earlier|later|(?:before|after){_ADVERBIAL_END}))(?![\w-])",
    _FLAGS,
)

# Words around a weekday that make it a name or a routine, not a date.
_NOT_A_DATE_BEFORE_WEEKDAY = re.compile(
    r"(?:\b(?:every|each|good|black|bloody|palm|holy|easter|ash|super|cyber|maundy)\s+)$", _FLAGS
)
_NOT_A_DATE_AFTER_WEEKDAY = re.compile(
    r"\s+(?:times|telegraph|express|mirror|herald|tribune|post|observer|independent|mail|star|"
    r"agreement|accord|school|edition|supplement|magazine|service|mass)\b",
    _FLAGS,
)
# Cheap gates, so that most sentences run few or none of the patterns above: a month
# pattern needs a month word, a numeric one a digit, a weekday "day" and so on.
_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_DIGIT = re.compile(r"\d")
_RELATIVE_WORDS = ("day", "night", "week", "month", "year", "tomorrow", "hours", "morning", "afternoon", "evening")


@dataclass(frozen=True, slots=True)
class _Gates:
    """What a text contains, computed once, to skip patterns that cannot match."""

    digit: bool
    month: bool
    lowered: str

    @classmethod
    def of(cls, text: str) -> "_Gates":
        lowered = text.lower()
        return cls(digit=_DIGIT.search(text) is not None, month=_MONTH_WORD.search(lowered) is not None, lowered=lowered)

    def has(self, *words: str) -> bool:
        return any(word in self.lowered for word in words)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A regex hit waiting to be resolved; `inner` is the span reported (no preposition)."""

    inner_start: int
    inner_end: int
    match: re.Match
    handler: Callable[["_Context", re.Match], "_Range | None"]


@dataclass(frozen=True, slots=True)
class _Range:
    start: date
    end: date
    precision: int
    best: date | None = None  # None: the midpoint of start..end


@dataclass(slots=True)
class _Context:
    anchor: date | None
    text_is_lower: bool
    last_day: date | None = None  # the last day-precise date found, for "the previous day"

    @property
    def reference(self) -> date | None:
        return self.last_day or self.anchor


# --------------------------------------------------------------------------- helpers


def _midpoint(start: date, end: date) -> date:
    return start + timedelta(days=(end - start).days // 2)


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_number(token: str) -> int:
    return int(re.match(r"\d+", token).group())


def _count(token: str) -> int:
    token = re.sub(r"\s+", " ", token.lower())
    return int(token) if token.isdigit() else _NUMBER_WORDS[token]


def _month_number(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")]


def _expand_two_digit_year(yy: int, anchor: date | None) -> int:
    """'90' -> 1990: the latest century that does not put the year after the anchor's (+1)."""
    ceiling = (anchor or date.today()).year + 1
    year = 2000 + yy
    return year if year <= ceiling else 1900 + yy


def _range_precision(start: date, end: date) -> int:
    """ACLED: one day is 1, up to a week is 2, anything longer is 3."""
    days = (end - start).days + 1
    return 1 if days <= 1 else 2 if days <= 7 else 3


def _clip_to_anchor(start: date, end: date, anchor: date | None) -> tuple[date, date]:
    """Past-leaning ranges that contain the anchor stop at it: nothing reported is later."""
    if anchor is not None and start <= anchor < end:
        return start, anchor
    return start, end


def _most_recent_day_month(month: int, day: int, anchor: date) -> date | None:
    """The latest `month/day` not after the anchor (plus FUTURE_SLACK_DAYS)."""
    limit = anchor + timedelta(days=FUTURE_SLACK_DAYS)
    for year in range(limit.year, limit.year - 9, -1):  # 9 years back finds any 29 February
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= limit:
            return candidate
    return None


def _ambiguous_month_ok(ctx: _Context, token: str, has_day_or_year: bool) -> bool:
    """'may' / 'march' alone are a modal and a noun unless written like a month name."""
    if token.lower().rstrip(".") not in _AMBIGUOUS_MONTHS or has_day_or_year:
        return True
    return ctx.text_is_lower or not token.islower()


def _weekend(anchor: date, which: str) -> tuple[date, date]:
    """Saturday and Sunday of the weekend `which` names, seen from the anchor."""
    weekday = anchor.weekday()
    this_saturday = anchor + timedelta(days=5 - weekday)  # Saturday of the anchor's Mon-Sun week
    in_weekend = weekday >= 5
    if which == "next":
        saturday = this_saturday + timedelta(days=7) if in_weekend else this_saturday
    elif which == "this":
        # Current weekend on Sat/Sun, the one just past on a Monday, else the coming one.
        saturday = this_saturday - timedelta(days=7) if weekday == 0 else this_saturday
    elif which == "last":
        saturday = this_saturday - timedelta(days=7)
    else:  # "over the weekend", "at the weekend": the current or the last one
        saturday = this_saturday if in_weekend else this_saturday - timedelta(days=7)
    return saturday, saturday + timedelta(days=1)


# --------------------------------------------------------------------------- handlers
# Each handler turns one regex match into a _Range, or None when it is not a date after all.


def _on_month_day(ctx: _Context, m: re.Match) -> _Range | None:
    month = _month_number(m["mon"])
    day, day2 = _day_number(m["day"]), _day_number(m["day2"]) if m["day2"] else None
    if not _ambiguous_month_ok(ctx, m["mon"], has_day_or_year=bool(m["year"] or m.groupdict().get("yy"))):
        return None
    year = int(m["year"]) if m["year"] else None
    yy = m.groupdict().get("yy")
    if year is None and yy:
        # The pattern only takes "12 JAN 90" style years before punctuation or an
        # upper-case word, so "on 3 May 20 people died" keeps 20 as a count.
        year = _expand_two_digit_year(int(yy.lstrip("'")), ctx.anchor)
    return _day_range(ctx, year, month, day, day2)


def _day_range(ctx: _Context, year: int | None, month: int, day: int, day2: int | None) -> _Range | None:
    if day2 is not None and day2 <= day:
        return None  # "May 5 and 3" is a list, not a range
    if year is None:
        if ctx.anchor is None:
            return None
        start = _most_recent_day_month(month, day, ctx.anchor)
        if start is None:
            return None
        year = start.year
    start = _safe_date(year, month, day)
    end = _safe_date(year, month, day2) if day2 else start
    if start is None or end is None:
        return None
    return _Range(start, end, _range_precision(start, end))


def _on_iso(ctx: _Context, m: re.Match) -> _Range | None:
    day = _safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
    return _Range(day, day, 1) if day else None


def _on_slashed(ctx: _Context, m: re.Match) -> _Range | None:
    a, b = int(m["a"]), int(m["b"])
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless impossible
    raw_year = m["year"]
    year = int(raw_year) if len(raw_year) == 4 else _expand_two_digit_year(int(raw_year), ctx.anchor)
    found = _safe_date(year, month, day)
    return _Range(found, found, 1) if found else None


def _on_dotted(ctx: _Context, m: re.Match) -> _Range | None:
    found = _safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
    return _Range(found, found, 1) if found else None


def _part_of_month(part: str | None, year: int, month: int) -> tuple[date, date]:
    """Days 1-10 for early, 11-20 for mid, 21-end for late; the whole month otherwise."""
    last = monthrange(year, month)[1]
    part = re.sub(r"\s+", " ", (part or "").lower())
    if part in ("early", "the beginning of", "beginning of", "the start of", "start of"):
        return date(year, month, 1), date(year, month, 10)
    if part in ("mid", "the middle of", "middle of"):
        return date(year, month, 11), date(year, month, 20)
    if part in ("late", "the end of", "end of"):
        return date(year, month, 21), date(year, month, last)
    if part.endswith("first half of"):
        return date(year, month, 1), date(year, month, 15)
    if part.endswith("second half of") or part.endswith("last half of"):
        return date(year, month, 16), date(year, month, last)
    return date(year, month, 1), date(year, month, last)


def _on_month_alone(ctx: _Context, m: re.Match) -> _Range | None:
    has_year = bool(m["year"])
    introduced = bool(m["prep"] or m["mod"] or m["part"])
    token = m["mon"]
    if not has_year and not introduced:
        return None  # a lone "June" may be a name; "the June bloodshed" is background anyway
    if not has_year and len(token.rstrip(".")) <= 3 and token.lower().rstrip(".") != "may":
        return None  # "in Jan" is too rare to risk on names like "Jan"
    if not _ambiguous_month_ok(ctx, token, has_year):
        return None
    if not has_year and token.lower() in _AMBIGUOUS_MONTHS and not _introduces_ambiguous_month(m):
        return None
    month = _month_number(token)
    if has_year:
        year = int(m["year"])
    elif ctx.anchor is None:
        return None
    else:
        year = _year_for_month(month, (m["mod"] or "").lower(), ctx.anchor)
    start, end = _part_of_month(m["part"], year, month)
    start, end = _clip_to_anchor(start, end, ctx.anchor)
    return _Range(start, end, 3)


# Words before "May" / "March" that make them months even in ALL-CAPS text, where case
# gives no hint: "THIS MAY BE" and "ON MARCH 5TH STREET" must not become dates.
_AMBIGUOUS_MONTH_PREPOSITIONS = {
    "in", "since", "during", "until", "till", "by", "before", "after", "through", "throughout",
    "earlier in", "later in", "as early as", "as late as",
}


def _introduces_ambiguous_month(m: re.Match) -> bool:
    if m["part"] or _norm(m["mod"]) in ("last", "next"):
        return True
    return _norm(m["prep"]) in _AMBIGUOUS_MONTH_PREPOSITIONS and not m["mod"]


def _year_for_month(month: int, modifier: str, anchor: date) -> int:
    if modifier == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if modifier == "this":
        return anchor.year
    if modifier in ("last", "past"):
        return anchor.year if month < anchor.month else anchor.year - 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _on_year(ctx: _Context, m: re.Match) -> _Range | None:
    year = int(m["year"])
    year2 = m.groupdict().get("year2")
    if year2:
        end_year = int(year2) if len(year2) == 4 else year // 100 * 100 + int(year2)
        if end_year <= year:
            return None
        start, end = date(year, 1, 1), date(end_year, 12, 31)
    else:
        start, end = _part_of_year(m["part"], year)
    start, end = _clip_to_anchor(start, end, ctx.anchor)
    return _Range(start, end, 3)


def _part_of_year(part: str | None, year: int) -> tuple[date, date]:
    """Thirds of the year for early / mid / late, halves for "first/second half of"."""
    part = _norm(part).removeprefix("the ")
    if part in ("early", "beginning of", "start of"):
        return date(year, 1, 1), date(year, 4, 30)
    if part in ("mid", "middle of"):
        return date(year, 5, 1), date(year, 8, 31)
    if part in ("late", "end of"):
        return date(year, 9, 1), date(year, 12, 31)
    if part == "first half of":
        return date(year, 1, 1), date(year, 6, 30)
    if part in ("second half of", "last half of"):
        return date(year, 7, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


def _on_weekday(ctx: _Context, m: re.Match) -> _Range | None:
    if ctx.anchor is None:
        return None
    text = m.string
    if _NOT_A_DATE_BEFORE_WEEKDAY.search(text[max(0, m.start() - 12):m.start()]):
        return None
    if _NOT_A_DATE_AFTER_WEEKDAY.match(text, m.end()):
        return None
    weekday = _WEEKDAYS[m["wd"].lower()]
    back = (ctx.anchor.weekday() - weekday) % 7  # 0: the anchor day itself
    modifier = (m["mod"] or "").lower()
    if modifier in ("last", "past") and back == 0:
        back = 7
    if modifier == "next":
        day = ctx.anchor + timedelta(days=(weekday - ctx.anchor.weekday()) % 7 or 7)
    else:
        day = ctx.anchor - timedelta(days=back)
    return _Range(day, day, 1)


def _on_relative(ctx: _Context, m: re.Match) -> _Range | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    if m["daybeforeyesterday"]:
        return _single(anchor - timedelta(days=2))
    if m["yesterday"]:
        return _single(anchor - timedelta(days=1))
    if m["today"]:
        return _single(anchor)
    if m["tomorrow"]:
        return _single(anchor + timedelta(days=1))
    if m["overnight"]:
        return _Range(anchor - timedelta(days=1), anchor, 1, best=anchor - timedelta(days=1))
    if m["dayround"]:  # a roundup of the day up to the report is dated the report's day
        return _Range(anchor - timedelta(days=1), anchor, 1, best=anchor)
    if m["week"]:
        return _relative_week(anchor, _norm(m["wpart"]), _norm(m["wmod"]))
    if m["weekend"]:
        which = _norm(m["wemod"])
        which = {"past": "last", "the past": "last", "the previous": "last"}.get(which, which)
        saturday, sunday = _weekend(anchor, which)
        return _Range(saturday, sunday, 2)
    if m["pastn"]:  # "in the last two nights": the first began two days back; today counts as a day
        n = _count(_norm(m["pn"]))
        back = n if m["pu"].lower() == "nights" else n - 1
        return _Range(anchor - timedelta(days=back), anchor, 2)
    if m["recent"]:
        return _Range(anchor - timedelta(days=7), anchor, 2)
    if m["month"]:
        return _relative_month(anchor, _norm(m["mpart"]), _norm(m["mmod"]))
    if m["year"]:
        return _relative_year(anchor, _norm(m["ypart"]), _norm(m["ymod"]))
    return None


def _norm(token: str | None) -> str:
    return re.sub(r"\s+", " ", (token or "").lower()).strip()


def _single(day: date) -> _Range:
    return _Range(day, day, 1)


def _relative_week(anchor: date, part: str, modifier: str) -> _Range:
    monday = anchor - timedelta(days=anchor.weekday())
    if modifier in ("past", "the past"):  # "the past week": the seven days up to the anchor
        return _Range(anchor - timedelta(days=7), anchor, 2)
    if modifier in ("last", "previous", "the previous"):
        monday -= timedelta(days=7)
    elif modifier == "next":
        monday += timedelta(days=7)
    start, end = monday, monday + timedelta(days=6)
    if part == "earlier" and modifier == "this":
        end = max(monday, anchor - timedelta(days=1))
    elif part == "later" and modifier == "this":
        start, end = min(anchor + timedelta(days=1), end), end
    elif part in ("late", "later"):
        start = monday + timedelta(days=4)
    elif part in ("early", "earlier"):
        end = monday + timedelta(days=2)
    if modifier == "this" and part != "later":
        start, end = _clip_to_anchor(start, end, anchor)
    return _Range(start, end, 2)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _relative_month(anchor: date, part: str, modifier: str) -> _Range:
    if modifier in ("past", "the past"):  # "the past month": thirty days up to the anchor
        return _Range(anchor - timedelta(days=30), anchor, 3)
    by = {"last": -1, "previous": -1, "the previous": -1, "next": 1}.get(modifier, 0)
    year, month = _shift_month(anchor.year, anchor.month, by)
    part_name = {"earlier": "", "later": ""}.get(part, part)
    start, end = _part_of_month(part_name, year, month)
    if by == 0:
        if part == "earlier":
            end = max(start, anchor - timedelta(days=1))
        elif part == "later":
            start = min(anchor + timedelta(days=1), end)
        else:
            start, end = _clip_to_anchor(start, end, anchor)
    return _Range(start, end, 3)


def _relative_year(anchor: date, part: str, modifier: str) -> _Range:
    if modifier in ("past", "the past"):
        return _Range(anchor - timedelta(days=365), anchor, 3)
    by = {"last": -1, "previous": -1, "the previous": -1, "next": 1}.get(modifier, 0)
    year = anchor.year + by
    start, end = _part_of_year({"earlier": "", "later": ""}.get(part, part), year)
    if by == 0:
        if part == "earlier":
            end = max(start, anchor - timedelta(days=1))
        elif part == "later":
            start = min(anchor + timedelta(days=1), end)
        else:
            start, end = _clip_to_anchor(start, end, anchor)
    return _Range(start, end, 3)


def _on_ago(ctx: _Context, m: re.Match) -> _Range | None:
    if ctx.anchor is None:
        return None
    n_token, unit = _norm(m["n"]), m["unit"].lower()
    n = _count(n_token)
    vague = n_token in _VAGUE_COUNTS
    anchor = ctx.anchor
    if unit == "day":
        if vague:  # "a few days ago": two to six days back
            return _Range(anchor - timedelta(days=6), anchor - timedelta(days=2), 2, best=anchor - timedelta(days=n))
        return _single(anchor - timedelta(days=n))
    if unit == "week":
        # "a week ago" is loose: two days either side, still within ACLED's precision 2.
        best = anchor - timedelta(days=7 * n)
        return _Range(best - timedelta(days=2), best + timedelta(days=2), 2, best=best)
    if unit == "month":
        year, month = _shift_month(anchor.year, anchor.month, -n)
        best = _safe_date(year, month, min(anchor.day, monthrange(year, month)[1]))
        return _Range(best - timedelta(days=10), best + timedelta(days=10), 3, best=best)
    best = _safe_date(anchor.year - n, anchor.month, min(anchor.day, 28 if anchor.month == 2 else anchor.day))
    return _Range(date(best.year, 1, 1), date(best.year, 12, 31), 3, best=best)


def _on_chained(ctx: _Context, m: re.Match) -> _Range | None:
    reference = ctx.reference
    if reference is None:
        return None
    if m["prev"]:
        return _single(reference - timedelta(days=1))
    if m["next"]:
        return _single(reference + timedelta(days=1))
    if m["same"]:
        return _single(reference)
    n = _count(_norm(m["n"]))
    days = n * (7 if m["unit"].lower() == "week" else 1)
    sign = -1 if m["dir"].lower() in ("earlier", "before") else 1
    day = reference + timedelta(days=sign * days)
    if m["unit"].lower() == "week":
        return _Range(day - timedelta(days=2), day + timedelta(days=2), 2, best=day)
    return _single(day)


def _on_bare_part_year(ctx: _Context, m: re.Match) -> _Range | None:
    start, end = _part_of_year(m["part"], int(m["year"]))
    start, end = _clip_to_anchor(start, end, ctx.anchor)
    return _Range(start, end, 3)


_Handler = Callable[[_Context, re.Match], "_Range | None"]
_PATTERNS: tuple[tuple[re.Pattern, _Handler, Callable[[_Gates], bool]], ...] = (
    (_MONTH_DAY, _on_month_day, lambda g: g.month and g.digit),
    (_DAY_MONTH, _on_month_day, lambda g: g.month and g.digit),
    (_ISO, _on_iso, lambda g: g.digit),
    (_SLASHED, _on_slashed, lambda g: g.digit),
    (_DOTTED, _on_dotted, lambda g: g.digit),
    (_MONTH_ALONE, _on_month_alone, lambda g: g.month),
    (_YEAR, _on_year, lambda g: g.digit),
    (_BARE_PART_YEAR, _on_bare_part_year, lambda g: g.digit),
    (_WEEKDAY_RE, _on_weekday, lambda g: g.has("day")),
    (_RELATIVE, _on_relative, lambda g: g.has(*_RELATIVE_WORDS)),
    (_AGO, _on_ago, lambda g: g.has("ago")),
    (_CHAINED, _on_chained, lambda g: g.has("day", "week")),
)


# --------------------------------------------------------------------------- public API


# handlers of dates that write the day out with its month
_DAY_WRITTEN = frozenset({_on_month_day, _on_iso, _on_slashed, _on_dotted})


def find_dates(text: str, anchor: date | None, last_day: date | None = None) -> list[ResolvedDate]:
    """Every date expression in `text`, in reading order, resolved against `anchor`.

    Offsets are into `text`; prepositions such as "on" / "in" are left out of the span,
    modifiers that change the meaning ("late", "last", "mid-") are kept in it. `last_day` is
    the last day-precise date of the text before this part of it (when the text is read
    sentence by sentence), for "that day" and "the next day" with no date of their own before.
    """
    if not text:
        return []
    ctx = _Context(anchor=anchor, text_is_lower=not any(c.isupper() for c in text), last_day=last_day)
    found: list[ResolvedDate] = []
    for candidate in _non_overlapping(_candidates(text)):
        resolved = candidate.handler(ctx, candidate.match)
        if resolved is None:
            continue
        best = resolved.best or _midpoint(resolved.start, resolved.end)
        found.append(
            ResolvedDate(
                best=best,
                start=resolved.start,
                end=resolved.end,
                precision=resolved.precision,
                text=text[candidate.inner_start:candidate.inner_end],
                start_char=candidate.inner_start,
                end_char=candidate.inner_end,
            )
        )
        if resolved.precision == 1:
            ctx.last_day = best
    return found


def _candidates(text: str, handlers: frozenset | None = None) -> list[_Candidate]:
    """Every date expression the patterns find (with `handlers`, only those patterns')."""
    out = []
    gates = _Gates.of(text)
    for pattern, handler, gate in _PATTERNS:
        if (handlers is not None and handler not in handlers) or not gate(gates):
            continue
        for m in pattern.finditer(text):
            inner_start, inner_end = m.span("d")
            if _names_a_group(text, inner_end):
                continue
            out.append(_Candidate(inner_start, inner_end, m, handler))
    return out


# Words that make a date before them part of a group's name: "the 19 April Movement",
# "the 26th of July Movement", "the 15 September Front"
_NAME_HEADS = re.compile(r"\s+(?:movement|front|command|commandos?|alliance|organi[sz]ation)\b", re.I)


def _names_a_group(text: str, end: int) -> bool:
    return bool(_NAME_HEADS.match(text, end))


def _non_overlapping(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the hits that write a day out with its month, then the longest, first; drop any that
    overlap a kept one; return in text order.

    A candidate whose handler later rejects it (e.g. "may" as a verb) still blocks shorter
    overlapping ones; that is deliberate, a rejected long reading is rarely a date inside.
    """
    chosen: list[_Candidate] = []
    # a written day and month first: "the night of Monday 12 June 2023" is the 12th, not a Monday
    # read alone that leaves "June 2023" a month
    for cand in sorted(candidates, key=lambda c: (c.handler not in _DAY_WRITTEN, -(c.inner_end - c.inner_start),
                                                  c.inner_start)):
        if all(cand.inner_end <= c.inner_start or cand.inner_start >= c.inner_end for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c.inner_start)
    return chosen


def resolve_date(expression: str, anchor: date) -> ResolvedDate | None:
    """Resolve one date expression ("last weekend", "Oct. 25", "12 JAN 90").

    The regex pass is tried first; dateparser is the fallback for absolute dates it does
    not know. Offsets in the result are into `expression`.
    """
    found = find_dates(expression, anchor)
    if found:
        return max(found, key=lambda r: r.end_char - r.start_char)
    return _resolve_with_dateparser(expression, anchor)


def _resolve_with_dateparser(expression: str, anchor: date | None) -> ResolvedDate | None:
    stripped = expression.strip()
    if not stripped or not any(ch.isdigit() for ch in stripped):
        return None  # only absolute dates go to dateparser; words are the regexes' job
    from datetime import datetime

    from dateparser.date import DateDataParser  # slow import, only when needed

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(stripped)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "day":
        start, end, precision = day, day, 1
    elif period == "week":
        start = day - timedelta(days=day.weekday())
        end, precision = start + timedelta(days=6), 2
    elif period == "month":
        start, end, precision = day.replace(day=1), _month_end(day.year, day.month), 3
    else:
        start, end, precision = date(day.year, 1, 1), date(day.year, 12, 31), 3
    offset = expression.find(stripped)
    return ResolvedDate(
        best=_midpoint(start, end) if precision > 1 else day,
        start=start,
        end=end,
        precision=precision,
        text=stripped,
        start_char=offset,
        end_char=offset + len(stripped),
    )


# --------------------------------------------------------------------------- publication date

_DATE_WITH_YEAR = (
    rf"(?:{_OPTIONAL_WEEKDAY}{_MONTH}{_MONTH_DOT}\s+{_DAY},?\s+(?:19|20)\d\d"
    rf"|{_OPTIONAL_WEEKDAY}{_DAY}\s+{_MONTH}{_MONTH_DOT},?\s+(?:(?:19|20)\d\d|'?\d\d)"
    r"|(?:19|20)\d\d-[01]\d-[0-3]\d|\d{1,2}/\d{1,2}/(?:19|20)?\d\d|\d{1,2}\.\d{1,2}\.(?:19|20)\d\d)"
)
_DATE_NO_YEAR = rf"(?:{_MONTH}{_MONTH_DOT}\s+{_DAY}|{_DAY}\s+{_MONTH}{_MONTH_DOT})"

# "Posted: Mar 12, 2019 9:41 PM", "Date: 2015-07-16", and at a line start "Published on
# 16 July 2015". Without the colon or the line start, "a note dated 8 January 1990" or
# "hostages released on May 5, 2011" in the body would pass for stamps.
_STAMP_LABEL = r"(?:first\s+)?(?:posted|published)|publication\s+date|date\s+published|date|dated|released|issued"
_LABELLED = re.compile(
    rf"(?:\b(?:{_STAMP_LABEL})(?:\s+on)?\s*:\s*|(?m:^)[ \t]*(?:first\s+)?(?:posted|published)(?:\s+on)?\s+)"
    rf"(?P<date>{_DATE_WITH_YEAR})",
    _FLAGS,
)
# "Last Updated: 07/27/2016", "Updated Jan 5, 2012", "Modified: ..." — re-publication stamps.
_UPDATED = re.compile(
    rf"\b(?:last\s+)?(?:updated|modified|revised|edited)(?:\s+on)?\s*[:\-–]?\s*(?P<date>{_DATE_WITH_YEAR})",
    _FLAGS,
)
_COPYRIGHT = re.compile(r"(?:copyright|©|\(c\))", _FLAGS)
# "KABUL, Afghanistan (Jan. 25, 2013)", "LIMA, 20 AUG 88 (EFE) --", "SAN SALVADOR, 3 JAN 90 --"
_DATELINE = re.compile(
    rf"(?:^|[\n\u2028\u2029]|\s{{2,}}|[–—-]\s)\s*(?P<place>[A-Z][A-Z.'’ -]{{1,40}}?)"
    rf"(?:,\s*[A-Z][A-Za-z.'’ -]{{1,40}}?|\s*\([A-Z][A-Za-z.'’ -]{{1,40}}\))?"
    rf"\s*[,(]\s*\(?\s*(?P<date>(?i:{_DATE_WITH_YEAR}|{_DATE_NO_YEAR}))\s*\)?"
    rf"(?=\s*(?:\(|--|—|–|-\s|\[|:|\)|\n|[A-Z]))",
)
# A line that is, or ends in, a full date: "Regional Police Daily Update, Jan. 10, 2011"
_HEADER_LINE_DATE = re.compile(rf"(?m)^[^\n]{{0,100}}?(?P<date>{_DATE_WITH_YEAR})[ \t]*$", _FLAGS)
_YEAR_IN_HEAD = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def find_publication_date(text: str) -> tuple[date, str] | None:
    """The publication date read from an article's head, with where it came from.

    Labels, best first: "posted" (an explicit "Posted:/Published:/Date:" stamp),
    "dateline" ("KABUL, Afghanistan (Jan. 25, 2013)"), "dateline_inferred_year" (a
    year-less dateline completed with a year seen nearby in the head), "header" (a line
    that is or ends in a full date), and only as a last resort "updated" (a "Last
    Updated / Modified" stamp, often a re-publication date: the caller decides).
    Copyright years are never used.
    """
    if not text:
        return None
    head = text[:PUBLICATION_HEAD_CHARS]
    for finder in (_posted_date, _dateline_date, _header_date, _updated_date):
        found = finder(head)
        if found is not None:
            return found
    return None


def _parse_absolute(expression: str) -> date | None:
    """An absolute date (with its year) from a header; None when it is not one."""
    ctx = _Context(anchor=None, text_is_lower=False)
    for candidate in _non_overlapping(_candidates(expression)):
        resolved = candidate.handler(ctx, candidate.match)
        if resolved is not None and resolved.precision == 1:
            return resolved.start
    return None


def _is_update_stamp(head: str, start: int) -> bool:
    before = head[max(0, start - 25):start]
    return bool(re.search(r"(?:updated|modified|revised|edited)\W*(?:on\W*)?$", before, _FLAGS)) or bool(
        _COPYRIGHT.search(before)
    )


def _posted_date(head: str) -> tuple[date, str] | None:
    for m in _LABELLED.finditer(head):
        if _is_update_stamp(head, m.start()):
            continue
        found = _parse_absolute(m["date"])
        if found is not None:
            return found, "posted"
    return None


def _dateline_date(head: str) -> tuple[date, str] | None:
    for m in _DATELINE.finditer(head):
        letters = re.sub(r"[.'’ -]", "", m["place"])
        if len(letters) < 2 or not letters.isalpha():
            continue
        found = _parse_absolute(m["date"])
        if found is not None:
            return found, "dateline"
        completed = _complete_year(head, m["date"])
        if completed is not None:
            return completed, "dateline_inferred_year"
    return None


def dateline_day(line: str, after: date) -> date | None:
    """The day of a dateline further down a text ("KABUL, Afghanistan (Aug. 14)"), a year-less
    one placed in the year that puts it on or after `after` (the day of the release above it)."""
    m = _DATELINE.search(line)
    if m is None:
        return None
    found = _parse_absolute(m["date"])
    if found is not None:
        return found
    for year in (after.year, after.year + 1):
        completed = _complete_year(str(year), m["date"])
        if completed is not None and completed >= after:
            return completed
    return None


def _complete_year(head: str, day_month: str) -> date | None:
    """A year-less dateline ("KABUL (June 14)") takes the first year seen in the head."""
    years = [int(y) for y in _YEAR_IN_HEAD.findall(head)]
    parsed = re.match(rf"(?P<mon>{_MONTH}){_MONTH_DOT}\s+(?P<day>{_DAY})|(?P<day2>{_DAY})\s+(?P<mon2>{_MONTH})", day_month, _FLAGS)
    if not years or parsed is None:
        return None
    month = _month_number(parsed["mon"] or parsed["mon2"])
    day = _day_number(parsed["day"] or parsed["day2"])
    return _safe_date(years[0], month, day)


def _header_date(head: str) -> tuple[date, str] | None:
    for m in _HEADER_LINE_DATE.finditer(head):
        line_start = head.rfind("\n", 0, m.start("date")) + 1
        if _is_update_stamp(head, m.start("date")) or _COPYRIGHT.search(head[line_start:m.start("date")]):
            continue
        found = _parse_absolute(m["date"])
        if found is not None:
            return found, "header"
    return None


def _updated_date(head: str) -> tuple[date, str] | None:
    for m in _UPDATED.finditer(head):
        found = _parse_absolute(m["date"])
        if found is not None:
            return found, "updated"
    return None


# /2018/01/15/, /2018-01-15-title, /20180115/: the day of publication in a news site's path
_URL_DAY = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")
TEXT_DATE_CHARS = 20_000  # dates further into a text than this are not read for its publication
# the patterns that can give a day, month and year with no anchor: the others (a month alone, a
# weekday, "yesterday") cannot be a publication date, and reading them cost three quarters of the time
_FULL_DATE_HANDLERS = frozenset({_on_month_day, _on_iso, _on_slashed, _on_dotted})


def url_date(url: str) -> date | None:
    """The publication day a URL's path gives, or None."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    for m in _URL_DAY.finditer(path):
        found = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if found is not None:
            return found
    return None


def latest_date_in_text(text: str) -> date | None:
    """The latest full date (day, month and year) that a text gives: an article is published on
    or after the days it tells of ("on 29th March 2018"). None when it gives no full date."""
    ctx = _Context(anchor=None, text_is_lower=text.islower())
    days = []
    head = text[:TEXT_DATE_CHARS]
    for candidate in _non_overlapping(_candidates(head, _FULL_DATE_HANDLERS)):
        if _is_update_stamp(head, candidate.inner_start):
            continue  # "Last Updated: 07/27/2016" says when a page was touched, not what it tells
        resolved = candidate.handler(ctx, candidate.match)
        if resolved is not None and resolved.precision == 1 and 1800 <= resolved.start.year <= 2200:
            days.append(resolved.start)
    return max(days, default=None)
