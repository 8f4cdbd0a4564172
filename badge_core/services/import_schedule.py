"""When a city's listed sources are read again.

Each source city.yaml lists says how often (``every_hours``, 24 unless it says otherwise).
``colbot import due`` reads the ones whose time has come, in every city: ``--forever`` (which
`make run` and deploy/compose.yaml start) looks every few minutes, ``--once`` suits a host's
own scheduler. A source is due when it has never been read, or its last written read is
``every_hours`` old. One that could not be read (its server down, its file gone) is tried
again no sooner than RETRY_AFTER, so a broken feed is not hammered; the others still run.
Taking a source marks it tried in its own transaction first, so a second worker that looks
at the same moment passes it by.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.errors import ColbotError
from badge_core.models import City, ImportSource
from badge_core.services.imports import ImportReport, SourceSpec

RETRY_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class DueSource:
    city: str
    spec: SourceSpec


@dataclass(frozen=True)
class Outcome:
    city: str
    source: str
    report: ImportReport | None  # None: not read (``problem`` says why)
    problem: str = ""


def _due(row: ImportSource, now: datetime) -> bool:
    if row.tried_at is not None and now - row.tried_at < RETRY_AFTER:
        return False
    return row.last_run_at is None or now - row.last_run_at >= timedelta(hours=row.every_hours)


def take_due(uow: UnitOfWork, now: datetime) -> list[DueSource]:
    """The listed sources due now, of every city, each marked tried at ``now``."""
    with uow:
        rows = uow.session.execute(
            select(ImportSource, City.slug)
            .join(City, City.id == ImportSource.city_id)
            .where(ImportSource.in_pack.is_(True))
            .order_by(ImportSource.id)
            .with_for_update(skip_locked=True, of=ImportSource)
        ).all()
        due = [(row, slug) for row, slug in rows if _due(row, now)]
        for row, _ in due:
            row.tried_at = now
        uow.commit()
        return [
            DueSource(slug, SourceSpec(r.key, r.kind, r.location, r.provider_key))
            for r, slug in due
        ]


def refresh_due(
    uow_factory: Callable[[], UnitOfWork],
    now: datetime,
    read: Callable[[DueSource, datetime], ImportReport],
) -> list[Outcome]:
    """Read every source due at ``now`` with ``read`` (an import that writes, as of ``now``),
    each on its own: one that cannot be read is reported and the rest still run."""
    outcomes = []
    for due in take_due(uow_factory(), now):
        try:
            outcomes.append(Outcome(due.city, due.spec.key, read(due, now)))
        except ColbotError as error:  # unreadable, or a provider the pack no longer has
            outcomes.append(Outcome(due.city, due.spec.key, None, str(error)))
    return outcomes
