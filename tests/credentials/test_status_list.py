"""Revocation through the city's Bitstring Status List: the encoding, and the signed list."""

from __future__ import annotations

import gzip
from dataclasses import replace

import pytest
from starlette.testclient import TestClient

from badge_core.config import Settings, load_settings
from badge_core.credentials import status_list
from badge_core.credentials.multibase import decode_base64url
from badge_core.db import UnitOfWorkFactory
from badge_core.services.credentials import (
    credential_for_award,
    revoke_award,
    status_list_credential,
    verify_credential,
)
from tests.credentials.conftest import PUBLIC_URL, MakeAward
from web.app import create_app


def test_bit_zero_is_the_first_bit_of_the_first_byte() -> None:
    encoded = status_list.encode([0, 9, status_list.LIST_LENGTH - 1])
    assert encoded.startswith("u")
    raw = gzip.decompress(decode_base64url(encoded))
    assert len(raw) * 8 == status_list.LIST_LENGTH == 131_072
    assert raw[0] == 0b1000_0000 and raw[1] == 0b0100_0000 and raw[-1] == 0b0000_0001
    assert [status_list.is_set(encoded, i) for i in (0, 1, 9, 131_071)] == [True, False, True, True]


def test_the_same_revocations_always_encode_the_same() -> None:
    assert status_list.encode([5, 7]) == status_list.encode([7, 5])


def test_positions_outside_the_list_are_refused() -> None:
    with pytest.raises(ValueError):
        status_list.encode([status_list.LIST_LENGTH])


def test_revoking_sets_the_awards_bit_in_the_signed_list(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    kept, revoked = make_award(), make_award("python-coder", activity=None)
    credentials = {
        a.award_public_id: credential_for_award(uow(), cred_settings, a.award_public_id)
        for a in (kept, revoked)
    }
    revocation = revoke_award(uow(), cred_settings, revoked.award_public_id, reason="duplicate")
    again = revoke_award(uow(), cred_settings, revoked.award_public_id)
    assert again.already_revoked and again.revoked_at == revocation.revoked_at

    listing = status_list_credential(uow(), cred_settings, "plymouth")
    assert listing["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = listing["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
    for award_id, document in credentials.items():
        entry = document["credentialStatus"]
        assert entry["statusListCredential"] == listing["id"]
        bit = status_list.is_set(subject["encodedList"], int(entry["statusListIndex"]))
        assert bit is (award_id == revoked.award_public_id)
    assert listing["issuer"] == credentials[kept.award_public_id]["issuer"]["id"]
    assert verify_credential(None, listing).valid


def test_under_did_web_the_list_has_a_url_on_the_public_host(
    uow: UnitOfWorkFactory, web_settings: Settings, make_award: MakeAward
) -> None:
    document = credential_for_award(uow(), web_settings, make_award().award_public_id)
    listing = status_list_credential(uow(), web_settings, "plymouth")
    assert listing["id"] == f"{PUBLIC_URL}/cities/plymouth/status/revocation"
    assert document["credentialStatus"]["statusListCredential"] == listing["id"]
    assert verify_credential(uow(), listing, settings=web_settings).valid


def test_under_did_key_each_keys_list_is_at_a_url_the_web_app_serves(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    """The spec wants the list at a URL: on a laptop demo that is the laptop's web app."""
    made = make_award()
    document = credential_for_award(uow(), cred_settings, made.award_public_id)
    list_url = document["credentialStatus"]["statusListCredential"]
    key = document["issuer"]["id"].removeprefix("did:key:")
    assert list_url == f"http://127.0.0.1:8000/cities/plymouth/status/revocation?key={key}"

    revoke_award(uow(), cred_settings, made.award_public_id)
    served = TestClient(create_app(cred_settings, uow)).get(list_url.split(":8000", 1)[1])
    assert served.status_code == 200
    listing = served.json()
    assert (listing["id"], listing["issuer"]) == (list_url, document["issuer"]["id"])
    index = int(document["credentialStatus"]["statusListIndex"])
    assert status_list.is_set(listing["credentialSubject"]["encodedList"], index)
    assert verify_credential(None, listing).valid


def test_a_did_key_issuer_under_a_public_url_has_its_list_there(
    uow: UnitOfWorkFactory, web_settings: Settings, make_award: MakeAward
) -> None:
    settings = replace(web_settings, issuer_did="key")
    document = credential_for_award(uow(), settings, make_award().award_public_id)
    key = document["issuer"]["id"].removeprefix("did:key:")
    list_url = f"{PUBLIC_URL}/cities/plymouth/status/revocation?key={key}"
    assert document["credentialStatus"]["statusListCredential"] == list_url
    assert status_list_credential(uow(), settings, "plymouth", key=key)["id"] == list_url
    achievement = document["credentialSubject"]["achievement"]["id"]
    assert achievement == f"{PUBLIC_URL}/cities/plymouth/badges/code-club-coder"


def test_multibase_round_trips_keep_leading_zero_bytes() -> None:
    from badge_core.credentials.multibase import decode_base58btc, encode_base58btc

    for data in (b"", b"\0", b"\0\0\x01", bytes(range(40))):
        assert decode_base58btc(encode_base58btc(data)) == data


@pytest.mark.parametrize(("value", "method"), [("web", "web"), ("KEY", "key"), ("did:key", "key")])
def test_the_issuer_did_setting_reads_web_or_key(value: str, method: str) -> None:
    assert load_settings({"COLBOT_ISSUER_DID": value}).issuer_did == method


def test_an_unknown_issuer_did_setting_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="COLBOT_ISSUER_DID must be web or key"):
        load_settings({"COLBOT_ISSUER_DID": "ion"})
