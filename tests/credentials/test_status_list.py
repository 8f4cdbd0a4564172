"""Revocation through the city's Bitstring Status List: the encoding, and the signed list."""

from __future__ import annotations

import gzip

import pytest

from badge_core.config import Settings
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


def test_multibase_round_trips_keep_leading_zero_bytes() -> None:
    from badge_core.credentials.multibase import decode_base58btc, encode_base58btc

    for data in (b"", b"\0", b"\0\0\x01", bytes(range(40))):
        assert decode_base58btc(encode_base58btc(data)) == data
