"""Revocation: each award's position in its city's status list, revoking an award, and the
city's signed BitstringStatusListCredential.

The first time an award's credential is issued (or the award is revoked) it draws a random
position in the list, held for good by a ``StatusEntry`` that outlives the award and its
learner; revoking sets the entry's ``revoked_at``, which sets its bit in the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from badge_core.config import Settings
from badge_core.credentials import documents
from badge_core.credentials.keys import KeyStore, SigningKey, issuer_city
from badge_core.credentials.proof import sign
from badge_core.credentials.status_list import random_index
from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.models import Award, EventKind, StatusEntry, utcnow
from badge_core.queries.cities import get_city
from badge_core.queries.events import record_event
from badge_core.services.credentials.awards import find_award
from badge_core.services.credentials.issuers import (
    issuer_identifiers,
    issuer_name,
    issuing_provider,
    key_store,
    method_id,
    uses_did_web,
)

ALLOCATION_TRIES = 20


def draw_status_index(uow: UnitOfWork, award: Award) -> int:
    """A position in the award's city's list that no credential has ever had; held for good
    by a StatusEntry (a race with another process is an IntegrityError at flush)."""
    city_id = award.badge_class.city_id
    for _ in range(ALLOCATION_TRIES):
        index = random_index()
        taken = select(StatusEntry.id).where(
            StatusEntry.city_id == city_id, StatusEntry.position == index
        )
        if uow.session.scalar(taken) is None:
            uow.session.add(
                StatusEntry(city_id=city_id, position=index, award_public_id=award.public_id)
            )
            return index
    raise RuntimeError("no free position in the status list after several tries")


def status_entry(uow: UnitOfWork, award_public_id: str) -> StatusEntry | None:
    """The award's status list entry (still there after the award and its learner are gone)."""
    return uow.session.scalar(
        select(StatusEntry).where(StatusEntry.award_public_id == award_public_id)
    )


@dataclass(frozen=True)
class Revocation:
    award_id: int
    award_public_id: str
    revoked_at: datetime
    status_index: int
    already_revoked: bool


def revoke_award(
    uow: UnitOfWork,
    settings: Settings,
    award_ref: str | int,
    *,
    reason: str | None = None,
    staff_id: int | None = None,
    now: datetime | None = None,
) -> Revocation:
    """Revoke an award: its credential's bit in the city's status list is set from now on,
    and the audit trail records who did it (a staff member, or the operator's command line).

    Revoking twice changes nothing. ``settings`` is taken like the other credential services
    take it; revocation itself lives in the database.
    """
    del settings
    now = now or utcnow()
    with uow:
        award = find_award(uow, award_ref)
        if award.revoked_at is not None and award.status_index is not None:
            return Revocation(award.id, award.public_id, award.revoked_at, award.status_index, True)
        if award.status_index is None:
            award.status_index = draw_status_index(uow, award)
        award.revoked_at = award.revoked_at or now
        # the status list reads this row, which outlives the award and its learner
        entry = status_entry(uow, award.public_id)
        if entry is None:  # a position given before status entries existed
            entry = StatusEntry(
                city_id=award.badge_class.city_id,
                position=award.status_index,
                award_public_id=award.public_id,
            )
            uow.session.add(entry)
        entry.revoked_at = entry.revoked_at or award.revoked_at
        award.revocation_reason = reason or award.revocation_reason
        record_event(
            uow,
            EventKind.AWARD_REVOKED,
            city_id=award.badge_class.city_id,
            learner_id=award.learner_id,
            at=now,
            award_id=award.id,
            by=f"staff:{staff_id}" if staff_id is not None else "operator",
            reason=reason or "",
        )
        uow.session.flush()
        revocation = Revocation(
            award.id, award.public_id, award.revoked_at, award.status_index, False
        )
        uow.commit()
        return revocation


def _list_issuer(store: KeyStore, settings: Settings, city: str, key: str | None) -> str:
    """Whose list a did:key ``?key=`` asks for: the city's, or one of its issuing providers'
    (did:key lists share the city's address; the key says whose it is)."""
    if uses_did_web(settings) or key is None:
        return city
    holder = store.holder(key)
    return holder if holder is not None and issuer_city(holder) == city else city


def _status_signing_key(
    store: KeyStore, settings: Settings, issuer: str, key: str | None
) -> SigningKey:
    current = store.signing_key(issuer)
    if uses_did_web(settings) or key is None or key == current.public_multikey:
        return current  # under did:web every list is the issuer's one list, signed by today's key
    retired = store.retired_signing_key(issuer, key)
    if retired is None:
        raise NotFound("issuer key", key)
    return retired


def status_list_credential(
    uow: UnitOfWork,
    settings: Settings,
    city: str,
    *,
    key: str | None = None,
    provider: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The city's signed BitstringStatusListCredential for revocation, or under did:web its
    issuing ``provider``'s (a verifier takes a list only from the credential's own issuer).

    Under ``did:key`` each key is its own issuer with its own list (``key`` picks which, the
    city's or a provider's; the city's current key by default). Positions are city-wide, so
    every list carries the same bits.
    """
    with uow:
        city_row = get_city(uow, city)
        if provider is not None:
            issuing_provider(uow, city, provider)
        revoked = list(
            uow.session.scalars(
                select(StatusEntry.position)
                .where(StatusEntry.city_id == city_row.id, StatusEntry.revoked_at.is_not(None))
                .order_by(StatusEntry.position)
            )
        )
    store = key_store(settings)
    issuer = issuer_name(city, provider) if provider else _list_issuer(store, settings, city, key)
    signing = _status_signing_key(store, settings, issuer, key)
    ids = issuer_identifiers(settings, issuer)
    now = now or utcnow()
    document = documents.status_list_credential(ids, signing.public_multikey, revoked, now)
    return sign(document, signing.private_key, method_id(ids, signing), now)
