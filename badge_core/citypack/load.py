"""Load a validated city pack into the database: one transaction, idempotent, in place by id.

Entries are matched on their pack id, so an edited pack updates rows where they stand and
never touches learners, awards or claim codes. Entries no longer in the pack are removed,
except a badge class that learners hold or that has claim codes: removing that would take
badges away from young people, so the load refuses and says why.

Each load stamps the city's ``index_version`` with a digest of every row the pack wrote, so
the same data always has the same version and any change gives a new one: every process
holding the city's data (the matcher's vectors, the search snapshot) then reads it again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, Table, event, func, select
from sqlalchemy.orm import Session

from badge_core.channels import addresses_of
from badge_core.citypack.spec import CityPack, SessionSpec
from badge_core.db import UnitOfWork
from badge_core.errors import CityPackInvalid, PackProblem
from badge_core.models import (
    Activity,
    ActivitySession,
    Award,
    BadgeClass,
    BadgeSkill,
    City,
    ClaimCode,
    Correction,
    CorrectionStatus,
    District,
    ImportSource,
    Pathway,
    PathwayStep,
    Provider,
    Skill,
    Strand,
    Venue,
    WeeklySlot,
)
from badge_core.models.catalogue import activity_badges, activity_skills
from badge_core.models.pathways import step_badges, step_skills


def _sync(row: Any, **values: Any) -> None:
    """Set only the attributes that differ, so an unchanged entry stays untouched."""
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


def pack_rows(model: type[Any], city_id: int) -> Select[Any]:
    """The city's rows of ``model`` that its pack wrote: not those an import wrote
    (``source_id`` set), which belong to their source and are neither loaded nor exported."""
    statement = select(model).where(model.city_id == city_id)
    if hasattr(model, "source_id"):
        statement = statement.where(model.source_id.is_(None))
    return statement


class _Keyed:
    """The rows of one model in one city, by pack id, remembering which the pack still has.
    Rows an import wrote (``source_id`` set) are not the pack's: never matched, never removed."""

    def __init__(self, session: Session, model: type[Any], city: City, key: str = "key") -> None:
        self.session, self.model, self.city, self.key = session, model, city, key
        rows = session.scalars(pack_rows(model, city.id))
        self.rows: dict[str, Any] = {getattr(r, key): r for r in rows}
        self.kept: set[str] = set()

    def get(self, pack_id: str) -> Any:
        self.kept.add(pack_id)
        row = self.rows.get(pack_id)
        if row is None:
            row = self.model(city_id=self.city.id, **{self.key: pack_id})
            self.session.add(row)
            self.rows[pack_id] = row
        return row

    def __getitem__(self, pack_id: str) -> Any:
        return self.rows[pack_id]

    def stale(self) -> list[Any]:
        return [row for pack_id, row in self.rows.items() if pack_id not in self.kept]


@dataclass(frozen=True)
class LoadResult:
    city_slug: str
    changes: int  # rows inserted, updated or deleted; 0 when the pack was already loaded


def load_pack(uow: UnitOfWork, pack: CityPack) -> LoadResult:
    """Create or update the pack's city in one transaction; all or nothing."""
    with uow:
        changes = _ChangeCounter(uow.session)
        try:
            city = _load(uow.session, pack)
        finally:
            changes.stop()
        stamp_version(uow.session, city)
        uow.commit()
        return LoadResult(pack.city.slug, changes.count)


class _ChangeCounter:
    """Counts the rows each flush really inserts, updates or deletes."""

    def __init__(self, session: Session) -> None:
        self.session, self.count = session, 0
        event.listen(session, "after_flush", self._after_flush)

    def _after_flush(self, session: Session, _context: Any) -> None:
        self.count += len(session.new) + len(session.deleted)
        self.count += sum(1 for row in session.dirty if session.is_modified(row))

    def stop(self) -> None:
        event.remove(self.session, "after_flush", self._after_flush)


def _load(session: Session, pack: CityPack) -> City:
    city = session.scalar(select(City).where(City.slug == pack.city.slug))
    if city is None:
        city = City(slug=pack.city.slug)
        session.add(city)
    _sync(
        city,
        name=pack.city.name,
        timezone=pack.city.timezone,
        framework=pack.city.framework,
        safeguarding=pack.city.safeguarding,
        email_min_age=pack.city.email_min_age,
        messages=pack.city.messages,
        channels=pack.city.channels,
    )
    session.flush()
    _check_channels(session, city, pack.city.channels)
    tz = ZoneInfo(pack.city.timezone)

    strands, skills = _Keyed(session, Strand, city), _Keyed(session, Skill, city)
    accepted = accepted_examples(session, city.id)
    for s_pos, strand_spec in enumerate(pack.strands):
        strand = strands.get(strand_spec.id)
        _sync(strand, name=strand_spec.name, description=strand_spec.description, position=s_pos)
        session.flush()
        for k_pos, spec in enumerate(strand_spec.skills):
            skill = skills.get(spec.id)
            _sync(
                skill,
                strand_id=strand.id,
                name=spec.name,
                description=spec.description,
                # the city team's accepted corrections stay until the pack has them itself
                examples=[
                    *spec.examples,
                    *(e for e in accepted.get(spec.id, []) if e not in spec.examples),
                ],
                levels=spec.levels,
                activity_examples=spec.activity_examples,
                alignments=spec.alignments,
                position=s_pos * 100 + k_pos,
            )

    districts = _Keyed(session, District, city, key="code")
    for spec in pack.districts:
        _sync(districts.get(spec.id), name=spec.name, lat=spec.lat, lon=spec.lon)
    session.flush()

    venues = _Keyed(session, Venue, city)
    for spec in pack.venues:
        _sync(
            venues.get(spec.id),
            name=spec.name,
            address=spec.address,
            district_id=districts[spec.district].id,
            lat=spec.lat,
            lon=spec.lon,
        )

    providers = _Keyed(session, Provider, city)
    for spec in pack.providers:
        _sync(
            providers.get(spec.id),
            name=spec.name,
            kind=spec.kind,
            description=spec.description,
            website=spec.website,
            district_id=districts[spec.district].id if spec.district else None,
            issuer=spec.issuer,
        )
    session.flush()

    badges = _Keyed(session, BadgeClass, city)
    for spec in pack.badges:
        badge = badges.get(spec.id)
        _sync(
            badge,
            name=spec.name,
            description=spec.description,
            criteria=spec.criteria,
            provider_id=providers[spec.provider].id,
            image=spec.image,
        )
        session.flush()
        _sync_alignments(badge, spec.skills, skills)

    activities = _Keyed(session, Activity, city)
    for spec in pack.activities:
        activity = activities.get(spec.id)
        _sync(
            activity,
            title=spec.title,
            description=spec.description,
            provider_id=providers[spec.provider].id,
            venue_id=venues[spec.venue].id if spec.venue else None,
            online=spec.online,
            age_min=spec.age_min,
            age_max=spec.age_max,
            cost_pence=spec.cost_pence,
            tags=spec.tags,
            examples=spec.examples,
            booking=spec.booking,
        )
        _sync_list(activity, "skills", [skills[s] for s in spec.skills])
        _sync_list(activity, "badges", [badges[b] for b in spec.badges])
        _sync_slots(activity, spec.schedule)
        _sync_sessions(activity, spec.sessions, tz)

    pathways = _Keyed(session, Pathway, city)
    for position, spec in enumerate(pack.pathways):
        pathway = pathways.get(spec.id)
        _sync(
            pathway,
            name=spec.name,
            kind=spec.kind,
            description=spec.description,
            examples=spec.examples,
            position=position,
        )
        session.flush()
        existing = {step.key: step for step in pathway.steps}
        steps = []
        for step_pos, step_spec in enumerate(spec.steps):
            step = existing.get(step_spec.id) or PathwayStep(key=step_spec.id)
            _sync(step, position=step_pos, title=step_spec.title, description=step_spec.description)
            _sync_list(step, "skills", [skills[s] for s in step_spec.skills])
            _sync_list(step, "badges", [badges[b] for b in step_spec.badges])
            steps.append(step)
        _sync_list(pathway, "steps", steps)

    _sync_sources(session, city, pack.city.sources)
    session.flush()
    _remove_stale(
        session, [pathways, activities, badges, providers, venues, districts, skills, strands]
    )
    session.flush()
    return city


def _check_channels(session: Session, city: City, channels: dict[str, Any]) -> None:
    """A number or bot is one city's front door: refuse a pack naming another city's."""
    mine = set(addresses_of(channels))
    problems = [
        PackProblem(
            "city.yaml", "channels", "", f"{address.split(':', 1)[1]} is already {other.name}'s"
        )
        for other in session.scalars(select(City).where(City.id != city.id))
        for address in mine & set(addresses_of(other.channels or {}))
    ]
    if problems:
        raise CityPackInvalid(problems)


def _sync_sources(session: Session, city: City, wanted: list[dict[str, Any]]) -> None:
    """The pack's sources for `colbot import all`. A source dropped from the pack stays (its
    activities are still in the catalogue) but is no longer read."""
    rows = {
        row.key: row
        for row in session.scalars(select(ImportSource).where(ImportSource.city_id == city.id))
    }
    for row in rows.values():
        if row.key not in {spec["id"] for spec in wanted}:
            _sync(row, in_pack=False)
    for spec in wanted:
        row = rows.get(spec["id"])
        if row is None:
            row = ImportSource(city_id=city.id, key=spec["id"], location="")
            session.add(row)
        if row.location != spec["location"]:
            _sync(row, cursor=None)  # a feed read from elsewhere starts from its beginning
        _sync(
            row,
            kind=spec["kind"],
            location=spec["location"],
            provider_key=spec.get("provider"),
            every_hours=spec.get("every_hours", 24),
            in_pack=True,
        )


def _sync_list(row: Any, name: str, wanted: list[Any]) -> None:
    if list(getattr(row, name)) != wanted:
        setattr(row, name, wanted)


def _sync_alignments(badge: BadgeClass, wanted: Iterable[Any], skills: _Keyed) -> None:
    current = [(a.skill.key if a.skill else None, a.level) for a in badge.alignments]
    target = [(w.skill, w.level) for w in wanted]
    if current == target:
        return
    badge.alignments = []
    skills.session.flush()  # the old rows must go before new ones reuse their keys
    badge.alignments = [
        BadgeSkill(skill_id=skills[key].id, level=level, position=pos)
        for pos, (key, level) in enumerate(target)
    ]


def _sync_slots(activity: Activity, wanted: list[Any]) -> None:
    current = [(s.weekday, s.start_time, s.end_time) for s in activity.weekly_slots]
    target = sorted((s.weekday, s.start, s.end) for s in wanted)
    if sorted(current) != target:
        activity.weekly_slots = [
            WeeklySlot(weekday=d, start_time=a, end_time=b) for d, a, b in target
        ]


def _sync_sessions(activity: Activity, wanted: list[SessionSpec], tz: ZoneInfo) -> None:
    def utc(moment: datetime) -> datetime:
        return moment.replace(tzinfo=tz).astimezone(ZoneInfo("UTC"))

    target = sorted((utc(s.start), utc(s.end)) for s in wanted)
    current = sorted((s.starts_at, s.ends_at) for s in activity.sessions)
    if current != target:
        activity.sessions = [ActivitySession(starts_at=a, ends_at=b) for a, b in target]


def _remove_stale(session: Session, keyed: list[_Keyed]) -> None:
    stale_badges = [b for k in keyed if k.model is BadgeClass for b in k.stale()]
    held = []
    for badge in stale_badges:
        awards = session.scalar(select(func.count()).where(Award.badge_class_id == badge.id))
        codes = session.scalar(select(func.count()).where(ClaimCode.badge_class_id == badge.id))
        if awards or codes:
            held.append(
                PackProblem(
                    "badges.yaml",
                    badge.key,
                    "",
                    f"is missing from the pack but has {awards} award(s) and {codes} claim "
                    "code(s); keep it in the pack so learners keep their badges",
                )
            )
    if held:
        raise CityPackInvalid(held)
    for group in keyed:
        for row in group.stale():
            session.delete(row)
        session.flush()


def stamp_version(session: Session, city: City) -> None:
    """Give the city the version of its data as it is now: a running process matches by the
    new texts from its next read (badge_core/services/vectors.py)."""
    session.flush()
    _sync(city, index_version=_data_version(session, city.id))


def accepted_examples(session: Session, city_id: int) -> dict[str, list[str]]:
    """The examples the city team accepted from learners' corrections, by skill key, oldest
    first."""
    found: dict[str, list[str]] = {}
    for skill, example in session.execute(
        select(Correction.chosen_skill, Correction.example)
        .where(
            Correction.city_id == city_id,
            Correction.status == CorrectionStatus.ACCEPTED,
            Correction.example.is_not(None),
            Correction.chosen_skill.is_not(None),
        )
        .order_by(Correction.id)
    ):
        found.setdefault(skill, []).append(example)
    return found


def _data_version(session: Session, city_id: int) -> str:
    """A digest of every row a pack wrote for the city: the same data, the same version."""
    digest = hashlib.sha256()
    for statement in _pack_rows(city_id):
        for row in session.execute(statement):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def _pack_rows(city_id: int) -> list[Select[Any]]:
    """Every row a pack writes for a city (not the version itself), in a stable order."""
    city = City.__table__.c
    statements: list[Select[Any]] = [
        select(city.slug, city.name, city.timezone, city.framework).where(city.id == city_id)
    ]
    for model in (Strand, Skill, District, Venue, Provider, BadgeClass, Activity, Pathway):
        table = model.__table__
        statements.append(select(table).where(table.c.city_id == city_id).order_by(table.c.id))

    def under(table: Table, *joins: Any) -> Select[Any]:
        """The rows of ``table`` whose chain of ``joins`` ends at one of the city's rows."""
        statement = select(table)
        for model in joins:
            statement = statement.join(model)
        return statement.where(joins[-1].city_id == city_id).order_by(*table.primary_key.columns)

    of_activities = (
        WeeklySlot.__table__,
        ActivitySession.__table__,
        activity_skills,
        activity_badges,
    )
    statements += [under(table, Activity) for table in of_activities]
    statements.append(under(BadgeSkill.__table__, BadgeClass))
    statements.append(under(PathwayStep.__table__, Pathway))
    statements += [under(table, PathwayStep, Pathway) for table in (step_skills, step_badges)]
    return statements
