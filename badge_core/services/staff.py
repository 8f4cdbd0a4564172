"""Youth workers and provider admins: the staff roster, their roles, and who is active.

A staff member joins with an invite (:mod:`badge_core.services.invites`), which links their
chat identity, kept as a keyed hash, to their role at one provider. What they may then do is
in :mod:`badge_core.services.staff_codes` and :mod:`badge_core.services.approvals`; every
staff action checks the badge, code or claim belongs to the staff member's own provider.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound, StaffNotAllowed
from badge_core.models import City, ClaimCode, Provider, Staff, utcnow
from badge_core.privacy import keyed_hash
from badge_core.queries.cities import get_city
from badge_core.services.outbox import REACHABLE


@dataclass(frozen=True)
class StaffMember:
    staff_id: int
    city: str
    provider_key: str
    provider_name: str
    role: str
    label: str
    joined: bool


def address_hash(secret_key: str, channel: str, sender_key: str) -> str:
    return keyed_hash(secret_key, f"staff:{channel}", sender_key)


def member_of(uow: UnitOfWork, staff: Staff) -> StaffMember:
    provider = uow.session.get(Provider, staff.provider_id)
    assert provider is not None
    slug = uow.session.scalar(select(City.slug).where(City.id == provider.city_id)) or ""
    return _member(staff, slug, provider)


def _member(staff: Staff, city_slug: str, provider: Provider) -> StaffMember:
    return StaffMember(
        staff.id,
        city_slug,
        provider.key,
        provider.name,
        staff.role,
        staff.label,
        staff.joined_at is not None,
    )


def active(uow: UnitOfWork, staff_id: int) -> Staff:
    staff = uow.session.get(Staff, staff_id)
    if staff is None or staff.removed_at is not None or staff.joined_at is None:
        raise StaffNotAllowed("not active staff")
    return staff


def staff_member(
    uow: UnitOfWork,
    secret_key: str,
    channel: str,
    sender_key: str,
    *,
    sealed_address: str | None = None,
) -> StaffMember | None:
    """The staff role this chat identity holds (the most recent, if several), or None. The
    first time a staff member writes from an app the bot can send on, its address (as the
    connector sealed it) is kept, to tell them of claims waiting or a new concern."""
    with uow:
        staff = uow.session.scalar(
            select(Staff)
            .where(
                Staff.channel == channel,
                Staff.address_hash == address_hash(secret_key, channel, sender_key),
                Staff.removed_at.is_(None),
                Staff.joined_at.is_not(None),
            )
            .order_by(Staff.joined_at.desc())
            .limit(1)
        )
        if staff is None:
            return None
        if sealed_address and channel in REACHABLE:
            # reachable from now on; on WhatsApp, free-form for the next 24 hours
            staff.address_sealed = staff.address_sealed or sealed_address.encode()
            staff.last_message_at = utcnow()
            member = member_of(uow, staff)
            uow.commit()
            return member
        return member_of(uow, staff)


def list_staff(uow: UnitOfWork, city_slug: str) -> list[StaffMember]:
    with uow.reading():
        city = get_city(uow, city_slug)
        rows = uow.session.execute(
            select(Staff, Provider)
            .join(Provider)
            .where(Provider.city_id == city.id, Staff.removed_at.is_(None))
            .order_by(Provider.key, Staff.id)
        ).all()
        return [_member(staff, city.slug, provider) for staff, provider in rows]


def remove_staff(uow: UnitOfWork, staff_id: int, *, now: datetime | None = None) -> int:
    """Remove a staff member: their invite stops working and every code they made that is
    still open closes (a youth worker who left, or whose phone was lost, leaves no live
    codes behind). How many codes were closed."""
    now = now or utcnow()
    with uow:
        staff = uow.session.get(Staff, staff_id)
        if staff is None or staff.removed_at is not None:
            raise NotFound("staff member", str(staff_id))
        staff.removed_at = now
        staff.invite_hash = None
        staff.address_sealed = None  # nothing more is sent to them
        closed = uow.session.execute(
            update(ClaimCode)
            .where(
                ClaimCode.created_by_id == staff_id,
                ClaimCode.closed_at.is_(None),
                ClaimCode.valid_until > now,
            )
            .values(closed_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        uow.commit()
        return closed
