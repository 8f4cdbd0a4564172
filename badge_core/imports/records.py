"""What every reader gives the import service: activities, their sessions, deletions and the
items it could not use, in one shape whatever the source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

YOUTH_AGES = (11, 25)  # who the bot serves: an item wholly outside this is not imported


@dataclass(frozen=True)
class Place:
    name: str
    address: str = ""
    postcode: str = ""
    lat: float | None = None
    lon: float | None = None

    @property
    def district(self) -> str | None:
        """The postcode district ("PL4 8AA" -> "PL4"), the grain the bot searches by."""
        return postcode_district(self.postcode)


@dataclass(frozen=True)
class WeeklyTime:
    weekday: int  # Monday is 0
    start: time
    end: time


@dataclass(frozen=True)
class SessionTime:
    starts_at: datetime  # aware
    ends_at: datetime
    external_id: str | None = None


@dataclass
class ImportedActivity:
    external_id: str
    title: str
    description: str = ""
    organiser: str = ""  # the provider's name as the source gives it
    place: Place | None = None
    online: bool = False
    age_min: int | None = None
    age_max: int | None = None
    cost_pence: int | None = None  # None: the source does not say
    tags: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)  # OpenActive Activity List concept ids
    booking: str = ""
    weekly: list[WeeklyTime] = field(default_factory=list)
    sessions: list[SessionTime] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # "Girls only", "Wheelchair accessible"


@dataclass(frozen=True)
class ImportedSession:
    """A dated session published apart from its activity (an OpenActive ScheduledSession)."""

    external_id: str
    parent: str  # the activity's id as the session names it (an id or a URL ending in it)
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Deleted:
    external_id: str


@dataclass(frozen=True)
class Skipped:
    external_id: str
    reason: str


@dataclass
class Batch:
    """What one read of a source gave."""

    activities: list[ImportedActivity] = field(default_factory=list)
    sessions: list[ImportedSession] = field(default_factory=list)
    deleted: list[Deleted] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    cursor: str | None = None  # where the next read of an incremental feed starts


_POSTCODE = re.compile(r"^\s*([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})?\s*$", re.I)
_DASH = r"\s*(?:-|–|to)\s*"
_AGE_RANGES = [
    re.compile(rf"\b(?:ages?|aged)\s*(\d{{1,2}}){_DASH}(\d{{1,2}})", re.I),
    re.compile(rf"\bfor\s+(\d{{1,2}}){_DASH}(\d{{1,2}})'?s\b", re.I),
    re.compile(rf"\b(\d{{1,2}}){_DASH}(\d{{1,2}})\s*(?:year olds?|years?|yrs?|y/?o)\b", re.I),
]
_AGE_FROM = re.compile(
    r"\b(?:(?:ages?|aged)\s*(\d{1,2})\s*\+|(\d{1,2})\s*\+|over\s+(\d{1,2})'?s)", re.I
)
_AGE_UNDER = re.compile(r"\bunder\s+(\d{1,2})'?s?\b", re.I)
_MONEY = re.compile(r"£?\s*(\d+)(?:\.(\d{1,2}))?")


def postcode_district(postcode: str) -> str | None:
    match = _POSTCODE.match(postcode or "")
    return match.group(1).upper() if match else None


def ages_in(text: str) -> tuple[int | None, int | None]:
    """An age range said in words ("ages 11-16", "for 8-12s", "14+", "under 18s"), else
    (None, None)."""
    text = text or ""
    for pattern in _AGE_RANGES:
        match = pattern.search(text)
        if match and 4 <= int(match.group(1)) <= int(match.group(2)) <= 99:
            return int(match.group(1)), int(match.group(2))
    match = _AGE_FROM.search(text)
    if match:
        return int(next(g for g in match.groups() if g)), None
    match = _AGE_UNDER.search(text)
    if match:
        return None, int(match.group(1)) - 1
    return None, None


def as_list(value: Any) -> list[Any]:
    """A field that sources give as one value or a list of them (JSON-LD, iCal), as a list."""
    return value if isinstance(value, list) else [] if value is None else [value]


def cheapest_pence(entries: Any, field_name: str) -> int | None:
    """The lowest price among ``entries`` (dicts whose ``field_name`` is pounds, as feeds give
    offers and cost options), in pence; None when none says."""
    amounts = [
        e[field_name]
        for e in as_list(entries)
        if isinstance(e, dict) and e.get(field_name) is not None
    ]
    return round(min(float(a) for a in amounts) * 100) if amounts else None


def pence(text: str) -> int | None:
    """A price in words ("free", "£2.50", "2", "£0") as pence, or None if it says none."""
    lowered = (text or "").strip().lower()
    if not lowered:
        return None
    if lowered in {"free", "no cost", "none", "0", "£0", "nil"} or lowered.startswith("free"):
        return 0
    match = _MONEY.search(lowered)
    if not match:
        return None
    return int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
