"""A provider as an issuer of its own: its key and ids, its Profile with the city's signed
endorsement, and the badge facts that name it by its DID.

A provider the city pack marks ``issuer: true`` signs its badges' credentials with its own
key (key store name ``<provider>@<city>``); the city vouches for it with an Open Badges 3.0
EndorsementCredential signed by the city's key, carried in the provider's Profile, so a
verifier that trusts the city can trust the provider. The endorsement is signed afresh with
the credential (its ``validFrom`` is the signing time), so it always names the provider's
current DID and the city's current key.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from badge_core.config import Settings
from badge_core.credentials import endorsements
from badge_core.credentials.documents import BadgeFacts, CityFacts, ProviderFacts
from badge_core.credentials.identifiers import Identifiers
from badge_core.credentials.keys import SigningKey
from badge_core.credentials.proof import sign
from badge_core.db import UnitOfWork
from badge_core.services.credentials.issuers import (
    city_identifiers,
    did_document,
    issuer_identifiers,
    issuer_name,
    issuing_provider,
    key_store,
    method_id,
)


@dataclass(frozen=True)
class ProviderIssuer:
    provider: ProviderFacts  # with its DID
    key: SigningKey  # its current key
    ids: Identifiers  # its ids as an issuer


def provider_issuer(settings: Settings, city: str, provider: ProviderFacts) -> ProviderIssuer:
    """The provider as an issuer: its current key (made on first use) and its DID."""
    name = issuer_name(city, provider.key)
    key = key_store(settings).signing_key(name)
    ids = issuer_identifiers(settings, name)
    return ProviderIssuer(replace(provider, did=ids.issuer(key.public_multikey)), key, ids)


def with_provider_did(settings: Settings, city: str, badge: BadgeFacts) -> BadgeFacts:
    """The badge naming its provider by DID when the provider issues it (else as it was), so
    an Achievement's creator is the credential's issuer."""
    if not badge.provider_issues:
        return badge
    did = provider_issuer(settings, city, badge.provider).provider.did
    return replace(badge, provider_did=did)


def endorsement(
    settings: Settings, city: CityFacts, provider: ProviderFacts, now: datetime
) -> dict[str, Any]:
    """The city's signed EndorsementCredential of the provider (``provider.did`` set)."""
    key = key_store(settings).signing_key(city.slug)
    ids = city_identifiers(settings, city.slug)
    document = endorsements.endorsement_credential(city, provider, ids, key.public_multikey, now)
    return sign(document, key.private_key, method_id(ids, key), now)


def endorsed_profile(
    settings: Settings, city: CityFacts, issuer: ProviderIssuer, now: datetime
) -> dict[str, Any]:
    """The provider's issuer Profile with the city's endorsement, as its credentials embed it."""
    endorsed = [endorsement(settings, city, issuer.provider, now)]
    return endorsements.provider_issuer_profile(issuer.provider, issuer.ids, endorsed)


def provider_did_document(
    uow: UnitOfWork, settings: Settings, city: str, provider: str
) -> dict[str, Any]:
    """An issuing provider's DID document (NotFound for any other provider): only a provider
    the city pack makes an issuer has a DID, and only then is a key made for it."""
    with uow.reading():
        issuing_provider(uow, city, provider)
    return did_document(settings, city, provider)
