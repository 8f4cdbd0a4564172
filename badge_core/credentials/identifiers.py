"""Every identifier a credential carries, in one place: DIDs, URLs and URNs.

With ``COLBOT_PUBLIC_URL`` set, things get URLs the web app can serve and the issuer is
``did:web`` (or ``did:key`` with ``COLBOT_ISSUER_DID=key``); without it the issuer is
``did:key`` (verifiable offline by anyone) and things get stable name-based ``urn:uuid:``
identifiers, except the revocation list, which the Bitstring Status List spec wants at a URL:
it gets the laptop's own web address. A did:key issuer has one list per key (``?key=``). A credential's own id is always
``urn:uuid:<award public id>``, whatever the deployment. Paths under the public URL, for the
web app to serve (``{city}`` is the city slug):

    /cities/{city}/did.json                   the issuer's DID document (did:web)
    /cities/{city}/issuer                     the issuer Profile
    /cities/{city}/status/revocation          the BitstringStatusListCredential (did:web)
    /cities/{city}/status/revocation?key=K    the list of did:key issuer K
    /cities/{city}/badges/{badge}             an Achievement (badge class)
    /cities/{city}/skills/{skill}             a spine skill (an alignment target)
    /cities/{city}/providers/{provider}       a provider's Profile (the achievement's creator)

A provider the city pack marks ``issuer: true`` is an issuer of its own (``for_provider``):
its DID is ``did:web:host:cities:{city}:providers:{provider}`` under did:web, else its own
key's did:key; its Profile is at its provider URL above, and

    /cities/{city}/providers/{provider}/did.json            its DID document (did:web)
    /cities/{city}/providers/{provider}/status/revocation   its status list (did:web)

Under did:key its lists use the city's ``?key=`` address: the key says whose list it is.
Positions are city-wide, so every list of the city carries the same bits. The rest:

    /ob2/assertions/{award}                   an Open Badges 2.0 hosted Assertion
    /ob2/cities/{city}/badges/{badge}         its BadgeClass
    /ob2/cities/{city}/issuer                 its Issuer
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit

# Fixed once: name-based UUIDs of badges, skills and status lists depend on it.
COLBOT_NAMESPACE = uuid.UUID("6a0c3a55-64b5-4f0c-9d6e-6f3c2f1b7d10")


def did_key(public_multikey: str) -> str:
    return f"did:key:{public_multikey}"


def did_web(public_url: str, city: str, provider: str | None = None) -> str:
    """``did:web:host[%3Aport]:path:cities:<city>``, resolving to ``/cities/<city>/did.json``;
    a provider's adds ``:providers:<provider>`` (``.../providers/<provider>/did.json``)."""
    parts = urlsplit(public_url)
    if parts.scheme != "https" and parts.hostname not in ("localhost", "127.0.0.1"):
        raise ValueError("did:web needs an https public URL")
    segments = [quote(parts.netloc.lower(), safe="")]
    segments += [quote(s, safe="") for s in parts.path.split("/") if s]
    segments += ["cities", city] + (["providers", provider] if provider else [])
    return "did:web:" + ":".join(segments)


def verification_method_id(did: str, public_multikey: str) -> str:
    """The key's id within the DID: its fragment is the key itself, so ids never collide."""
    return f"{did}#{public_multikey}"


@dataclass(frozen=True)
class Identifiers:
    """The ids of one city's things in one deployment."""

    public_url: str  # "" when the deployment has none
    city: str
    did_method: str = "web"  # "web" or "key"; did:web needs the public URL
    local_url: str = ""  # where the web app answers when there is no public URL
    issuing_provider: str | None = None  # set: the ids of that provider as its own issuer

    def for_provider(self, provider_key: str) -> Identifiers:
        """The same city's ids with the provider, not the city, as the issuer."""
        return replace(self, issuing_provider=provider_key)

    @property
    def uses_did_web(self) -> bool:
        return bool(self.public_url) and self.did_method == "web"

    def endorsement(self, endorsed_did: str) -> str:
        """The city's endorsement of its issuing provider: one id per DID endorsed (a did:key
        provider has a new DID with each key)."""
        return self._named("endorsement", self.issuing_provider or "", endorsed_did)

    def _named(self, kind: str, *names: str) -> str:
        return f"urn:uuid:{uuid.uuid5(COLBOT_NAMESPACE, ':'.join((kind, self.city, *names)))}"

    def _url(self, *path: str) -> str:
        return "/".join([self.public_url.rstrip("/"), *(quote(p, safe="") for p in path)])

    def _city_url(self, *path: str) -> str:
        return self._url("cities", self.city, *path)

    def _issuer_url(self, *path: str) -> str:
        if self.issuing_provider:
            return self._city_url("providers", self.issuing_provider, *path)
        return self._city_url(*path)

    def issuer(self, public_multikey: str) -> str:
        """The issuer DID: did:web under the public URL, else the current key's did:key."""
        if self.uses_did_web:
            return did_web(self.public_url, self.city, self.issuing_provider)
        return did_key(public_multikey)

    def credential(self, award_public_id: str) -> str:
        return f"urn:uuid:{award_public_id}"

    def issuer_page(self) -> str | None:
        """Where the issuer's Profile is served: a provider's is its provider URL."""
        if not self.public_url:
            return None
        if self.issuing_provider:
            return self._city_url("providers", self.issuing_provider)
        return self._city_url("issuer")

    def achievement(self, badge_key: str) -> str:
        return (
            self._city_url("badges", badge_key)
            if self.public_url
            else self._named("badge", badge_key)
        )

    def skill(self, skill_key: str) -> str:
        return (
            self._city_url("skills", skill_key)
            if self.public_url
            else self._named("skill", skill_key)
        )

    def provider(self, provider_key: str) -> str:
        if self.public_url:
            return self._city_url("providers", provider_key)
        return self._named("provider", provider_key)

    def status_list(self, public_multikey: str) -> str:
        """The revocation list's URL: one per issuer under did:web, one per key under did:key
        (a verifier takes a status list only from the credential's own issuer)."""
        if self.uses_did_web:
            return self._issuer_url("status", "revocation")
        base = self.public_url or self.local_url
        if not base:
            return self._named("status-list", public_multikey)
        list_url = "/".join([base.rstrip("/"), "cities", quote(self.city, safe=""), "status"])
        return f"{list_url}/revocation?key={quote(public_multikey, safe='')}"

    # Open Badges 2.0 hosted verification needs real URLs on the issuer's host.

    def ob2_assertion(self, award_public_id: str) -> str:
        return self._url("ob2", "assertions", award_public_id)

    def ob2_badge_class(self, badge_key: str) -> str:
        return self._url("ob2", "cities", self.city, "badges", badge_key)

    def ob2_issuer(self) -> str:
        return self._url("ob2", "cities", self.city, "issuer")
