"""Under-13s' claims waiting for a youth worker: listing them, approving or declining one.

A youth worker sees and decides only the claims of their own provider's badges.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest, NotFound
from badge_core.models import (
    AgeBand,
    Award,
    AwardStatus,
    BadgeClass,
    EventKind,
    Learner,
    OutboxMessage,
    utcnow,
)
from badge_core.queries.awards import claims_waiting_for
from badge_core.queries.events import record_event
from badge_core.services import outbox
from badge_core.services.staff import active


@dataclass(frozen=True)
class PendingClaim:
    award_id: int
    badge_name: str
    claimed_at: datetime


def pending_claims(uow: UnitOfWork, staff_id: int) -> list[PendingClaim]:
    """Under-13s' claims of the provider's badges waiting for a youth worker."""
    with uow:
        staff = active(uow, staff_id)
        return [PendingClaim(*row) for row in claims_waiting_for(uow, staff.provider_id)]


ANSWERS_FOR = timedelta(hours=24)  # a one-word answer refers to a notice this recent


def answer_notice(
    uow: UnitOfWork, staff_id: int, *, approve: bool, now: datetime | None = None
) -> PendingClaim:
    """A youth worker's "APPROVE" or "DECLINE" typed back to the last claims notice sent to
    them: decide the one claim it asked about. NotFound when their last notice (in the past
    24 hours) was about several claims, or there was none: they should say "pending"."""
    now = now or utcnow()
    with uow.reading():
        ref = uow.session.execute(
            select(OutboxMessage.reply_ref)
            .where(
                OutboxMessage.staff_id == staff_id,
                OutboxMessage.kind == outbox.CLAIMS_WAITING,
                OutboxMessage.sent_at >= now - ANSWERS_FOR,
            )
            .order_by(OutboxMessage.sent_at.desc(), OutboxMessage.id.desc())
            .limit(1)
        ).scalar_one_or_none()
    if ref is None or not ref.isdigit():
        raise NotFound("notice", "")
    return review_claim(uow, staff_id, int(ref), approve=approve, now=now)


def review_claim(
    uow: UnitOfWork, staff_id: int, award_id: int, *, approve: bool, now: datetime | None = None
) -> PendingClaim:
    now = now or utcnow()
    with uow:
        staff = active(uow, staff_id)
        award = uow.session.get(Award, award_id)
        badge = uow.session.get(BadgeClass, award.badge_class_id) if award else None
        if award is None or badge is None or badge.provider_id != staff.provider_id:
            raise NotFound("claim", str(award_id))
        if award.status != AwardStatus.PENDING.value:
            raise InvalidRequest("that claim has already been dealt with")
        award.status = (AwardStatus.AWARDED if approve else AwardStatus.DECLINED).value
        learner = uow.session.get(Learner, award.learner_id)
        record_event(
            uow,
            EventKind.AWARD_REVIEWED,
            city_id=badge.city_id,
            learner_id=award.learner_id,
            at=now,
            staff_id=staff.id,
            award_id=award.id,
            decision="approved" if approve else "declined",
            age_band=learner.age_band if learner else AgeBand.UNDER_13.value,
        )
        uow.session.flush()
        outbox.claim_decided(uow, award, badge, now)
        reviewed = PendingClaim(award.id, badge.name, award.awarded_at)
        uow.commit()
        return reviewed
