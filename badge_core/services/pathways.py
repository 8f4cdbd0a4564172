"""Pathway progress, computed from a learner's awards (nothing about progress is stored)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.models import Award, AwardStatus, Pathway
from badge_core.services.cities import get_city


@dataclass(frozen=True)
class StepProgress:
    key: str
    title: str
    done: bool
    missing_skills: list[str]  # skill keys the learner has not shown yet


@dataclass(frozen=True)
class PathwayProgress:
    key: str
    name: str
    steps: list[StepProgress]

    @property
    def steps_done(self) -> int:
        return sum(step.done for step in self.steps)


def pathway_progress(
    uow: UnitOfWork, city_slug: str, pathway_key: str, learner_id: int | None
) -> PathwayProgress:
    """A step is done when the learner holds one of its badges or has shown all its skills."""
    with uow:
        city = get_city(uow, city_slug)
        pathway = uow.session.scalar(
            select(Pathway).where(Pathway.city_id == city.id, Pathway.key == pathway_key)
        )
        if pathway is None:
            raise NotFound("pathway", pathway_key)
        awards = []
        if learner_id is not None:
            awards = list(
                uow.session.scalars(
                    select(Award).where(
                        Award.learner_id == learner_id,
                        Award.status == AwardStatus.AWARDED.value,
                        Award.revoked_at.is_(None),
                    )
                )
            )
        held_badges = {a.badge_class_id for a in awards}
        shown_skills = {s.key for a in awards for s in a.badge_class.skills}
        steps = []
        for step in pathway.steps:
            missing = [s.key for s in step.skills if s.key not in shown_skills]
            done = bool(held_badges & {b.id for b in step.badges}) or (
                bool(step.skills) and not missing
            )
            steps.append(StepProgress(step.key, step.title, done, [] if done else missing))
        return PathwayProgress(pathway.key, pathway.name, steps)
