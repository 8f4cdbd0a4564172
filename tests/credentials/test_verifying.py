"""The project's own verifier: a credential is valid only with its signature intact, within
its dates, unrevoked, and signed by one of this deployment's keys."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from badge_core.config import Settings
from badge_core.credentials.identifiers import did_key, verification_method_id
from badge_core.credentials.keys import public_multikey
from badge_core.credentials.proof import datetime_stamp, sign
from badge_core.db import UnitOfWorkFactory
from badge_core.models import utcnow
from badge_core.services.credentials import credential_for_award, revoke_award, verify_credential
from tests.credentials.conftest import MakeAward


@pytest.fixture
def issued(uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward) -> dict:
    return credential_for_award(uow(), cred_settings, make_award().award_public_id)


def test_a_fresh_credential_is_valid(
    uow: UnitOfWorkFactory, cred_settings: Settings, issued: dict
) -> None:
    result = verify_credential(uow(), issued, settings=cred_settings)
    assert result.valid, result.reasons
    assert result.status_checked and not result.revoked and not result.expired
    assert result.issuer == issued["issuer"]["id"]


def test_anyone_can_check_a_did_key_credential_offline(issued: dict) -> None:
    result = verify_credential(None, issued)
    assert result.valid, result.reasons
    assert not result.status_checked


def _set(document: dict, path: tuple, value: object) -> dict:
    changed = copy.deepcopy(document)
    target = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return changed


@pytest.mark.parametrize(
    ("what", "path", "value"),
    [
        ("the badge name", ("credentialSubject", "achievement", "name"), "Python Coder"),
        ("the credential name", ("name",), "Code Club Coder!"),
        (
            "the recipient",
            ("credentialSubject", "identifier", 0, "identityHash"),
            "sha256$" + "0" * 64,
        ),
        ("the award date", ("awardedDate",), "2020-01-01T00:00:00Z"),
        ("the issuer name", ("issuer", "name"), "Brighton"),
        ("the proof time", ("proof", 0, "created"), "2020-01-01T00:00:00Z"),
        ("the status position", ("credentialStatus", "statusListIndex"), "1"),
    ],
)
def test_changing_any_signed_content_fails(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    issued: dict,
    what: str,
    path: tuple,
    value: object,
) -> None:
    result = verify_credential(uow(), _set(issued, path, value), settings=cred_settings)
    assert not result.valid, f"changing {what} went unnoticed"
    assert any("signature does not match" in r for r in result.reasons), result.reasons


def test_one_changed_character_in_the_signature_fails(
    cred_settings: Settings, issued: dict
) -> None:
    value = issued["proof"][0]["proofValue"]
    flipped = value[:-1] + ("2" if value[-1] != "2" else "3")
    result = verify_credential(
        None, _set(issued, ("proof", 0, "proofValue"), flipped), settings=cred_settings
    )
    assert not result.valid


def test_a_property_no_context_defines_is_refused_not_ignored(issued: dict) -> None:
    added = _set(issued, ("credentialSubject", "grade"), "A*")
    result = verify_credential(None, added)
    assert not result.valid
    assert any("no signature could cover" in r for r in result.reasons), result.reasons


def test_an_unknown_context_is_refused_without_fetching(issued: dict) -> None:
    changed = _set(
        issued, ("@context",), [*issued["@context"], "https://example.org/evil-context.json"]
    )
    result = verify_credential(None, changed)
    assert not result.valid
    assert any("example.org/evil-context.json" in r for r in result.reasons), result.reasons


def test_a_revoked_award_reports_revoked(
    uow: UnitOfWorkFactory, cred_settings: Settings, issued: dict
) -> None:
    award_id = issued["id"].removeprefix("urn:uuid:")
    revoke_award(uow(), cred_settings, award_id, reason="given by mistake")
    result = verify_credential(uow(), issued, settings=cred_settings)
    assert not result.valid and result.revoked and result.status_checked
    assert any("revoked" in r for r in result.reasons)
    # the signature itself still holds: only the status says no
    assert not any("signature" in r for r in result.reasons)


def test_an_expired_credential_reports_expired(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    award = make_award()
    until = utcnow() + timedelta(days=30)
    document = credential_for_award(uow(), cred_settings, award.award_public_id, valid_until=until)
    assert document["validUntil"] == datetime_stamp(until)
    assert verify_credential(uow(), document, settings=cred_settings).valid
    later = verify_credential(
        uow(), document, settings=cred_settings, now=until + timedelta(seconds=1)
    )
    assert not later.valid and later.expired
    assert any("expired" in r for r in later.reasons)


def test_a_credential_is_not_valid_before_its_valid_from(
    uow: UnitOfWorkFactory, cred_settings: Settings, issued: dict
) -> None:
    result = verify_credential(
        uow(), issued, settings=cred_settings, now=utcnow() - timedelta(days=1)
    )
    assert not result.valid and not result.expired
    assert any("not valid until" in r for r in result.reasons)


def test_a_look_alike_signed_by_a_stranger_is_not_valid_here(
    uow: UnitOfWorkFactory, cred_settings: Settings, issued: dict
) -> None:
    stranger = Ed25519PrivateKey.generate()
    key = public_multikey(stranger)
    forged = _set(issued, ("issuer", "id"), did_key(key))
    forged = sign(forged, stranger, verification_method_id(did_key(key), key), utcnow())
    assert verify_credential(None, forged).valid  # a sound signature, by someone
    result = verify_credential(uow(), forged, settings=cred_settings)
    assert not result.valid
    assert any("no city of this deployment" in r for r in result.reasons), result.reasons


def test_a_proof_by_one_key_for_another_issuer_fails(cred_settings: Settings, issued: dict) -> None:
    stranger = Ed25519PrivateKey.generate()
    key = public_multikey(stranger)
    # signed by the stranger, still naming the city's DID as issuer
    forged = sign(issued, stranger, verification_method_id(did_key(key), key), utcnow())
    result = verify_credential(None, forged)
    assert not result.valid
    assert any("not by its issuer" in r for r in result.reasons), result.reasons


def test_not_a_credential_at_all() -> None:
    assert verify_credential(None, ["a", "list"]).reasons == ["it is not a JSON object"]
    assert not verify_credential(None, {"type": "Thing"}).valid
    assert any(
        "no proof" in r
        for r in verify_credential(
            None,
            {
                "@context": ["https://www.w3.org/ns/credentials/v2"],
                "type": ["VerifiableCredential"],
                "validFrom": "2026-01-01T00:00:00Z",
            },
        ).reasons
    )
