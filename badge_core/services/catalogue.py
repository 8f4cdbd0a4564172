"""What's on: activities and their upcoming sessions, expanded from weekly schedules.

Sessions are expanded from a city's snapshot (see ``snapshot``), one local day at a time;
a day's weekly sessions are worked out once per snapshot and kept for the next search.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from badge_core.db import UnitOfWork
from badge_core.models import City, utcnow
from badge_core.services.snapshot import ActivityInfo, CitySnapshot, city_snapshot


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


def occurrences(
    uow: UnitOfWork, city: City, start: datetime, end: datetime
) -> list[Occurrence]:
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
