"""Youth voice: after claiming a badge at an activity, a learner rates it with one tap (good,
OK, not good) and may tell its organisers something. Ratings feed the provider scorecard in
the commissioning report (small numbers suppressed), the "for you" ranking (a poorly rated
activity drops) and the city team's admin page.

What a learner tells the organisers has been through the safeguarding check before it gets
here, as every message has (a message that discloses risk gets help, and never reaches an
action); it is kept redacted and sealed, and shown only beside an activity's counts, once
it has ``THRESHOLD`` ratings, with no date, badge or anything else of the learner.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.models import Activity, Award, Provider, Rating
from badge_core.privacy import decrypt, encrypt
from badge_core.queries.cities import get_city
from badge_core.queries.learners import learner_id_of
from badge_core.services.suppression import THRESHOLD
from colbot_shared.redaction import redact

GOOD, OK, NOT_GOOD = 3, 2, 1
SCORES = {"good": GOOD, "ok": OK, "not_good": NOT_GOOD}
MAX_COMMENT = 300
POORLY_RATED = 1.75  # a mean score below this, over THRESHOLD ratings or more, is poor


def rate_activity(
    uow: UnitOfWork,
    city_slug: str,
    award_public_id: str,
    rating: str,
    *,
    identity: str | None = None,
    channel: str | None = None,
) -> str:
    """The learner's rating ("good", "ok", "not_good") of the activity their award was
    claimed at, kept (or changed); the activity's title. NotFound when the award is not theirs
    or was claimed at no activity."""
    with uow:
        award, activity = _award_at_activity(uow, city_slug, award_public_id, identity, channel)
        kept = uow.session.scalar(select(Rating).where(Rating.award_id == award.id))
        if kept is None:
            kept = Rating(city_id=activity.city_id, award_id=award.id, activity_id=activity.id)
            uow.session.add(kept)
        kept.score = SCORES[rating]
        title = activity.title
        uow.commit()
        return title


def tell_organisers(
    uow: UnitOfWork,
    city_slug: str,
    award_public_id: str,
    text: str,
    secret_key: str,
    *,
    identity: str | None = None,
    channel: str | None = None,
) -> bool:
    """Keep what the learner wants the organisers told, with their rating; False when there
    is no rating to keep it with, or nothing left once redacted."""
    words = redact(text).strip()[:MAX_COMMENT]
    with uow:
        award, _ = _award_at_activity(uow, city_slug, award_public_id, identity, channel)
        rating = uow.session.scalar(select(Rating).where(Rating.award_id == award.id))
        if rating is None or not words:
            return False
        rating.sealed_comment = encrypt(secret_key, words)
        uow.commit()
        return True


def _award_at_activity(
    uow: UnitOfWork,
    city_slug: str,
    award_public_id: str,
    identity: str | None,
    channel: str | None,
) -> tuple[Award, Activity]:
    city = get_city(uow, city_slug)
    learner_id = learner_id_of(uow, None, identity, channel)
    award = uow.session.scalar(
        select(Award).where(Award.public_id == award_public_id, Award.learner_id == learner_id)
    )
    activity = uow.session.get(Activity, award.activity_id) if award and award.activity_id else None
    if award is None or activity is None or activity.city_id != city.id:
        raise NotFound("award at an activity", award_public_id)
    return award, activity


def ratings_by_activity(session: Session, city_id: int) -> dict[int, tuple[int, float]]:
    """Each rated activity's (number of ratings, mean score), by activity id, in the caller's
    open unit of work."""
    rows = session.execute(
        select(Rating.activity_id, func.count(), func.avg(Rating.score))
        .where(Rating.city_id == city_id)
        .group_by(Rating.activity_id)
    )
    return {activity_id: (n, float(mean)) for activity_id, n, mean in rows}


def poorly_rated(ratings: dict[int, tuple[int, float]]) -> set[int]:
    """The activities (by id) that enough learners rated poorly."""
    return {a for a, (n, mean) in ratings.items() if n >= THRESHOLD and mean < POORLY_RATED}


@dataclass(frozen=True)
class Scorecard:
    provider: str
    ratings: int
    good: int
    ok: int
    not_good: int


def provider_scorecards(
    session: Session, city_id: int, start: datetime, end: datetime
) -> list[Scorecard]:
    """Each provider's ratings in [start, end), most rated first (suppression is the
    report's, like every count)."""
    rows = session.execute(
        select(Provider.name, Rating.score, func.count())
        .join(Activity, Activity.id == Rating.activity_id)
        .join(Provider, Provider.id == Activity.provider_id)
        .where(Rating.city_id == city_id, Rating.rated_at >= start, Rating.rated_at < end)
        .group_by(Provider.name, Rating.score)
    )
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    for provider, score, n in rows:
        counts[provider][score] = n
    cards = [
        Scorecard(p, sum(c.values()), c.get(GOOD, 0), c.get(OK, 0), c.get(NOT_GOOD, 0))
        for p, c in counts.items()
    ]
    return sorted(cards, key=lambda c: (-c.ratings, c.provider))


@dataclass(frozen=True)
class ActivityVoice:
    activity: str
    provider: str
    ratings: int
    good: int
    ok: int
    not_good: int
    comments: list[str]  # what learners told the organisers, in no particular order


def activity_voices(uow: UnitOfWork, city_slug: str, secret_key: str) -> list[ActivityVoice]:
    """What learners said of each activity, for the city team: counts and what they told
    the organisers, only for activities with at least THRESHOLD ratings (fewer could
    identify someone); comments sorted so their order says nothing of when or who."""
    with uow.reading():
        city = get_city(uow, city_slug)
        rows = uow.session.execute(
            select(Activity.title, Provider.name, Rating.score, Rating.sealed_comment)
            .join(Activity, Activity.id == Rating.activity_id)
            .join(Provider, Provider.id == Activity.provider_id)
            .where(Rating.city_id == city.id)
        ).all()
    by: dict[tuple[str, str], list[tuple[int, bytes | None]]] = defaultdict(list)
    for title, provider, score, sealed in rows:
        by[(title, provider)].append((score, sealed))
    voices = []
    for (title, provider), said in by.items():
        if len(said) < THRESHOLD:
            continue
        scores = [s for s, _ in said]
        comments = sorted(decrypt(secret_key, c) for _, c in said if c)
        voices.append(
            ActivityVoice(
                title,
                provider,
                len(said),
                scores.count(GOOD),
                scores.count(OK),
                scores.count(NOT_GOOD),
                comments,
            )
        )
    return sorted(voices, key=lambda v: (-v.ratings, v.activity))
