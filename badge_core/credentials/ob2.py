"""The Open Badges 2.0 hosted Assertion: the export for backpacks that predate 3.0.

A hosted assertion is verified by fetching it from its ``id``, which must sit on the issuer's
host, so it needs the deployment's public URL. The recipient is the same salted hash as in the
3.0 credential: of the learner's pseudonymous id (recipient type ``id``), or of the email
address they confirmed (type ``email``). The BadgeClass and
Issuer are embedded and also carry their own URLs for the web app to serve. A revoked award's
assertion says so, as OB 2.0 asks.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from badge_core.credentials.documents import (
    AwardFacts,
    BadgeFacts,
    CityFacts,
    badge_image,
    evidence,
)
from badge_core.credentials.identifiers import Identifiers
from badge_core.credentials.proof import datetime_stamp

OB2_CONTEXT = "https://w3id.org/openbadges/v2"


def issuer(city: CityFacts, ids: Identifiers) -> dict[str, Any]:
    """The city as an OB 2.0 Issuer: its id is where the web app serves it, its url the
    deployment's home page."""
    return {"id": ids.ob2_issuer(), "type": "Issuer", "name": city.name, "url": ids.public_url}


def badge_class(badge: BadgeFacts, city: CityFacts, ids: Identifiers) -> dict[str, Any]:
    """The badge as an OB 2.0 BadgeClass (from the badge and its city alone, no award)."""
    return {
        "id": ids.ob2_badge_class(badge.key),
        "type": "BadgeClass",
        "name": badge.name,
        "description": badge.description or badge.name,
        "image": badge_image(badge),
        "criteria": {"narrative": badge.criteria or badge.description or badge.name},
        "issuer": issuer(city, ids),
        "alignment": [
            {
                "targetName": skill.name,
                "targetUrl": ids.skill(skill.key),
                "targetDescription": skill.description,
                "targetFramework": city.framework,
                "targetCode": skill.key,
            }
            for skill in badge.skills
        ],
    }


def standalone(document: dict[str, Any]) -> dict[str, Any]:
    """A BadgeClass or Issuer as a document of its own, for the web app to serve at its id."""
    return {"@context": OB2_CONTEXT, **document}


def hosted_assertion(
    award: AwardFacts,
    ids: Identifiers,
    *,
    revoked_at: datetime | None = None,
    revocation_reason: str | None = None,
) -> dict[str, Any]:
    if not ids.public_url:
        raise ValueError("a hosted assertion needs the deployment's public URL")
    assertion: dict[str, Any] = {
        "@context": OB2_CONTEXT,
        "type": "Assertion",
        "id": ids.ob2_assertion(award.public_id),
        "recipient": {
            "type": award.recipient.ob2_type,
            "hashed": True,
            "salt": award.recipient.salt,
            "identity": award.recipient.identity_hash,
        },
        "badge": badge_class(award.badge, award.city, ids),
        "issuedOn": datetime_stamp(award.awarded_at),
        "verification": {"type": "hosted"},
        "evidence": [
            {k: v for k, v in item.items() if k in ("name", "description", "narrative", "genre")}
            for item in evidence(award)
        ],
    }
    if revoked_at is not None:
        assertion["revoked"] = True
        assertion["revocationReason"] = revocation_reason or "Revoked by the issuer"
    return assertion
