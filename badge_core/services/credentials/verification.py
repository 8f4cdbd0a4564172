"""Checking a credential someone pasted or sent: its shape (the limits, before any JSON-LD
work), its proof (canonicalised, for documents from outside, in a worker with a hard time
limit), whether this deployment stands by the signing key (a city's or an issuing
provider's), its dates, its revocation status, and the endorsements its issuer's Profile
carries (each checked as a credential of its own, and about that issuer)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from badge_core.config import Settings
from badge_core.credentials import dids
from badge_core.credentials.canonical import NotCanonicalisable, UnknownContext
from badge_core.credentials.limits import Canonicaliser, TooCostly, shape_problem
from badge_core.credentials.proof import ProofInvalid, check, the_proof
from badge_core.credentials.status_list import STATUS_PURPOSE
from badge_core.db import UnitOfWork
from badge_core.models import utcnow
from badge_core.services.credentials.issuers import (
    issuer_identifiers,
    key_store,
    uses_did_web,
)
from badge_core.services.credentials.revocation import status_entry


@dataclass(frozen=True)
class Verification:
    valid: bool
    reasons: list[str] = field(default_factory=list)  # why it is not valid, for a person
    revoked: bool = False
    expired: bool = False
    status_checked: bool = False  # False when the status could not be looked up here
    issuer: str | None = None
    endorsed_by: list[str] = field(default_factory=list)  # names of endorsers that check out


def _issuer_id(document: dict[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _web_documents(settings: Settings | None) -> Any:
    """A did:web lookup over this deployment's own issuers, cities and issuing providers
    (nothing is fetched)."""
    if settings is None or not uses_did_web(settings):
        return None
    store = key_store(settings)

    def lookup(did: str) -> dict[str, Any] | None:
        for issuer in store.issuers():
            if issuer_identifiers(settings, issuer).issuer("") == did:
                return dids.did_document(did, store.public_keys(issuer))
        return None

    return lookup


def _key_reasons(settings: Settings, public_multikey: str, created: str) -> list[str]:
    """Why this deployment does not stand by a proof made with this key at ``created``."""
    store = key_store(settings)
    retired = store.retired_key(public_multikey)
    if retired is not None and retired.revoked_at:
        return [f"its signing key was revoked by the issuer on {retired.revoked_at[:10]}"]
    if not any(public_multikey in store.public_keys(name) for name in store.issuers()):
        return ["it is signed with a key no city of this deployment has used"]
    signed, retired_at = _parse_time(created), _parse_time(retired.retired_at if retired else None)
    if signed is not None and retired_at is not None and signed > retired_at:
        return [f"it was signed after its key was retired on {retired.retired_at[:10]}"]
    return []


def _revoked_at(settings: Settings, method: str) -> str | None:
    """When the key a verification method names (``did:...#z6Mk...``) was revoked, if it was."""
    retired = key_store(settings).retired_key(method.rpartition("#")[2])
    return retired.revoked_at if retired else None


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
        held = status_entry(uow, credential_id.removeprefix("urn:uuid:"))
        if held is None:
            return [], False, False
        if str(held.position) != str(entry.get("statusListIndex")):
            return ["its status entry is not the one this award was given"], False, True
        if held.revoked_at is not None:
            return [f"it was revoked on {held.revoked_at:%Y-%m-%d}"], True, True
    return [], False, True


def _endorser(endorsement: dict[str, Any]) -> str:
    issuer = endorsement.get("issuer")
    name = issuer.get("name") if isinstance(issuer, dict) else None
    return str(name or _issuer_id(endorsement) or "an unnamed endorser")


def _endorsement_problems(
    endorsement: Any, issuer: str | None, checked: Verification | None
) -> list[str]:
    if checked is None:
        return ["it is not a credential"]
    problems = list(checked.reasons)
    types = endorsement.get("type")
    if not isinstance(types, list) or "EndorsementCredential" not in types:
        problems.append("it is not an EndorsementCredential")
    subject = endorsement.get("credentialSubject")
    subject_id = subject.get("id") if isinstance(subject, dict) else None
    if subject_id != issuer:
        problems.append(f"it endorses {subject_id}, not the issuer {issuer}")
    return problems


def _check_endorsements(
    document: dict[str, Any], settings: Settings | None, now: datetime, limit: Canonicaliser | None
) -> tuple[list[str], list[str]]:
    """(reasons, endorsers): each endorsement the issuer's Profile carries must verify on its
    own and be about that issuer; one that does not is a reason, as a forged one would be."""
    profile = document.get("issuer")
    found = profile.get("endorsement", []) if isinstance(profile, dict) else []
    reasons, endorsers = [], []
    for endorsement in found if isinstance(found, list) else [found]:
        checked = (
            verify_credential(None, endorsement, settings=settings, now=now, limit=limit)
            if isinstance(endorsement, dict)
            else None
        )
        problems = _endorsement_problems(endorsement, _issuer_id(document), checked)
        name = _endorser(endorsement) if isinstance(endorsement, dict) else "an endorser"
        reasons += [f"its issuer's endorsement by {name} does not hold: {p}" for p in problems]
        if not problems:
            endorsers.append(name)
    return reasons, endorsers


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
    now = now or utcnow()
    reasons = _check_proof(document, settings, limit)
    date_reasons, expired = _check_dates(document, now)
    reasons += date_reasons
    endorsement_reasons, endorsed_by = _check_endorsements(document, settings, now, limit)
    reasons += endorsement_reasons
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
        endorsed_by=endorsed_by,
    )
