"""Providers as issuers (issue 24, item 4): a provider the city pack marks ``issuer: true``
signs its own badges with its own key, and the city endorses it with an Open Badges 3.0
EndorsementCredential, so a verifier sees "issued by Plymouth Libraries, endorsed by
Plymouth". The Plymouth pack marks no provider an issuer: these tests make one, so every
other figure stays the same."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from badge_core.citypack import load_pack, pack_documents, read_pack, validate_pack
from badge_core.cli import main
from badge_core.config import Settings
from badge_core.credentials.identifiers import Identifiers
from badge_core.credentials.keys import KeyStore, provider_issuer
from badge_core.credentials.limits import Canonicaliser
from badge_core.db import UnitOfWorkFactory
from badge_core.errors import NotFound
from badge_core.models import Provider
from badge_core.services.credentials import (
    credential_for_award,
    did_document,
    revoke_issuer_key,
    rotate_issuer_key,
    status_list_credential,
    verify_credential,
)
from tests.core.packs import small_pack, write_pack
from tests.credentials.conftest import PUBLIC_URL, MakeAward, RunNodeVerifier
from tests.credentials.test_issuing import schema_errors
from web.app import create_app

ISSUING = "plymouth-libraries"  # runs code-club-coder
CITY_ISSUED = "python-coder"  # plymouth-code-dojo's, which stays city-issued
PROVIDER_DID = "did:web:badges.example.org:cities:plymouth:providers:plymouth-libraries"
CITY_DID = "did:web:badges.example.org:cities:plymouth"
DEPLOYMENTS = {"did:key": {}, "did:web": {"public_url": PUBLIC_URL}}


@pytest.fixture
def issuing(uow: UnitOfWorkFactory) -> str:
    """Plymouth Libraries made an issuer of its own, as ``issuer: true`` in the pack does."""
    with uow() as unit:
        provider = unit.session.scalar(select(Provider).where(Provider.key == ISSUING))
        assert provider is not None
        provider.issuer = True
        unit.commit()
    return ISSUING


def _status_documents(
    uow: UnitOfWorkFactory, settings: Settings, document: dict[str, Any], **which: Any
) -> dict[str, dict[str, Any]]:
    listing = status_list_credential(uow(), settings, "plymouth", **which)
    assert listing["id"] == document["credentialStatus"]["statusListCredential"]
    return {listing["id"]: listing}


def test_a_pack_marks_a_provider_an_issuer_and_it_loads_and_exports(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    docs = small_pack()
    docs["providers"]["providers"][0]["issuer"] = True
    load_pack(empty_uow(), read_pack(write_pack(tmp_path / "pack", docs)))
    with empty_uow() as unit:
        issuers = {p.key: p.issuer for p in unit.session.scalars(select(Provider))}
    assert issuers == {"youth-club": True, "footy": False}
    exported = pack_documents(empty_uow(), "testville")["providers"]["providers"]
    assert [p.get("issuer") for p in exported] == [True, None]  # false is not written out


def test_an_issuer_that_is_not_true_or_false_is_reported_in_a_city_teams_words(
    tmp_path: Path,
) -> None:
    docs = small_pack()
    docs["providers"]["providers"][1]["issuer"] = "yes please"
    (found,) = validate_pack(write_pack(tmp_path / "pack", docs))
    assert (found.file, found.entry, found.field) == ("providers.yaml", "footy", "issuer")
    assert "should be true or false" in found.message


# ------------------------------------------------------------------ ids and keys


def test_a_providers_ids_are_its_own_under_did_web_and_its_keys_own_under_did_key() -> None:
    city = Identifiers(PUBLIC_URL, "plymouth")
    provider = city.for_provider(ISSUING)
    assert provider.issuer("z6MkAny") == PROVIDER_DID
    assert city.issuer("z6MkAny") == CITY_DID
    assert provider.status_list("z6MkAny") == (
        f"{PUBLIC_URL}/cities/plymouth/providers/{ISSUING}/status/revocation"
    )
    assert provider.issuer_page() == f"{PUBLIC_URL}/cities/plymouth/providers/{ISSUING}"
    assert provider.achievement("code-club-coder") == city.achievement("code-club-coder")
    laptop = Identifiers("", "plymouth", local_url="http://127.0.0.1:8000").for_provider(ISSUING)
    assert laptop.issuer("z6MkAny") == "did:key:z6MkAny"
    assert laptop.status_list("z6MkAny") == (
        "http://127.0.0.1:8000/cities/plymouth/status/revocation?key=z6MkAny"
    )


def test_a_providers_keys_sit_beside_the_citys_and_are_never_taken_for_a_city(
    tmp_path: Path,
) -> None:
    store = KeyStore(tmp_path / "keys")
    city = store.signing_key("plymouth")
    name = provider_issuer("plymouth", ISSUING)
    provider = store.signing_key(name)
    assert city.public_multikey != provider.public_multikey
    assert store.cities() == ["plymouth"]
    assert sorted(store.issuers()) == sorted(["plymouth", name])
    assert store.holder(provider.public_multikey) == name
    assert store.holder(city.public_multikey) == "plymouth"


# ------------------------------------------------------------------ issuing


def _issued(uow: UnitOfWorkFactory, settings: Settings, make_award: MakeAward) -> dict[str, Any]:
    return credential_for_award(uow(), settings, make_award().award_public_id)


@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_a_provider_issued_credential_is_signed_by_the_provider_and_endorsed_by_the_city(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    issuing: str,
    deployment: str,
) -> None:
    settings = replace(cred_settings, **DEPLOYMENTS[deployment])
    document = _issued(uow, settings, make_award)
    issuer = document["issuer"]
    assert issuer["name"] == "Plymouth Libraries"
    assert document["proof"][0]["verificationMethod"].startswith(issuer["id"] + "#")
    creator = document["credentialSubject"]["achievement"]["creator"]
    assert creator == {k: v for k, v in issuer.items() if k != "endorsement"}
    (endorsement,) = issuer["endorsement"]
    assert endorsement["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert endorsement["issuer"]["name"] == "Plymouth"
    assert endorsement["credentialSubject"]["id"] == issuer["id"]
    assert endorsement["credentialSubject"]["type"] == ["EndorsementSubject"]
    assert endorsement["issuer"]["id"] != issuer["id"]
    if deployment == "did:web":
        assert (issuer["id"], endorsement["issuer"]["id"]) == (PROVIDER_DID, CITY_DID)
        assert issuer["url"] == f"{PUBLIC_URL}/cities/plymouth/providers/{ISSUING}"
    assert schema_errors(document) == []

    checked = verify_credential(uow(), document, settings=settings)
    assert checked.valid, checked.reasons
    assert checked.issuer == issuer["id"] and checked.endorsed_by == ["Plymouth"]
    alone = verify_credential(None, endorsement, settings=settings)
    assert alone.valid, alone.reasons


@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_a_city_issued_award_beside_it_is_unchanged(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    issuing: str,
    deployment: str,
) -> None:
    settings = replace(cred_settings, **DEPLOYMENTS[deployment])
    document = credential_for_award(
        uow(), settings, make_award(CITY_ISSUED, activity=None).award_public_id
    )
    assert document["issuer"]["name"] == "Plymouth" and "endorsement" not in document["issuer"]
    creator = document["credentialSubject"]["achievement"]["creator"]
    assert not creator["id"].startswith("did:")
    assert verify_credential(uow(), document, settings=settings).valid


def test_a_provider_issued_credential_and_its_endorsement_verify_independently_did_key(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    node_verify: RunNodeVerifier,
    issuing: str,
) -> None:
    document = _issued(uow, cred_settings, make_award)
    key = document["issuer"]["id"].removeprefix("did:key:")
    documents = _status_documents(uow, cred_settings, document, key=key)
    assert (
        documents[document["credentialStatus"]["statusListCredential"]]["issuer"]
        == (document["issuer"]["id"])
    )
    result = node_verify(document, documents=documents)
    assert result.returncode == 0, result.report
    assert result.report["statusChecked"] and not result.report["revoked"]
    (endorsement,) = document["issuer"]["endorsement"]
    alone = node_verify(endorsement)
    assert alone.returncode == 0, alone.report


def test_a_provider_issued_credential_and_its_endorsement_verify_independently_did_web(
    uow: UnitOfWorkFactory,
    web_settings: Settings,
    make_award: MakeAward,
    node_verify: RunNodeVerifier,
    issuing: str,
) -> None:
    document = _issued(uow, web_settings, make_award)
    dids = [did_document(web_settings, "plymouth", ISSUING), did_document(web_settings, "plymouth")]
    assert [d["id"] for d in dids] == [PROVIDER_DID, CITY_DID]
    documents = _status_documents(uow, web_settings, document, provider=ISSUING)
    result = node_verify(document, documents=documents, did_documents=dids)
    assert result.returncode == 0, result.report
    assert result.report["statusChecked"] and not result.report["revoked"]
    (endorsement,) = document["issuer"]["endorsement"]
    alone = node_verify(endorsement, did_documents=dids)
    assert alone.returncode == 0, alone.report


def test_an_endorsement_changed_or_about_someone_else_fails(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward, issuing: str
) -> None:
    document = _issued(uow, cred_settings, make_award)
    endorsement = document["issuer"]["endorsement"][0]
    endorsement["credentialSubject"]["endorsementComment"] = "Trust them with anything"
    alone = verify_credential(None, endorsement, settings=cred_settings)
    assert not alone.valid
    # the credential's own proof covers its endorsement too
    checked = verify_credential(uow(), document, settings=cred_settings)
    assert not checked.valid and checked.endorsed_by == []
    assert any("endorsement by Plymouth does not hold" in r for r in checked.reasons)


# ------------------------------------------------------------------ rotation and revocation


@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_after_the_providers_key_rotates_its_old_credentials_keep_verifying(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    node_verify: RunNodeVerifier,
    issuing: str,
    deployment: str,
) -> None:
    settings = replace(cred_settings, **DEPLOYMENTS[deployment])
    award = make_award()
    before = credential_for_award(uow(), settings, award.award_public_id)
    rotation = rotate_issuer_key(uow(), settings, "plymouth", ISSUING)
    city_key = KeyStore.under(settings.data_dir).signing_key("plymouth").public_multikey
    assert rotation.provider == ISSUING and rotation.new_key != city_key
    after = credential_for_award(uow(), settings, award.award_public_id)
    assert after["proof"][0]["verificationMethod"].endswith("#" + rotation.new_key)
    for document in (before, after):
        checked = verify_credential(uow(), document, settings=settings)
        assert checked.valid and checked.endorsed_by == ["Plymouth"], checked.reasons
    if deployment == "did:key":
        documents = _status_documents(uow, settings, before, key=rotation.retired_key)
        result = node_verify(before, documents=documents)
    else:
        documents = _status_documents(uow, settings, before, provider=ISSUING)
        dids = [did_document(settings, "plymouth", ISSUING), did_document(settings, "plymouth")]
        result = node_verify(before, documents=documents, did_documents=dids)
    assert result.returncode == 0, result.report
    assert result.report["statusChecked"]


@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_a_revoked_provider_key_fails_its_credentials_and_leaves_the_citys_alone(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    issuing: str,
    deployment: str,
) -> None:
    settings = replace(cred_settings, **DEPLOYMENTS[deployment])
    provider_issued = _issued(uow, settings, make_award)
    city_issued = credential_for_award(
        uow(), settings, make_award(CITY_ISSUED, activity=None).award_public_id
    )
    key = provider_issued["proof"][0]["verificationMethod"].rpartition("#")[2]
    done = revoke_issuer_key(uow(), settings, "plymouth", key, ISSUING)
    assert done.current_key != key

    checked = verify_credential(uow(), provider_issued, settings=settings)
    assert not checked.valid
    assert any("revoked by the issuer" in r for r in checked.reasons), checked.reasons
    assert verify_credential(uow(), city_issued, settings=settings).valid
    if deployment == "did:web":
        assert key not in str(did_document(settings, "plymouth", ISSUING))
    reissued = credential_for_award(uow(), settings, make_award().award_public_id)
    assert verify_credential(uow(), reissued, settings=settings).valid


def test_only_an_issuing_provider_has_keys_to_rotate_or_revoke(
    uow: UnitOfWorkFactory, cred_settings: Settings, issuing: str
) -> None:
    with pytest.raises(NotFound):
        rotate_issuer_key(uow(), cred_settings, "plymouth", "plymouth-code-dojo")
    with pytest.raises(NotFound):
        revoke_issuer_key(uow(), cred_settings, "plymouth", "z6MkNoSuchKey", ISSUING)
    with pytest.raises(NotFound):
        status_list_credential(uow(), cred_settings, "plymouth", provider="plymouth-code-dojo")


def test_the_key_commands_take_a_provider(
    capsys: pytest.CaptureFixture[str],
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    issuing: str,
) -> None:
    document = _issued(uow, cred_settings, make_award)
    old_key = document["issuer"]["id"].removeprefix("did:key:")
    argv = ["keys", "rotate", "--city", "plymouth", "--provider", ISSUING]
    assert main(argv, settings=cred_settings) == 0
    out = capsys.readouterr().out
    assert f"plymouth/{ISSUING}: new signing key" in out and old_key in out
    assert verify_credential(uow(), document, settings=cred_settings).valid
    argv = ["keys", "revoke", old_key, "--city", "plymouth", "--provider", ISSUING]
    assert main(argv, settings=cred_settings) == 0
    assert "The provider now signs with" in capsys.readouterr().out
    assert not verify_credential(uow(), document, settings=cred_settings).valid
    argv = ["keys", "show", "--city", "plymouth", "--provider", ISSUING]
    assert main(argv, settings=cred_settings) == 0
    assert '"id": "did:key:' in capsys.readouterr().out
    argv = ["keys", "rotate", "--city", "plymouth", "--provider", "plymouth-code-dojo"]
    assert main(argv, settings=cred_settings) == 1


def test_a_provider_issued_credential_passes_the_checks_for_documents_from_outside(
    uow: UnitOfWorkFactory, web_settings: Settings, make_award: MakeAward, issuing: str
) -> None:
    """The shape limits and the time-limited canonicaliser, as the check page runs them."""
    document = _issued(uow, web_settings, make_award)
    checker = Canonicaliser()
    try:
        checked = verify_credential(uow(), document, settings=web_settings, limit=checker)
    finally:
        checker.close()
    assert checked.valid and checked.endorsed_by == ["Plymouth"], checked.reasons


def test_its_page_says_issued_by_the_provider_endorsed_by_the_city(
    uow: UnitOfWorkFactory, web_settings: Settings, make_award: MakeAward, issuing: str
) -> None:
    client = TestClient(create_app(web_settings, uow))
    page = client.get(f"/credentials/{make_award().award_public_id}").text
    assert "<strong>Issued by</strong> Plymouth Libraries" in page
    assert "The issuer is endorsed by Plymouth." in page
    for path in ("did.json", "status/revocation"):
        assert client.get(f"/cities/plymouth/providers/{ISSUING}/{path}").status_code == 200
        assert client.get(f"/cities/plymouth/providers/the-box/{path}").status_code == 404
