"""Admin units as they were: "Osh region" in August 1999 still held today's Batken region."""
from __future__ import annotations

import dataclasses
import functools
from datetime import date
from importlib import resources

from ..records import Place


@dataclasses.dataclass(frozen=True, slots=True)
class FormerExtent:
    iso3: str
    admin1: str
    until: date
    covered: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def former_extents() -> tuple[FormerExtent, ...]:
    text = resources.files("conflictcoder.data").joinpath("admin_history.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso3, admin1, until, covered = line.split("\t")[:4]
        out.append(FormerExtent(iso3, admin1, date.fromisoformat(until), tuple(covered.split("|"))))
    return tuple(out)


def as_of(place: Place, when: date | None, gazetteer=None) -> Place:
    """The place with the point of its extent at `when`, for admin-1 units that changed."""
    if when is None or not place.is_admin or place.feature_code != "ADM1":
        return place
    for extent in former_extents():
        if extent.iso3 == place.iso3 and extent.admin1 == place.admin1 and when < extent.until:
            from .gazetteer import get_gazetteer

            point = (gazetteer or get_gazetteer()).region_point(place.iso3, list(extent.covered))
            if point is not None:
                return dataclasses.replace(place, latitude=point[0], longitude=point[1])
    return place
