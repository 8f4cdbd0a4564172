"""The unsigned JSON-LD documents: an award's OpenBadgeCredential, the issuer Profile, the
city's BitstringStatusListCredential, and the documents at the URLs a credential carries under
did:web (an Achievement, a provider's Profile, a spine skill).

Builders take plain facts (read from the database by the credentials service) and return
dicts; the same facts always give the same document. The shapes follow Open Badges 3.0 and
its JSON schema: every ``type`` is a list, the learner is only a salted hash of their
pseudonymous id or of the email address they confirmed (``IdentityObject``), the
achievement aligns to the city's spine skills (and to the external frameworks those skills
align to).
"""

from __future__ import annotations

import base64
import hashlib
import html
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from badge_core.credentials.canonical import CONTROL_CHARACTERS, OB_V3P0_CONTEXT, VC_V2_CONTEXT
from badge_core.credentials.identifiers import Identifiers
from badge_core.credentials.proof import datetime_stamp
from badge_core.credentials.status_list import STATUS_PURPOSE
from badge_core.credentials.status_list import encode as encode_status_list

OB3_CONTEXTS = [VC_V2_CONTEXT, OB_V3P0_CONTEXT]
SPINE_TARGET_TYPE = "ext:SkillsSpineSkill"
EXTERNAL_TARGET_TYPE = "ext:FrameworkSkill"
SKILL_CONTEXT = {"@vocab": "https://schema.org/", "id": "@id", "type": "@type"}


@dataclass(frozen=True)
class CityFacts:
    slug: str
    name: str
    framework: str  # the name of the city's skills spine


@dataclass(frozen=True)
class SkillFacts:
    key: str
    name: str
    description: str
    level: int | None
    level_text: str | None  # the spine's descriptor for that level
    external: list[dict[str, Any]] = field(default_factory=list)  # {framework, target, url}


@dataclass(frozen=True)
class ProviderFacts:
    key: str
    name: str
    url: str | None  # the provider's website
    did: str | None = None  # its issuer DID, when the city pack makes it an issuer


@dataclass(frozen=True)
class BadgeFacts:
    key: str
    name: str
    description: str
    criteria: str
    image: str | None
    provider_key: str
    provider_name: str
    provider_url: str | None
    skills: list[SkillFacts]
    provider_issues: bool = False  # the provider signs this badge's credentials
    provider_did: str | None = None  # then: its issuer DID

    @property
    def provider(self) -> ProviderFacts:
        return ProviderFacts(
            self.provider_key, self.provider_name, self.provider_url, self.provider_did
        )


EMAIL_ADDRESS = "emailAddress"


@dataclass(frozen=True)
class Recipient:
    """Who a credential is for, as Open Badges publishes it: the SHA-256 of an identifier and
    a salt, never the identifier. ``kind`` is the 3.0 ``identityType``: ``identifier`` (the
    learner's pseudonymous id, salted per award) or ``emailAddress`` (the address they
    confirmed, so a backpack can match the badge to them)."""

    kind: str
    identity_hash: str  # "sha256$" and 64 hex digits
    salt: str

    @property
    def ob2_type(self) -> str:
        return "email" if self.kind == EMAIL_ADDRESS else "id"


def pseudonymous_recipient(learner_public_id: str, salt: str) -> Recipient:
    return Recipient("identifier", identity_hash(learner_public_id, salt), salt)


@dataclass(frozen=True)
class AwardFacts:
    public_id: str
    recipient: Recipient
    awarded_at: datetime
    badge: BadgeFacts
    city: CityFacts
    status_index: int | None  # the award's position in the revocation list
    activity_title: str | None = None
    activity_date: date | None = None
    reflection: str | None = None


def plain_text(value: Any) -> Any:
    """``value`` with ASCII control characters (other than tab and line breaks) removed from
    every string: a learner's reflection is free text, and those characters canonicalise
    differently in different implementations."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    if isinstance(value, dict):
        return {k: plain_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_text(v) for v in value]
    return value


def identity_hash(identifier: str, salt: str) -> str:
    """Open Badges' IdentityHash: ``sha256$`` and the hex SHA-256 of identifier + salt."""
    return "sha256$" + hashlib.sha256((identifier + salt).encode("utf-8")).hexdigest()


def recipient_identity(recipient: Recipient) -> dict[str, Any]:
    return {
        "type": "IdentityObject",
        "identityHash": recipient.identity_hash,
        "identityType": recipient.kind,
        "hashed": True,
        "salt": recipient.salt,
    }


def badge_image(badge: BadgeFacts) -> str:
    """The badge's own image when it is a full URI, else a small generated SVG as a data URI."""
    if badge.image and badge.image.split(":", 1)[0] in ("https", "http", "data"):
        return badge.image
    initials = "".join(word[0] for word in badge.name.split()[:3]).upper()
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">'
        f"<title>{html.escape(badge.name)}</title>"
        '<circle cx="128" cy="128" r="120" fill="#1f4e79"/>'
        '<circle cx="128" cy="128" r="104" fill="none" stroke="#ffffff" stroke-width="6"/>'
        '<text x="128" y="150" font-family="sans-serif" font-size="64" font-weight="bold" '
        f'fill="#ffffff" text-anchor="middle">{html.escape(initials)}</text></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def alignments(badge: BadgeFacts, city: CityFacts, ids: Identifiers) -> list[dict[str, Any]]:
    """The spine skills the badge shows, then the external framework skills they align to."""
    spine = []
    external: dict[str, dict[str, Any]] = {}
    for skill in badge.skills:
        description = skill.description
        if skill.level is not None:
            level = f"Level {skill.level}" + (f": {skill.level_text}" if skill.level_text else "")
            description = f"{description} {level}".strip()
        spine.append(
            {
                "type": ["Alignment"],
                "targetCode": skill.key,
                "targetName": skill.name,
                "targetDescription": description,
                "targetFramework": city.framework,
                "targetType": SPINE_TARGET_TYPE,
                "targetUrl": ids.skill(skill.key),
            }
        )
        for target in skill.external:
            if target.get("url") and target.get("target") and target["url"] not in external:
                external[target["url"]] = {
                    "type": ["Alignment"],
                    "targetName": target["target"],
                    "targetFramework": target.get("framework") or "",
                    "targetType": EXTERNAL_TARGET_TYPE,
                    "targetUrl": target["url"],
                }
    return spine + list(external.values())


def provider_profile(provider: ProviderFacts, ids: Identifiers) -> dict[str, Any]:
    """The provider as the Profile an Achievement names as its creator: an issuing provider's
    id is its DID and its url, under a public URL, where its Profile is served."""
    profile: dict[str, Any] = {
        "id": provider.did or ids.provider(provider.key),
        "type": ["Profile"],
        "name": provider.name,
    }
    url = ids.for_provider(provider.key).issuer_page() if provider.did else None
    if url or provider.url:
        profile["url"] = url or provider.url
    return profile


def achievement(badge: BadgeFacts, city: CityFacts, ids: Identifiers) -> dict[str, Any]:
    return {
        "id": ids.achievement(badge.key),
        "type": ["Achievement"],
        "achievementType": "Badge",
        "name": badge.name,
        "description": badge.description or badge.name,
        "criteria": {"narrative": badge.criteria or badge.description or badge.name},
        "image": {"id": badge_image(badge), "type": "Image", "caption": badge.name},
        "creator": provider_profile(badge.provider, ids),
        "alignment": alignments(badge, city, ids),
    }


def issuer_profile(city: CityFacts, ids: Identifiers, issuer_key: str) -> dict[str, Any]:
    """The city as an Open Badges issuer Profile, as embedded in its credentials."""
    profile: dict[str, Any] = {"id": ids.issuer(issuer_key), "type": ["Profile"], "name": city.name}
    if ids.issuer_page():
        profile["url"] = ids.issuer_page()
    return profile


def evidence(award: AwardFacts) -> list[dict[str, Any]]:
    """Where and when the badge was earned, and the learner's own words if they gave any."""
    where = award.activity_title
    when = award.activity_date or award.awarded_at.date()
    item: dict[str, Any] = {
        "type": ["Evidence"],
        "name": where or award.badge.name,
        "description": (
            f"Took part in {where} on {when.isoformat()} and claimed the badge with a code "
            "from the youth worker."
            if where
            else f"Claimed on {when.isoformat()} with a code from a youth worker."
        ),
        "genre": "Activity",
    }
    if award.reflection:
        item["narrative"] = award.reflection
    return [item]


def credential_status(ids: Identifiers, issuer_key: str, status_index: int) -> dict[str, Any]:
    status_list = ids.status_list(issuer_key)
    return {
        "id": f"{status_list}#{status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": STATUS_PURPOSE,
        "statusListIndex": str(status_index),
        "statusListCredential": status_list,
    }


def open_badge_credential(
    award: AwardFacts,
    ids: Identifiers,
    issuer_key: str,
    *,
    valid_until: datetime | None = None,
    issuer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The award as an unsigned Open Badges 3.0 OpenBadgeCredential; ``issuer``: the issuing
    provider's Profile (``ids`` then its ids), the city's when None."""
    if award.status_index is None:
        raise ValueError("an award needs its status list position before it is issued")
    awarded = datetime_stamp(award.awarded_at)
    document: dict[str, Any] = {
        "@context": list(OB3_CONTEXTS),
        "id": ids.credential(award.public_id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": award.badge.name,
        "description": award.badge.description or award.badge.name,
        "issuer": issuer or issuer_profile(award.city, ids, issuer_key),
        "validFrom": awarded,
        "awardedDate": awarded,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [recipient_identity(award.recipient)],
            "achievement": achievement(award.badge, award.city, ids),
        },
        "evidence": evidence(award),
        "credentialStatus": credential_status(ids, issuer_key, award.status_index),
    }
    if valid_until is not None:
        document["validUntil"] = datetime_stamp(valid_until)
    return plain_text(document)


def _standalone(document: dict[str, Any]) -> dict[str, Any]:
    return plain_text({"@context": list(OB3_CONTEXTS), **document})


def standalone_profile(city: CityFacts, ids: Identifiers, issuer_key: str) -> dict[str, Any]:
    """The issuer Profile as a document of its own (for the web app to serve)."""
    return _standalone(issuer_profile(city, ids, issuer_key))


def standalone_achievement(badge: BadgeFacts, city: CityFacts, ids: Identifiers) -> dict[str, Any]:
    """The Achievement a credential embeds, as a document of its own at its id."""
    return _standalone(achievement(badge, city, ids))


def standalone_provider(provider: ProviderFacts, ids: Identifiers) -> dict[str, Any]:
    """The provider's Profile an Achievement embeds as its creator, as a document of its own."""
    return _standalone(provider_profile(provider, ids))


def skill_document(skill: SkillFacts, city: CityFacts, ids: Identifiers) -> dict[str, Any]:
    """A spine skill, the target of an Achievement's alignment, as a schema.org
    ``DefinedTerm`` (its key the ``termCode``) in the ``DefinedTermSet`` that is the city's
    skills spine. Open Badges has no class for an alignment's target; DefinedTerm is the
    common one for a term in a framework. The context is inline (nothing to fetch) and maps
    ``id`` and ``type`` as the Open Badges documents do."""
    return plain_text(
        {
            "@context": SKILL_CONTEXT,
            "id": ids.skill(skill.key),
            "type": "DefinedTerm",
            "termCode": skill.key,
            "name": skill.name,
            "description": skill.description,
            "inDefinedTermSet": {"type": "DefinedTermSet", "name": city.framework},
        }
    )


def status_list_credential(
    ids: Identifiers, issuer_key: str, revoked_positions: list[int], valid_from: datetime
) -> dict[str, Any]:
    """The city's unsigned BitstringStatusListCredential for revocation."""
    list_id = ids.status_list(issuer_key)
    return {
        "@context": [VC_V2_CONTEXT],
        "id": list_id,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": ids.issuer(issuer_key),
        "validFrom": datetime_stamp(valid_from),
        "credentialSubject": {
            "id": f"{list_id}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": encode_status_list(revoked_positions),
        },
    }
