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
from badge_core.services.vectors import skill_matches

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


def read_skills(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    text: str,
    *,
    matcher: Matcher,
    learner_id: int | None = None,
    channel: str | None = None,
) -> SkillReading:
    matches = skill_matches(uow_factory, matcher, city_slug, text, top=3)
    reading = SkillReading(matches, bool(matches) and matches[0].score >= CONFIDENT)
    with uow_factory() as uow:
        record_event(
            uow,
            EventKind.SKILLS_READ,
            city_id=get_city(uow, city_slug).id,
            learner_id=learner_id,
            channel=channel,
            skills=[m.key for m in reading.shown],
            confident=reading.confident,
        )
        uow.commit()
    return reading


def record_skill_feedback(
    uow: UnitOfWork,
    city_slug: str,
    suggested: str,
    agreed: bool,
    *,
    learner_id: int | None = None,
    channel: str | None = None,
) -> None:
    """A learner said whether the skill the bot suggested was right (a correction when not)."""
    with uow:
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
        award = uow.session.scalar(
            select(Award).where(Award.public_id == award_public_id, Award.learner_id == learner_id)
        )
        if award is None:
            raise NotFound("award", award_public_id)
        award.evidence_narrative = text.strip()[:MAX_REFLECTION]
        award.narrative_public = False  # a new reflection is private until they say yes
        uow.commit()


def publish_reflection(
    uow: UnitOfWork, learner_id: int, award_public_id: str, *, public: bool
) -> bool:
    """Show (or hide) the learner's reflection in their badge's public credential; False when
    there is no reflection to show."""
    with uow:
        award = uow.session.scalar(
            select(Award).where(Award.public_id == award_public_id, Award.learner_id == learner_id)
        )
        if award is None:
            raise NotFound("award", award_public_id)
        award.narrative_public = public and bool(award.evidence_narrative)
        uow.commit()
        return award.narrative_public
