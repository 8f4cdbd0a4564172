"""Youth workers and provider admins: invites, and what they may do from a chat.

An invite is a one-time code ("STAFF 7KQX-M2PT", 40 random bits, kept as a keyed hash) that
a youth worker sends to the bot; accepting it links that chat identity (also a keyed hash)
to the role at that provider. Every staff action checks the badge or code belongs to the
staff member's own provider.
"""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from badge_core.db import UnitOfWork
from badge_core.errors import (
    InvalidRequest,
    InviteUnknown,
    NotFound,
    StaffNotAllowed,
    TooManyInviteAttempts,
)
from badge_core.models import (
    Activity,
    AgeBand,
    Award,
    AwardStatus,
    BadgeClass,
    City,
    ClaimCode,
    Event,
    EventKind,
    Learner,
    Provider,
    Staff,
    StaffRole,
    utcnow,
)
from badge_core.privacy import keyed_hash
from badge_core.services.cities import get_city
from badge_core.services.codes import ALPHABET, code_hash, normalise_code
from badge_core.services.events import record_event

logger = logging.getLogger(__name__)

# Shown once to one person, who sends it to the bot the same day: two days is plenty.
INVITE_LIFETIME = timedelta(days=2)
# "STAFF 7KQX-M2PT-9HJR": three groups of four (about 56 bits), each holding a digit 2-9, so
# words after "staff" are never an invite (bot/nlu/code_pattern.py finds the first two groups
# the same way). Invites of two groups, from before, are still read until they expire.
_GROUP = r"((?=[0-9a-z]{0,3}[2-9])[0-9a-z]{4})"
_INVITE = re.compile(
    rf"\bstaff\W*{_GROUP}[\s\-]?{_GROUP}(?:[\s\-]?{_GROUP})?\b", re.IGNORECASE
)
# Wrong invites: five per chat, and thirty in the whole city, in an hour. A guesser meets the
# wall long before an invite's 2^56 (a youth worker with a typo has four more tries).
INVITE_TRIES_PER_SENDER = 5
INVITE_TRIES_PER_CITY = 30
INVITE_TRY_WINDOW = timedelta(hours=1)
_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1"})


@dataclass(frozen=True)
class Invite:
    code: str  # shown once, e.g. "STAFF 7KQX-M2PT"
    staff_id: int
    provider_name: str
    role: str
    expires_at: datetime


@dataclass(frozen=True)
class StaffMember:
    staff_id: int
    city: str
    provider_key: str
    provider_name: str
    role: str
    label: str
    joined: bool


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
class PendingClaim:
    award_id: int
    badge_name: str
    claimed_at: datetime


def _new_invite() -> str:
    while True:
        raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
        if all(any(c in "23456789" for c in raw[i : i + 4]) for i in (0, 4, 8)):
            return raw


def _invite_hash(secret_key: str, text: str) -> str | None:
    match = _INVITE.search(text)
    if match is None:
        return None
    compact = "".join(group or "" for group in match.groups()).upper().translate(_FOLD)
    return (
        keyed_hash(secret_key, "staff-invite", compact) if set(compact) <= set(ALPHABET) else None
    )


def _address_hash(secret_key: str, channel: str, sender_key: str) -> str:
    return keyed_hash(secret_key, f"staff:{channel}", sender_key)


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
            inviter = _active(uow, invited_by)
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
            f"STAFF {raw[:4]}-{raw[4:8]}-{raw[8:]}", staff.id, provider.name, role,
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
        staff.address_hash = _address_hash(secret_key, channel, sender_key)
        staff.joined_at = now
        uow.session.flush()
        member = _member_of(uow, staff)
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


def _member_of(uow: UnitOfWork, staff: Staff) -> StaffMember:
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


def _active(uow: UnitOfWork, staff_id: int) -> Staff:
    staff = uow.session.get(Staff, staff_id)
    if staff is None or staff.removed_at is not None or staff.joined_at is None:
        raise StaffNotAllowed("not active staff")
    return staff


def staff_member(
    uow: UnitOfWork, secret_key: str, channel: str, sender_key: str
) -> StaffMember | None:
    """The staff role this chat identity holds (the most recent, if several), or None."""
    with uow:
        staff = uow.session.scalar(
            select(Staff)
            .where(
                Staff.channel == channel,
                Staff.address_hash == _address_hash(secret_key, channel, sender_key),
                Staff.removed_at.is_(None),
                Staff.joined_at.is_not(None),
            )
            .order_by(Staff.joined_at.desc())
            .limit(1)
        )
        return _member_of(uow, staff) if staff else None


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


def provider_badges(uow: UnitOfWork, staff_id: int) -> list[tuple[str, str]]:
    """(key, name) of the badges the staff member's provider awards."""
    with uow:
        staff = _active(uow, staff_id)
        return [
            (key, name)
            for key, name in uow.session.execute(
                select(BadgeClass.key, BadgeClass.name)
                .where(BadgeClass.provider_id == staff.provider_id)
                .order_by(BadgeClass.name)
            )
        ]


@dataclass(frozen=True)
class BadgeChoice:
    city: str
    timezone: str
    activities: list[tuple[str, str]]  # (key, title) of the activities that award the badge


def badge_of_provider(uow: UnitOfWork, staff_id: int, badge_key: str) -> BadgeChoice:
    """What a code for this badge can be tied to; refuses a badge of another provider."""
    with uow:
        staff = _active(uow, staff_id)
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
            query = query.where(BadgeClass.provider_id == _active(uow, staff_id).provider_id)
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
        if staff_id is not None and badge.provider_id != _active(uow, staff_id).provider_id:
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


def pending_claims(uow: UnitOfWork, staff_id: int) -> list[PendingClaim]:
    """Under-13s' claims of the provider's badges waiting for a youth worker."""
    with uow:
        staff = _active(uow, staff_id)
        rows = uow.session.execute(
            select(Award.id, BadgeClass.name, Award.awarded_at)
            .join(BadgeClass, Award.badge_class_id == BadgeClass.id)
            .where(
                BadgeClass.provider_id == staff.provider_id,
                Award.status == AwardStatus.PENDING.value,
            )
            .order_by(Award.awarded_at)
        )
        return [PendingClaim(*row) for row in rows]


def review_claim(
    uow: UnitOfWork, staff_id: int, award_id: int, *, approve: bool, now: datetime | None = None
) -> PendingClaim:
    now = now or utcnow()
    with uow:
        staff = _active(uow, staff_id)
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
        reviewed = PendingClaim(award.id, badge.name, award.awarded_at)
        uow.commit()
        return reviewed
