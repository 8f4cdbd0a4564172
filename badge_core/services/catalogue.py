"""What's on: activities and their upcoming sessions, expanded from weekly schedules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from badge_core.db import UnitOfWork
from badge_core.models import Activity, City, utcnow
from badge_core.services.cities import get_city


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
    """Every session of the city's activities overlapping [start, end), soonest first."""
    tz = ZoneInfo(city.timezone)
    activities = uow.session.scalars(
        select(Activity)
        .where(Activity.city_id == city.id)
        .options(selectinload(Activity.weekly_slots), selectinload(Activity.sessions))
    ).all()
    found: list[Occurrence] = []
    first_day = start.astimezone(tz).date()
    days = (end.astimezone(tz).date() - first_day).days + 1
    for activity in activities:
        for offset in range(days):
            day = first_day + timedelta(days=offset)
            for slot in activity.weekly_slots:
                if slot.weekday != day.weekday():
                    continue
                begins = datetime.combine(day, slot.start_time, tz).astimezone(UTC)
                finishes = datetime.combine(day, slot.end_time, tz).astimezone(UTC)
                if finishes > start and begins < end:
                    found.append(_occurrence(activity, begins, finishes))
        for session in activity.sessions:
            if session.ends_at > start and session.starts_at < end:
                found.append(_occurrence(activity, session.starts_at, session.ends_at))
    return sorted(found, key=lambda o: (o.starts_at, o.title))


def _occurrence(activity: Activity, starts_at: datetime, ends_at: datetime) -> Occurrence:
    return Occurrence(activity.id, activity.key, activity.title, starts_at, ends_at)


def whats_on(
    uow: UnitOfWork, city_slug: str, *, now: datetime | None = None, days: int = 7
) -> WhatsOn:
    """A summary of the coming ``days``: how many activities meet, and what is next."""
    start = now or utcnow()
    end = start + timedelta(days=days)
    with uow:
        city = get_city(uow, city_slug)
        upcoming = occurrences(uow, city, start, end)
        return WhatsOn(
            city_name=city.name,
            timezone=city.timezone,
            start=start,
            end=end,
            activity_count=len({o.activity_id for o in upcoming}),
            session_count=len(upcoming),
            next_up=upcoming[:3],
        )

