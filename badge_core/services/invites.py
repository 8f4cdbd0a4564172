"""Staff invites: making one, and a youth worker accepting it from a chat.

An invite is a one-time code ("STAFF 7KQX-M2PT", 40 random bits, kept as a keyed hash) that
a youth worker sends to the bot; accepting it links that chat identity (also a keyed hash)
to the role at that provider.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.errors import (
    InvalidRequest,
    InviteUnknown,
    NotFound,
    StaffNotAllowed,
    TooManyInviteAttempts,
)
from badge_core.models import Event, EventKind, Provider, Staff, StaffRole, utcnow
from badge_core.privacy import keyed_hash
from badge_core.queries.cities import get_city
from badge_core.queries.events import record_event
from badge_core.services.outbox import REACHABLE
from badge_core.services.staff import StaffMember, active, address_hash, member_of
from colbot_shared.codes import ALPHABET, staff_invite

logger = logging.getLogger(__name__)

# Shown once to one person, who sends it to the bot the same day: two days is plenty.
INVITE_LIFETIME = timedelta(days=2)
# Wrong invites: five per chat, and thirty in the whole city, in an hour. A guesser meets the
# wall long before an invite's 2^56 (a youth worker with a typo has four more tries).
INVITE_TRIES_PER_SENDER = 5
INVITE_TRIES_PER_CITY = 30
INVITE_TRY_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Invite:
    code: str  # shown once, e.g. "STAFF 7KQX-M2PT"
    staff_id: int
    provider_name: str
    role: str
    expires_at: datetime


def _new_invite() -> str:
    while True:
        raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
        if all(any(c in "23456789" for c in raw[i : i + 4]) for i in (0, 4, 8)):
            return raw


def _invite_hash(secret_key: str, text: str) -> str | None:
    compact = staff_invite(text)
    return None if compact is None else keyed_hash(secret_key, "staff-invite", compact)


def _provider(uow: UnitOfWork, city_slug: str, provider_key: str) -> Provider:
    city = get_city(uow, city_slug)
    provider = uow.session.scalar(
        select(Provider).where(Provider.city_id == city.id, Provider.key == provider_key)
    )
    if provider is None:
        raise NotFound("provider", provider_key)
    return provider


def invite_staff(
    uow: UnitOfWork,
    secret_key: str,
    city_slug: str,
    provider_key: str,
    role: str,
    *,
    label: str = "",
    invited_by: int | None = None,
    now: datetime | None = None,
) -> Invite:
    """A one-time invite to join ``provider_key`` as ``role`` (issuer, org-admin or
    safeguarding-lead). From a chat, only an org admin of the same provider may invite, and
    only issuers."""
    now = now or utcnow()
    if role not in (StaffRole.ISSUER, StaffRole.ORG_ADMIN, StaffRole.SAFEGUARDING_LEAD):
        raise InvalidRequest("the role is issuer, org-admin or safeguarding-lead")
    with uow:
        provider = _provider(uow, city_slug, provider_key)
        if invited_by is not None:
            inviter = active(uow, invited_by)
            if inviter.provider_id != provider.id or inviter.role != StaffRole.ORG_ADMIN:
                raise StaffNotAllowed("only an org admin of this provider can invite")
            if role != StaffRole.ISSUER:
                raise StaffNotAllowed("org admins are made with the colbot command")
        raw = _new_invite()
        staff = Staff(
            provider_id=provider.id,
            role=role,
            label=label[:100],
            invited_by_id=invited_by,
            invite_hash=keyed_hash(secret_key, "staff-invite", raw),
            invite_expires_at=now + INVITE_LIFETIME,
            created_at=now,
        )
        uow.session.add(staff)
        uow.session.flush()
        invite = Invite(
            f"STAFF {raw[:4]}-{raw[4:8]}-{raw[8:]}",
            staff.id,
            provider.name,
            role,
            now + INVITE_LIFETIME,
        )
        uow.commit()
    return invite


def accept_invite(
    uow: UnitOfWork,
    secret_key: str,
    channel: str,
    sender_key: str,
    text: str,
    *,
    city_slug: str,
    sealed_address: str | None = None,
    now: datetime | None = None,
) -> StaffMember:
    """Join the staff the invite names; :class:`InviteUnknown` for a wrong, used or expired
    invite, :class:`TooManyInviteAttempts` once this chat or the city has missed too often."""
    now = now or utcnow()
    digest = _invite_hash(secret_key, text)
    who = keyed_hash(secret_key, "invite-tries", f"{channel}:{sender_key}")
    with uow:
        city = get_city(uow, city_slug)
        _refuse_guessers(uow, city.id, who, now)
        staff = None
        if digest is not None:
            staff = uow.session.scalar(select(Staff).where(Staff.invite_hash == digest))
        if (
            staff is None
            or staff.removed_at is not None
            or staff.invite_expires_at is None
            or staff.invite_expires_at < now
        ):
            record_event(
                uow, EventKind.INVITE_FAILED, city_id=city.id, channel=channel, at=now, who=who
            )
            uow.commit()
            logger.warning("a wrong staff invite was tried in city %d", city.id)
            raise InviteUnknown("that invite is not valid")
        staff.invite_hash = None  # used once
        staff.channel = channel
        staff.address_hash = address_hash(secret_key, channel, sender_key)
        staff.joined_at = now
        # the chat, sealed as the connector sealed it: claims waiting and concerns reach them
        staff.address_sealed = (
            sealed_address.encode() if sealed_address and channel in REACHABLE else None
        )
        staff.last_message_at = now
        uow.session.flush()
        member = member_of(uow, staff)
        uow.commit()
        return member


def _refuse_guessers(uow: UnitOfWork, city_id: int, who: str, now: datetime) -> None:
    recent = (
        Event.kind == EventKind.INVITE_FAILED.value,
        Event.city_id == city_id,
        Event.occurred_at > now - INVITE_TRY_WINDOW,
    )
    mine = list(
        uow.session.scalars(
            select(Event.occurred_at)
            .where(*recent, Event.data["who"].as_string() == who)
            .order_by(Event.occurred_at)
        )
    )
    if len(mine) >= INVITE_TRIES_PER_SENDER:
        raise TooManyInviteAttempts(mine[-INVITE_TRIES_PER_SENDER] + INVITE_TRY_WINDOW)
    wall = uow.session.scalar(
        select(Event.occurred_at)
        .where(*recent)
        .order_by(Event.occurred_at.desc())
        .offset(INVITE_TRIES_PER_CITY - 1)
        .limit(1)
    )
    if wall is not None:
        logger.warning("staff invites in city %d are walled: too many wrong tries", city_id)
        raise TooManyInviteAttempts(wall + INVITE_TRY_WINDOW)
