"""DID documents for issuers, and finding the public key behind a verification method.

A ``did:key`` is its own document: the key is in the identifier, so anyone can verify offline.
A ``did:web`` document is served by the deployment and lists every key the city has signed
with, the retired ones included, each under ``assertionMethod``: a credential signed before a
rotation keeps verifying. Verification methods are ``Multikey`` entries whose fragment is the
key itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from badge_core.credentials.identifiers import did_key, verification_method_id
from badge_core.credentials.multibase import MultibaseError, ed25519_public_bytes

DID_V1_CONTEXT = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1_CONTEXT = "https://w3id.org/security/multikey/v1"


class Unresolvable(ValueError):
    """A verification method whose public key cannot be found (offline)."""


@dataclass(frozen=True)
class ResolvedKey:
    controller: str  # the DID that controls the key
    public_multikey: str
    public_key: bytes  # raw Ed25519


def did_document(did: str, public_multikeys: list[str]) -> dict[str, Any]:
    """A DID document whose keys may all make assertions (sign credentials)."""
    methods = [
        {
            "id": verification_method_id(did, key),
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key,
        }
        for key in public_multikeys
    ]
    return {
        "@context": [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }


def did_key_document(public_multikey: str) -> dict[str, Any]:
    return did_document(did_key(public_multikey), [public_multikey])


DidWebDocuments = Callable[[str], dict[str, Any] | None]


def resolve_key(method_id: str, web_documents: DidWebDocuments | None = None) -> ResolvedKey:
    """The Ed25519 key a verification method names, allowed to make assertions."""
    did, _, fragment = method_id.partition("#")
    if did.startswith("did:key:"):
        key = did.removeprefix("did:key:")
        if fragment != key:
            raise Unresolvable(f"{method_id} is not the did:key's own key")
        document = did_key_document(key)
    elif did.startswith("did:web:"):
        document = web_documents(did) if web_documents else None
        if document is None:
            raise Unresolvable(
                f"{did} is not an issuer of this deployment (did:web needs a lookup)"
            )
    else:
        raise Unresolvable(f"{method_id}: only did:key and did:web issuers are supported")
    method = next((m for m in document["verificationMethod"] if m["id"] == method_id), None)
    if method is None or method_id not in document.get("assertionMethod", []):
        raise Unresolvable(f"{method_id} is not an assertion key of {did}")
    if method.get("type") != "Multikey" or method.get("controller") != did:
        raise Unresolvable(f"{method_id} is not a Multikey controlled by {did}")
    try:
        public_key = ed25519_public_bytes(method["publicKeyMultibase"])
    except (KeyError, MultibaseError) as error:
        raise Unresolvable(f"{method_id} holds no Ed25519 public key") from error
    return ResolvedKey(did, method["publicKeyMultibase"], public_key)
