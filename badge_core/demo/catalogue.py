"""What the simulation knows of a city, read once before planning: its activities, the
sessions a youth worker can run inside the simulated window, its districts and pathways."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from badge_core.db import UnitOfWork
from badge_core.demo.mix import CODE_LEAD
from badge_core.models import Activity, District, Pathway, PathwayStep, Venue
from badge_core.queries.cities import get_city
from badge_core.services.catalogue import occurrences
from badge_core.text import stem


@dataclass(frozen=True)
class SimActivity:
    key: str
    age_min: int
    age_max: int
    district: str | None
    online: bool
    badges: tuple[str, ...]
    words: frozenset[str]  # stems of its tags and title


@dataclass(frozen=True)
class SimSession:
    activity: SimActivity
    starts_at: datetime
    ends_at: datetime


@dataclass
class Catalogue:
    timezone: ZoneInfo
    activities: list[SimActivity]
    sessions: list[SimSession]
    districts: list[tuple[str, int]]  # (code, weight)
    areas: dict[str, list[str]]  # district code -> area names learners use
    tags: frozenset[str]
    pathways: list[list[frozenset[str]]]  # each pathway's steps, as the badges that do one
    by_activity: dict[str, list[int]] = field(default_factory=dict)  # its sessions, in order

    def __post_init__(self) -> None:
        for index, session in enumerate(self.sessions):
            self.by_activity.setdefault(session.activity.key, []).append(index)


def read_catalogue(
    uow_factory: Callable[[], UnitOfWork], city_slug: str, start: datetime, end: datetime
) -> Catalogue:
    with uow_factory() as uow:
        session = uow.session
        city = get_city(uow, city_slug)
        rows = session.scalars(
            select(Activity)
            .where(Activity.city_id == city.id)
            .options(
                selectinload(Activity.badges),
                selectinload(Activity.venue).selectinload(Venue.district),
            )
            .order_by(Activity.key)
        ).all()
        activities = {
            a.key: SimActivity(
                key=a.key,
                age_min=a.age_min,
                age_max=a.age_max,
                district=a.venue.district.code if a.venue else None,
                online=a.online,
                badges=tuple(sorted(b.key for b in a.badges)),
                words=frozenset(
                    stem(w) for w in re.findall(r"[a-z0-9]+", " ".join([a.title, *a.tags]).lower())
                ),
            )
            for a in rows
        }
        # Sessions a youth worker can run inside the window: the code opens (a little
        # before the start), early birds try it, and attendees claim, all before ``end``.
        sessions = [
            SimSession(activities[o.activity_key], o.starts_at, o.ends_at)
            for o in occurrences(uow, city, start, end)
            if activities[o.activity_key].badges
            and o.starts_at - CODE_LEAD - timedelta(hours=2) >= start
            and o.starts_at + timedelta(minutes=30) < end
        ]
        districts = list(
            session.scalars(
                select(District).where(District.city_id == city.id).order_by(District.code)
            )
        )
        # More learners where more is on, but every district has some.
        on_in = {code: 0 for code in (d.code for d in districts)}
        for activity in activities.values():
            if activity.district in on_in:
                on_in[activity.district] += 1
        return Catalogue(
            timezone=ZoneInfo(city.timezone),
            activities=list(activities.values()),
            sessions=sorted(sessions, key=lambda s: (s.starts_at, s.activity.key)),
            districts=[(code, 4 + n) for code, n in on_in.items()],
            areas={
                d.code: [p.strip().lower() for p in d.name.split(",") if p.strip()]
                for d in districts
            },
            tags=frozenset(t for a in rows for t in a.tags),
            pathways=[
                [frozenset(b.key for b in step.badges) for step in pathway.steps]
                for pathway in session.scalars(
                    select(Pathway)
                    .where(Pathway.city_id == city.id)
                    .options(selectinload(Pathway.steps).selectinload(PathwayStep.badges))
                    .order_by(Pathway.position, Pathway.key)
                )
            ],
        )
