"""A city's one-question poll: "What should we run next summer?", with two to five answers to
pick from. It goes, by the outbox, to every learner who asked to hear from the bot (an alert
or the weekly digest, not opted out); on Telegram the answers are buttons, on SMS and
WhatsApp numbered, answered "POLL 2". A learner answers by picking, never in words, so a
poll keeps nothing they typed; a second answer replaces the first. The city team sees the
counts, small ones suppressed like every count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest, NotFound
from badge_core.models import Audience, Learner, Poll, PollAnswer, Subscription, utcnow
from badge_core.queries.cities import get_city
from badge_core.queries.learners import learner_id_of
from badge_core.services import outbox
from badge_core.services.suppression import Table

CITY_POLL = "city_poll"  # the outbox kind
MIN_OPTIONS, MAX_OPTIONS = 2, 5
MAX_QUESTION, MAX_OPTION = 160, 40
OPEN_FOR = timedelta(days=14)


class NotAnOption(InvalidRequest):
    """An answer that is not one of the poll's numbers."""

    def __init__(self, count: int) -> None:
        super().__init__(f"answer with a number from 1 to {count}")
        self.count = count


@dataclass(frozen=True)
class PollStarted:
    poll_id: int
    question: str
    sent_to: int  # learners a message was queued for


@dataclass(frozen=True)
class PollAnswered:
    question: str
    choice: str
    changed: bool  # they had answered before


def start_poll(
    uow: UnitOfWork,
    city_slug: str,
    question: str,
    options: list[str],
    *,
    open_for: timedelta = OPEN_FOR,
    now: datetime | None = None,
) -> PollStarted:
    """Open a poll and queue it for every learner who asked to hear from the bot."""
    now = now or utcnow()
    question, options = _checked(question, options)
    with uow:
        city = get_city(uow, city_slug)
        poll = Poll(
            city_id=city.id,
            question=question,
            options=options,
            created_at=now,
            closes_at=now + open_for,
        )
        uow.session.add(poll)
        uow.session.flush()
        sent = sum(
            _send(uow, poll, subscription, now) for subscription in _listeners(uow, city.id, now)
        )
        started = PollStarted(poll.id, question, sent)
        uow.commit()
        return started


def _checked(question: str, options: list[str]) -> tuple[str, list[str]]:
    question = " ".join(question.split())
    options = [" ".join(option.split()) for option in options if option.strip()]
    if not question or len(question) > MAX_QUESTION:
        raise InvalidRequest(f"a question of 1 to {MAX_QUESTION} characters")
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise InvalidRequest(f"{MIN_OPTIONS} to {MAX_OPTIONS} answers to pick from")
    if any(len(option) > MAX_OPTION for option in options):
        raise InvalidRequest(f"answers of at most {MAX_OPTION} characters")
    if len({option.lower() for option in options}) < len(options):
        raise InvalidRequest("answers that differ from each other")
    return question, options


def _listeners(uow: UnitOfWork, city_id: int, now: datetime) -> list[Subscription]:
    """Each learner's newest subscription in the city (the app they will hear on)."""
    rows = uow.session.scalars(
        select(Subscription)
        .join(Learner, Learner.id == Subscription.learner_id)
        .where(
            Subscription.city_id == city_id,
            Subscription.expires_at > now,
            Learner.opted_out_at.is_(None),
        )
        .order_by(Subscription.learner_id, Subscription.created_at.desc())
    )
    newest: dict[int, Subscription] = {}
    for subscription in rows:
        newest.setdefault(subscription.learner_id, subscription)
    return list(newest.values())


def _send(uow: UnitOfWork, poll: Poll, subscription: Subscription, now: datetime) -> bool:
    address = outbox.learner_address(uow, subscription.learner_id, subscription.channel)
    if address is None:
        return False
    numbered = [f"{i} {option}" for i, option in enumerate(poll.options, 1)]
    buttons = [
        {"title": option, "payload": f'/answer_poll{{"poll_option":"{i}"}}'}
        for i, option in enumerate(poll.options, 1)
    ]
    telegram = subscription.channel == "telegram"
    body = "\n".join(
        [f"Quick question from the city team: {poll.question}"]
        + ([] if telegram else [*numbered, "Reply POLL and a number, like POLL 1."])
    )
    return outbox.enqueue(
        uow,
        city_id=poll.city_id,
        kind=CITY_POLL,
        audience=Audience.LEARNER,
        channel=subscription.channel,
        address_sealed=address,
        body=body,
        buttons=buttons if telegram else None,
        variables={"question": poll.question},
        dedupe_key=f"{CITY_POLL}:{poll.id}:{subscription.learner_id}",
        learner_id=subscription.learner_id,
        now=now,
        expires_at=poll.closes_at,
    )


def answer_poll(
    uow: UnitOfWork,
    city_slug: str,
    option: int,
    *,
    identity: str | None = None,
    channel: str | None = None,
    learner_id: int | None = None,
    now: datetime | None = None,
) -> PollAnswered:
    """The learner's pick in the city's newest open poll, kept (or changed). NotFound when no
    poll is open (or the learner is unknown); NotAnOption for a number it does not have."""
    now = now or utcnow()
    with uow:
        city = get_city(uow, city_slug)
        poll = uow.session.scalar(
            select(Poll)
            .where(Poll.city_id == city.id, Poll.closes_at > now, Poll.created_at <= now)
            .order_by(Poll.created_at.desc(), Poll.id.desc())
            .limit(1)
        )
        learner = learner_id_of(uow, learner_id, identity, channel)
        if poll is None or learner is None:
            raise NotFound("poll", city_slug)
        if not 1 <= option <= len(poll.options):
            raise NotAnOption(len(poll.options))
        kept = uow.session.scalar(
            select(PollAnswer).where(
                PollAnswer.poll_id == poll.id, PollAnswer.learner_id == learner
            )
        )
        changed = kept is not None
        if kept is None:
            kept = PollAnswer(poll_id=poll.id, learner_id=learner)
            uow.session.add(kept)
        kept.option, kept.answered_at = option, now
        answered = PollAnswered(poll.question, poll.options[option - 1], changed)
        uow.commit()
        return answered


def close_poll(uow: UnitOfWork, city_slug: str, poll_id: int, now: datetime | None = None) -> str:
    """Close a poll now (its unsent messages are not sent); its question."""
    now = now or utcnow()
    with uow:
        poll = uow.session.get(Poll, poll_id)
        if poll is None or poll.city_id != get_city(uow, city_slug).id:
            raise NotFound("poll", str(poll_id))
        poll.closes_at = min(poll.closes_at, now)
        outbox.withdraw(uow, CITY_POLL, f"{CITY_POLL}:{poll.id}:")
        question = poll.question
        uow.commit()
        return question


def poll_results(uow: UnitOfWork, city_slug: str, poll_id: int) -> Table:
    """How many learners picked each of the poll's answers (suppressed when shown)."""
    with uow.reading():
        poll = uow.session.get(Poll, poll_id)
        if poll is None or poll.city_id != get_city(uow, city_slug).id:
            raise NotFound("poll", str(poll_id))
        return _table(uow, poll)


def polls_table(uow: UnitOfWork, city_id: int, start: datetime, end: datetime) -> Table:
    """The city's polls started in [start, end), each answer with how many picked it and a
    total per poll, suppressed per poll (read in the caller's open unit of work)."""
    polls = uow.session.scalars(
        select(Poll)
        .where(Poll.city_id == city_id, Poll.created_at >= start, Poll.created_at < end)
        .order_by(Poll.created_at, Poll.id)
    ).all()
    rows: list[list[str | int]] = []
    for poll in polls:
        rows += [[poll.question, *row] for row in _table(uow, poll).shown()]
    return Table(
        "city_polls",
        "City polls: what young people picked",
        ["question", "answer", "learners"],
        rows,
        counts=1,
        total=False,
    )


def _table(uow: UnitOfWork, poll: Poll) -> Table:
    picked = Counter(
        uow.session.scalars(select(PollAnswer.option).where(PollAnswer.poll_id == poll.id))
    )
    return Table(
        f"poll_{poll.id}",
        f"City poll: {poll.question}",
        ["answer", "learners"],
        [[option, picked[i]] for i, option in enumerate(poll.options, 1)],
        counts=1,
    )
