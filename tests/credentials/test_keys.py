"""Issuer keys: made on first use in files outside the database (mode 0600), and rotated
without breaking what the old key signed."""

from __future__ import annotations

import json
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from badge_core.config import Settings
from badge_core.credentials.keys import KeyStore
from badge_core.db import UnitOfWorkFactory
from badge_core.errors import InvalidRequest
from badge_core.services.credentials import (
    credential_for_award,
    did_document,
    key_store,
    rotate_issuer_key,
    verify_credential,
)
from tests.credentials.conftest import PUBLIC_URL, MakeAward


def test_the_key_is_made_on_first_use_outside_the_database_and_private(
    uow: UnitOfWorkFactory, cred_settings: Settings, plymouth_db_url: str, make_award: MakeAward
) -> None:
    key_file = cred_settings.data_dir / "keys" / "plymouth" / "signing-key.pem"
    assert not key_file.exists()
    credential_for_award(uow(), cred_settings, make_award().award_public_id)

    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    private_key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    raw = private_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    database = Path(plymouth_db_url.removeprefix("sqlite:///"))
    stored = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    assert raw not in stored and raw.hex().encode() not in stored
    assert b"PRIVATE KEY" not in stored


def test_two_first_uses_agree_on_one_key(tmp_path: Path) -> None:
    first, second = KeyStore(tmp_path), KeyStore(tmp_path)
    assert (
        first.signing_key("plymouth").public_multikey
        == second.signing_key("plymouth").public_multikey
    )


def test_a_credential_signed_before_a_rotation_still_verifies_after(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    award = make_award()
    before = credential_for_award(uow(), cred_settings, award.award_public_id)
    rotation = rotate_issuer_key(uow(), cred_settings, "plymouth")
    after = credential_for_award(uow(), cred_settings, award.award_public_id)

    assert before["issuer"]["id"].endswith(rotation.retired_key)
    assert after["issuer"]["id"] == rotation.issuer != before["issuer"]["id"]
    for document in (before, after):
        result = verify_credential(uow(), document, settings=cred_settings)
        assert result.valid, result.reasons
    store = key_store(cred_settings)
    assert store.public_keys("plymouth") == [rotation.new_key, rotation.retired_key]
    retired_file = (
        cred_settings.data_dir / "keys" / "plymouth" / "retired" / f"{rotation.retired_key}.pem"
    )
    assert stat.S_IMODE(retired_file.stat().st_mode) == 0o600


def test_the_did_web_document_keeps_every_key(
    uow: UnitOfWorkFactory, web_settings: Settings, make_award: MakeAward
) -> None:
    award = make_award()
    before = credential_for_award(uow(), web_settings, award.award_public_id)
    rotation = rotate_issuer_key(uow(), web_settings, "plymouth")
    document = did_document(web_settings, "plymouth")

    assert document["id"] == "did:web:badges.example.org:cities:plymouth"
    assert before["issuer"]["id"] == document["id"] == rotation.issuer
    methods = {m["publicKeyMultibase"]: m for m in document["verificationMethod"]}
    assert set(methods) == {rotation.new_key, rotation.retired_key}
    assert all(
        m["type"] == "Multikey" and m["controller"] == document["id"] for m in methods.values()
    )
    assert set(document["assertionMethod"]) == {m["id"] for m in methods.values()}
    assert before["proof"][0]["verificationMethod"] in document["assertionMethod"]
    assert verify_credential(uow(), before, settings=web_settings).valid
    assert PUBLIC_URL.removeprefix("https://") in json.dumps(document)


def test_a_did_web_credential_cannot_be_checked_without_the_deployment(
    uow: UnitOfWorkFactory, web_settings: Settings, make_award: MakeAward
) -> None:
    document = credential_for_award(uow(), web_settings, make_award().award_public_id)
    result = verify_credential(None, document)
    assert not result.valid
    assert any("signing key cannot be found" in r for r in result.reasons)


def test_did_web_needs_an_https_public_url(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    plain = replace(cred_settings, public_url="http://badges.example.org")
    with pytest.raises(InvalidRequest, match="https"):
        credential_for_award(uow(), plain, make_award().award_public_id)


def test_a_revoked_key_verifies_nothing_and_leaves_the_did_document(
    uow: UnitOfWorkFactory,
    web_settings: Settings,
    make_award: MakeAward,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """M9: a retired or stolen key stayed valid in the did:web document and in /check."""
    from badge_core.cli import main as colbot

    award = make_award()
    stolen = key_store(web_settings).signing_key("plymouth").public_multikey
    signed = credential_for_award(uow(), web_settings, award.award_public_id)
    assert verify_credential(uow(), signed, settings=web_settings).valid
    assert colbot(["keys", "revoke", stolen], web_settings) == 0
    assert "revoked" in capsys.readouterr().out
    result = verify_credential(uow(), signed, settings=web_settings)
    assert not result.valid and "revoked by the issuer" in result.reasons[0]
    document = did_document(web_settings, "plymouth")
    assert stolen not in json.dumps(document)
    retired = web_settings.data_dir / "keys" / "plymouth" / "retired" / f"{stolen}.pem"
    assert not retired.exists()  # destroyed
    # the award is signed again with the new key and verifies
    again = credential_for_award(uow(), web_settings, award.award_public_id)
    assert verify_credential(uow(), again, settings=web_settings).valid
    assert colbot(["keys", "revoke", "z6MkNotAKeyOfThisCity"], web_settings) == 1


def test_a_proof_made_after_its_key_retired_is_refused(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    """M9: whoever holds a retired key (a copy of an old backup) cannot sign new badges."""
    from datetime import timedelta

    from badge_core.credentials.proof import sign
    from badge_core.models import utcnow
    from badge_core.services.credentials import city_identifiers, method_id

    award = make_award()
    old = key_store(cred_settings).signing_key("plymouth")
    document = credential_for_award(uow(), cred_settings, award.award_public_id)
    rotate_issuer_key(uow(), cred_settings, "plymouth")
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    ids = city_identifiers(cred_settings, "plymouth")
    forged = sign(unsigned, old.private_key, method_id(ids, old), utcnow() + timedelta(minutes=1))
    result = verify_credential(uow(), forged, settings=cred_settings)
    assert not result.valid and "signed after its key was retired" in result.reasons[0]
    assert verify_credential(uow(), document, settings=cred_settings).valid  # made before
