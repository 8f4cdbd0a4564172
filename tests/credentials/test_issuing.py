"""An award becomes an Open Badges 3.0 credential that meets the official 1EdTech schema and
says what was earned, where, and by whom: the learner only as a salted hash.

``ob_v3p0_achievementcredential_schema.json`` is 1EdTech's published JSON schema for
OpenBadgeCredentials (the JSON-LD variant for VC 2.0, ``$id`` under
purl.imsglobal.org/spec/ob/v3p0/schema/json-ld/). purl.imsglobal.org cannot be reached from
here, so it was copied from the verbatim copy in the public repository
rollercoaster-dev/openbadges-types (schemas/v3/); do not edit it.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import replace
from datetime import timedelta

import jsonschema
import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.errors import InvalidRequest, NotFound
from badge_core.models import Award, ChannelIdentity, City, Learner, StatusEntry, utcnow
from badge_core.services.credentials import (
    credential_for_award,
    ob2_assertion,
    rotate_issuer_key,
)
from badge_core.services.learners import erase_learner
from badge_core.services.skills import publish_reflection
from tests.conftest import SECRET
from tests.credentials.conftest import PUBLIC_URL, SCHEMA, MakeAward

VALIDATOR = jsonschema.Draft201909Validator(
    json.loads(SCHEMA.read_text(encoding="utf-8")),
    format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER,
)


def schema_errors(document: dict) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(document)]


def test_the_vendored_schema_is_the_official_one_and_catches_a_bad_credential() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"].startswith("https://purl.imsglobal.org/spec/ob/v3p0/schema/")
    assert schema["$id"].endswith("/ob_v3p0_achievementcredential_schema.json")
    assert schema_errors({"type": ["VerifiableCredential"]}), "the schema accepts anything"


DEPLOYMENTS = {
    "did:key": {"public_url": ""},
    "did:web": {"public_url": PUBLIC_URL},
    "did:key under a public URL": {"public_url": PUBLIC_URL, "issuer_did": "key"},
}
# every kind of award the project turns into a credential
AWARDS = {
    "public reflection": {"reflection": "I fixed the bug where the cat walked through walls"},
    "private reflection": {"reflection": "I was nervous at first", "public": False},
    "no reflection": {},
    "no activity": {"badge": "python-coder", "activity": None},
    "words from anywhere": {"reflection": 'Ich habe 🐍 gelernt: "tabs" <b>&</b> ünïcödé'},
}


@pytest.mark.parametrize("award_kind", AWARDS)
@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_credentials_meet_the_open_badges_3_schema(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    deployment: str,
    award_kind: str,
) -> None:
    settings = replace(cred_settings, **DEPLOYMENTS[deployment])
    award = make_award(**AWARDS[award_kind])
    document = credential_for_award(uow(), settings, award.award_public_id)
    assert schema_errors(document) == []
    assert document["issuer"]["id"].startswith(deployment.split()[0] + ":")


def test_a_credential_signed_after_a_key_rotation_meets_the_schema(
    uow: UnitOfWorkFactory, web_settings: Settings, make_award: MakeAward
) -> None:
    before = credential_for_award(uow(), web_settings, make_award().award_public_id)
    rotate_issuer_key(uow(), web_settings, "plymouth")
    after = credential_for_award(uow(), web_settings, make_award().award_public_id)
    assert before["proof"][0]["verificationMethod"] != after["proof"][0]["verificationMethod"]
    assert schema_errors(before) == schema_errors(after) == []


def test_the_credential_says_what_was_earned_and_where(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    award = make_award(reflection="I made a maze game and fixed a bug with the score")
    document = credential_for_award(uow(), cred_settings, award.award_public_id)

    assert document["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["id"] == f"urn:uuid:{award.award_public_id}"
    assert document["issuer"]["name"] == "Plymouth" and document["issuer"]["type"] == ["Profile"]
    assert document["validFrom"] == document["awardedDate"]
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["name"] == "Code Club Coder"
    assert achievement["criteria"]["narrative"].startswith(
        "Came to at least four code club sessions"
    )
    assert achievement["image"]["type"] == "Image"
    assert achievement["creator"]["name"] == "Plymouth Libraries"
    spine = [a for a in achievement["alignment"] if a["targetType"] == "ext:SkillsSpineSkill"]
    assert [(a["targetCode"], a["targetName"]) for a in spine] == [
        ("coding", "Coding"),
        ("problem-solving", "Problem solving"),
    ]
    assert {a["targetFramework"] for a in spine} == {"Plymouth Cities of Learning Skills Spine"}
    assert "Level 1" in spine[0]["targetDescription"]
    external = [a for a in achievement["alignment"] if a["targetType"] != "ext:SkillsSpineSkill"]
    assert any(a["targetFramework"] == "Skills Builder Universal Framework" for a in external)
    # the spine's ESCO alignments (issue 23): coding's and problem solving's, by their URIs
    esco = {a["targetUrl"]: a["targetName"] for a in external if a["targetFramework"] == "ESCO"}
    assert esco == {
        "http://data.europa.eu/esco/skill/bf4d884f-c848-402a-b130-69c266b04164": (
            "apply basic programming skills"
        ),
        "http://data.europa.eu/esco/skill/adc6dc11-3376-467b-96c5-9b0a21edc869": "solve problems",
    }
    [evidence] = document["evidence"]
    assert evidence["name"] == "Code Club at Central Library"
    awarded_on = document["awardedDate"][:10]
    assert f"Took part in Code Club at Central Library on {awarded_on}" in evidence["description"]
    assert evidence["narrative"] == "I made a maze game and fixed a bug with the score"
    status = document["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry" and status["statusPurpose"] == "revocation"
    assert status["id"] == f"{status['statusListCredential']}#{status['statusListIndex']}"


def test_the_learner_is_only_a_salted_hash_of_their_pseudonymous_id(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    award = make_award(sender_key="+447700900123")
    document = credential_for_award(uow(), cred_settings, award.award_public_id)

    [identity] = document["credentialSubject"]["identifier"]
    assert identity["type"] == "IdentityObject" and identity["identityType"] == "identifier"
    assert identity["hashed"] is True
    expected = hashlib.sha256((award.learner_public_id + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == "sha256$" + expected
    assert "id" not in document["credentialSubject"]

    text = json.dumps(document)
    with uow() as unit:
        learner = unit.session.get(Learner, award.learner_id)
        channel_values = [
            v
            for i in unit.session.scalars(
                select(ChannelIdentity).where(ChannelIdentity.learner_id == award.learner_id)
            )
            for v in (i.address_hash, i.channel)
        ]
        assert learner is not None
    for secret in [
        "+447700900123",
        "447700900123",
        "7700900123",
        award.learner_public_id,
        *channel_values,
    ]:
        assert secret not in text, f"the credential leaks {secret!r}"


def test_one_learners_credentials_cannot_be_linked_by_their_hashes(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    first = make_award("code-club-coder", sender_key="+447700900555")
    second = make_award("python-coder", activity=None, sender_key="+447700900555")
    assert first.learner_id == second.learner_id
    hashes = {
        credential_for_award(uow(), cred_settings, a.award_public_id)["credentialSubject"][
            "identifier"
        ][0]["identityHash"]
        for a in (first, second)
    }
    assert len(hashes) == 2


def _without_proof(document: dict) -> dict:
    return {k: v for k, v in document.items() if k != "proof"}


def test_a_credential_is_the_same_every_time_but_for_the_proof_time(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    award = make_award()
    now = utcnow()
    first = credential_for_award(uow(), cred_settings, award.award_public_id, now=now)
    again = credential_for_award(uow(), cred_settings, award.award_public_id, now=now)
    later = credential_for_award(
        uow(), cred_settings, award.award_public_id, now=now + timedelta(hours=1)
    )
    assert first == again
    assert _without_proof(first) == _without_proof(later)
    assert first["proof"][0]["created"] != later["proof"][0]["created"]


def test_each_award_keeps_one_status_position(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    awards = [make_award(), make_award("python-coder", activity=None)]
    positions = [
        credential_for_award(uow(), cred_settings, a.award_public_id)["credentialStatus"][
            "statusListIndex"
        ]
        for a in awards
    ]
    with uow() as unit:
        stored = [
            str(
                unit.session.scalar(
                    select(Award.status_index).where(Award.public_id == a.award_public_id)
                )
            )
            for a in awards
        ]
    assert positions == stored and len(set(positions)) == 2


def test_a_status_position_is_never_given_to_another_credential_even_after_erasure(
    uow: UnitOfWorkFactory,
    cred_settings: Settings,
    make_award: MakeAward,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """H3: an erased learner's position went back to the pool, so a later award could take
    a position a verifier had already seen (revoked, or cached) for another credential."""
    first = make_award()
    taken = int(
        credential_for_award(uow(), cred_settings, first.award_public_id)["credentialStatus"][
            "statusListIndex"
        ]
    )
    erase_learner(uow(), SECRET, "whatsapp", first.sender_key)
    draws = iter([taken, taken, taken + 1])
    monkeypatch.setattr(
        "badge_core.services.credentials.revocation.random_index", lambda: next(draws)
    )
    second = make_award()
    position = credential_for_award(uow(), cred_settings, second.award_public_id)[
        "credentialStatus"
    ]["statusListIndex"]
    assert int(position) == taken + 1


def test_each_city_has_its_own_list_of_positions(uow: UnitOfWorkFactory) -> None:
    with uow() as unit:
        plymouth = unit.session.scalar(select(City).where(City.slug == "plymouth"))
        brighton = City(
            slug="brighton", name="Brighton", timezone="Europe/London", framework="test"
        )
        unit.session.add(brighton)
        unit.session.flush()
        unit.session.add_all(
            [
                StatusEntry(city_id=plymouth.id, position=7, award_public_id=str(uuid.uuid4())),
                StatusEntry(city_id=brighton.id, position=7, award_public_id=str(uuid.uuid4())),
            ]
        )
        unit.session.flush()  # the same position in two cities' lists
        unit.session.add(
            StatusEntry(city_id=plymouth.id, position=7, award_public_id=str(uuid.uuid4()))
        )
        with pytest.raises(IntegrityError):
            unit.session.flush()


def test_pending_and_unknown_awards_have_no_credential(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    award = make_award()
    with uow() as unit:
        row = unit.session.scalar(select(Award).where(Award.public_id == award.award_public_id))
        assert row is not None
        row.status = "pending"
        unit.commit()
    with pytest.raises(InvalidRequest, match="pending"):
        credential_for_award(uow(), cred_settings, award.award_public_id)
    with pytest.raises(NotFound):
        credential_for_award(uow(), cred_settings, "no-such-award")


def test_the_open_badges_2_export_is_a_hosted_assertion(
    uow: UnitOfWorkFactory, cred_settings: Settings, web_settings: Settings, make_award: MakeAward
) -> None:
    award = make_award()
    with pytest.raises(InvalidRequest, match="COLBOT_PUBLIC_URL"):
        ob2_assertion(uow(), cred_settings, award.award_public_id)

    assertion = ob2_assertion(uow(), web_settings, award.award_public_id)
    assert assertion["@context"] == "https://w3id.org/openbadges/v2"
    assert assertion["type"] == "Assertion"
    assert assertion["id"] == f"{PUBLIC_URL}/ob2/assertions/{award.award_public_id}"
    assert assertion["verification"] == {"type": "hosted"}
    recipient = assertion["recipient"]
    assert recipient["type"] == "id" and recipient["hashed"] is True
    expected = hashlib.sha256((award.learner_public_id + recipient["salt"]).encode()).hexdigest()
    assert recipient["identity"] == "sha256$" + expected
    badge = assertion["badge"]
    assert badge["type"] == "BadgeClass" and badge["name"] == "Code Club Coder"
    assert badge["issuer"]["id"].startswith(PUBLIC_URL) and badge["issuer"]["type"] == "Issuer"
    assert [a["targetCode"] for a in badge["alignment"]] == ["coding", "problem-solving"]
    assert SECRET not in json.dumps(assertion)


def test_a_reflection_stays_out_of_the_credential_until_the_learner_says_yes(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    """Anyone with a badge's link can read its credential: what a learner wrote about what
    they did goes in only when they said yes to a clear question."""
    award = make_award(reflection="I made a maze game", public=False)
    document = credential_for_award(uow(), cred_settings, award.award_public_id)
    assert all("narrative" not in e for e in document["evidence"])
    publish_reflection(uow(), award.learner_id, award.award_public_id, public=True)
    document = credential_for_award(uow(), cred_settings, award.award_public_id)
    assert [e.get("narrative") for e in document["evidence"]] == ["I made a maze game"]
