"""Open Badges 3.0 credentials: the documents, their Data Integrity proofs, keys and status.

Each module owns one thing and knows nothing of the database; the use cases that read awards
and cities live in ``badge_core.services.credentials``.

- ``contexts/``     the JSON-LD contexts, bundled: nothing is fetched at run time
- ``canonical``     RDFC-1.0 canonical N-Quads through pyld, loading only the bundled contexts
- ``multibase``     base58-btc, base64url and the Ed25519 ``Multikey`` encoding
- ``keys``          each city's Ed25519 issuer key in files outside the database, and rotation
- ``dids``          ``did:key`` and ``did:web`` identifiers, DID documents, key resolution
- ``proof``         the ``eddsa-rdfc-2022`` Data Integrity proof: sign and check
- ``status_list``   the Bitstring Status List v1.0 encoding used for revocation
- ``identifiers``   every id and URL a credential carries, in one place
- ``documents``     the OpenBadgeCredential, issuer Profile and status list credential
- ``ob2``           the Open Badges 2.0 hosted assertion export
"""
