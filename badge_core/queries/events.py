"""Recording analytics events (pseudonymous, no free text) in the caller's unit of work."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from badge_core.db import UnitOfWork
from badge_core.models import Event, EventKind, utcnow


def record_event(
    uow: UnitOfWork,
    kind: EventKind,
    *,
    city_id: int | None,
    learner_id: int | None = None,
    channel: str | None = None,
    at: datetime | None = None,
    **data: Any,
) -> None:
    uow.session.add(
        Event(
            kind=kind.value,
            city_id=city_id,
            learner_id=learner_id,
            channel=channel,
            occurred_at=at or utcnow(),
            data=data,
        )
    )
