"""Keeping data no longer than needed: one job deletes what is past its time, per kind.

| kind | setting (days) | default |
| --- | --- | --- |
| conversation history (Rasa's tracker store) | COLBOT_RETAIN_CONVERSATIONS_DAYS | 90 |
| analytics events, and skill corrections the city team did not accept | COLBOT_RETAIN_EVENTS_DAYS | 365 |
| codes that closed with nobody claiming them | COLBOT_RETAIN_UNCLAIMED_CODES_DAYS | 30 |
| learners who stopped messages and never came back | COLBOT_RETAIN_OPTED_OUT_DAYS | 180 |
| safeguarding concerns, counted from when they were resolved | COLBOT_RETAIN_CONCERN_DAYS | 2190 |

A safeguarding concern is kept six years after it is resolved (the common UK practice for a
youth service's child protection records; a school's own files run to the child's 25th
birthday), and an open one is never deleted by age: docs/safeguarding.md.

The tracker store is Rasa's database: this reads only its ``events`` table's ``timestamp``
column (seconds since the epoch), the one part of Rasa's schema this job relies on.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select

from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest
from badge_core.models import ClaimCode, Correction, CorrectionStatus, Event, Learner, utcnow
from badge_core.services.conversations import forget_before
from badge_core.services.outbox import drop_unsent


@dataclass(frozen=True)
class RetentionPolicy:
    conversations_days: int = 90
    events_days: int = 365
    unclaimed_codes_days: int = 30
    opted_out_days: int = 180
    concerns_days: int = 2190


def load_policy(environ: Mapping[str, str] | None = None) -> RetentionPolicy:
    env = os.environ if environ is None else environ
    defaults = RetentionPolicy()

    def days(name: str, default: int) -> int:
        raw = str(env.get(name, default)).strip()
        value = int(raw) if raw.isdigit() else -1
        if value < 0:
            raise InvalidRequest(f"{name} must be a whole number of days, 0 or more")
        return value

    return RetentionPolicy(
        conversations_days=days("COLBOT_RETAIN_CONVERSATIONS_DAYS", defaults.conversations_days),
        events_days=days("COLBOT_RETAIN_EVENTS_DAYS", defaults.events_days),
        unclaimed_codes_days=days(
            "COLBOT_RETAIN_UNCLAIMED_CODES_DAYS", defaults.unclaimed_codes_days
        ),
        opted_out_days=days("COLBOT_RETAIN_OPTED_OUT_DAYS", defaults.opted_out_days),
        concerns_days=days("COLBOT_RETAIN_CONCERN_DAYS", defaults.concerns_days),
    )


@dataclass(frozen=True)
class RetentionResult:
    conversation_events: int
    events: int
    unclaimed_codes: int
    opted_out_learners: int
    concerns: int = 0
    corrections: int = 0


def run_retention(
    uow: UnitOfWork,
    policy: RetentionPolicy,
    *,
    tracker_url: str | None = None,
    now: datetime | None = None,
    dry_run: bool = False,
) -> RetentionResult:
    now = now or utcnow()
    with uow:
        session = uow.session
        events_before = now - timedelta(days=policy.events_days)
        codes_before = now - timedelta(days=policy.unclaimed_codes_days)
        learners_before = now - timedelta(days=policy.opted_out_days)
        old_events = Event.occurred_at < events_before
        unclaimed = (ClaimCode.claims_count == 0) & or_(
            ClaimCode.valid_until < codes_before, ClaimCode.closed_at < codes_before
        )
        gone = Learner.opted_out_at < learners_before
        old_corrections = (Correction.created_at < events_before) & (
            Correction.status != CorrectionStatus.ACCEPTED
        )
        counts = [
            session.scalar(select(func.count()).select_from(model).where(condition))
            for model, condition in (
                (Event, old_events),
                (ClaimCode, unclaimed),
                (Learner, gone),
                (Correction, old_corrections),
            )
        ]
        if not dry_run:
            drop_unsent(uow, select(Learner.id).where(gone))
            session.execute(delete(Learner).where(gone))
            session.execute(delete(ClaimCode).where(unclaimed))
            session.execute(delete(Event).where(old_events))
            session.execute(delete(Correction).where(old_corrections))
            uow.commit()
    from badge_core.services.safeguarding import forget_resolved_concerns

    concerns = forget_resolved_concerns(
        uow, older_than_days=policy.concerns_days, now=now, dry_run=dry_run
    )
    conversations = (
        forget_before(
            tracker_url, (now - timedelta(days=policy.conversations_days)).timestamp(), dry_run
        )
        if tracker_url
        else 0
    )
    return RetentionResult(conversations, *counts[:3], concerns=concerns, corrections=counts[3])
