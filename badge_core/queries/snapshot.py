"""What a city's searches and pathway suggestions read, as one frozen value per pack load,
held per process.

A city's time zone, districts, activities (their texts, tags, skills, venue, ages, cost
and schedule rules) and pathways (their steps, with the skills and badges that complete
each) change only when a city pack is loaded, and a load that changes anything
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
from badge_core.models import Activity, City, District, Pathway, PathwayStep, Venue


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


@dataclass(frozen=True)
class StepInfo:
    """A pathway step: done when the learner holds one of ``badge_ids`` or has shown every
    one of ``skills`` (skill keys, in spine order)."""

    key: str
    title: str
    skills: tuple[str, ...]
    badge_ids: frozenset[int]


@dataclass(frozen=True)
class PathwayInfo:
    key: str
    name: str
    description: str
    steps: tuple[StepInfo, ...]  # in order


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per city and version
class CitySnapshot:
    id: int
    slug: str
    name: str
    timezone: str
    version: str | None
    districts: tuple[DistrictInfo, ...]  # by code
    activities: tuple[ActivityInfo, ...]  # by key
    pathways: tuple[PathwayInfo, ...]  # in the city's order

    def activity(self, key: str) -> ActivityInfo | None:
        return next((a for a in self.activities if a.key == key), None)

    def pathway(self, key: str) -> PathwayInfo | None:
        return next((p for p in self.pathways if p.key == key), None)


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
    pathways = session.scalars(
        select(Pathway)
        .where(Pathway.city_id == city.id)
        .order_by(Pathway.position, Pathway.key)
        .options(*PATHWAY_STEPS)
    )
    return CitySnapshot(
        id=city.id,
        slug=city.slug,
        name=city.name,
        timezone=city.timezone,
        version=city.index_version,
        districts=tuple(DistrictInfo(d.code, d.name, d.lat, d.lon) for d in districts),
        activities=tuple(_activity_info(a) for a in activities),
        pathways=tuple(pathway_info(p) for p in pathways),
    )


# Loader options for reading pathways into PathwayInfo in a few queries, not one per step
PATHWAY_STEPS = (
    selectinload(Pathway.steps).selectinload(PathwayStep.skills),
    selectinload(Pathway.steps).selectinload(PathwayStep.badges),
)


def pathway_info(pathway: Pathway) -> PathwayInfo:
    return PathwayInfo(
        key=pathway.key,
        name=pathway.name,
        description=pathway.description,
        steps=tuple(
            StepInfo(
                step.key,
                step.title,
                tuple(s.key for s in step.skills),
                frozenset(b.id for b in step.badges),
            )
            for step in pathway.steps
        ),
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
