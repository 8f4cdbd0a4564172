"""Pathway progress, computed from a learner's awards (nothing about progress is stored)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.matching.matcher import Matcher
from badge_core.models import (
    Award,
    AwardStatus,
    BadgeClass,
    BadgeSkill,
    EventKind,
    Learner,
    Pathway,
    PathwayStep,
    utcnow,
)
from badge_core.services.cities import get_city
from badge_core.services.events import record_event
from badge_core.services.search import (
    ActivityHit,
    SearchQuery,
    interest_terms,
    matches_term,
    matching_activities,
    stem,
)
from badge_core.services.snapshot import ActivityInfo, CitySnapshot, city_snapshot


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
    description: str
    steps: list[StepProgress]

    @property
    def steps_done(self) -> int:
        return sum(step.done for step in self.steps)


# What reading a pathway's steps and an award's skills touches, loaded in a few queries
_STEPS_WITH_SKILLS = selectinload(Pathway.steps).selectinload(PathwayStep.skills)
_STEPS_WITH_BADGES = selectinload(Pathway.steps).selectinload(PathwayStep.badges)
_BADGE_SKILLS = (
    selectinload(Award.badge_class).selectinload(BadgeClass.alignments).selectinload(BadgeSkill.skill)
)


def pathway_progress(
    uow: UnitOfWork, city_slug: str, pathway_key: str, learner_id: int | None
) -> PathwayProgress:
    """A step is done when the learner holds one of its badges or has shown all its skills."""
    [progress] = _progress_of(uow, city_slug, [pathway_key], learner_id)
    return progress


def _progress_of(
    uow: UnitOfWork, city_slug: str, pathway_keys: Sequence[str], learner_id: int | None
) -> list[PathwayProgress]:
    """Each pathway's progress, in the order given, read in one unit of work."""
    with uow.reading():
        city = get_city(uow, city_slug)
        pathways = {
            p.key: p
            for p in uow.session.scalars(
                select(Pathway)
                .where(Pathway.city_id == city.id, Pathway.key.in_(pathway_keys))
                .options(_STEPS_WITH_SKILLS, _STEPS_WITH_BADGES)
            )
        }
        for key in pathway_keys:
            if key not in pathways:
                raise NotFound("pathway", key)
        awards = []
        if learner_id is not None:
            awards = list(
                uow.session.scalars(
                    select(Award)
                    .where(
                        Award.learner_id == learner_id,
                        Award.status == AwardStatus.AWARDED.value,
                        Award.revoked_at.is_(None),
                    )
                    .options(_BADGE_SKILLS)
                )
            )
        return [
            PathwayProgress(p.key, p.name, p.description, _steps(p, awards))
            for p in (pathways[key] for key in pathway_keys)
        ]


def _steps(pathway: Pathway, awards: Sequence[Award]) -> list[StepProgress]:
    held_badges = {a.badge_class_id for a in awards}
    shown_skills = {s.key for a in awards for s in a.badge_class.skills}
    steps = []
    for step in pathway.steps:
        missing = [s.key for s in step.skills if s.key not in shown_skills]
        done = bool(held_badges & {b.id for b in step.badges}) or (bool(step.skills) and not missing)
        steps.append(StepProgress(step.key, step.title, done, [] if done else missing))
    return steps


def pathway_progress_for(session: Session, pathway: Pathway) -> tuple[int, int]:
    """How many of the city's learners have started (a step done) and completed a pathway."""
    awards = session.scalars(
        select(Award).join(Learner).where(
            Learner.city_id == pathway.city_id,
            Award.status == AwardStatus.AWARDED.value,
            Award.revoked_at.is_(None),
        )
    )
    by_learner: dict[int, list[Award]] = {}
    for award in awards:
        by_learner.setdefault(award.learner_id, []).append(award)
    started = completed = 0
    for held in by_learner.values():
        done = [step.done for step in _steps(pathway, held)]
        started += any(done)
        completed += bool(done) and all(done)
    return started, completed


@dataclass(frozen=True)
class PathwaySuggestion:
    key: str
    name: str
    description: str
    steps_done: int
    steps_total: int
    next_step: str | None  # title of the first step not done yet
    next_activity: ActivityHit | None  # an upcoming activity that builds a skill it needs


PATHWAY_RELEVANT = 0.30  # below this nothing a learner said points to a pathway
PATHWAY_MARGIN = 0.15  # others shown only when nearly as close as the best


def _keyword_pathways(
    uow_factory: Callable[[], UnitOfWork], city_slug: str, text: str, top: int
) -> list[str]:
    terms = interest_terms(text)
    with uow_factory().reading() as uow:
        city = get_city(uow, city_slug)
        scored = []
        pathways = uow.session.scalars(
            select(Pathway).where(Pathway.city_id == city.id).options(_STEPS_WITH_SKILLS)
        )
        for pathway in pathways:
            stems = {stem(w) for w in re.findall(r"[a-z0-9]+", _pathway_text(pathway).lower())}
            hits = sum(matches_term(term, stems) for term in terms)
            if hits:
                scored.append((-hits, pathway.position, pathway.key))
    return [key for *_, key in sorted(scored)[:top]]


def _pathway_text(pathway: Pathway) -> str:
    steps = " ".join(f"{s.title} {' '.join(k.name for k in s.skills)}" for s in pathway.steps)
    return f"{pathway.name} {pathway.description} {' '.join(pathway.examples)} {steps}"


def suggest_pathways(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    text: str,
    *,
    learner_id: int | None = None,
    age_band: str | None = None,
    home_district: str | None = None,
    channel: str | None = None,
    now: datetime | None = None,
    top: int = 3,
    matcher: Matcher | None = None,
) -> list[PathwaySuggestion]:
    """The city's pathways that fit what a learner said, best first (by meaning with a
    ``matcher``, by keywords without), with their progress and one concrete next step;
    empty when nothing they said points anywhere."""
    now = now or utcnow()
    if matcher is not None:
        ranked = matcher.pathways(uow_factory, city_slug, text, top=top)
        best = ranked[0].score if ranked else 0.0
        keys = [m.key for m in ranked if m.score >= PATHWAY_RELEVANT and m.score >= best - PATHWAY_MARGIN]
    else:
        keys = _keyword_pathways(uow_factory, city_slug, text, top)
    with uow_factory() as uow:
        city = get_city(uow, city_slug)
        record_event(
            uow, EventKind.PATHWAY_SUGGESTED, city_id=city.id, learner_id=learner_id,
            channel=channel, at=now, pathways=keys,
        )
        uow.commit()
    if not keys:
        return []
    progresses = _progress_of(uow_factory(), city_slug, keys, learner_id)
    with uow_factory().reading() as uow:
        city = city_snapshot(uow, city_slug)
    suggestions = []
    for progress in progresses:
        next_step = next((s for s in progress.steps if not s.done), None)
        activity = None
        if next_step is not None and next_step.missing_skills:
            activity = _activity_building(
                city, next_step.missing_skills, age_band, home_district, now
            )
        suggestions.append(
            PathwaySuggestion(
                key=progress.key,
                name=progress.name,
                description=progress.description,
                steps_done=progress.steps_done,
                steps_total=len(progress.steps),
                next_step=next_step.title if next_step else None,
                next_activity=activity,
            )
        )
    return suggestions


def _activity_building(
    city: CitySnapshot,
    skill_keys: list[str],
    age_band: str | None,
    home_district: str | None,
    now: datetime,
) -> ActivityHit | None:
    """The soonest, nearest upcoming activity that builds one of ``skill_keys``."""
    wanted = set(skill_keys)

    def builds_skill(_query: SearchQuery, activities: Sequence[ActivityInfo]) -> dict[int, float]:
        overlap = {a.id: len(wanted & {s.key for s in a.skills}) for a in activities}
        return {key: float(n) for key, n in overlap.items() if n}

    query = SearchQuery(
        interest=" ".join(skill_keys),
        home_district=None if home_district in (None, "skipped") else home_district,
        age_band=None if age_band in (None, "skipped") else age_band,
    )
    hits = matching_activities(city, query, now, builds_skill)
    return hits[0] if hits else None
