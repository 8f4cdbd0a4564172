"""What a youth worker may do about claim codes: choose one of their provider's badges for a
new code, see their provider's codes, close one. (Making the codes is
:func:`badge_core.services.codes.create_claim_codes`.) Every call checks the badge or code
belongs to the staff member's own provider.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound, StaffNotAllowed
from badge_core.models import Activity, BadgeClass, City, ClaimCode, utcnow
from badge_core.queries.cities import get_city
from badge_core.services.codes import code_hash, normalise_code
from badge_core.services.staff import active


@dataclass(frozen=True)
class CodeStatus:
    code_id: int
    hint: str  # first two characters: enough to tell codes apart in a list
    badge_name: str
    max_claims: int
    claims: int
    valid_until: datetime
    closed: bool


@dataclass(frozen=True)
class BadgeChoice:
    city: str
    timezone: str
    activities: list[tuple[str, str]]  # (key, title) of the activities that award the badge


def provider_badges(uow: UnitOfWork, staff_id: int) -> list[tuple[str, str]]:
    """(key, name) of the badges the staff member's provider awards."""
    with uow:
        staff = active(uow, staff_id)
        return [
            (key, name)
            for key, name in uow.session.execute(
                select(BadgeClass.key, BadgeClass.name)
                .where(BadgeClass.provider_id == staff.provider_id)
                .order_by(BadgeClass.name)
            )
        ]


def badge_of_provider(uow: UnitOfWork, staff_id: int, badge_key: str) -> BadgeChoice:
    """What a code for this badge can be tied to; refuses a badge of another provider."""
    with uow:
        staff = active(uow, staff_id)
        badge = uow.session.scalar(
            select(BadgeClass).where(
                BadgeClass.provider_id == staff.provider_id, BadgeClass.key == badge_key
            )
        )
        if badge is None:
            raise StaffNotAllowed("that badge is not your provider's")
        activities = uow.session.execute(
            select(Activity.key, Activity.title)
            .where(Activity.badges.any(BadgeClass.id == badge.id))
            .order_by(Activity.title)
        ).all()
        city = uow.session.get(City, badge.city_id)
        assert city is not None
        return BadgeChoice(city.slug, city.timezone, [(key, title) for key, title in activities])


def code_statuses(
    uow: UnitOfWork,
    *,
    staff_id: int | None = None,
    city_slug: str | None = None,
    now: datetime | None = None,
) -> list[CodeStatus]:
    """Codes of the staff member's provider (or of the whole city), newest first."""
    now = now or utcnow()
    with uow:
        query = select(ClaimCode, BadgeClass.name).join(
            BadgeClass, ClaimCode.badge_class_id == BadgeClass.id
        )
        if staff_id is not None:
            query = query.where(BadgeClass.provider_id == active(uow, staff_id).provider_id)
        if city_slug is not None:
            query = query.where(BadgeClass.city_id == get_city(uow, city_slug).id)
        rows = uow.session.execute(
            query.order_by(ClaimCode.created_at.desc(), ClaimCode.id.desc()).limit(200)
        )
        return [
            CodeStatus(
                c.id,
                c.hint,
                name,
                c.max_claims,
                c.claims_count,
                c.valid_until,
                c.closed_at is not None or c.valid_until <= now,
            )
            for c, name in rows
        ]


def close_code(
    uow: UnitOfWork,
    secret_key: str,
    typed_code: str,
    *,
    staff_id: int | None = None,
    now: datetime | None = None,
) -> CodeStatus:
    """Stop further claims of a code (staff: only their provider's codes)."""
    now = now or utcnow()
    normalised = normalise_code(typed_code)
    with uow:
        code = None
        if normalised is not None:
            code = uow.session.scalar(
                select(ClaimCode).where(ClaimCode.code_hash == code_hash(secret_key, normalised))
            )
        if code is None:
            raise NotFound("code", typed_code[:12])
        badge = uow.session.get(BadgeClass, code.badge_class_id)
        assert badge is not None
        if staff_id is not None and badge.provider_id != active(uow, staff_id).provider_id:
            raise NotFound("code", typed_code[:12])  # another provider's code: not theirs to see
        code.closed_at = code.closed_at or now
        status = CodeStatus(
            code.id,
            code.hint,
            badge.name,
            code.max_claims,
            code.claims_count,
            code.valid_until,
            True,
        )
        uow.commit()
        return status
