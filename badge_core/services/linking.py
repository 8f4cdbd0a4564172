"""One learner across channels: "link" on one app gives a one-time code; sending it from
another app joins that identity to the same learner, with the same badges.

Codes are 8 digits (easy to type on any phone), live 15 minutes, are used once and are
kept only as keyed hashes. Wrong codes are limited per chat and, for chats that missed, per
city, so guessing is hopeless: a few tries a chat in WINDOW against 10^8 possible codes. A
join waits for the learner's yes (LinkNeedsConfirmation).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update

from badge_core.db import UnitOfWork
from badge_core.errors import (
    LinkCodeUnknown,
    LinkNeedsConfirmation,
    NotRegistered,
    TooManyLinkAttempts,
)
from badge_core.models import (
    Award,
    ChannelIdentity,
    Event,
    EventKind,
    Learner,
    LinkCode,
    OutboxMessage,
    Subscription,
    utcnow,
)
from badge_core.privacy import keyed_hash
from badge_core.queries.cities import get_city
from badge_core.queries.events import record_event
from badge_core.queries.learners import learner_by_identity
from badge_core.services.learners import new_identity
from colbot_shared.codes import link_digits

LIFETIME = timedelta(minutes=15)
WINDOW = timedelta(minutes=15)
# Wrong codes in WINDOW: a chat gets MAX_FAILED_PER_CHAT; past MAX_FAILED in the whole city,
# a chat that has itself missed is stopped too, while one that has not still links (one
# city-wide cap let anyone pause linking for everyone).
MAX_FAILED_PER_CHAT = 5
MAX_FAILED = 30


@dataclass(frozen=True)
class IssuedLink:
    code: str  # "4821 9375"
    expires_at: datetime


@dataclass(frozen=True)
class Linked:
    badges: int  # badges the learner now holds
    already: bool  # this identity was already this learner's


def _hash(secret_key: str, digits: str) -> str:
    return keyed_hash(secret_key, "link-code", digits)


def start_link(
    uow: UnitOfWork, secret_key: str, channel: str, sender_key: str, *, now: datetime | None = None
) -> IssuedLink:
    now = now or utcnow()
    digits = f"{secrets.randbelow(10**8):08d}"
    with uow:
        learner = learner_by_identity(uow, secret_key, channel, sender_key)
        if learner is None:
            raise NotRegistered("nobody to link")
        # one live code per learner; expired ones are swept on the way
        uow.session.execute(
            delete(LinkCode).where(
                (LinkCode.learner_id == learner.id) | (LinkCode.expires_at < now)
            )
        )
        uow.session.add(
            LinkCode(
                learner_id=learner.id,
                code_hash=_hash(secret_key, digits),
                expires_at=now + LIFETIME,
            )
        )
        uow.commit()
    return IssuedLink(f"{digits[:4]} {digits[4:]}", now + LIFETIME)


def complete_link(
    uow: UnitOfWork,
    secret_key: str,
    city_slug: str,
    channel: str,
    sender_key: str,
    code: str,
    *,
    confirmed: bool = False,
    now: datetime | None = None,
) -> Linked:
    """Join this identity to the learner who asked for ``code``. When the identity already is
    another learner (they used both apps separately), the two become one: badges, details
    and identities move over; nothing is lost and no badge is held twice.

    Unless ``confirmed``, a join raises :class:`LinkNeedsConfirmation` with both sides' badge
    counts and changes nothing (the code stays usable for the yes): a child talked into
    sending someone else's code would otherwise hand over their badges and their chat."""
    now = now or utcnow()
    digits = link_digits(code) or ""
    with uow:
        session = uow.session
        city = get_city(uow, city_slug)
        who = keyed_hash(secret_key, "link-tries", f"{channel}:{sender_key}")
        recent = (
            Event.city_id == city.id,
            Event.kind == EventKind.LINK_FAILED.value,
            Event.occurred_at >= now - WINDOW,
        )
        mine = session.scalar(
            select(func.count())
            .select_from(Event)
            .where(*recent, Event.data["who"].as_string() == who)
        )
        if mine >= MAX_FAILED_PER_CHAT or (
            mine
            and session.scalar(select(func.count()).select_from(Event).where(*recent)) >= MAX_FAILED
        ):
            raise TooManyLinkAttempts("too many wrong link codes")
        link = session.scalar(
            select(LinkCode).where(
                LinkCode.code_hash == _hash(secret_key, digits), LinkCode.expires_at >= now
            )
        )
        if link is None:
            record_event(
                uow, EventKind.LINK_FAILED, city_id=city.id, channel=channel, at=now, who=who
            )
            uow.commit()
            raise LinkCodeUnknown("no such link code")
        target = session.get(Learner, link.learner_id)
        assert target is not None
        current = learner_by_identity(uow, secret_key, channel, sender_key)
        already = current is not None and current.id == target.id
        if not already and not confirmed:
            raise LinkNeedsConfirmation(
                _badges(uow, current.id) if current else 0, _badges(uow, target.id)
            )
        session.delete(link)
        if current is None:
            target.identities.append(new_identity(secret_key, channel, sender_key))
        elif not already:
            _merge(uow, current, into=target)
        target.last_seen_at = now
        session.flush()
        badges = _badges(uow, target.id)
        uow.commit()
        return Linked(badges=badges, already=already)


def _badges(uow: UnitOfWork, learner_id: int) -> int:
    counted = uow.session.scalar(
        select(func.count()).select_from(Award).where(Award.learner_id == learner_id)
    )
    return counted or 0


def _merge(uow: UnitOfWork, source: Learner, *, into: Learner) -> None:
    session = uow.session
    held = set(session.scalars(select(Award.badge_class_id).where(Award.learner_id == into.id)))
    session.execute(
        update(Award)
        .where(Award.learner_id == source.id, Award.badge_class_id.not_in(held or {-1}))
        .values(learner_id=into.id)
    )
    session.execute(
        update(ChannelIdentity)
        .where(ChannelIdentity.learner_id == source.id)
        .values(learner_id=into.id)
    )
    session.execute(update(Event).where(Event.learner_id == source.id).values(learner_id=into.id))
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.learner_id == source.id)
        .values(learner_id=into.id)
    )
    session.execute(
        update(Subscription).where(Subscription.learner_id == source.id).values(learner_id=into.id)
    )
    into.age_band = into.age_band or source.age_band
    into.district = into.district or source.district
    into.interests = into.interests or source.interests
    session.flush()
    session.expire_all()
    session.execute(delete(Learner).where(Learner.id == source.id))
