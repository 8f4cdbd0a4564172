"""Importing a city's offer from its sources (``badge_core/imports``) into the catalogue.

One source is one transaction: everything it gave is written, or (``dry_run``, or an error)
nothing is. Imported rows keep their source and the source's id, so a re-import updates in
place and never duplicates; what the city team edited is kept and reported, unless the run
says to overwrite it. A new activity gets skills proposed by meaning and no badge until the
team confirms them (``services/review.py``). Sources read whole (CSV, iCal, Open Referral)
withdraw what they no longer list; an OpenActive feed says what it deleted, and is read on
from its cursor.
"""

from __future__ import annotations

import hashlib
import math
import re
import time as clock
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from badge_core.citypack.fields import ID_PATTERN
from badge_core.citypack.load import stamp_version
from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest
from badge_core.imports.fetch import Fetcher
from badge_core.imports.ical import read_ical
from badge_core.imports.openactive import read_feed
from badge_core.imports.oruk import read_directory
from badge_core.imports.records import YOUTH_AGES, Batch, ImportedActivity, Place
from badge_core.imports.spreadsheet import read_csv
from badge_core.matching.embedder import Embedder
from badge_core.models import (
    Activity,
    ActivitySession,
    City,
    District,
    ImportSource,
    Provider,
    Skill,
    Venue,
    WeeklySlot,
)
from badge_core.queries.cities import get_city
from badge_core.services.places import distance_km
from badge_core.services.skill_proposals import Proposer, store_proposals
from badge_core.services.vectors import index_city

KINDS = ("openactive", "oruk", "ical", "csv")
SOURCE_KEY = re.compile(ID_PATTERN)  # as a pack id; at most 48 characters
WHOLE = {"oruk", "ical", "csv"}  # read whole each time: what is gone from them is withdrawn
NEAR_KM = 15.0  # an item with no known postcode district belongs to the nearest within this
EDITABLE = ("title", "description", "age_min", "age_max", "cost_pence", "booking", "online")


@dataclass(frozen=True)
class SourceSpec:
    key: str  # lowercase letters, digits and dashes: names the source in the city
    kind: str
    location: str  # a URL or a file
    provider: str | None = None  # the pack provider every item belongs to (CSV, iCal)


@dataclass
class ImportReport:
    source: str
    dry_run: bool
    added: list[str] = field(default_factory=list)  # activity titles
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    sessions_written: int = 0
    sessions_removed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source id, reason)
    kept_edits: list[tuple[str, list[str]]] = field(default_factory=list)  # (title, fields)
    to_recheck: list[str] = field(default_factory=list)  # confirmed, since reworded
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "removed": len(self.removed),
            "sessions_written": self.sessions_written,
            "sessions_removed": self.sessions_removed,
            "skipped": [{"id": i, "reason": r} for i, r in self.skipped],
            "kept_edits": [{"activity": t, "fields": f} for t, f in self.kept_edits],
            "to_recheck": self.to_recheck,
            "seconds": round(self.seconds, 2),
        }


def read_source(
    spec: SourceSpec, tz: ZoneInfo, now: datetime, fetcher: Fetcher, cursor: str | None = None
) -> Batch:
    """What the source gives now (an OpenActive feed from ``cursor`` on, if it has one)."""
    if spec.kind == "openactive":
        return read_feed(fetcher.read, cursor or spec.location)
    if spec.kind == "oruk":
        return read_directory(fetcher.read, spec.location)
    if spec.kind == "ical":
        return read_ical(fetcher.read(spec.location), tz, now)
    if spec.kind == "csv":
        return read_csv(fetcher.read(spec.location), tz)
    raise _unknown_kind(spec.kind)


def _unknown_kind(kind: str) -> InvalidRequest:
    return InvalidRequest(f"unknown source kind {kind!r}: one of {', '.join(KINDS)}")


def import_source(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    spec: SourceSpec,
    *,
    now: datetime,
    fetcher: Fetcher | None = None,
    propose: Proposer | None = None,
    dry_run: bool = False,
    overwrite_edits: bool = False,
    embedder: Embedder | None = None,
) -> ImportReport:
    """Read ``spec`` and write what it gave into the city's catalogue; the report says what
    changed, what was skipped and why, and which of the team's edits were kept. With an
    ``embedder``, new and changed words are then indexed, so learners find them by meaning
    (the sweep of vectors nothing uses any more waits for the next pack load)."""
    started = clock.perf_counter()
    if spec.kind not in KINDS:  # before anything is read
        raise _unknown_kind(spec.kind)
    if not SOURCE_KEY.fullmatch(spec.key) or len(spec.key) > 48:
        raise InvalidRequest(
            f"source key {spec.key!r}: lowercase letters, digits and dashes, at most 48"
        )
    with uow_factory().reading() as uow:
        city = get_city(uow, city_slug)
        tz = ZoneInfo(city.timezone)
        source = _source_row(uow.session, city, spec.key)
        cursor = source.cursor if source is not None and source.location == spec.location else None
        if spec.provider:
            _pack_provider(uow.session, city, spec.provider)
    with fetcher or Fetcher() as reader:
        batch = read_source(spec, tz, now, reader, cursor)
    report = ImportReport(spec.key, dry_run)
    with uow_factory() as uow:
        city = get_city(uow, city_slug)
        writer = _Writer(uow.session, city, spec, now, report, overwrite_edits)
        writer.write(batch, propose)
        if dry_run:
            uow.rollback()
        else:
            writer.source.cursor = batch.cursor
            writer.source.last_run_at = now
            report.seconds = clock.perf_counter() - started
            writer.source.last_report = report.as_dict()
            stamp_version(uow.session, city)
            uow.commit()
    if embedder is not None and not dry_run and (report.added or report.updated):
        index_city(uow_factory(), city_slug, embedder, sweep=False)
    report.seconds = clock.perf_counter() - started
    return report


def pack_sources(uow: UnitOfWork, city_slug: str) -> list[SourceSpec]:
    """The sources city.yaml lists, for ``colbot import all``."""
    with uow.reading():
        city = get_city(uow, city_slug)
        rows = uow.session.scalars(
            select(ImportSource)
            .where(ImportSource.city_id == city.id, ImportSource.in_pack.is_(True))
            .order_by(ImportSource.id)
        )
        return [SourceSpec(r.key, r.kind, r.location, r.provider_key) for r in rows]


def _source_row(session: Session, city: City, key: str) -> ImportSource | None:
    return session.scalar(
        select(ImportSource).where(ImportSource.city_id == city.id, ImportSource.key == key)
    )


def _pack_provider(session: Session, city: City, key: str) -> Provider:
    provider = session.scalar(
        select(Provider).where(Provider.city_id == city.id, Provider.key == key)
    )
    if provider is None:
        raise InvalidRequest(f"no provider {key!r} in {city.slug}: see providers.yaml")
    return provider


class _Writer:
    """Writes one batch into one city within the caller's transaction."""

    def __init__(
        self,
        session: Session,
        city: City,
        spec: SourceSpec,
        now: datetime,
        report: ImportReport,
        overwrite_edits: bool,
    ) -> None:
        self.session, self.city, self.spec, self.now = session, city, spec, now
        self.report, self.overwrite_edits = report, overwrite_edits
        self.source = _source_row(session, city, spec.key) or ImportSource(
            city_id=city.id, key=spec.key
        )
        self.source.kind, self.source.location = spec.kind, spec.location
        session.add(self.source)
        session.flush()
        self.provider = _pack_provider(session, city, spec.provider) if spec.provider else None
        self.activities: dict[str, Activity] = {
            a.external_id: a
            for a in session.scalars(
                select(Activity)
                .where(Activity.source_id == self.source.id)
                .options(selectinload(Activity.sessions), selectinload(Activity.weekly_slots))
            )
            if a.external_id is not None
        }
        self.sessions: dict[str, ActivitySession] = {
            s.external_id: s for a in self.activities.values() for s in a.sessions if s.external_id
        }
        self.districts = {
            d.code: d for d in session.scalars(select(District).where(District.city_id == city.id))
        }
        self.venues = {
            v.key: v
            for v in session.scalars(select(Venue).where(Venue.source_id == self.source.id))
        }
        self.providers = {
            p.name.strip().lower(): p
            for p in session.scalars(select(Provider).where(Provider.city_id == city.id))
        }
        self.skills = {
            s.key: s for s in session.scalars(select(Skill).where(Skill.city_id == city.id))
        }

    def write(self, batch: Batch, propose: Proposer | None) -> None:
        self.report.skipped += [(s.external_id, s.reason) for s in batch.skipped]
        to_propose: list[Activity] = []  # new, or unconfirmed with new words
        seen: set[str] = {s.external_id for s in batch.skipped}
        for item in {a.external_id: a for a in batch.activities}.values():
            seen.add(item.external_id)
            activity, reworded = self._activity(item)
            if activity is not None and reworded:
                to_propose.append(activity)
        self.session.flush()
        for session_item in batch.sessions:
            self._session(session_item)
        for gone in batch.deleted:
            self._delete(gone.external_id)
        if self.spec.kind in WHOLE:
            for ident in [i for i in self.activities if i not in seen]:
                self._delete(ident)
        self.session.flush()
        self._propose([a for a in to_propose if a in self.session], propose)

    def _activity(self, item: ImportedActivity) -> tuple[Activity | None, bool]:
        """The item written, and whether its skills are to be proposed (again)."""
        values = self._values(item)
        if values is None:
            return None, False
        activity = self.activities.get(item.external_id)
        reworded = activity is None
        if activity is None:
            activity = Activity(
                city_id=self.city.id,
                key=self._key(item.external_id),
                source_id=self.source.id,
                external_id=item.external_id,
                skills_confirmed=False,
                **values,
            )
            self.session.add(activity)
            self.activities[item.external_id] = activity
            self.report.added.append(item.title)
        else:
            changed, kept = [], []
            for name, value in values.items():
                if getattr(activity, name) == value:
                    continue
                if name in activity.edited_fields and not self.overwrite_edits:
                    kept.append(name)
                    continue
                setattr(activity, name, value)
                changed.append(name)
            if self.overwrite_edits and changed:
                activity.edited_fields = [f for f in activity.edited_fields if f not in changed]
            if kept:
                self.report.kept_edits.append((activity.title, kept))
            if changed:
                self.report.updated.append(activity.title)
            else:
                self.report.unchanged += 1
            reworded = bool({"title", "description", "tags"}.intersection(changed))
            if reworded and activity.skills_confirmed:
                # its skills were confirmed for other words: the team looks again (they and
                # any badge stay meanwhile; a confirmation replaces them)
                activity.skills_confirmed = False
                self.report.to_recheck.append(activity.title)
        self._times(activity, item)
        return activity, reworded

    def _values(self, item: ImportedActivity) -> dict[str, Any] | None:
        low = item.age_min if item.age_min is not None else YOUTH_AGES[0]
        high = item.age_max if item.age_max is not None else max(YOUTH_AGES[1], low)
        if high < YOUTH_AGES[0] or low > YOUTH_AGES[1] or high < low:
            ages = f"{low}-{high}" if item.age_max is not None else f"{low} and over"
            youth = f"{YOUTH_AGES[0]}-{YOUTH_AGES[1]}"
            self.report.skipped.append((item.external_id, f"for ages {ages}, not {youth}"))
            return None
        venue = self._venue(item.place) if item.place is not None else None
        if venue is None and not item.online:
            where = item.place.postcode if item.place and item.place.postcode else "none given"
            self.report.skipped.append(
                (
                    item.external_id,
                    f"not in {self.city.name}'s postcode districts (postcode: {where})",
                )
            )
            return None
        provider = self.provider or self._provider(item.organiser)
        if provider is None:
            self.report.skipped.append(
                (item.external_id, "names no organiser: import it with --provider")
            )
            return None
        notes = [*item.notes]
        if item.cost_pence is None:
            notes.append("Ask about cost.")
        description = "\n".join(part for part in (item.description, *notes) if part)
        return {
            "title": item.title[:200],
            "description": description,
            "provider_id": provider.id,
            "venue_id": venue.id if venue is not None else None,
            "online": item.online,
            "age_min": low,
            "age_max": high,
            "cost_pence": item.cost_pence or 0,
            "tags": list(dict.fromkeys(item.tags))[:12],
            "concepts": list(dict.fromkeys(item.concepts))[:12],
            "booking": item.booking,
        }

    def _key(self, external_id: str) -> str:
        digest = hashlib.sha256(external_id.encode()).hexdigest()[:10]
        return f"{self.spec.key}:{digest}"

    def _venue(self, place: Place) -> Venue | None:
        district = self.districts.get(place.district or "") or self._nearest(place)
        if district is None:
            return None
        key = self._key(f"venue:{place.name.lower()}|{place.postcode.upper().replace(' ', '')}")
        venue = self.venues.get(key)
        if venue is None:
            venue = Venue(city_id=self.city.id, key=key, source_id=self.source.id)
            self.session.add(venue)
            self.venues[key] = venue
        for name, value in {
            "name": (place.name or place.address or district.name)[:200],
            "address": ", ".join(p for p in (place.address, place.postcode) if p),
            "district_id": district.id,
            "lat": place.lat if place.lat is not None else district.lat,
            "lon": place.lon if place.lon is not None else district.lon,
        }.items():
            if getattr(venue, name) != value:
                setattr(venue, name, value)
        self.session.flush()
        return venue

    def _nearest(self, place: Place) -> District | None:
        if place.lat is None or place.lon is None or place.district:
            return None  # a postcode outside the city's districts is outside the city
        lat, lon = place.lat, place.lon
        by_distance = ((distance_km(lat, lon, d.lat, d.lon), d) for d in self.districts.values())
        km, best = min(by_distance, key=lambda pair: pair[0], default=(math.inf, None))
        return best if km <= NEAR_KM else None

    def _provider(self, organiser: str) -> Provider | None:
        name = organiser.strip()
        if not name:
            return None
        provider = self.providers.get(name.lower())
        if provider is None:
            provider = Provider(
                city_id=self.city.id,
                key=self._key(f"provider:{name.lower()}"),
                name=name[:200],
                kind="imported",
                source_id=self.source.id,
            )
            self.session.add(provider)
            self.session.flush()
            self.providers[name.lower()] = provider
        return provider

    def _times(self, activity: Activity, item: ImportedActivity) -> None:
        weekly = sorted({(w.weekday, w.start, w.end) for w in item.weekly})
        if sorted((s.weekday, s.start_time, s.end_time) for s in activity.weekly_slots) != weekly:
            activity.weekly_slots = [
                WeeklySlot(weekday=d, start_time=a, end_time=b) for d, a, b in weekly
            ]
        # the item's own dated sessions replace its earlier ones; sessions published apart
        # (an OpenActive ScheduledSession, with its own id) are left for their own items
        own = sorted(
            (
                (s.starts_at, s.ends_at, s.external_id)
                for s in item.sessions
                if s.ends_at > self.now
            ),
            key=_session_order,
        )
        own_ids = {e for _, _, e in own if e}
        current = [
            s for s in activity.sessions if s.external_id is None or s.external_id in own_ids
        ]
        if (
            sorted(((s.starts_at, s.ends_at, s.external_id) for s in current), key=_session_order)
            == own
        ):
            return
        for row in current:
            activity.sessions.remove(row)
            self.sessions.pop(row.external_id or "", None)
        for starts, ends, ident in own:
            row = ActivitySession(starts_at=starts, ends_at=ends, external_id=ident)
            activity.sessions.append(row)
            if ident:
                self.sessions[ident] = row
        self.report.sessions_written += len(own)
        self.report.sessions_removed += len(current)

    def _session(self, item: Any) -> None:
        parent = self._parent(item.parent)
        if parent is None:
            self.report.skipped.append(
                (item.external_id, "a session of a series this source has not sent")
            )
            return
        if item.ends_at <= self.now:
            return  # already happened
        existing = self.sessions.get(item.external_id)
        if existing is not None and existing.activity is parent:
            if (existing.starts_at, existing.ends_at) == (item.starts_at, item.ends_at):
                return
            existing.starts_at, existing.ends_at = item.starts_at, item.ends_at
        else:
            if existing is not None:  # moved to another series
                existing.activity.sessions.remove(existing)
            row = ActivitySession(
                starts_at=item.starts_at, ends_at=item.ends_at, external_id=item.external_id
            )
            parent.sessions.append(row)
            self.sessions[item.external_id] = row
        self.report.sessions_written += 1

    def _parent(self, reference: str) -> Activity | None:
        found = self.activities.get(reference)
        if found is not None:
            return found
        tail = reference.rstrip("/").rsplit("/", 1)[-1]
        return self.activities.get(tail)

    def _delete(self, external_id: str) -> None:
        activity = self.activities.pop(external_id, None)
        if activity is not None:
            for row in activity.sessions:
                self.sessions.pop(row.external_id or "", None)
            self.report.removed.append(activity.title)
            self.session.delete(activity)
            return
        row = self.sessions.pop(external_id, None)
        if row is not None and row.activity is not None:
            row.activity.sessions.remove(row)
            self.report.sessions_removed += 1

    def _propose(self, fresh: list[Activity], propose: Proposer | None) -> None:
        if propose is not None:
            store_proposals(self.session, fresh, propose, self.skills)


def _session_order(
    session: tuple[datetime, datetime, str | None],
) -> tuple[datetime, datetime, str]:
    """Sessions by time, then id (one without an id first): no None compared with a string."""
    return session[0], session[1], session[2] or ""
