"""Awards waiting for a youth worker: the claims of under-13s (or of learners who gave no
age) of a provider's badges, oldest first."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.models import Award, AwardStatus, BadgeClass


def claims_waiting_for(uow: UnitOfWork, provider_id: int) -> list[tuple[int, str, datetime]]:
    """(award id, badge name, claimed at) of each claim of the provider's badges waiting for
    a decision, inside the caller's open unit of work."""
    rows = uow.session.execute(
        select(Award.id, BadgeClass.name, Award.awarded_at)
        .join(BadgeClass, Award.badge_class_id == BadgeClass.id)
        .where(BadgeClass.provider_id == provider_id, Award.status == AwardStatus.PENDING.value)
        .order_by(Award.awarded_at)
    )
    return [(award_id, name, at) for award_id, name, at in rows]
