"""Each city as an issuer: its identifiers, its keys as it publishes them (issuer Profile,
DID document), and rotating or revoking those keys.

Keys live in files (``credentials.keys``) and are read outside any unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from badge_core.config import Settings
from badge_core.credentials import dids, documents
from badge_core.credentials.identifiers import Identifiers, did_web, verification_method_id
from badge_core.credentials.keys import KeyStore, SigningKey
from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest, NotFound
from badge_core.queries.cities import get_city
from badge_core.services.credentials.facts import city_facts


def key_store(settings: Settings) -> KeyStore:
    return KeyStore.under(settings.data_dir)


def city_identifiers(settings: Settings, city: str) -> Identifiers:
    """Every id and URL the city's documents carry; refuses a public URL did:web cannot name."""
    if uses_did_web(settings):
        try:
            did_web(settings.public_url, city)
        except ValueError as error:
            raise InvalidRequest(
                f"COLBOT_PUBLIC_URL cannot name a did:web issuer: {error}"
            ) from None
    return Identifiers(settings.public_url, city, settings.issuer_did, settings.local_web_url)


def uses_did_web(settings: Settings) -> bool:
    """Whether the cities' issuers are did:web (a public URL, and did:key not asked for)."""
    return bool(settings.public_url) and settings.issuer_did == "web"


def method_id(ids: Identifiers, key: SigningKey) -> str:
    """The verification method a proof made with ``key`` names."""
    return verification_method_id(ids.issuer(key.public_multikey), key.public_multikey)


def issuer_profile(uow: UnitOfWork, settings: Settings, city: str) -> dict[str, Any]:
    """The city's issuer Profile (JSON-LD), with its DID as id."""
    with uow:
        row = get_city(uow, city)
        facts = city_facts(row)
    key = key_store(settings).signing_key(city)
    ids = city_identifiers(settings, city)
    return documents.standalone_profile(facts, ids, key.public_multikey)


def did_document(settings: Settings, city: str) -> dict[str, Any]:
    """The city's DID document: under did:web every key it has signed with, for the web app
    to serve at ``/cities/<city>/did.json``; under did:key the current key's own document."""
    store = key_store(settings)
    current = store.signing_key(city)
    ids = city_identifiers(settings, city)
    if ids.uses_did_web:
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
    issuer = city_identifiers(settings, city).issuer(new.public_multikey)
    return KeyRotation(city, old.public_multikey, new.public_multikey, issuer)


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
