"""Digital Bazaar's own implementation of Verifiable Credentials, Data Integrity,
eddsa-rdfc-2022 and Bitstring Status List (tools/verify-credential, run with Node) agrees
with ours: what we sign it verifies, what we revoke it sees revoked, what was changed it
rejects. It shares no code with colbot, only the bundled context files."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta

import pytest

from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.models import utcnow
from badge_core.services.credentials import (
    credential_for_award,
    did_document,
    revoke_award,
    rotate_issuer_key,
    verify_credential,
)
from badge_core.services.learners import erase_learner
from tests.conftest import SECRET
from tests.credentials.conftest import MakeAward, RunNodeVerifier, with_status_list

# quotes, a line break, emoji, accents and a right-to-left word: canonical N-Quads escaping
# must agree byte for byte
REFLECTION = 'I made a "maze" game 🎮 with my mate Zoë,\nthen fixed the score bug. שלום'


def test_a_did_key_credential_and_its_status_verify_independently(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    node_verify: RunNodeVerifier,
) -> None:
    document = credential_for_award(
        uow(), cred_settings, make_award(reflection=REFLECTION).award_public_id
    )
    result = node_verify(document, documents=with_status_list(uow, cred_settings, document))
    assert result.returncode == 0, result.report
    assert (
        result.report["verified"]
        and result.report["statusChecked"]
        and not result.report["revoked"]
    )


def test_a_did_web_credential_verifies_independently_with_its_did_document(
    uow: UnitOfWorkFactory,
    web_settings: Settings,
    make_award: MakeAward,
    node_verify: RunNodeVerifier,
) -> None:
    document = credential_for_award(uow(), web_settings, make_award().award_public_id)
    result = node_verify(
        document,
        documents=with_status_list(uow, web_settings, document),
        did_documents=[did_document(web_settings, "plymouth")],
    )
    assert result.returncode == 0, result.report
    assert result.report["verified"] and result.report["statusChecked"]


def test_a_revoked_award_shows_revoked_independently(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    node_verify: RunNodeVerifier,
) -> None:
    award = make_award()
    document = credential_for_award(uow(), cred_settings, award.award_public_id)
    revoke_award(uow(), cred_settings, award.award_public_id)
    result = node_verify(document, documents=with_status_list(uow, cred_settings, document))
    assert result.returncode == 1
    assert result.report["revoked"] and result.report["signatureVerified"]


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("a name", lambda d: d["credentialSubject"]["achievement"].update(name="Python Coder")),
        ("the subject", lambda d: d["credentialSubject"]["identifier"][0].update(salt="0" * 32)),
        ("the proof's created", lambda d: d["proof"][0].update(created="2020-01-01T00:00:00Z")),
    ],
)
def test_a_changed_credential_fails_independently(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    node_verify: RunNodeVerifier,
    what: str,
    change: Callable[[dict], None],
) -> None:
    document = copy.deepcopy(
        credential_for_award(uow(), cred_settings, make_award().award_public_id)
    )
    change(document)
    result = node_verify(document)
    assert result.returncode == 1, f"changing {what} went unnoticed: {result.report}"
    assert not result.report["signatureVerified"]


def test_a_credential_from_before_a_rotation_verifies_independently_after_it(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    node_verify: RunNodeVerifier,
) -> None:
    award = make_award()
    before = credential_for_award(uow(), cred_settings, award.award_public_id)
    rotation = rotate_issuer_key(uow(), cred_settings, "plymouth")
    # the old key's own list: a verifier takes a status list only from the credential's issuer
    documents = with_status_list(uow, cred_settings, before, key=rotation.retired_key)
    result = node_verify(before, documents=documents)
    assert result.returncode == 0, result.report
    assert result.report["statusChecked"]


def test_an_expired_credential_fails_independently(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    node_verify: RunNodeVerifier,
) -> None:
    until = utcnow() + timedelta(days=1)
    document = credential_for_award(
        uow(), cred_settings, make_award().award_public_id, valid_until=until
    )
    later = (until + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert node_verify(document).returncode == 0
    result = node_verify(document, now=later)
    assert result.returncode == 1
    assert any("validUntil" in e for e in result.report["errors"]), result.report


def test_erasing_a_learner_does_not_undo_a_revocation(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    node_verify: RunNodeVerifier,
) -> None:
    """H3: the status list was rebuilt from live awards, so "delete my data" cleared the bit
    and a revoked credential checked as genuine again."""
    award = make_award()
    document = credential_for_award(uow(), cred_settings, award.award_public_id)
    revoke_award(uow(), cred_settings, award.award_public_id, reason="given in error")
    erase_learner(uow(), SECRET, "whatsapp", award.sender_key)
    result = node_verify(document, documents=with_status_list(uow, cred_settings, document))
    assert result.returncode == 1
    assert result.report["revoked"] and result.report["signatureVerified"]
    # our own check agrees, from the status entry that outlived the award
    ours = verify_credential(uow(), document, settings=cred_settings)
    assert ours.revoked and ours.status_checked and not ours.valid
