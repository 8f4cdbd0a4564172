"""Claiming a badge with a code: the rules, checked in order, in one unit of work.

1. Too many failed tries by this learner lately -> TooManyAttempts (with when to retry).
2. No code with that hash -> CodeUnknown. Closed or past its window -> CodeExpired;
   before its window -> CodeNotOpenYet.
3. The learner already holds the badge -> AlreadyEarned (a repeat claim is harmless).
4. Take one claim atomically (``claims_count < max_claims`` in the UPDATE itself) -> or
   CodeUsedUp; or AlreadyEarned where the last place went to this learner's own claim made
   at the same moment. The award is unique per learner and badge, so a race cannot award
   twice.

Every attempt is logged as an event with its outcome, including the refused ones, which is
also what a learner's limit counts. An unknown code is also kept as its first two
characters (``CodeMiss``) for the limit across learners, which reads only those: counting
them in the event log read every claim attempt in the city's window, 79 ms a claim with
30,000 attempts in 15 minutes, under the write lock. Under-13s' awards, and those of
learners who did not give their age, start as pending until a youth worker confirms them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from badge_core.db import UnitOfWork
from badge_core.errors import (
    AlreadyEarned,
    ClaimRefused,
    CodeExpired,
    CodeNotOpenYet,
    CodeUnknown,
    CodeUsedUp,
    NotFound,
    TooManyAttempts,
)
from badge_core.models import (
    AgeBand,
    Award,
    AwardStatus,
    BadgeClass,
    BadgeSkill,
    City,
    ClaimCode,
    CodeMiss,
    Event,
    EventKind,
    Learner,
    utcnow,
)
from badge_core.queries.learners import learner_id_of
from badge_core.services import outbox
from badge_core.services.codes import code_hash
from colbot_shared.codes import normalise_code

logger = logging.getLogger(__name__)

MAX_FAILED_ATTEMPTS = 5
ATTEMPT_WINDOW = timedelta(minutes=15)
# Across all learners: unknown codes starting with the same two characters. Someone
# spreading guesses over many identities still meets a wall: a prefix (one of 1,024) shuts
# for the window after this many misses, while codes with other prefixes keep working. The
# wall stops only learners who have themselves missed lately: a young person at an event,
# typing their first code, is never blocked by other people's guesses (a code's first two
# characters are printed on posters, so guessing them is free).
MAX_PREFIX_MISSES = 50
# Outcomes that do not count towards the rate limit (a refused try must not extend the wait).
NOT_FAILURES = ("ok", "AlreadyEarned", "TooManyAttempts")


@dataclass(frozen=True)
class AwardSummary:
    award_public_id: str
    badge_key: str
    badge_name: str
    skills: list[str]  # skill names, as shown to a learner
    status: str
    awarded_at: datetime
    activity: str | None = None  # the title of the activity it was claimed at, if any


# A claim's summary lists its badge's skills: they come with the code, not one query each.
_BADGE_SKILLS = (
    joinedload(ClaimCode.badge_class)
    .selectinload(BadgeClass.alignments)
    .joinedload(BadgeSkill.skill)
)


def _summary(award: Award, activity: str | None = None) -> AwardSummary:
    return AwardSummary(
        award_public_id=award.public_id,
        badge_key=award.badge_class.key,
        badge_name=award.badge_class.name,
        skills=[skill.name for skill in award.badge_class.skills],
        status=award.status,
        awarded_at=award.awarded_at,
        activity=activity,
    )


def claim_badge(
    uow: UnitOfWork,
    secret_key: str,
    learner_id: int | None,
    typed_code: str,
    *,
    identity: str | None = None,
    channel: str | None = None,
    sender_key: str | None = None,
    sealed_address: str | None = None,
    now: datetime | None = None,
) -> AwardSummary:
    """Award the code's badge to the learner (by id, or by ``identity``, their chat
    identity's keyed hash), or raise the ClaimRefused that says why; one unit of work.

    A claim that waits for a youth worker tells the provider's youth workers (the outbox),
    and keeps the address of the app it came from (``sealed_address``, as the connector
    sealed it, with ``sender_key``) until the learner has been told the decision."""
    now = now or utcnow()
    with uow:
        learner_id = learner_id_of(uow, learner_id, identity, channel)
        learner = uow.session.get(Learner, learner_id) if learner_id is not None else None
        if learner is None:
            raise NotFound("learner", str(learner_id))
        normalised = normalise_code(typed_code)
        prefix = normalised[:2] if normalised else None
        try:
            summary = _claim(uow, secret_key, learner, normalised, prefix, now)
            if summary.status == AwardStatus.PENDING.value:
                pending = uow.session.scalar(
                    select(Award).where(Award.public_id == summary.award_public_id)
                )
                assert pending is not None
                _tell_of_pending(uow, secret_key, pending, channel, sender_key, sealed_address, now)
        except ClaimRefused as refusal:
            uow.rollback()
            _log_attempt(uow, learner, channel, type(refusal).__name__, now, prefix)
            refusal.timezone = uow.session.get_one(City, learner.city_id).timezone
            uow.commit()
            raise
        _log_attempt(uow, learner, channel, "ok", now)
        uow.commit()
        return summary


def _claim(
    uow: UnitOfWork,
    secret_key: str,
    learner: Learner,
    normalised: str | None,
    prefix: str | None,
    now: datetime,
) -> AwardSummary:
    session = uow.session
    failures = list(
        session.scalars(
            select(Event.occurred_at)
            .where(
                Event.kind == EventKind.CLAIM_ATTEMPT.value,
                Event.learner_id == learner.id,
                Event.occurred_at > now - ATTEMPT_WINDOW,
                Event.data["outcome"].as_string().not_in(NOT_FAILURES),
            )
            .order_by(Event.occurred_at)
        )
    )
    if len(failures) >= MAX_FAILED_ATTEMPTS:
        raise TooManyAttempts(failures[-MAX_FAILED_ATTEMPTS] + ATTEMPT_WINDOW)
    if prefix is not None and failures:
        # the miss that would be the limit's last, if there are that many in the window: an
        # index read of at most MAX_PREFIX_MISSES rows however many claims the city takes
        wall = session.scalar(
            select(CodeMiss.missed_at)
            .where(
                CodeMiss.city_id == learner.city_id,
                CodeMiss.prefix == prefix,
                CodeMiss.missed_at > now - ATTEMPT_WINDOW,
            )
            .order_by(CodeMiss.missed_at.desc())
            .offset(MAX_PREFIX_MISSES - 1)
            .limit(1)
        )
        if wall is not None:
            logger.warning(
                "claim codes starting %s in city %d are walled: %d misses in %s",
                prefix,
                learner.city_id,
                MAX_PREFIX_MISSES,
                ATTEMPT_WINDOW,
            )
            raise TooManyAttempts(wall + ATTEMPT_WINDOW)

    code = None
    if normalised is not None:
        code = session.scalar(
            select(ClaimCode)
            .where(ClaimCode.code_hash == code_hash(secret_key, normalised))
            .options(_BADGE_SKILLS, joinedload(ClaimCode.activity))
        )
    if code is None or code.badge_class.city_id != learner.city_id:
        raise CodeUnknown()
    if code.closed_at is not None or now >= code.valid_until:
        raise CodeExpired()
    if now < code.valid_from:
        raise CodeNotOpenYet(code.valid_from)

    earned = select(Award).where(
        Award.learner_id == learner.id, Award.badge_class_id == code.badge_class_id
    )
    existing = session.scalar(earned)
    if existing is not None:
        raise AlreadyEarned(_summary(existing))

    taken = session.execute(
        update(ClaimCode)
        .where(ClaimCode.id == code.id, ClaimCode.claims_count < ClaimCode.max_claims)
        .values(claims_count=ClaimCode.claims_count + 1)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        # The place may have gone to this learner's own claim, running at the same time (a
        # message delivered twice): the update waited for it, and now sees its award.
        mine = session.scalar(earned)
        if mine is not None:
            raise AlreadyEarned(_summary(mine))
        raise CodeUsedUp()

    # An under-13's badge waits for a youth worker, and so does the badge of a learner who
    # did not say their age: skipping the question must not be a way round the check (the
    # lawful basis for under-13s is the youth service's, see docs/security.md).
    pending = learner.age_band in (None, AgeBand.UNDER_13.value)
    award = Award(
        learner_id=learner.id,
        badge_class_id=code.badge_class_id,
        claim_code_id=code.id,
        activity_id=code.activity_id,
        status=(AwardStatus.PENDING if pending else AwardStatus.AWARDED).value,
        awarded_at=now,
    )
    session.add(award)
    try:
        session.flush()
    except IntegrityError:
        # Another claim by the same learner for the same badge won the race.
        session.rollback()
        winner = session.scalar(
            select(Award).where(
                Award.learner_id == learner.id, Award.badge_class_id == code.badge_class_id
            )
        )
        raise AlreadyEarned(_summary(winner) if winner else None) from None
    outbox.code_claimed(uow, code, code.badge_class, now)
    # Summed up with no second read of the award: each value was set here or by the flush (the
    # public id is a client-side default). And summed up while ``code`` still holds its badge
    # class and skills: the session keeps no object nothing refers to, and would read them again.
    return _summary(award, code.activity.title if code.activity else None)


def _tell_of_pending(
    uow: UnitOfWork,
    secret_key: str,
    award: Award,
    channel: str | None,
    sender_key: str | None,
    sealed_address: str | None,
    now: datetime,
) -> None:
    learner = uow.session.get_one(Learner, award.learner_id)
    if channel and sender_key:
        outbox.remember_learner_address(
            uow, secret_key, learner, channel, sender_key, sealed_address, now
        )
    outbox.claims_waiting(uow, award, uow.session.get_one(BadgeClass, award.badge_class_id), now)


def _log_attempt(
    uow: UnitOfWork,
    learner: Learner,
    channel: str | None,
    outcome: str,
    now: datetime,
    prefix: str | None = None,
) -> None:
    data = {"outcome": outcome, "age_band": learner.age_band, "district": learner.district}
    if outcome == CodeUnknown.__name__ and prefix:
        # two characters of a wrong code and when, for the guessing limit; misses of this
        # prefix past the limit's window are of no more use
        uow.session.execute(
            delete(CodeMiss).where(
                CodeMiss.city_id == learner.city_id,
                CodeMiss.prefix == prefix,
                CodeMiss.missed_at <= now - ATTEMPT_WINDOW,
            )
        )
        uow.session.add(CodeMiss(city_id=learner.city_id, prefix=prefix, missed_at=now))
    uow.session.add(
        Event(
            kind=EventKind.CLAIM_ATTEMPT.value,
            city_id=learner.city_id,
            learner_id=learner.id,
            channel=channel,
            occurred_at=now,
            data=data,
        )
    )


def learner_awards(
    uow: UnitOfWork,
    learner_id: int | None,
    *,
    identity: str | None = None,
    channel: str | None = None,
) -> list[AwardSummary]:
    """A learner's standing awards (by id, or by ``identity`` on ``channel``), oldest first."""
    with uow.reading():
        learner_id = learner_id_of(uow, learner_id, identity, channel)
        if learner_id is None:
            return []
        awards = uow.session.scalars(
            select(Award).where(Award.learner_id == learner_id).order_by(Award.awarded_at)
        )
        return [_summary(a) for a in awards if a.revoked_at is None]


@dataclass(frozen=True)
class BadgeSummary:
    awards: list[AwardSummary]
    skill_counts: list[tuple[str, int]]  # (skill name, badges showing it), most shown first


def badge_summary(
    uow: UnitOfWork,
    learner_id: int | None,
    *,
    identity: str | None = None,
    channel: str | None = None,
) -> BadgeSummary:
    """A learner's badges and how often each skill shows across them."""
    awards = learner_awards(uow, learner_id, identity=identity, channel=channel)
    counts: dict[str, int] = {}
    for award in awards:
        if award.status == AwardStatus.AWARDED.value:
            for skill in award.skills:
                counts[skill] = counts.get(skill, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return BadgeSummary(awards, ranked)
