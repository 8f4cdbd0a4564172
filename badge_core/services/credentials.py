"""Credentials for awards: issue them signed, check them, revoke them, publish the status list.

Every award is an Open Badges 3.0 ``OpenBadgeCredential`` signed by its city with an
``eddsa-rdfc-2022`` Data Integrity proof. A credential is built afresh from the database each
time it is asked for, so it is the same for an award every time except the proof's
``created``. The first time, the award draws its random position in the city's revocation
status list; revoking sets the award's ``revoked_at``, which sets its bit in the list.

Each function here enters its own unit of work; keys live in files (``credentials.keys``) and
are read outside it. The documents themselves are built by ``badge_core.credentials``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from badge_core.config import Settings
from badge_core.credentials import dids, documents, ob2
from badge_core.credentials.canonical import NotCanonicalisable, UnknownContext
from badge_core.credentials.identifiers import Identifiers, did_web, verification_method_id
from badge_core.credentials.keys import KeyStore, SigningKey
from badge_core.credentials.proof import ProofInvalid, check, sign, the_proof
from badge_core.credentials.limits import Canonicaliser, TooCostly, shape_problem
from badge_core.credentials.status_list import STATUS_PURPOSE, random_index
from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest, NotFound
from badge_core.models import (
    Award,
    AwardStatus,
    BadgeClass,
    BadgeSkill,
    City,
    EventKind,
    StatusEntry,
    utcnow,
)
from badge_core.privacy import keyed_hash
from badge_core.services.cities import get_city
from badge_core.services.events import record_event

ALLOCATION_TRIES = 20


def key_store(settings: Settings) -> KeyStore:
    return KeyStore.under(settings.data_dir)


def _ids(settings: Settings, city: str) -> Identifiers:
    if settings.public_url:
        try:
            did_web(settings.public_url, city)
        except ValueError as error:
            raise InvalidRequest(
                f"COLBOT_PUBLIC_URL cannot name a did:web issuer: {error}"
            ) from None
    return Identifiers(settings.public_url, city)


def _award_query(reference: str | int) -> Any:
    text = str(reference).strip()
    where = Award.id == int(text) if text.isdigit() else Award.public_id == text
    return (
        select(Award)
        .where(where)
        .options(
            selectinload(Award.badge_class).selectinload(BadgeClass.provider),
            selectinload(Award.badge_class)
            .selectinload(BadgeClass.alignments)
            .selectinload(BadgeSkill.skill),
            selectinload(Award.learner),
            selectinload(Award.activity),
            selectinload(Award.claim_code),
        )
    )


def _find_award(uow: UnitOfWork, reference: str | int) -> Award:
    award = uow.session.scalar(_award_query(reference))
    if award is None:
        raise NotFound("award", str(reference))
    return award


@dataclass(frozen=True)
class AwardStanding:
    badge_name: str
    status: str  # awarded | pending | declined
    revoked_at: datetime | None


def award_standing(uow: UnitOfWork, award_ref: str | int) -> AwardStanding | None:
    """Whether an award stands (for a page that cannot show a credential), or None."""
    with uow:
        award = uow.session.scalar(_award_query(award_ref))
        if award is None:
            return None
        return AwardStanding(award.badge_class.name, award.status, award.revoked_at)


def _level_text(levels: list[str], level: int | None) -> str | None:
    return levels[level - 1] if level is not None and 0 < level <= len(levels) else None


def _facts(award: Award, city: City) -> documents.AwardFacts:
    badge = award.badge_class
    skills = [
        documents.SkillFacts(
            key=a.skill.key,
            name=a.skill.name,
            description=a.skill.description,
            level=a.level,
            level_text=_level_text(a.skill.levels, a.level),
            external=list(a.skill.alignments or []),
        )
        for a in badge.alignments
    ]
    code = award.claim_code
    return documents.AwardFacts(
        public_id=award.public_id,
        learner_public_id=award.learner.public_id,
        awarded_at=award.awarded_at,
        badge=documents.BadgeFacts(
            key=badge.key,
            name=badge.name,
            description=badge.description,
            criteria=badge.criteria,
            image=badge.image,
            provider_key=badge.provider.key,
            provider_name=badge.provider.name,
            provider_url=badge.provider.website,
            skills=skills,
        ),
        city=documents.CityFacts(slug=city.slug, name=city.name, framework=city.framework),
        status_index=award.status_index,
        activity_title=award.activity.title if award.activity else None,
        activity_date=code.session_date if code is not None else None,
        # private unless the learner said yes to showing it (anyone with the link can read it)
        reflection=(award.evidence_narrative or None) if award.narrative_public else None,
    )


def _recipient_salt(settings: Settings, award_public_id: str) -> str:
    """A salt of the award's own: one learner's credentials cannot be linked by their hash."""
    return keyed_hash(settings.secret_key, "credential-recipient-salt", award_public_id)[:32]


def _draw_status_index(uow: UnitOfWork, award: Award) -> int:
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


def _method_id(ids: Identifiers, key: SigningKey) -> str:
    return verification_method_id(ids.issuer(key.public_multikey), key.public_multikey)


def _issuable(uow: UnitOfWork, award_ref: str | int) -> tuple[documents.AwardFacts, str]:
    """The award's facts, its status position drawn if it had none; refuses awards that
    have no credential."""
    for _ in range(ALLOCATION_TRIES):
        with uow:
            award = _find_award(uow, award_ref)
            if award.status != AwardStatus.AWARDED.value:
                raise InvalidRequest(
                    f"award {award.public_id} is {award.status}: it has no credential"
                )
            if award.revoked_at is not None:
                raise InvalidRequest(f"award {award.public_id} was revoked: it has no credential")
            city = uow.session.get(City, award.badge_class.city_id)
            assert city is not None
            if award.status_index is not None:
                return _facts(award, city), city.slug
            award.status_index = _draw_status_index(uow, award)
            try:
                uow.session.flush()
            except IntegrityError:
                continue  # another process took the same position just now: draw again
            facts = _facts(award, city)
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
    """The award's signed OpenBadgeCredential (``award_ref``: the award's id or public id)."""
    facts, city_slug = _issuable(uow, award_ref)
    key = key_store(settings).signing_key(city_slug)
    ids = _ids(settings, city_slug)
    document = documents.open_badge_credential(
        facts,
        ids,
        key.public_multikey,
        recipient_salt=_recipient_salt(settings, facts.public_id),
        valid_until=valid_until,
    )
    return sign(document, key.private_key, _method_id(ids, key), now or utcnow())


def ob2_assertion(uow: UnitOfWork, settings: Settings, award_ref: str | int) -> dict[str, Any]:
    """The award as an Open Badges 2.0 hosted Assertion (needs ``COLBOT_PUBLIC_URL``)."""
    if not settings.public_url:
        raise InvalidRequest("Open Badges 2.0 hosted assertions need COLBOT_PUBLIC_URL to be set")
    with uow:
        award = _find_award(uow, award_ref)
        if award.status != AwardStatus.AWARDED.value:
            raise InvalidRequest(f"award {award.public_id} is {award.status}: it has no assertion")
        city = uow.session.get(City, award.badge_class.city_id)
        assert city is not None
        facts = _facts(award, city)
        revoked_at, reason = award.revoked_at, award.revocation_reason
    return ob2.hosted_assertion(
        facts,
        _ids(settings, facts.city.slug),
        recipient_salt=_recipient_salt(settings, facts.public_id),
        revoked_at=revoked_at,
        revocation_reason=reason,
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
        award = _find_award(uow, award_ref)
        if award.revoked_at is not None and award.status_index is not None:
            return Revocation(award.id, award.public_id, award.revoked_at, award.status_index, True)
        if award.status_index is None:
            award.status_index = _draw_status_index(uow, award)
        award.revoked_at = award.revoked_at or now
        # the status list reads this row, which outlives the award and its learner
        entry = _status_entry(uow, award.public_id)
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


def _status_signing_key(
    store: KeyStore, settings: Settings, city: str, key: str | None
) -> SigningKey:
    current = store.signing_key(city)
    if settings.public_url or key is None or key == current.public_multikey:
        return current  # under did:web every list is the city's one list, signed by today's key
    retired = store.retired_signing_key(city, key)
    if retired is None:
        raise NotFound("issuer key", key)
    return retired


def status_list_credential(
    uow: UnitOfWork,
    settings: Settings,
    city: str,
    *,
    key: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The city's signed BitstringStatusListCredential for revocation.

    Under ``did:key`` each key is its own issuer with its own list (``key`` picks which; the
    current key by default); every list carries the same bits.
    """
    with uow:
        city_row = get_city(uow, city)
        revoked = list(
            uow.session.scalars(
                select(StatusEntry.position)
                .where(StatusEntry.city_id == city_row.id, StatusEntry.revoked_at.is_not(None))
                .order_by(StatusEntry.position)
            )
        )
    signing = _status_signing_key(key_store(settings), settings, city, key)
    ids = _ids(settings, city)
    now = now or utcnow()
    document = documents.status_list_credential(ids, signing.public_multikey, revoked, now)
    return sign(document, signing.private_key, _method_id(ids, signing), now)


def issuer_profile(uow: UnitOfWork, settings: Settings, city: str) -> dict[str, Any]:
    """The city's issuer Profile (JSON-LD), with its DID as id."""
    with uow:
        row = get_city(uow, city)
        facts = documents.CityFacts(slug=row.slug, name=row.name, framework=row.framework)
    key = key_store(settings).signing_key(city)
    return documents.standalone_profile(facts, _ids(settings, city), key.public_multikey)


def did_document(settings: Settings, city: str) -> dict[str, Any]:
    """The city's DID document: under did:web every key it has signed with, for the web app
    to serve at ``/cities/<city>/did.json``; under did:key the current key's own document."""
    store = key_store(settings)
    current = store.signing_key(city)
    ids = _ids(settings, city)
    if ids.public_url:
        return dids.did_document(ids.issuer(current.public_multikey), store.public_keys(city))
    return dids.did_key_document(current.public_multikey)


@dataclass(frozen=True)
class KeyRotation:
    city: str
    retired_key: str
    new_key: str
    issuer: str  # the DID new credentials carry


def rotate_issuer_key(uow: UnitOfWork, settings: Settings, city: str) -> KeyRotation:
    """Give the city a new signing key; credentials signed with the old one keep verifying."""
    with uow:
        get_city(uow, city)
    store = key_store(settings)
    old = store.signing_key(city)
    new = store.rotate(city)
    issuer = _ids(settings, city).issuer(new.public_multikey)
    return KeyRotation(city, old.public_multikey, new.public_multikey, issuer)


# --- verification -------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    valid: bool
    reasons: list[str] = field(default_factory=list)  # why it is not valid, for a person
    revoked: bool = False
    expired: bool = False
    status_checked: bool = False  # False when the status could not be looked up here
    issuer: str | None = None


def _issuer_id(document: dict[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _web_documents(settings: Settings | None) -> Any:
    """A did:web lookup over this deployment's own cities (nothing is fetched)."""
    if settings is None or not settings.public_url:
        return None
    store = key_store(settings)

    def lookup(did: str) -> dict[str, Any] | None:
        for city in store.cities():
            if did_web(settings.public_url, city) == did:
                return dids.did_document(did, store.public_keys(city))
        return None

    return lookup


def _key_reasons(settings: Settings, public_multikey: str, created: str) -> list[str]:
    """Why this deployment does not stand by a proof made with this key at ``created``."""
    store = key_store(settings)
    retired = store.retired_key(public_multikey)
    if retired is not None and retired.revoked_at:
        return [f"its signing key was revoked by the issuer on {retired.revoked_at[:10]}"]
    if not any(public_multikey in store.public_keys(city) for city in store.cities()):
        return ["it is signed with a key no city of this deployment has used"]
    signed, retired_at = _parse_time(created), _parse_time(retired.retired_at if retired else None)
    if signed is not None and retired_at is not None and signed > retired_at:
        return [f"it was signed after its key was retired on {retired.retired_at[:10]}"]
    return []


def _revoked_at(settings: Settings, method: str) -> str | None:
    """When the key a verification method names (``did:...#z6Mk...``) was revoked, if it was."""
    retired = key_store(settings).retired_key(method.rpartition("#")[2])
    return retired.revoked_at if retired else None


@dataclass(frozen=True)
class KeyRevocation:
    city: str
    revoked_key: str
    current_key: str


def revoke_issuer_key(
    uow: UnitOfWork, settings: Settings, city: str, public_multikey: str
) -> KeyRevocation:
    """Revoke one of the city's keys (the current one is rotated out first): what it signed
    no longer verifies here, and it leaves the did:web document."""
    with uow:
        get_city(uow, city)
    store = key_store(settings)
    try:
        store.revoke(city, public_multikey)
    except KeyError:
        raise NotFound("issuer key", public_multikey) from None
    return KeyRevocation(city, public_multikey, store.signing_key(city).public_multikey)


def _parse_time(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _check_proof(
    document: dict[str, Any], settings: Settings | None, limit: Canonicaliser | None
) -> list[str]:
    found = {}

    def public_key_for(method: str) -> bytes:
        found["method"] = method
        found["key"] = dids.resolve_key(method, _web_documents(settings))
        return found["key"].public_key

    try:
        if limit is None:
            check(document, public_key_for)
        else:
            check(document, public_key_for, limit.hash_data)
    except TooCostly as error:
        return [str(error)]
    except dids.Unresolvable as error:
        revoked = settings is not None and _revoked_at(settings, found.get("method", ""))
        if revoked:
            return [f"its signing key was revoked by the issuer on {revoked[:10]}"]
        return [f"the signing key cannot be found: {error}"]
    except (ProofInvalid, UnknownContext) as error:
        return [str(error)]
    except NotCanonicalisable as error:
        return [f"it cannot be checked: {error}"]
    reasons = []
    issuer = _issuer_id(document)
    if found["key"].controller != issuer:
        reasons.append(f"it is signed by {found['key'].controller}, not by its issuer {issuer}")
    if settings is not None:
        created = str(the_proof(document).get("created", ""))
        reasons += _key_reasons(settings, found["key"].public_multikey, created)
    return reasons


def _check_dates(document: dict[str, Any], now: datetime) -> tuple[list[str], bool]:
    reasons, expired = [], False
    valid_from = _parse_time(document.get("validFrom"))
    if valid_from is None:
        reasons.append("it has no readable validFrom date")
    elif now < valid_from:
        reasons.append(f"it is not valid until {document['validFrom']}")
    if "validUntil" in document:
        valid_until = _parse_time(document["validUntil"])
        if valid_until is None:
            reasons.append("its validUntil date cannot be read")
        elif now >= valid_until:
            expired = True
            reasons.append(f"it expired on {document['validUntil']}")
    return reasons, expired


def _check_status(uow: UnitOfWork, document: dict[str, Any]) -> tuple[list[str], bool, bool]:
    """(reasons, revoked, checked) from this deployment's own records."""
    entries = document.get("credentialStatus")
    entries = entries if isinstance(entries, list) else [entries]
    entry = next(
        (e for e in entries if isinstance(e, dict) and e.get("statusPurpose") == STATUS_PURPOSE),
        None,
    )
    credential_id = str(document.get("id", ""))
    if entry is None or not credential_id.startswith("urn:uuid:"):
        return [], False, False
    with uow:
        # the status entry, not the award: it is still there after the learner is erased
        held = _status_entry(uow, credential_id.removeprefix("urn:uuid:"))
        if held is None:
            return [], False, False
        if str(held.position) != str(entry.get("statusListIndex")):
            return ["its status entry is not the one this award was given"], False, True
        if held.revoked_at is not None:
            return [f"it was revoked on {held.revoked_at:%Y-%m-%d}"], True, True
    return [], False, True


def _status_entry(uow: UnitOfWork, award_public_id: str) -> StatusEntry | None:
    return uow.session.scalar(
        select(StatusEntry).where(StatusEntry.award_public_id == award_public_id)
    )


def verify_credential(
    uow: UnitOfWork | None,
    document: Any,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
    limit: Canonicaliser | None = None,
) -> Verification:
    """Check a credential's signature, dates and, given a unit of work, revocation status.

    With ``settings`` the signing key must also be one of this deployment's (current or
    retired) and ``did:web`` issuers resolve through its key files; without, only ``did:key``
    issuers can be checked (offline, as anyone can). A document not shaped like a badge is
    refused before any JSON-LD work; ``limit`` (for documents from outside) canonicalises in
    a worker with a hard time limit (badge_core.credentials.limits).
    """
    if not isinstance(document, dict):
        return Verification(False, ["it is not a JSON object"])
    types = document.get("type")
    if not isinstance(types, list) or "VerifiableCredential" not in types:
        return Verification(
            False, ["it is not a verifiable credential"], issuer=_issuer_id(document)
        )
    shape = shape_problem(document)
    if shape is not None:
        return Verification(False, [shape], issuer=_issuer_id(document))
    reasons = _check_proof(document, settings, limit)
    date_reasons, expired = _check_dates(document, now or utcnow())
    reasons += date_reasons
    revoked = checked = False
    if uow is not None and "credentialStatus" in document:
        status_reasons, revoked, checked = _check_status(uow, document)
        reasons += status_reasons
    return Verification(
        valid=not reasons,
        reasons=reasons,
        revoked=revoked,
        expired=expired,
        status_checked=checked,
        issuer=_issuer_id(document),
    )


# --- listings for the command line --------------------------------------------------------


def list_badge_classes(uow: UnitOfWork, city: str) -> list[dict[str, Any]]:
    with uow:
        row = get_city(uow, city)
        badges = uow.session.scalars(
            select(BadgeClass)
            .where(BadgeClass.city_id == row.id)
            .options(
                selectinload(BadgeClass.provider),
                selectinload(BadgeClass.alignments).selectinload(BadgeSkill.skill),
            )
            .order_by(BadgeClass.key)
        )
        return [
            {
                "key": b.key,
                "name": b.name,
                "description": b.description,
                "provider": b.provider.key,
                "skills": [
                    {"key": a.skill.key, "name": a.skill.name, "level": a.level}
                    for a in b.alignments
                ],
            }
            for b in badges
        ]


def list_awards(uow: UnitOfWork, city: str | None = None) -> list[dict[str, Any]]:
    """Every award (optionally of one city): no learner identity, only award facts."""
    with uow:
        query = (
            select(Award, BadgeClass.key, City.slug)
            .join(BadgeClass, Award.badge_class_id == BadgeClass.id)
            .join(City, BadgeClass.city_id == City.id)
            .order_by(Award.awarded_at, Award.id)
        )
        if city is not None:
            query = query.where(City.id == get_city(uow, city).id)
        return [
            {
                "id": award.id,
                "public_id": award.public_id,
                "city": slug,
                "badge": badge_key,
                "status": award.status,
                "awarded_at": award.awarded_at.isoformat(),
                "revoked_at": award.revoked_at.isoformat() if award.revoked_at else None,
                "status_index": award.status_index,
            }
            for award, badge_key, slug in uow.session.execute(query)
        ]
