"""Credentials for awards: issue them signed, check them, revoke them, publish the status list.

Every award is an Open Badges 3.0 ``OpenBadgeCredential`` signed by its city with an
``eddsa-rdfc-2022`` Data Integrity proof. Each function here enters its own unit of work; keys
live in files (``credentials.keys``) and are read outside it. The documents themselves are
built by ``badge_core.credentials``, which knows nothing of the database.

- ``awards``        finding an award by id or public id, whether it stands, and the badge and
                    award listings for the command line
- ``issuers``       each city as an issuer: its identifiers, key store and verification
                    method ids, issuer Profile, DID document, key rotation and key revocation
- ``issuing``       an award's facts built into its signed OpenBadgeCredential (afresh each
                    time: re-issuing is asking again), and its Open Badges 2.0 assertion
- ``endorsements``  a provider as an issuer of its own: its key, DID and DID document, and
                    its Profile with the city's signed EndorsementCredential
- ``baked``         an award's badge image (PNG or SVG) with its credential baked in
- ``published``     what a city publishes at the URLs its credentials carry: a badge's
                    Achievement, a spine skill, a provider's Profile, OB 2.0 BadgeClass and
                    Issuer, each with the facts its page for people shows
- ``facts``         the plain facts of a city, skill and badge that every document is built from
- ``revocation``    status list positions, revoking an award, and the city's signed
                    BitstringStatusListCredential
- ``verification``  checking a pasted or received credential: the shape limits, the proof
                    (canonicalised in a time-limited worker), key, dates and revocation status

Everything callers use is re-exported here: ``from badge_core.services.credentials import X``.
"""

from badge_core.services.credentials.awards import (
    AwardStanding,
    award_standing,
    list_awards,
    list_badge_classes,
)
from badge_core.services.credentials.baked import MEDIA_TYPES, baked_badge
from badge_core.services.credentials.endorsements import provider_did_document
from badge_core.services.credentials.issuers import (
    KeyRevocation,
    KeyRotation,
    city_identifiers,
    did_document,
    issuer_profile,
    key_store,
    method_id,
    revoke_issuer_key,
    rotate_issuer_key,
)
from badge_core.services.credentials.issuing import credential_for_award, ob2_assertion
from badge_core.services.credentials.published import (
    BadgeLink,
    BadgePage,
    ProviderPage,
    SkillPage,
    badge_page,
    ob2_badge_class,
    ob2_issuer,
    provider_page,
    skill_page,
)
from badge_core.services.credentials.revocation import (
    Revocation,
    revoke_award,
    status_list_credential,
)
from badge_core.services.credentials.verification import Verification, verify_credential

__all__ = [
    "MEDIA_TYPES",
    "baked_badge",
    "AwardStanding",
    "BadgeLink",
    "BadgePage",
    "KeyRevocation",
    "KeyRotation",
    "ProviderPage",
    "Revocation",
    "SkillPage",
    "Verification",
    "award_standing",
    "badge_page",
    "city_identifiers",
    "credential_for_award",
    "did_document",
    "issuer_profile",
    "key_store",
    "list_awards",
    "list_badge_classes",
    "method_id",
    "ob2_assertion",
    "ob2_badge_class",
    "ob2_issuer",
    "provider_did_document",
    "provider_page",
    "revoke_award",
    "revoke_issuer_key",
    "rotate_issuer_key",
    "skill_page",
    "status_list_credential",
    "verify_credential",
]
