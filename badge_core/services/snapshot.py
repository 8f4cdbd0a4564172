"""What a city's searches read, as one frozen value per pack load, held per process.

A city's time zone, districts and activities (their texts, tags, skills, venue, ages, cost
and schedule rules) change only when a city pack is loaded, and a load that changes anything
gives the city a new ``index_version``. ``city_snapshot`` reads that one column in the
caller's unit of work and hands back this process's snapshot of the city when it is still
current; otherwise it builds a new one in the same unit of work. A snapshot holds plain
frozen values, never ORM rows, so every request and thread can share it.

Only ``load_pack`` may change a city's catalogue: a row edited behind its back is not seen
until the next load.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.models import Activity, City, District, Venue


@dataclass(frozen=True)
class DistrictInfo:
    code: str  # outward code, "PL4"
    name: str  # area names learners use, "Mutley, Lipson"
    lat: float
    lon: float


@dataclass(frozen=True)
class VenueInfo:
    name: str
    address: str
    district: str  # its district's code
    lat: float
    lon: float


@dataclass(frozen=True)
class SkillInfo:
    key: str
    name: str


@dataclass(frozen=True)
class WeeklyTime:
    """A weekly session in the city's local time; Monday is 0."""

    weekday: int
    start: time
    end: time


@dataclass(frozen=True, eq=False)  # by identity: hashed cheaply by per-activity caches
class ActivityInfo:
    id: int
    key: str
    title: str
    description: str
    provider: str  # the provider's name
    venue: VenueInfo | None  # None for online activities
    online: bool
    age_min: int
    age_max: int
    cost_pence: int
    booking: str
    tags: tuple[str, ...]
    skills: tuple[SkillInfo, ...]  # in spine order
    badges: tuple[str, ...]  # badge class names
    weekly: tuple[WeeklyTime, ...]  # by weekday
    dated: tuple[tuple[datetime, datetime], ...]  # one-off sessions (UTC), soonest first


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per city and version
class CitySnapshot:
    id: int
    slug: str
    name: str
    timezone: str
    version: str | None
    districts: tuple[DistrictInfo, ...]  # by code
    activities: tuple[ActivityInfo, ...]  # by key

    def activity(self, key: str) -> ActivityInfo | None:
        return next((a for a in self.activities if a.key == key), None)


_snapshots: dict[str, CitySnapshot] = {}  # by city slug; each replaced when its version moves


def city_snapshot(uow: UnitOfWork, city_slug: str) -> CitySnapshot:
    """The city as searches see it, read in the caller's open unit of work (one query for
    the city's row when this process already holds its current snapshot)."""
    row = uow.session.execute(
        select(City.id, City.index_version).where(City.slug == city_slug)
    ).one_or_none()
    if row is None:
        raise NotFound("city", city_slug)
    held = _snapshots.get(city_slug)
    if held is not None and row.index_version is not None and held.version == row.index_version:
        return held
    snapshot = read_snapshot(uow.session, uow.session.get_one(City, row.id))
    if snapshot.version is not None:  # a city never stamped by a load is read every time
        _snapshots[city_slug] = snapshot
    return snapshot


def read_snapshot(session: Session, city: City) -> CitySnapshot:
    """A new snapshot of ``city`` from the database, bypassing the process's cache."""
    districts = session.scalars(
        select(District).where(District.city_id == city.id).order_by(District.code)
    )
    activities = session.scalars(
        select(Activity)
        .where(Activity.city_id == city.id)
        .order_by(Activity.key)
        .options(
            selectinload(Activity.provider),
            selectinload(Activity.venue).selectinload(Venue.district),
            selectinload(Activity.skills),
            selectinload(Activity.badges),
            selectinload(Activity.weekly_slots),
            selectinload(Activity.sessions),
        )
    )
    return CitySnapshot(
        id=city.id,
        slug=city.slug,
        name=city.name,
        timezone=city.timezone,
        version=city.index_version,
        districts=tuple(DistrictInfo(d.code, d.name, d.lat, d.lon) for d in districts),
        activities=tuple(_activity_info(a) for a in activities),
    )


def _activity_info(activity: Activity) -> ActivityInfo:
    venue = activity.venue
    return ActivityInfo(
        id=activity.id,
        key=activity.key,
        title=activity.title,
        description=activity.description,
        provider=activity.provider.name,
        venue=None
        if venue is None
        else VenueInfo(venue.name, venue.address, venue.district.code, venue.lat, venue.lon),
        online=activity.online,
        age_min=activity.age_min,
        age_max=activity.age_max,
        cost_pence=activity.cost_pence,
        booking=activity.booking,
        tags=tuple(activity.tags),
        skills=tuple(SkillInfo(s.key, s.name) for s in activity.skills),
        badges=tuple(b.name for b in activity.badges),
        weekly=tuple(
            WeeklyTime(s.weekday, s.start_time, s.end_time) for s in activity.weekly_slots
        ),
        dated=tuple((s.starts_at, s.ends_at) for s in activity.sessions),
    )
