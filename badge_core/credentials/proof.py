"""The ``eddsa-rdfc-2022`` Data Integrity proof (W3C Data Integrity EdDSA Cryptosuites v1.0).

Signing, as the cryptosuite specifies:

1. the document without its proof is canonicalised (RDFC-1.0) and hashed with SHA-256;
2. the proof options (type, cryptosuite, created, verificationMethod, proofPurpose) with the
   document's ``@context`` are canonicalised and hashed the same way;
3. Ed25519 signs the proof options' hash followed by the document's hash;
4. ``proofValue`` is the signature in multibase base58-btc (``z...``).

Checking repeats 1-3 from the secured document and verifies the signature with the key the
``verificationMethod`` names. Any change to the content, or to a proof option such as
``created``, changes a hash and fails the check. Proofs are written as a one-element list (the
Open Badges 3.0 schema wants a list); one proof, as an object or a list, is accepted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from badge_core.credentials.canonical import canonical_nquads
from badge_core.credentials.multibase import MultibaseError, decode_base58btc, encode_base58btc

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"


class ProofInvalid(ValueError):
    """A proof that does not hold; the message says why, for a person."""


def datetime_stamp(moment: datetime) -> str:
    """An XML Schema dateTimeStamp in UTC to the second: ``2026-12-01T10:30:00Z``."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no place in a credential")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sha256(nquads: str) -> bytes:
    return hashlib.sha256(nquads.encode("utf-8")).digest()


def hash_data(unsecured: dict[str, Any], proof_options: dict[str, Any]) -> bytes:
    """What Ed25519 signs: SHA-256 of the proof configuration, then of the document."""
    config = {k: v for k, v in proof_options.items() if k != "proofValue"}
    config["@context"] = unsecured["@context"]
    return _sha256(canonical_nquads(config)) + _sha256(canonical_nquads(unsecured))


def sign(
    document: dict[str, Any],
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime,
) -> dict[str, Any]:
    """``document`` with an eddsa-rdfc-2022 proof (any earlier proof is replaced)."""
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": datetime_stamp(created),
        "verificationMethod": verification_method,
        "proofPurpose": PROOF_PURPOSE,
    }
    signature = private_key.sign(hash_data(unsecured, options))
    return {**unsecured, "proof": [{**options, "proofValue": encode_base58btc(signature)}]}


@dataclass(frozen=True)
class CheckedProof:
    verification_method: str
    created: str


def the_proof(document: dict[str, Any]) -> dict[str, Any]:
    proof = document.get("proof")
    if isinstance(proof, list):
        if len(proof) != 1:
            raise ProofInvalid(f"expected one proof, found {len(proof)}")
        proof = proof[0]
    if not isinstance(proof, dict):
        raise ProofInvalid("the document has no proof")
    return proof


def check(
    document: dict[str, Any],
    public_key_for: Callable[[str], bytes],
    hasher: Callable[[dict[str, Any], dict[str, Any]], bytes] = hash_data,
) -> CheckedProof:
    """Verify the document's proof, or raise :class:`ProofInvalid` saying why. ``hasher``
    does the canonicalising (``limits.Canonicaliser.hash_data`` for a document from outside)."""
    proof = the_proof(document)
    for field, wanted in (
        ("type", PROOF_TYPE),
        ("cryptosuite", CRYPTOSUITE),
        ("proofPurpose", PROOF_PURPOSE),
    ):
        if proof.get(field) != wanted:
            raise ProofInvalid(f"proof {field} is {proof.get(field)!r}, not {wanted!r}")
    method = proof.get("verificationMethod")
    created = proof.get("created")
    if not isinstance(method, str) or not isinstance(created, str):
        raise ProofInvalid("the proof names no verificationMethod or no created time")
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    if "@context" not in unsecured:
        raise ProofInvalid("the document has no @context")
    if "@context" in proof:
        # the proof's contexts must open the document's, in the same order
        proof_context = (
            proof["@context"] if isinstance(proof["@context"], list) else [proof["@context"]]
        )
        document_context = (
            unsecured["@context"]
            if isinstance(unsecured["@context"], list)
            else [unsecured["@context"]]
        )
        if document_context[: len(proof_context)] != proof_context:
            raise ProofInvalid("the proof's @context does not match the document's")
    try:
        signature = decode_base58btc(str(proof.get("proofValue", "")))
    except MultibaseError as error:
        raise ProofInvalid(f"proofValue is not base58-btc: {error}") from None
    public_key = Ed25519PublicKey.from_public_bytes(public_key_for(method))
    try:
        public_key.verify(signature, hasher(unsecured, proof))
    except InvalidSignature:
        raise ProofInvalid(
            "the signature does not match the content: it was changed after signing"
        ) from None
    return CheckedProof(method, created)
