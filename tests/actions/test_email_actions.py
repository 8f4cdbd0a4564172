"""The chat side of an email on the learner's badges (actions/email.py): "add my email"
explains what it is for, the address sent after that gets a code by email (through a real
SMTP server), the code puts it on the badges, "remove my email" takes it off; an address
sent out of the blue gets the explanation first and no email."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from actions import runtime
from actions.email import ActionAddEmail, ActionConfirmEmail, ActionRemoveEmail, ActionSendEmailCode
from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.models import Learner
from badge_core.services.claims import claim_badge
from tests.actions.support import Ran, count, issue_code, make_tracker, register, run
from tests.conftest import SECRET
from tests.mail import MAIL_FROM, Inbox

GIVEN = {"consent": "given"}
TOLD = {**GIVEN, "email_explained": True}
ADDRESS = "sam.k@example.com"


@pytest.fixture
def mail_db(
    request: pytest.FixtureRequest, plymouth_db_url: str, inbox: Inbox
) -> UnitOfWorkFactory:
    engine = make_engine(plymouth_db_url)
    request.addfinalizer(engine.dispose)
    factory = unit_of_work_factory(engine)
    settings = Settings(
        database_url=plymouth_db_url, secret_key=SECRET, smtp_url=inbox.url, mail_from=MAIL_FROM
    )
    runtime.use(runtime.Runtime(settings, factory))
    request.addfinalizer(lambda: runtime.use(None))
    return factory


def add_email(slots: dict = GIVEN) -> Ran:
    return run(
        ActionAddEmail(), make_tracker("add my email to my badges", "add_email", slots=slots)
    )


def send(text: str, slots: dict = TOLD) -> Ran:
    value = text.split()[-1].lower()
    tracker = make_tracker(text, "give_email", entities=[("email", value)], slots=slots)
    return run(ActionSendEmailCode(), tracker)


def confirm(code: str) -> Ran:
    tracker = make_tracker(code, "email_code", entities=[("email_code", code)], slots=TOLD)
    return run(ActionConfirmEmail(), tracker)


def test_a_learner_puts_their_email_on_their_badges_in_three_messages(
    mail_db: UnitOfWorkFactory, inbox: Inbox
) -> None:
    learner = register(mail_db, age_band="16-18")
    claim_badge(mail_db(), SECRET, learner.learner_id, issue_code(mail_db))

    told = add_email()
    assert told.said == [("utter_email_explained", {})] and told.slots == {"email_explained": True}
    assert "Badgr" in told.text and "don't keep the address" in told.text

    sent = send("my email is Sam.K@example.com", told.slots | GIVEN)
    assert sent.said == [("utter_email_code_sent", {"to_address": "s***@example.com"})]
    assert ADDRESS not in sent.text and len(inbox.to(ADDRESS)) == 1

    done = confirm(inbox.code_sent_to(ADDRESS))
    assert done.said == [("utter_email_confirmed", {"badges": "1 badge"})]
    assert done.slots == {"email_explained": None}
    assert count(mail_db, Learner, Learner.email_hash.is_not(None)) == 1

    again = add_email()  # now it offers to change it
    assert again.said == [("utter_email_change", {})]
    removed = run(ActionRemoveEmail(), make_tracker("remove my email", "remove_email", slots=GIVEN))
    assert removed.said == [("utter_email_removed", {})]
    assert count(mail_db, Learner, Learner.email_hash.is_not(None)) == 0


def test_an_address_sent_out_of_the_blue_gets_the_explanation_and_no_email(
    mail_db: UnitOfWorkFactory, inbox: Inbox
) -> None:
    register(mail_db, age_band="19-25")
    ran = send(f"email {ADDRESS}", GIVEN)
    assert ran.said == [("utter_email_explained", {})] and ran.slots == {"email_explained": True}
    assert inbox.messages == []


@pytest.mark.parametrize(
    ("setup", "said"),
    [
        (lambda db: None, ("utter_email_not_registered", {})),
        (lambda db: register(db, age_band="13-15"), ("utter_email_too_young", {"min_age": 16})),
        (lambda db: register(db), ("utter_email_age_unknown", {"min_age": 16})),
    ],
)
def test_who_may_not_add_an_email_is_told_why_kindly(
    mail_db: UnitOfWorkFactory, inbox: Inbox, setup: Callable, said: tuple
) -> None:
    setup(mail_db)
    name, variables = said
    for ran in (add_email(), send(ADDRESS)):
        assert ran.responses == [name]
        assert all(ran.said[0][1][k] == v for k, v in variables.items())
        assert "Traceback" not in ran.text and ran.slots == {}
    assert inbox.messages == []


def test_a_wrong_code_says_how_many_tries_are_left(
    mail_db: UnitOfWorkFactory, inbox: Inbox
) -> None:
    register(mail_db, age_band="16-18")
    assert confirm("123456").responses == ["utter_email_nothing_waiting"]
    send(ADDRESS)
    right = inbox.code_sent_to(ADDRESS)
    wrong = f"{(int(right) + 7) % 10**6:06d}"
    ran = confirm(wrong)
    assert ran.said == [("utter_email_wrong_code", {"tries_left": 4})]
    assert "4 more times" in ran.text
    assert confirm(right).said == [("utter_email_confirmed_no_badges", {})]


def test_without_a_mail_server_the_learner_hears_it_is_not_switched_on(
    use_database: Callable[[str], UnitOfWorkFactory], plymouth_db_url: str
) -> None:
    db = use_database(plymouth_db_url)  # the default settings: no COLBOT_SMTP_URL
    register(db, age_band="16-18")
    assert add_email().responses == ["utter_email_not_set_up"]
    assert send(ADDRESS).responses == ["utter_email_not_set_up"]


def test_every_reason_the_service_refuses_has_its_own_reply() -> None:
    from actions.email import REFUSALS
    from badge_core.services.email_recipient import REASONS

    assert set(REFUSALS) == set(REASONS)
