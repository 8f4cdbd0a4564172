"""A learner puts their email address on their badges so a backpack can match them: the
address is confirmed by a code that really goes out by SMTP, then every credential (and its
Open Badges 2.0 assertion) names it as a salted hash a backpack can check, while the
database never holds the address. Age, limits and wrong codes are refused kindly."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update

from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.models import City, EmailCheck, Learner, utcnow
from badge_core.services.credentials import credential_for_award, did_document, ob2_assertion
from badge_core.services.email_recipient import (
    MAX_WRONG,
    SENDS_PER_LEARNER,
    EmailRefused,
    confirm_email_code,
    email_intro,
    remove_email,
    send_email_code,
)
from badge_core.services.learner_data import export_learner
from badge_core.services.learners import register_learner
from colbot_shared.identity import identity_hash
from tests.conftest import SECRET
from tests.credentials.conftest import MakeAward, RunNodeVerifier, with_status_list
from tests.credentials.test_issuing import schema_errors
from tests.mail import MAIL_FROM, Inbox, holds_code

ADDRESS = "jo.smith@example.com"


@pytest.fixture
def mail_settings(web_settings: Settings, inbox: Inbox) -> Settings:
    return replace(web_settings, smtp_url=inbox.url, mail_from=MAIL_FROM)


def _who(sender: str) -> dict[str, str]:
    return {"identity": identity_hash(SECRET, "whatsapp", sender), "channel": "whatsapp"}


def _add_email(
    uow: UnitOfWorkFactory, settings: Settings, inbox: Inbox, sender: str, typed: str
) -> None:
    send_email_code(uow(), settings, typed, **_who(sender))
    address = typed.split()[-1].lower()
    confirm_email_code(uow(), settings, inbox.code_sent_to(address), **_who(sender))


def _backpack_matches(identity: dict, address: str) -> bool:
    """What a backpack does with the address its user signed up with."""
    digest = hashlib.sha256((address + identity["salt"]).encode("utf-8")).hexdigest()
    return identity["identityHash"] == f"sha256${digest}"


def test_a_confirmed_email_goes_on_every_credential_as_a_hash_a_backpack_matches(
    uow: UnitOfWorkFactory,
    mail_settings: Settings,
    inbox: Inbox,
    make_award: MakeAward,
    node_verify: RunNodeVerifier,
) -> None:
    first = make_award()
    before = credential_for_award(uow(), mail_settings, first.award_public_id)
    assert before["credentialSubject"]["identifier"][0]["identityType"] == "identifier"

    sent = send_email_code(
        uow(), mail_settings, "my email is Jo.Smith@Example.com", **_who(first.sender_key)
    )
    assert sent.masked == "j***@example.com"
    [mail] = inbox.to(ADDRESS)
    assert mail["From"] == MAIL_FROM and "Plymouth" in mail["Subject"]
    # not on the badges until the code comes back
    pending = credential_for_award(uow(), mail_settings, first.award_public_id)
    assert pending["credentialSubject"]["identifier"][0]["identityType"] == "identifier"

    confirmed = confirm_email_code(
        uow(), mail_settings, inbox.code_sent_to(ADDRESS), **_who(first.sender_key)
    )
    assert confirmed.badges == 1
    document = credential_for_award(uow(), mail_settings, first.award_public_id)
    [identity] = document["credentialSubject"]["identifier"]
    assert identity["type"] == "IdentityObject" and identity["identityType"] == "emailAddress"
    assert identity["hashed"] is True and _backpack_matches(identity, ADDRESS)
    assert not _backpack_matches(identity, "someone.else@example.com")
    assert ADDRESS not in json.dumps(document)
    assert schema_errors(document) == []
    result = node_verify(
        document,
        documents=with_status_list(uow, mail_settings, document),
        did_documents=[did_document(mail_settings, "plymouth")],
    )
    assert result.returncode == 0 and result.report["verified"], result.report

    assertion = ob2_assertion(uow(), mail_settings, first.award_public_id)
    recipient = assertion["recipient"]
    assert recipient["type"] == "email" and recipient["hashed"] is True
    assert _backpack_matches(
        {"salt": recipient["salt"], "identityHash": recipient["identity"]}, ADDRESS
    )


def test_badges_earned_later_carry_the_email_too(
    uow: UnitOfWorkFactory, mail_settings: Settings, inbox: Inbox, make_award: MakeAward
) -> None:
    award = make_award()
    _add_email(uow, mail_settings, inbox, award.sender_key, ADDRESS)
    later = make_award("python-coder", activity=None, sender_key=award.sender_key)
    [identity] = credential_for_award(uow(), mail_settings, later.award_public_id)[
        "credentialSubject"
    ]["identifier"]
    assert identity["identityType"] == "emailAddress" and _backpack_matches(identity, ADDRESS)


def test_the_database_never_holds_the_address_or_the_code(
    uow: UnitOfWorkFactory, mail_settings: Settings, inbox: Inbox, make_award: MakeAward
) -> None:
    award = make_award()
    send_email_code(uow(), mail_settings, ADDRESS, **_who(award.sender_key))
    code = inbox.code_sent_to(ADDRESS)
    dumps = []
    for stage in ("waiting", "confirmed"):
        with uow() as unit:
            connection = unit.session.connection().connection.driver_connection
            dumps.append("\n".join(connection.iterdump()))
        if stage == "waiting":
            confirm_email_code(uow(), mail_settings, code, **_who(award.sender_key))
    for dump in dumps:
        assert ADDRESS not in dump.lower() and "jo.smith" not in dump.lower()
        assert not holds_code(dump, code)
    export = export_learner(uow(), SECRET, public_id=award.learner_public_id)
    assert export["learner"]["email_on_badges"].startswith("yes")  # they can see it is there
    assert "jo.smith" not in json.dumps(export)


def test_removing_the_email_makes_the_badges_pseudonymous_again(
    uow: UnitOfWorkFactory, mail_settings: Settings, inbox: Inbox, make_award: MakeAward
) -> None:
    award = make_award()
    _add_email(uow, mail_settings, inbox, award.sender_key, ADDRESS)
    assert remove_email(uow(), **_who(award.sender_key)) is True
    assert remove_email(uow(), **_who(award.sender_key)) is False
    [identity] = credential_for_award(uow(), mail_settings, award.award_public_id)[
        "credentialSubject"
    ]["identifier"]
    assert identity["identityType"] == "identifier" and not _backpack_matches(identity, ADDRESS)


def _learner_aged(uow: UnitOfWorkFactory, sender: str, age_band: str | None) -> None:
    register_learner(uow(), SECRET, "plymouth", "whatsapp", sender, age_band=age_band)


def test_only_learners_of_the_citys_minimum_age_may_add_an_email(
    uow: UnitOfWorkFactory, mail_settings: Settings, inbox: Inbox
) -> None:
    _learner_aged(uow, "+447700900501", "13-15")
    _learner_aged(uow, "+447700900502", None)
    _learner_aged(uow, "+447700900503", "19-25")
    for sender, reason in (("+447700900501", "too_young"), ("+447700900502", "age_unknown")):
        with pytest.raises(EmailRefused) as refused:
            send_email_code(uow(), mail_settings, ADDRESS, **_who(sender))
        assert (refused.value.reason, refused.value.min_age) == (reason, 16)
        with pytest.raises(EmailRefused):
            email_intro(uow(), mail_settings, **_who(sender))
    assert inbox.messages == []
    assert email_intro(uow(), mail_settings, **_who("+447700900503")).has_email is False

    with uow() as unit:  # a city pack that says 13 and over
        unit.session.execute(update(City).values(email_min_age=13))
        unit.commit()
    send_email_code(uow(), mail_settings, ADDRESS, **_who("+447700900501"))
    assert len(inbox.to(ADDRESS)) == 1


def test_nobody_unknown_and_no_mail_server_are_refused(
    uow: UnitOfWorkFactory, web_settings: Settings, mail_settings: Settings
) -> None:
    with pytest.raises(EmailRefused) as refused:
        send_email_code(uow(), mail_settings, ADDRESS, **_who("+447700900599"))
    assert refused.value.reason == "not_registered"
    _learner_aged(uow, "+447700900504", "16-18")
    with pytest.raises(EmailRefused) as refused:
        send_email_code(uow(), web_settings, ADDRESS, **_who("+447700900504"))
    assert refused.value.reason == "not_set_up"
    with pytest.raises(EmailRefused) as refused:
        send_email_code(uow(), mail_settings, "jo at example dot com", **_who("+447700900504"))
    assert refused.value.reason == "not_an_email"


def test_a_mail_server_that_is_down_leaves_nothing_waiting(
    uow: UnitOfWorkFactory, mail_settings: Settings
) -> None:
    _learner_aged(uow, "+447700900505", "16-18")
    down = replace(mail_settings, smtp_url="smtp://127.0.0.1:9")  # nothing listens there
    with pytest.raises(EmailRefused) as refused:
        send_email_code(uow(), down, ADDRESS, **_who("+447700900505"))
    assert refused.value.reason == "send_failed"
    with uow() as unit:
        assert unit.session.scalars(select(EmailCheck)).all() == []


def test_wrong_codes_count_down_then_the_address_must_be_sent_again(
    uow: UnitOfWorkFactory, mail_settings: Settings, inbox: Inbox
) -> None:
    sender = "+447700900506"
    _learner_aged(uow, sender, "16-18")
    with pytest.raises(EmailRefused) as refused:
        confirm_email_code(uow(), mail_settings, "123456", **_who(sender))
    assert refused.value.reason == "nothing_waiting"

    send_email_code(uow(), mail_settings, ADDRESS, **_who(sender))
    right = inbox.code_sent_to(ADDRESS)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    for left in range(MAX_WRONG - 1, 0, -1):
        with pytest.raises(EmailRefused) as refused:
            confirm_email_code(uow(), mail_settings, wrong, **_who(sender))
        assert (refused.value.reason, refused.value.tries_left) == ("wrong_code", left)
    with pytest.raises(EmailRefused) as refused:
        confirm_email_code(uow(), mail_settings, wrong, **_who(sender))
    assert refused.value.reason == "too_many_wrong"
    with pytest.raises(EmailRefused) as refused:  # even the right code is too late now
        confirm_email_code(uow(), mail_settings, right, **_who(sender))
    assert refused.value.reason == "nothing_waiting"


def test_a_code_lasts_fifteen_minutes_and_only_the_latest_counts(
    uow: UnitOfWorkFactory, mail_settings: Settings, inbox: Inbox
) -> None:
    sender = "+447700900507"
    _learner_aged(uow, sender, "19-25")
    start = utcnow()
    send_email_code(uow(), mail_settings, ADDRESS, **_who(sender), now=start)
    code = inbox.code_sent_to(ADDRESS)
    with pytest.raises(EmailRefused) as refused:
        confirm_email_code(
            uow(), mail_settings, code, **_who(sender), now=start + timedelta(minutes=16)
        )
    assert refused.value.reason == "expired"

    send_email_code(uow(), mail_settings, "old@example.com", **_who(sender))
    send_email_code(uow(), mail_settings, "new@example.com", **_who(sender))
    with pytest.raises(EmailRefused):  # the first address's code no longer counts
        confirm_email_code(
            uow(), mail_settings, inbox.code_sent_to("old@example.com"), **_who(sender)
        )


def test_codes_sent_are_limited_so_nobody_floods_an_inbox(
    uow: UnitOfWorkFactory, mail_settings: Settings, inbox: Inbox
) -> None:
    sender = "+447700900508"
    _learner_aged(uow, sender, "16-18")
    for _ in range(SENDS_PER_LEARNER):
        send_email_code(uow(), mail_settings, ADDRESS, **_who(sender))
    with pytest.raises(EmailRefused) as refused:
        send_email_code(uow(), mail_settings, ADDRESS, **_who(sender))
    assert refused.value.reason == "too_many"
    assert len(inbox.to(ADDRESS)) == SENDS_PER_LEARNER
    later = utcnow() + timedelta(hours=1, minutes=1)
    send_email_code(uow(), mail_settings, ADDRESS, **_who(sender), now=later)
    assert len(inbox.to(ADDRESS)) == SENDS_PER_LEARNER + 1


def test_erasing_the_learner_erases_the_email_hash(
    uow: UnitOfWorkFactory, mail_settings: Settings, inbox: Inbox, make_award: MakeAward
) -> None:
    from badge_core.services.learners import erase_learner

    award = make_award()
    _add_email(uow, mail_settings, inbox, award.sender_key, ADDRESS)
    send_email_code(uow(), mail_settings, "other@example.com", **_who(award.sender_key))
    erase_learner(uow(), SECRET, "whatsapp", award.sender_key)
    with uow() as unit:
        assert unit.session.get(Learner, award.learner_id) is None
        assert unit.session.execute(text("select count(*) from email_checks")).scalar() == 0


def test_the_credential_page_shows_the_email_once_added_though_it_keeps_signed_copies(
    uow: UnitOfWorkFactory, mail_settings: Settings, inbox: Inbox, make_award: MakeAward
) -> None:
    from starlette.testclient import TestClient

    from web.app import create_app

    award = make_award()
    client = TestClient(create_app(mail_settings, uow))
    path = f"/credentials/{award.award_public_id}.json"

    def identity_type() -> str:
        return client.get(path).json()["credentialSubject"]["identifier"][0]["identityType"]

    assert identity_type() == identity_type() == "identifier"  # the second view is the cache's
    _add_email(uow, mail_settings, inbox, award.sender_key, ADDRESS)
    assert identity_type() == "emailAddress"
    remove_email(uow(), **_who(award.sender_key))
    assert identity_type() == "identifier"
