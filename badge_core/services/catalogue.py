"""What's on: activities and their upcoming sessions, expanded from weekly schedules.

Sessions are expanded from a city's snapshot (see ``snapshot``), one local day at a time;
a day's weekly sessions are worked out once per snapshot and kept for the next search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.models import City, utcnow
from badge_core.queries.snapshot import ActivityInfo, CitySnapshot, city_snapshot


@dataclass(frozen=True)
class Occurrence:
    """One upcoming session of an activity, in UTC."""

    activity_id: int
    activity_key: str
    title: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class WhatsOn:
    city_name: str
    timezone: str
    start: datetime
    end: datetime
    activity_count: int
    session_count: int
    next_up: list[Occurrence]


def occurrences(uow: UnitOfWork, city: City, start: datetime, end: datetime) -> list[Occurrence]:
    """Every session of the city's activities overlapping [start, end), soonest first (in
    the caller's open unit of work)."""
    return sessions_between(city_snapshot(uow, city.slug), start, end)


def sessions_between(city: CitySnapshot, start: datetime, end: datetime) -> list[Occurrence]:
    """Every session of the city's activities overlapping [start, end), soonest first."""
    tz = ZoneInfo(city.timezone)
    first_day = start.astimezone(tz).date()
    days = (end.astimezone(tz).date() - first_day).days + 1
    # (position of the activity in the city, session): ties in time and title keep that order
    found = [
        (position, occurrence)
        for offset in range(days)
        for position, occurrence in _weekly_sessions_on(city, first_day + timedelta(days=offset))
        if occurrence.ends_at > start and occurrence.starts_at < end
    ]
    found += [
        (position, _occurrence(activity, starts_at, ends_at))
        for position, activity in enumerate(city.activities)
        for starts_at, ends_at in activity.dated
        if ends_at > start and starts_at < end
    ]
    found.sort(key=lambda p: (p[1].starts_at, p[1].title, p[0]))
    return [occurrence for _, occurrence in found]


@lru_cache(maxsize=1024)
def _weekly_sessions_on(city: CitySnapshot, day: date) -> tuple[tuple[int, Occurrence], ...]:
    tz = ZoneInfo(city.timezone)
    return tuple(
        (
            position,
            _occurrence(
                activity,
                datetime.combine(day, slot.start, tz).astimezone(UTC),
                datetime.combine(day, slot.end, tz).astimezone(UTC),
            ),
        )
        for position, activity in enumerate(city.activities)
        for slot in activity.weekly
        if slot.weekday == day.weekday()
    )


def _occurrence(activity: ActivityInfo, starts_at: datetime, ends_at: datetime) -> Occurrence:
    return Occurrence(activity.id, activity.key, activity.title, starts_at, ends_at)


def whats_on(
    uow: UnitOfWork, city_slug: str, *, now: datetime | None = None, days: int = 7
) -> WhatsOn:
    """A summary of the coming ``days``: how many activities meet, and what is next."""
    start = now or utcnow()
    end = start + timedelta(days=days)
    with uow:
        city = city_snapshot(uow, city_slug)
    upcoming = sessions_between(city, start, end)
    return WhatsOn(
        city_name=city.name,
        timezone=city.timezone,
        start=start,
        end=end,
        activity_count=len({o.activity_id for o in upcoming}),
        session_count=len(upcoming),
        next_up=upcoming[:3],
    )


@dataclass(frozen=True)
class ActivityHit:
    key: str
    title: str
    provider: str
    place: str  # venue and district, or "Online"
    starts_at: datetime
    ends_at: datetime
    timezone: str
    cost_pence: int
    age_min: int
    age_max: int
    online: bool
    distance_km: float | None
    tags: list[str] = field(default_factory=list)
    score: float = 0.0  # relevance to the query (1.0 when the query named no interest)


def activity_hit(
    activity: ActivityInfo,
    starts_at: datetime,
    ends_at: datetime,
    timezone: str,
    distance: float | None,
    score: float = 0.0,
) -> ActivityHit:
    venue = activity.venue
    place = "Online" if venue is None else f"{venue.name}, {venue.district}"
    return ActivityHit(
        key=activity.key,
        title=activity.title,
        provider=activity.provider,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=timezone,
        cost_pence=activity.cost_pence,
        age_min=activity.age_min,
        age_max=activity.age_max,
        online=activity.online,
        distance_km=distance,
        tags=list(activity.tags),
        score=score,
    )


@dataclass(frozen=True)
class ActivityDetails:
    key: str
    title: str
    description: str
    provider: str
    place: str
    address: str
    online: bool
    cost_pence: int
    age_min: int
    age_max: int
    booking: str
    timezone: str
    next_sessions: list[tuple[datetime, datetime]]
    badges: list[str]


def activity_details(
    uow: UnitOfWork, city_slug: str, key: str, *, now: datetime | None = None
) -> ActivityDetails:
    now = now or utcnow()
    with uow.reading():
        city = city_snapshot(uow, city_slug)
    activity = city.activity(key)
    if activity is None:
        raise NotFound("activity", key)
    sessions = [
        (o.starts_at, o.ends_at)
        for o in sessions_between(city, now, now + timedelta(days=28))
        if o.activity_id == activity.id
    ][:3]
    venue = activity.venue
    return ActivityDetails(
        key=activity.key,
        title=activity.title,
        description=activity.description,
        provider=activity.provider,
        place="Online" if venue is None else f"{venue.name}, {venue.district}",
        address="" if venue is None else venue.address,
        online=activity.online,
        cost_pence=activity.cost_pence,
        age_min=activity.age_min,
        age_max=activity.age_max,
        booking=activity.booking,
        timezone=city.timezone,
        next_sessions=sessions,
        badges=sorted(activity.badges),
    )


def activities_by_key(
    uow: UnitOfWork, city_slug: str, keys: Sequence[str], *, now: datetime | None = None
) -> list[ActivityHit]:
    """The next session of each activity, in the order given (for "more" on a past search)."""
    now = now or utcnow()
    with uow.reading():
        city = city_snapshot(uow, city_slug)
    activities = {a.key: a for a in city.activities if a.key in keys}
    next_session = {}
    for occurrence in sessions_between(city, now, now + timedelta(days=28)):
        next_session.setdefault(occurrence.activity_key, occurrence)
    return [
        activity_hit(
            activities[k], next_session[k].starts_at, next_session[k].ends_at, city.timezone, None
        )
        for k in keys
        if k in activities and k in next_session
    ]
