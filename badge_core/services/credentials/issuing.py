"""Issuing an award's credential: its facts read from the database, built into an Open Badges
3.0 ``OpenBadgeCredential`` and signed by its city with an ``eddsa-rdfc-2022`` Data Integrity
proof, or, when the badge's provider is an issuer of its own, by the provider with the city's
endorsement in its Profile (``endorsements``); and the same award as an Open Badges 2.0
hosted assertion.

A credential is built afresh from the database each time it is asked for (re-issuing is just
asking again), so it is the same for an award every time except the proof's ``created``. The
first time, the award draws its random position in the city's revocation status list
(``revocation``). The documents themselves are built by ``badge_core.credentials``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from badge_core.config import Settings
from badge_core.credentials import documents, ob2
from badge_core.credentials.proof import sign
from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest
from badge_core.models import Award, AwardStatus, City, utcnow
from badge_core.privacy import keyed_hash
from badge_core.services.credentials.awards import find_award
from badge_core.services.credentials.endorsements import endorsed_profile, provider_issuer
from badge_core.services.credentials.facts import badge_facts, city_facts
from badge_core.services.credentials.issuers import city_identifiers, key_store, method_id
from badge_core.services.credentials.revocation import ALLOCATION_TRIES, draw_status_index


def _recipient(settings: Settings, award: Award) -> documents.Recipient:
    """The email address the learner confirmed (its hash and salt: services/email_recipient),
    else their pseudonymous id with a salt of the award's own, so that one learner's
    credentials cannot be linked by their hash."""
    learner = award.learner
    if learner.email_hash and learner.email_salt:
        return documents.Recipient(documents.EMAIL_ADDRESS, learner.email_hash, learner.email_salt)
    salt = keyed_hash(settings.secret_key, "credential-recipient-salt", award.public_id)[:32]
    return documents.pseudonymous_recipient(learner.public_id, salt)


def _facts(settings: Settings, award: Award, city: City) -> documents.AwardFacts:
    code = award.claim_code
    return documents.AwardFacts(
        public_id=award.public_id,
        recipient=_recipient(settings, award),
        awarded_at=award.awarded_at,
        badge=badge_facts(award.badge_class),
        city=city_facts(city),
        status_index=award.status_index,
        activity_title=award.activity.title if award.activity else None,
        activity_date=code.session_date if code is not None else None,
        # private unless the learner said yes to showing it (anyone with the link can read it)
        reflection=(award.evidence_narrative or None) if award.narrative_public else None,
    )


def _issuable(
    uow: UnitOfWork, settings: Settings, award_ref: str | int
) -> tuple[documents.AwardFacts, str]:
    """The award's facts, its status position drawn if it had none; refuses awards that
    have no credential."""
    for _ in range(ALLOCATION_TRIES):
        with uow:
            award = find_award(uow, award_ref)
            if award.status != AwardStatus.AWARDED.value:
                raise InvalidRequest(
                    f"award {award.public_id} is {award.status}: it has no credential"
                )
            if award.revoked_at is not None:
                raise InvalidRequest(f"award {award.public_id} was revoked: it has no credential")
            city = uow.session.get(City, award.badge_class.city_id)
            assert city is not None
            if award.status_index is not None:
                return _facts(settings, award, city), city.slug
            award.status_index = draw_status_index(uow, award)
            try:
                uow.session.flush()
            except IntegrityError:
                continue  # another process took the same position just now: draw again
            facts = _facts(settings, award, city)
            uow.commit()
            return facts, city.slug
    raise RuntimeError("could not give the award a status list position")


def credential_for_award(
    uow: UnitOfWork,
    settings: Settings,
    award_ref: str | int,
    *,
    now: datetime | None = None,
    valid_until: datetime | None = None,
) -> dict[str, Any]:
    """The award's signed OpenBadgeCredential (``award_ref``: the award's id or public id),
    signed by its city or by its badge's issuing provider."""
    facts, city_slug = _issuable(uow, settings, award_ref)
    now = now or utcnow()
    profile = None
    if facts.badge.provider_issues:
        issuer = provider_issuer(settings, city_slug, facts.badge.provider)
        facts = replace(facts, badge=replace(facts.badge, provider_did=issuer.provider.did))
        key, ids = issuer.key, issuer.ids
        profile = endorsed_profile(settings, facts.city, issuer, now)
    else:
        key = key_store(settings).signing_key(city_slug)
        ids = city_identifiers(settings, city_slug)
    document = documents.open_badge_credential(
        facts,
        ids,
        key.public_multikey,
        valid_until=valid_until,
        issuer=profile,
    )
    return sign(document, key.private_key, method_id(ids, key), now)


def ob2_assertion(uow: UnitOfWork, settings: Settings, award_ref: str | int) -> dict[str, Any]:
    """The award as an Open Badges 2.0 hosted Assertion (needs ``COLBOT_PUBLIC_URL``)."""
    if not settings.public_url:
        raise InvalidRequest("Open Badges 2.0 hosted assertions need COLBOT_PUBLIC_URL to be set")
    with uow:
        award = find_award(uow, award_ref)
        if award.status != AwardStatus.AWARDED.value:
            raise InvalidRequest(f"award {award.public_id} is {award.status}: it has no assertion")
        city = uow.session.get(City, award.badge_class.city_id)
        assert city is not None
        facts = _facts(settings, award, city)
        revoked_at, reason = award.revoked_at, award.revocation_reason
    return ob2.hosted_assertion(
        facts,
        city_identifiers(settings, facts.city.slug),
        revoked_at=revoked_at,
        revocation_reason=reason,
    )
