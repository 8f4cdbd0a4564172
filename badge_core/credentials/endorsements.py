"""A provider as an issuer of its own: its issuer Profile, and the city's Open Badges 3.0
``EndorsementCredential`` that Profile carries, so a verifier sees "issued by Plymouth
Libraries, endorsed by Plymouth".

The endorsement is the city's claim about the provider's DID (``EndorsementSubject``), signed
by the city's key with its own proof; it sits in the provider's Profile under
``endorsement``, as Open Badges 3.0 places it (Profile.endorsement), so it travels inside
every credential the provider signs and can be checked on its own.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from badge_core.credentials.documents import (
    OB3_CONTEXTS,
    CityFacts,
    ProviderFacts,
    issuer_profile,
    plain_text,
    provider_profile,
)
from badge_core.credentials.identifiers import Identifiers
from badge_core.credentials.proof import datetime_stamp


def endorsement_comment(city: CityFacts, provider: ProviderFacts) -> str:
    return (
        f"{city.name} endorses {provider.name} as an issuer of its Cities of Learning badges: "
        f"the badges {provider.name} awards count towards {city.framework}."
    )


def endorsement_credential(
    city: CityFacts,
    provider: ProviderFacts,
    city_ids: Identifiers,
    city_key: str,
    valid_from: datetime,
) -> dict[str, Any]:
    """The city's unsigned endorsement of its issuing provider (``provider.did`` set)."""
    if provider.did is None:
        raise ValueError("only a provider that is an issuer, with its DID, is endorsed")
    return plain_text(
        {
            "@context": list(OB3_CONTEXTS),
            "id": city_ids.for_provider(provider.key).endorsement(provider.did),
            "type": ["VerifiableCredential", "EndorsementCredential"],
            "name": f"{city.name} endorses {provider.name}",
            "issuer": issuer_profile(city, city_ids, city_key),
            "validFrom": datetime_stamp(valid_from),
            "credentialSubject": {
                "id": provider.did,
                "type": ["EndorsementSubject"],
                "endorsementComment": endorsement_comment(city, provider),
            },
        }
    )


def provider_issuer_profile(
    provider: ProviderFacts, ids: Identifiers, endorsements: list[dict[str, Any]]
) -> dict[str, Any]:
    """The issuing provider's Profile, as its credentials embed it, with the city's signed
    endorsements."""
    return {**provider_profile(provider, ids), "endorsement": endorsements}
