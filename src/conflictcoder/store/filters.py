"""Filters on the stored events, the same for every store, the CLI, the API and `read_events`.

`Filters.sql()` turns them into one SQL condition on the `events` table, with `?` placeholders
(each store turns those into its own). `where` is an analyst's own SQL condition on that table,
passed through as written (readers open the store read-only).
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass, fields
from datetime import date

from .. import errors

# A `?` inside an analyst's --where is no placeholder: it travels as this mark and comes back.
LITERAL_QUESTION = "\x00q\x00"

# sort keys GET /events and `show` accept: a column of the events table, and what stands for NULL
SORTS = {
    "event_date": ("coalesce(event_date, DATE '9999-12-31')", "9999-12-31"),
    "fatalities": ("coalesce(fatalities, 0)", 0),
    "confidence": ("coalesce(confidence, 0)", 0.0),
    "event_id": ("event_id", ""),
}


REVIEW_SCOPES = (None, "accepted", "all")


@dataclass(slots=True)
class Filters:
    country: str | None = None  # ISO3 code or country name
    admin1: str | None = None
    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # a part of actor1 or actor2, any case
    min_fatalities: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    min_confidence: float | None = None
    where: str | None = None
    # analysts' reviews: None leaves rejected events out, "accepted" keeps only accepted ones,
    # "all" keeps every event
    review: str | None = None

    @classmethod
    def of(cls, **kw) -> "Filters":
        """Filters from keyword arguments (strings allowed: dates, bbox "w,s,e,n")."""
        names = {f.name for f in fields(cls)}
        aliases = {"type": "event_type", "sub_type": "sub_event_type"}
        values = {}
        for key, value in kw.items():
            key = aliases.get(key, key)
            if key not in names:
                raise errors.QueryError(f"unknown filter {key!r}", fix=f"Use one of {', '.join(sorted(names))}.")
            values[key] = value
        f = cls(**values)
        f.since, f.until = parse_day(f.since, "since"), parse_day(f.until, "until")
        if isinstance(f.bbox, str):
            f.bbox = parse_bbox(f.bbox)
        if f.review not in REVIEW_SCOPES:
            raise errors.QueryError(f"unknown review scope {f.review!r}", fix="Use 'accepted', 'all' or none.")
        return f

    def sql(self) -> tuple[str, list]:
        """One SQL condition (TRUE when no filter is set) and its parameters."""
        parts: list[str] = []
        params: list = []
        if self.country:
            parts.append("(upper(iso3) = upper(?) OR lower(country) = lower(?))")
            params += [self.country, self.country]
        if self.admin1:
            parts.append("lower(admin1) = lower(?)")
            params.append(self.admin1)
        if self.since:
            parts.append("event_date >= ?")
            params.append(self.since)
        if self.until:
            parts.append("event_date <= ?")
            params.append(self.until)
        if self.event_type:
            parts.append("lower(event_type) = lower(?)")
            params.append(self.event_type)
        if self.sub_event_type:
            parts.append("lower(sub_event_type) = lower(?)")
            params.append(self.sub_event_type)
        if self.actor:
            parts.append("(actor1 ILIKE ? ESCAPE '\\' OR actor2 ILIKE ? ESCAPE '\\')")
            pattern = "%" + self.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [pattern, pattern]
        if self.min_fatalities is not None:
            parts.append("fatalities >= ?")
            params.append(int(self.min_fatalities))
        if self.bbox:
            w, s, e, n = self.bbox
            parts.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
            params += [w, e, s, n]
        if self.min_confidence is not None:
            parts.append("confidence >= ?")
            params.append(float(self.min_confidence))
        if self.review is None:
            parts.append("(review_status IS NULL OR review_status <> 'rejected')")
        elif self.review == "accepted":
            parts.append("review_status = 'accepted'")
        if self.where:
            parts.append("(" + self.where.replace("?", LITERAL_QUESTION) + ")")
        return (" AND ".join(parts) or "TRUE"), params


def parse_day(value, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise errors.QueryError(f"--{name} {value!r} is not a date", fix="Give it as YYYY-MM-DD.") from exc


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    try:
        w, s, e, n = (float(x) for x in text.split(","))
    except ValueError as exc:
        raise errors.QueryError(f"bbox {text!r} is not four numbers",
                                fix="Give it as MIN_LON,MIN_LAT,MAX_LON,MAX_LAT, e.g. 60,29,75,38.") from exc
    if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
        raise errors.QueryError(f"bbox {text!r} is not a box on the globe",
                                fix="Longitudes in -180..180, latitudes in -90..90, west <= east, south <= north.")
    return w, s, e, n


def parse_sort(sort: str) -> tuple[str, bool]:
    """'-event_date' -> ('event_date', descending)."""
    desc = sort.startswith("-")
    key = sort.lstrip("-+")
    if key not in SORTS:
        raise errors.QueryError(f"cannot sort by {sort!r}",
                                fix=f"Sort by one of {', '.join(SORTS)}, with '-' before it for descending.")
    return key, desc


def encode_cursor(sort: str, value, event_id: str) -> str:
    if isinstance(value, date):
        value = value.isoformat()
    raw = json.dumps([sort, value, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        made_for, value, event_id = json.loads(raw)
    except (ValueError, TypeError) as exc:
        raise errors.QueryError("the cursor is not one this server gave out",
                                fix="Start again without a cursor and follow `next`.") from exc
    if made_for != sort or not isinstance(event_id, str):
        raise errors.QueryError("the cursor was made for another sort order",
                                fix="Keep the same sort while following `next`.")
    if parse_sort(sort)[0] == "event_date":
        value = parse_day(value, "cursor")
    return value, event_id
