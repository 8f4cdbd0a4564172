"""What a learner's own words show: their text matched to the city's spine skills.

Above ``CONFIDENT`` the bot can say "that shows Teamwork"; below it, it asks ("Sounds like
Teamwork - is that right?") and the answer is logged as feedback for the city team and for
tuning. Only skill keys are logged, never the learner's text; a reflection on an award is
kept as that award's evidence, because the learner gave it for their badge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.matching.matcher import Match, Matcher
from badge_core.models import Award, EventKind
from badge_core.queries.cities import get_city
from badge_core.queries.events import record_event
from badge_core.queries.learners import learner_id_of
from badge_core.services.vectors import vectors_in

CONFIDENT = 0.55  # best skill's score from which the bot asserts rather than asks
CLOSE = 0.04  # other skills named alongside the best when this close to it
MAX_REFLECTION = 500


@dataclass(frozen=True)
class SkillReading:
    matches: list[Match]  # best first
    confident: bool

    @property
    def shown(self) -> list[Match]:
        """The skills to name: the best, and any nearly as close when confident."""
        if not self.matches:
            return []
        best = self.matches[0]
        if not self.confident:
            return [best]
        return [m for m in self.matches[:2] if m.score >= best.score - CLOSE]


@dataclass(frozen=True)
class _Read:
    city_id: int
    learner_id: int | None
    reading: SkillReading


def _read(
    uow: UnitOfWork,
    city_slug: str,
    text: str,
    matcher: Matcher,
    learner_id: int | None,
    identity: str | None,
    channel: str | None,
) -> _Read:
    """The city, the learner (by id or ``identity``) and the city's vectors in one read;
    then the skills ``text`` shows, ranked outside it."""
    with uow.reading():
        city = get_city(uow, city_slug)
        city_id, version = city.id, city.index_version
        learner_id = learner_id_of(uow, learner_id, identity, channel)
        vectors = vectors_in(uow, matcher, city_slug, version)
    matches = vectors.skills.rank(matcher.encode(text), 3)
    confident = bool(matches) and matches[0].score >= CONFIDENT
    return _Read(city_id, learner_id, SkillReading(matches, confident))


def _log_reading(uow: UnitOfWork, read: _Read, channel: str | None) -> None:
    record_event(
        uow,
        EventKind.SKILLS_READ,
        city_id=read.city_id,
        learner_id=read.learner_id,
        channel=channel,
        skills=[m.key for m in read.reading.shown],
        confident=read.reading.confident,
    )


def read_skills(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    text: str,
    *,
    matcher: Matcher,
    learner_id: int | None = None,
    identity: str | None = None,
    channel: str | None = None,
) -> SkillReading:
    """The skills a learner's words show: one read, then the reading logged in one write."""
    read = _read(uow_factory(), city_slug, text, matcher, learner_id, identity, channel)
    with uow_factory() as uow:
        _log_reading(uow, read, channel)
        uow.commit()
    return read.reading


def reflect(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    award_public_id: str,
    text: str,
    *,
    matcher: Matcher,
    identity: str,
    channel: str | None = None,
) -> SkillReading:
    """What a learner said they did to earn a badge: kept, private, as its evidence, and
    read for the skills it shows. One read, one write; NotFound when the award is not theirs."""
    read = _read(uow_factory(), city_slug, text, matcher, None, identity, channel)
    if read.learner_id is None:
        raise NotFound("learner", "of this chat")
    with uow_factory() as uow:
        _keep_reflection(uow, read.learner_id, award_public_id, text)
        _log_reading(uow, read, channel)
        uow.commit()
    return read.reading


def record_skill_feedback(
    uow: UnitOfWork,
    city_slug: str,
    suggested: str,
    agreed: bool,
    *,
    learner_id: int | None = None,
    identity: str | None = None,
    channel: str | None = None,
) -> None:
    """A learner said whether the skill the bot suggested was right (a correction when not)."""
    with uow:
        learner_id = learner_id_of(uow, learner_id, identity, channel)
        record_event(
            uow,
            EventKind.SKILL_FEEDBACK,
            city_id=get_city(uow, city_slug).id,
            learner_id=learner_id,
            channel=channel,
            suggested=suggested,
            agreed=agreed,
        )
        uow.commit()


def add_reflection(uow: UnitOfWork, learner_id: int, award_public_id: str, text: str) -> None:
    """Keep what the learner said they did as the award's evidence narrative."""
    with uow:
        _keep_reflection(uow, learner_id, award_public_id, text)
        uow.commit()


def _keep_reflection(uow: UnitOfWork, learner_id: int, award_public_id: str, text: str) -> None:
    award = uow.session.scalar(
        select(Award).where(Award.public_id == award_public_id, Award.learner_id == learner_id)
    )
    if award is None:
        raise NotFound("award", award_public_id)
    award.evidence_narrative = text.strip()[:MAX_REFLECTION]
    award.narrative_public = False  # a new reflection is private until they say yes


def publish_reflection(
    uow: UnitOfWork,
    learner_id: int | None,
    award_public_id: str,
    *,
    public: bool,
    identity: str | None = None,
    channel: str | None = None,
) -> bool:
    """Show (or hide) the learner's reflection in their badge's public credential; False when
    there is no reflection to show."""
    with uow:
        learner_id = learner_id_of(uow, learner_id, identity, channel)
        award = uow.session.scalar(
            select(Award).where(Award.public_id == award_public_id, Award.learner_id == learner_id)
        )
        if award is None:
            raise NotFound("award", award_public_id)
        award.narrative_public = public and bool(award.evidence_narrative)
        uow.commit()
        return award.narrative_public
