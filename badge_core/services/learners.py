"""Learners: recognising a returning learner, their profile and consent, opt-out, erasure.

A learner is found by a keyed hash of (channel, sender key). The sender key that reaches the
badge core is already a pseudonym from the channel connector; hashing it again under the
badge core's key means the database never holds anything a channel would recognise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select

from badge_core.db import UnitOfWork
from badge_core.models import AgeBand, ChannelIdentity, Learner, utcnow
from badge_core.privacy import keyed_hash
from badge_core.services.cities import get_city

CONSENT_VERSION = "2026-11"


@dataclass(frozen=True)
class LearnerProfile:
    learner_id: int
    public_id: str
    is_new: bool
    consented: bool
    age_band: str | None
    district: str | None
    interests: list[str] = field(default_factory=list)
    opted_out: bool = False


def _profile(learner: Learner, is_new: bool) -> LearnerProfile:
    return LearnerProfile(
        learner_id=learner.id,
        public_id=learner.public_id,
        is_new=is_new,
        consented=learner.consent_given_at is not None,
        age_band=learner.age_band,
        district=learner.district,
        interests=list(learner.interests),
        opted_out=learner.opted_out_at is not None,
    )


def identity_hash(secret_key: str, channel: str, sender_key: str) -> str:
    return keyed_hash(secret_key, f"identity:{channel}", sender_key)


def find_learner(
    uow: UnitOfWork, secret_key: str, channel: str, sender_key: str
) -> LearnerProfile | None:
    with uow:
        learner = _learner_by_identity(uow, secret_key, channel, sender_key)
        return _profile(learner, is_new=False) if learner else None


def _learner_by_identity(
    uow: UnitOfWork, secret_key: str, channel: str, sender_key: str
) -> Learner | None:
    return uow.session.scalar(
        select(Learner)
        .join(ChannelIdentity)
        .where(
            ChannelIdentity.channel == channel,
            ChannelIdentity.address_hash == identity_hash(secret_key, channel, sender_key),
        )
    )


def register_learner(
    uow: UnitOfWork,
    secret_key: str,
    city_slug: str,
    channel: str,
    sender_key: str,
    *,
    age_band: AgeBand | None = None,
    district: str | None = None,
    interests: list[str] | None = None,
) -> LearnerProfile:
    """Record a learner who consented, or update the one this identity already is."""
    with uow:
        learner = _learner_by_identity(uow, secret_key, channel, sender_key)
        is_new = learner is None
        if learner is None:
            learner = Learner(city_id=get_city(uow, city_slug).id)
            learner.identities.append(
                ChannelIdentity(
                    channel=channel, address_hash=identity_hash(secret_key, channel, sender_key)
                )
            )
            uow.session.add(learner)
        learner.consent_given_at = learner.consent_given_at or utcnow()
        learner.consent_version = CONSENT_VERSION
        if age_band is not None:
            learner.age_band = AgeBand(age_band).value
        if district is not None:
            learner.district = district.upper()
        if interests is not None:
            learner.interests = interests
        learner.last_seen_at = utcnow()
        uow.session.flush()
        profile = _profile(learner, is_new)
        uow.commit()
        return profile


def set_opt_out(
    uow: UnitOfWork, secret_key: str, channel: str, sender_key: str, *, opted_out: bool
) -> bool:
    """Record an opt-out (or its end); False when nobody is registered for the identity."""
    with uow:
        learner = _learner_by_identity(uow, secret_key, channel, sender_key)
        if learner is None:
            return False
        learner.opted_out_at = utcnow() if opted_out else None
        uow.commit()
        return True


def erase_learner(uow: UnitOfWork, secret_key: str, channel: str, sender_key: str) -> bool:
    """Delete the learner, every identity and award; events keep no link to them."""
    with uow:
        learner = _learner_by_identity(uow, secret_key, channel, sender_key)
        if learner is None:
            return False
        uow.session.execute(delete(Learner).where(Learner.id == learner.id))
        uow.commit()
        return True
