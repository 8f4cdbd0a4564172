"""Where a learner is: a postcode district from whatever they typed, and distances.

Only the district (outward code, "PL4") is ever kept: a full postcode is cut to its district
and area names ("plympton", "mutley") are looked up in the city's district names.
"""

from __future__ import annotations

import difflib
import math
import re
from functools import lru_cache

from badge_core.db import UnitOfWork
from badge_core.queries.snapshot import DistrictInfo, city_snapshot

_OUTWARD = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)(?:\s*[0-9][A-Z]{2})?\b")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _area_names(district: DistrictInfo) -> list[str]:
    return [
        part.strip().lower() for part in re.split(r"[,/&]| and ", district.name) if part.strip()
    ]


def district_in(
    districts: tuple[DistrictInfo, ...], text: str, *, near_misses: bool = True
) -> str | None:
    """Which of ``districts`` ``text`` names, by code, postcode or area name; and, when
    ``near_misses``, a whole text that is an area name misspelt ("plymstok")."""
    codes = {d.code for d in districts}
    for match in _OUTWARD.finditer(text.upper()):
        if match.group(1) in codes:
            return match.group(1)
    words = re.sub(r"[^a-z ]", " ", text.lower())
    areas = {name: d.code for d in districts for name in _area_names(d)}
    for name, code in areas.items():
        if re.search(rf"\b{re.escape(name)}\b", words):
            return code
    if not near_misses:
        return None
    guesses = difflib.get_close_matches(words.strip(), list(areas), n=1, cutoff=0.8)
    return areas[guesses[0]] if guesses else None


_FULL_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b")


def is_full_postcode(text: str) -> bool:
    """True when a learner typed a whole postcode (we keep only its district)."""
    return bool(_FULL_POSTCODE.search(text.upper()))


def without_places(uow: UnitOfWork, city_slug: str, text: str) -> str:
    """``text`` with the city's postcode districts, postcodes and area names taken out."""
    with uow:
        districts = city_snapshot(uow, city_slug).districts
    return strip_places(districts, text)


def strip_places(districts: tuple[DistrictInfo, ...], text: str) -> str:
    """``text`` with postcode districts, postcodes and the area names of ``districts`` taken out."""
    stripped = _POSTCODE_LIKE.sub(" ", text)
    for name in _area_patterns(districts):
        stripped = name.sub(" ", stripped)
    return stripped


@lru_cache(maxsize=64)
def _area_patterns(districts: tuple[DistrictInfo, ...]) -> tuple[re.Pattern[str], ...]:
    """The districts' area names as whole-word patterns, longest first."""
    names = sorted({name for d in districts for name in _area_names(d)}, key=len, reverse=True)
    return tuple(re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE) for name in names)


_POSTCODE_LIKE = re.compile(r"\b[A-Za-z]{1,2}[0-9][A-Za-z0-9]?(?:\s*[0-9][A-Za-z]{2})?\b")
