"""Reminders a learner asks for ("remind me"): the evening before a session (18:00 on the
city's clock) and an hour before it, as two messages in the outbox.

The outbox rows are the reminders: "stop reminders" deletes the learner's waiting ones, "my
reminders" lists them. While any waits, the address of the app they asked from is kept
(sealed); the outbox clears it when nothing more is owed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest, NotFound
from badge_core.messaging import say_clock
from badge_core.models import Audience, Learner, OutboxMessage, OutboxStatus, utcnow
from badge_core.queries.learners import learner_by_identity
from badge_core.services import outbox
from badge_core.services.catalogue import activity_details

REMINDER = "reminder"
EVENING_BEFORE = time(18, 0)
WAITING = (OutboxStatus.PENDING.value, OutboxStatus.SENDING.value)


class CannotRemind(InvalidRequest):
    """Why no reminder can be set: ``reason`` is not_registered, no_channel, no_session or
    too_soon."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Reminded:
    title: str
    starts_at: datetime
    at: list[datetime]  # when the reminders go
    timezone: str


@dataclass(frozen=True)
class Reminder:
    title: str
    starts_at: datetime
    timezone: str


def remind_me(
    uow: UnitOfWork,
    secret_key: str,
    city_slug: str,
    channel: str,
    sender_key: str,
    sealed_address: str | None,
    activity_key: str,
    *,
    now: datetime | None = None,
) -> Reminded:
    """Set the reminders for the activity's next session, or raise CannotRemind."""
    now = now or utcnow()
    if channel not in outbox.REACHABLE or not sealed_address:
        raise CannotRemind("no_channel")
    try:
        details = activity_details(uow, city_slug, activity_key, now=now)
    except NotFound:
        raise CannotRemind("no_session") from None
    if not details.next_sessions:
        raise CannotRemind("no_session")
    starts_at = details.next_sessions[0][0]
    zone = ZoneInfo(details.timezone)
    local_start = starts_at.astimezone(zone)
    evening = datetime.combine(local_start.date() - timedelta(days=1), EVENING_BEFORE, zone)
    where = details.place
    texts = {
        "eve": (
            evening,
            f"Reminder: {details.title} is tomorrow at {say_clock(starts_at, details.timezone)},"
            f' {where}. Say "stop reminders" for no more.',
        ),
        "hour": (
            starts_at - timedelta(hours=1),
            f"Reminder: {details.title} starts at {say_clock(starts_at, details.timezone)}, in an"
            f" hour. {where}.",
        ),
    }
    due = {name: (at, body) for name, (at, body) in texts.items() if at > now}
    if not due:
        raise CannotRemind("too_soon")
    with uow:
        learner = learner_by_identity(uow, secret_key, channel, sender_key)
        if learner is None or learner.consent_given_at is None:
            raise CannotRemind("not_registered")
        outbox.remember_learner_address(
            uow, secret_key, learner, channel, sender_key, sealed_address, now
        )
        for name, (at, body) in due.items():
            outbox.enqueue(
                uow,
                city_id=learner.city_id,
                kind=REMINDER,
                audience=Audience.LEARNER,
                channel=channel,
                address_sealed=sealed_address.encode(),
                body=body,
                variables={
                    "title": details.title,
                    "starts_at": starts_at.isoformat(),
                    "timezone": details.timezone,
                },
                # the learner's public id: SQLite gives an erased learner's id to the next one
                dedupe_key=f"{REMINDER}:{learner.public_id[:13]}:{activity_key}:"
                f"{starts_at.isoformat()}:{name}",
                learner_id=learner.id,
                now=now,
                due_at=at,
                expires_at=starts_at,
            )
        uow.commit()
    return Reminded(
        details.title, starts_at, sorted(at for at, _ in due.values()), details.timezone
    )


def _learner(uow: UnitOfWork, secret_key: str, channel: str, sender_key: str) -> Learner | None:
    return learner_by_identity(uow, secret_key, channel, sender_key)


def my_reminders(uow: UnitOfWork, secret_key: str, channel: str, sender_key: str) -> list[Reminder]:
    """The sessions the learner will be reminded of, soonest first."""
    with uow.reading():
        learner = _learner(uow, secret_key, channel, sender_key)
        if learner is None:
            return []
        rows = uow.session.scalars(
            select(OutboxMessage.variables).where(
                OutboxMessage.learner_id == learner.id,
                OutboxMessage.kind == REMINDER,
                OutboxMessage.status.in_(WAITING),
            )
        ).all()
    sessions = {
        (v["title"], v["starts_at"]): Reminder(
            v["title"], datetime.fromisoformat(v["starts_at"]), v["timezone"]
        )
        for v in rows
    }
    return sorted(sessions.values(), key=lambda r: r.starts_at)


def stop_reminders(uow: UnitOfWork, secret_key: str, channel: str, sender_key: str) -> int:
    """Delete the learner's waiting reminders; how many sessions they were for."""
    with uow:
        learner = _learner(uow, secret_key, channel, sender_key)
        if learner is None:
            return 0
        rows = uow.session.scalars(
            select(OutboxMessage.variables).where(
                OutboxMessage.learner_id == learner.id,
                OutboxMessage.kind == REMINDER,
                OutboxMessage.status == OutboxStatus.PENDING.value,
            )
        ).all()
        uow.session.execute(
            delete(OutboxMessage)
            .where(
                OutboxMessage.learner_id == learner.id,
                OutboxMessage.kind == REMINDER,
                OutboxMessage.status == OutboxStatus.PENDING.value,
            )
            .execution_options(synchronize_session=False)
        )
        outbox.forget_learner_address_when_done(uow, learner.id)
        uow.commit()
        return len({(v["title"], v["starts_at"]) for v in rows})
