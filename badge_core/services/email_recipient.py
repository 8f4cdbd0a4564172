"""A learner's email address on their badges, so a backpack (Badgr, Open Educational Badges,
Credly) can match the badges to them: "add my email to my badges".

Consent is the learner's own doing: the bot explains in one line what it is for, and only an
address they then send is used. From ``City.email_min_age`` up (16 unless the city pack says
otherwise; an unknown age is not old enough): a child's address on a public document is a
way to reach them for anyone they share it with.

The address is confirmed by a six-digit code sent to it, which lives 15 minutes and takes 5
wrong tries. It is never stored, not even encrypted: what is kept is what the credentials
need, the Open Badges ``IdentityHash`` (SHA-256 of the lower-case address and a salt) and
its salt, one salt per learner. Re-issuing works from those, as every credential is built
afresh when it is asked for (services/credentials/issuing.py), so once confirmed every badge
of the learner's, past and future, names the address. The cost of one salt: a learner's
email-carrying credentials share one hash, so they can be linked to each other (as a
backpack links them anyway); without an email each badge keeps a hash of its own.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from badge_core.config import Settings
from badge_core.credentials.documents import identity_hash
from badge_core.db import UnitOfWork
from badge_core.errors import ColbotError
from badge_core.mail import MailFailed, MailNotSetUp, mail_configured, send_mail
from badge_core.models import (
    AgeBand,
    Award,
    AwardStatus,
    City,
    EmailCheck,
    Event,
    EventKind,
    Learner,
    utcnow,
)
from badge_core.privacy import keyed_hash
from badge_core.queries.events import record_event
from badge_core.queries.learners import learner_id_of
from colbot_shared.codes import find_email, masked_email

LIFETIME = timedelta(minutes=15)
MAX_WRONG = 5  # wrong codes before the address must be sent again
# Codes sent, at most: to one learner an hour, to one address a day, in one city an hour
# (so the bot cannot be used to flood someone's inbox)
SENDS_PER_LEARNER = 3
SENDS_PER_ADDRESS = 5
SENDS_PER_CITY = 200


class EmailRefused(ColbotError):
    """Why an address cannot go on the learner's badges (now): ``reason`` is one of
    REASONS; ``tries_left`` after a wrong code; ``min_age`` the city's, when it is age."""

    def __init__(self, reason: str, *, tries_left: int = 0, min_age: int = 0) -> None:
        super().__init__(f"email refused: {reason}")
        self.reason, self.tries_left, self.min_age = reason, tries_left, min_age


REASONS = (
    "not_registered",  # nobody to put it on: no learner behind this chat yet
    "age_unknown",  # the learner never said their age
    "too_young",  # under the city's minimum age
    "not_set_up",  # this deployment sends no email
    "not_an_email",
    "too_many",  # too many codes sent lately
    "send_failed",  # the mail server did not take it
    "nothing_waiting",  # a code, but no address waiting for one
    "expired",
    "wrong_code",
    "too_many_wrong",  # the address waiting was dropped
)


@dataclass(frozen=True)
class EmailIntro:
    has_email: bool  # the badges already carry an address


@dataclass(frozen=True)
class CodeSent:
    masked: str  # "j***@example.com"
    expires_at: datetime


def _learner(uow: UnitOfWork, identity: str | None, channel: str | None) -> Learner:
    learner_id = learner_id_of(uow, None, identity, channel)
    learner = uow.session.get(Learner, learner_id) if learner_id is not None else None
    if learner is None:
        raise EmailRefused("not_registered")
    return learner


def _check_age(uow: UnitOfWork, learner: Learner) -> City:
    city = uow.session.get(City, learner.city_id)
    assert city is not None
    if learner.age_band is None:
        raise EmailRefused("age_unknown", min_age=city.email_min_age)
    if AgeBand(learner.age_band).ages[0] < city.email_min_age:
        raise EmailRefused("too_young", min_age=city.email_min_age)
    return city


def email_intro(
    uow: UnitOfWork, settings: Settings, *, identity: str | None, channel: str | None
) -> EmailIntro:
    """Whether this learner may add an email (EmailRefused if not) and has one already."""
    with uow.reading():
        learner = _learner(uow, identity, channel)
        _check_age(uow, learner)
        if not mail_configured(settings):
            raise EmailRefused("not_set_up")
        return EmailIntro(has_email=learner.email_hash is not None)


def _sent_since(uow: UnitOfWork, since: datetime, *where: object) -> int:
    recent = (Event.kind == EventKind.EMAIL_CODE_SENT.value, Event.occurred_at >= since)
    return uow.session.scalar(select(func.count()).select_from(Event).where(*recent, *where)) or 0


def _code_hash(secret_key: str, learner_id: int, digits: str) -> str:
    return keyed_hash(secret_key, "email-code", f"{learner_id}:{digits}")


def send_email_code(
    uow: UnitOfWork,
    settings: Settings,
    text: str,
    *,
    identity: str | None,
    channel: str | None,
    now: datetime | None = None,
) -> CodeSent:
    """Email a code to the address in ``text``, to confirm it is the learner's; the address
    waits for it (replacing any address waiting before). The address is kept only hashed."""
    now = now or utcnow()
    found = find_email(text)
    if found is None:
        raise EmailRefused("not_an_email")
    address = found.value
    digits = f"{secrets.randbelow(10**6):06d}"
    to = keyed_hash(settings.secret_key, "email-to", address)
    with uow:
        learner = _learner(uow, identity, channel)
        city = _check_age(uow, learner)
        if not mail_configured(settings):
            raise EmailRefused("not_set_up")
        if (
            _sent_since(uow, now - timedelta(hours=1), Event.learner_id == learner.id)
            >= SENDS_PER_LEARNER
            or _sent_since(uow, now - timedelta(days=1), Event.data["to"].as_string() == to)
            >= SENDS_PER_ADDRESS
            or _sent_since(uow, now - timedelta(hours=1), Event.city_id == city.id)
            >= SENDS_PER_CITY
        ):
            raise EmailRefused("too_many")
        salt = secrets.token_hex(16)
        uow.session.execute(delete(EmailCheck).where(EmailCheck.learner_id == learner.id))
        uow.session.add(
            EmailCheck(
                learner_id=learner.id,
                code_hash=_code_hash(settings.secret_key, learner.id, digits),
                email_hash=identity_hash(address, salt),
                email_salt=salt,
                expires_at=now + LIFETIME,
            )
        )
        record_event(
            uow, EventKind.EMAIL_CODE_SENT, city_id=city.id, learner_id=learner.id, at=now, to=to
        )
        learner_id, city_name = learner.id, city.name
        uow.commit()
    try:
        # after the commit: a slow mail server must not hold the database's write lock
        send_mail(
            settings, address, f"Your code for your {city_name} badges", _body(digits, city_name)
        )
    except (MailFailed, MailNotSetUp):
        with uow:
            uow.session.execute(delete(EmailCheck).where(EmailCheck.learner_id == learner_id))
            uow.commit()
        raise EmailRefused("send_failed") from None
    return CodeSent(masked_email(address), now + LIFETIME)


def _body(digits: str, city_name: str) -> str:
    minutes = int(LIFETIME.total_seconds() // 60)
    return (
        f"Your code is {digits[:3]} {digits[3:]}\n\n"
        f"Send it to the {city_name} Cities of Learning bot within {minutes} minutes to put "
        f"this email address on your {city_name} badges, so badge apps such as Badgr can "
        "find them.\n\n"
        "If you did not ask for this, ignore this email: nothing happens without the code.\n"
    )


@dataclass(frozen=True)
class EmailConfirmed:
    badges: int  # the learner's badges that now carry the address


def confirm_email_code(
    uow: UnitOfWork,
    settings: Settings,
    digits: str,
    *,
    identity: str | None,
    channel: str | None,
    now: datetime | None = None,
) -> EmailConfirmed:
    """Put the waiting address on the learner's badges if ``digits`` is its code."""
    now = now or utcnow()
    with uow:
        learner = _learner(uow, identity, channel)
        check = uow.session.get(EmailCheck, learner.id)
        if check is None:
            raise EmailRefused("nothing_waiting")
        if check.expires_at < now:
            uow.session.delete(check)
            uow.commit()
            raise EmailRefused("expired")
        if not secrets.compare_digest(
            check.code_hash, _code_hash(settings.secret_key, learner.id, digits)
        ):
            check.wrong_tries += 1
            tries_left = MAX_WRONG - check.wrong_tries
            if tries_left <= 0:
                uow.session.delete(check)
            uow.commit()
            if tries_left <= 0:
                raise EmailRefused("too_many_wrong")
            raise EmailRefused("wrong_code", tries_left=tries_left)
        learner.email_hash, learner.email_salt = check.email_hash, check.email_salt
        uow.session.delete(check)
        badges = uow.session.scalar(
            select(func.count())
            .select_from(Award)
            .where(
                Award.learner_id == learner.id,
                Award.status == AwardStatus.AWARDED.value,
                Award.revoked_at.is_(None),
            )
        )
        uow.commit()
        return EmailConfirmed(badges=badges or 0)


def remove_email(uow: UnitOfWork, *, identity: str | None, channel: str | None) -> bool:
    """Take the address off the learner's badges (they name the pseudonymous id again) and
    drop any address waiting for its code; False when there was none."""
    with uow:
        try:
            learner = _learner(uow, identity, channel)
        except EmailRefused:
            return False
        waiting = uow.session.execute(
            delete(EmailCheck).where(EmailCheck.learner_id == learner.id)
        ).rowcount
        had = learner.email_hash is not None
        learner.email_hash = learner.email_salt = None
        uow.commit()
        return had or bool(waiting)
