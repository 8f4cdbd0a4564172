"""The bundled contexts are the published ones, and nothing else is ever loaded."""

from __future__ import annotations

import hashlib
import json

import pytest

from badge_core.credentials.canonical import (
    BUNDLED_CONTEXTS,
    CONTEXTS_DIR,
    OB_V3P0_CONTEXT,
    VC_V2_CONTEXT,
    UnknownContext,
    canonical_nquads,
)

# A changed context changes what every issued signature covers: these must never move.
PINNED = {
    VC_V2_CONTEXT: "8a9f494a89ecc51db093e90e84713e07e84d6d9204364a9b3c7868b21751236f",
    OB_V3P0_CONTEXT: "3d34f4d4ef1bce691106e63798beb5e7b862ba841423f5ee1e53ab7ddf3bca84",
}


def test_the_bundled_contexts_are_the_pinned_files() -> None:
    assert set(BUNDLED_CONTEXTS) == set(PINNED)
    for url, name in BUNDLED_CONTEXTS.items():
        digest = hashlib.sha256((CONTEXTS_DIR / name).read_bytes()).hexdigest()
        assert digest == PINNED[url], f"{name} changed"


def test_the_contexts_define_the_terms_credentials_use() -> None:
    vc = json.loads((CONTEXTS_DIR / BUNDLED_CONTEXTS[VC_V2_CONTEXT]).read_text("utf-8"))["@context"]
    ob = json.loads((CONTEXTS_DIR / BUNDLED_CONTEXTS[OB_V3P0_CONTEXT]).read_text("utf-8"))[
        "@context"
    ]
    for term in ("DataIntegrityProof", "BitstringStatusListEntry", "BitstringStatusListCredential"):
        assert term in vc
    for term in (
        "OpenBadgeCredential",
        "Achievement",
        "AchievementSubject",
        "IdentityObject",
        "Alignment",
    ):
        assert term in ob
    assert (
        ob["awardedDate"]["@id"] == "https://purl.imsglobal.org/spec/vc/ob/vocab.html#awardedDate"
    )


def test_any_other_context_is_refused_not_fetched() -> None:
    document = {"@context": ["https://schema.org/"], "name": "x"}
    with pytest.raises(UnknownContext, match="schema.org"):
        canonical_nquads(document)
