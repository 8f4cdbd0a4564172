"""Each issuer, a city or a provider the city pack makes an issuer of its own: its
identifiers, its keys as it publishes them (issuer Profile, DID document), and rotating or
revoking those keys.

Keys live in files (``credentials.keys``) and are read outside any unit of work; a
provider's are under its key store name, ``<provider>@<city>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from badge_core.config import Settings
from badge_core.credentials import dids, documents
from badge_core.credentials.identifiers import Identifiers, did_web, verification_method_id
from badge_core.credentials.keys import PROVIDER_MARK, KeyStore, SigningKey, provider_issuer
from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest, NotFound
from badge_core.models import Provider
from badge_core.queries.cities import get_city, one_or_not_found
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


def issuer_name(city: str, provider: str | None = None) -> str:
    """The key store's name for the city, or for its provider as an issuer."""
    return provider_issuer(city, provider) if provider else city


def issuer_identifiers(settings: Settings, issuer: str) -> Identifiers:
    """The ids of an issuer by its key store name: a city's, or its provider's as issuer."""
    provider, mark, city = issuer.rpartition(PROVIDER_MARK)
    ids = city_identifiers(settings, city)
    return ids.for_provider(provider) if mark else ids


def issuing_provider(uow: UnitOfWork, city: str, provider: str) -> Provider:
    """The city's provider that the city pack makes an issuer; else NotFound (call in a unit)."""
    row = get_city(uow, city)
    query = select(Provider).where(
        Provider.city_id == row.id, Provider.key == provider, Provider.issuer.is_(True)
    )
    return one_or_not_found(uow, query, "issuing provider", provider)


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


def did_document(settings: Settings, city: str, provider: str | None = None) -> dict[str, Any]:
    """The issuer's DID document: under did:web every key it has signed with, for the web app
    to serve at ``/cities/<city>/did.json`` (a provider's: ``.../providers/<provider>/...``);
    under did:key the current key's own document. Check a provider is an issuer first."""
    store, name = key_store(settings), issuer_name(city, provider)
    current = store.signing_key(name)
    ids = issuer_identifiers(settings, name)
    if ids.uses_did_web:
        return dids.did_document(ids.issuer(current.public_multikey), store.public_keys(name))
    return dids.did_key_document(current.public_multikey)


@dataclass(frozen=True)
class KeyRotation:
    city: str
    retired_key: str
    new_key: str
    issuer: str  # the DID new credentials carry
    provider: str | None = None  # set: the city's issuing provider's key, not the city's


def _checked_issuer(uow: UnitOfWork, city: str, provider: str | None) -> str:
    """The key store name of the city, or of its provider when that is an issuer."""
    with uow:
        if provider is None:
            get_city(uow, city)
        else:
            issuing_provider(uow, city, provider)
    return issuer_name(city, provider)


def rotate_issuer_key(
    uow: UnitOfWork, settings: Settings, city: str, provider: str | None = None
) -> KeyRotation:
    """Give the city (or its issuing ``provider``) a new signing key; credentials signed
    with the old one keep verifying."""
    name = _checked_issuer(uow, city, provider)
    store = key_store(settings)
    old = store.signing_key(name)
    new = store.rotate(name)
    issuer = issuer_identifiers(settings, name).issuer(new.public_multikey)
    return KeyRotation(city, old.public_multikey, new.public_multikey, issuer, provider)


@dataclass(frozen=True)
class KeyRevocation:
    city: str
    revoked_key: str
    current_key: str
    provider: str | None = None


def revoke_issuer_key(
    uow: UnitOfWork,
    settings: Settings,
    city: str,
    public_multikey: str,
    provider: str | None = None,
) -> KeyRevocation:
    """Revoke one of the city's keys, or its issuing ``provider``'s (the current one is
    rotated out first): what it signed no longer verifies here, and it leaves the did:web
    document."""
    name = _checked_issuer(uow, city, provider)
    store = key_store(settings)
    try:
        store.revoke(name, public_multikey)
    except KeyError:
        raise NotFound("issuer key", public_multikey) from None
    return KeyRevocation(city, public_multikey, store.signing_key(name).public_multikey, provider)
