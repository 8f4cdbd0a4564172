"""Pathway progress, computed from a learner's awards (nothing about progress is stored)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.matching.matcher import CityVectors, Matcher
from badge_core.models import (
    Award,
    AwardStatus,
    BadgeSkill,
    EventKind,
    Learner,
    Pathway,
    PathwayStep,
    Skill,
    utcnow,
)
from badge_core.queries.cities import get_city
from badge_core.queries.events import record_event
from badge_core.queries.learners import learner_id_of
from badge_core.queries.snapshot import (
    PATHWAY_STEPS,
    ActivityInfo,
    CitySnapshot,
    PathwayInfo,
    city_snapshot,
    pathway_info,
)
from badge_core.services.catalogue import ActivityHit
from badge_core.services.goals import (
    BADGES,
    CLEAR,
    VAGUE,
    StrandChoice,
    goal_kind,
    strand_choices,
)
from badge_core.services.interests import vocabulary_in
from badge_core.services.search import SearchQuery, matching_activities
from badge_core.services.vectors import vectors_in
from badge_core.text import interest_terms, matches_term, stem


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


def pathway_progress(
    uow: UnitOfWork, city_slug: str, pathway_key: str, learner_id: int | None
) -> PathwayProgress:
    """A step is done when the learner holds one of its badges or has shown all its skills."""
    with uow.reading():
        city = city_snapshot(uow, city_slug)
        held = _held_by(uow, learner_id)
    [progress] = _progress_of(city, [pathway_key], held)
    return progress


@dataclass(frozen=True)
class Held:
    """What a learner's standing awards show: the badges and the spine skills."""

    badge_ids: frozenset[int] = frozenset()
    skill_keys: frozenset[str] = frozenset()


def _held_by_learner(session: Session, *where: ColumnElement[bool]) -> dict[int, Held]:
    """Standing awards (awarded, not revoked) matching ``where``, by learner, in one query."""
    rows = session.execute(
        select(Award.learner_id, Award.badge_class_id, Skill.key)
        .outerjoin(BadgeSkill, BadgeSkill.badge_class_id == Award.badge_class_id)
        .outerjoin(Skill, Skill.id == BadgeSkill.skill_id)
        .where(Award.status == AwardStatus.AWARDED.value, Award.revoked_at.is_(None), *where)
    )
    badges: dict[int, set[int]] = {}
    skills: dict[int, set[str]] = {}
    for learner_id, badge_id, skill_key in rows:
        badges.setdefault(learner_id, set()).add(badge_id)
        if skill_key is not None:
            skills.setdefault(learner_id, set()).add(skill_key)
    return {
        learner_id: Held(frozenset(held), frozenset(skills.get(learner_id, ())))
        for learner_id, held in badges.items()
    }


def _held_by(uow: UnitOfWork, learner_id: int | None) -> Held:
    if learner_id is None:
        return Held()
    return _held_by_learner(uow.session, Award.learner_id == learner_id).get(learner_id, Held())


@dataclass(frozen=True)
class _Read:
    city: CitySnapshot
    learner_id: int | None
    held: Held
    ranked: list[str]  # the pathways that fit the text, best first
    kind: str = CLEAR  # what the text asks for (services/goals.py), when it was read for that
    strands: list[StrandChoice] = field(default_factory=list)  # read with the kind


def _read(
    uow: UnitOfWork,
    city_slug: str,
    text: str,
    learner_id: int | None,
    identity: str | None,
    channel: str | None,
    matcher: Matcher | None,
    top: int,
    *,
    from_badges: bool = False,
    classify: bool = False,
    goal: str = "",
) -> _Read:
    """Everything a suggestion reads, in one unit of work: the city (its pathways come from
    the snapshot), the learner and what they hold, and the pathways that fit the text (or,
    ``from_badges``, the skills they hold and ``goal`` together). With ``classify`` (and a
    matcher) the text is first read for what it asks (services/goals.py): from their badges,
    or a vague goal, which ranks nothing."""
    strands: list[StrandChoice] = []
    vocabulary: list[str] = []
    with uow.reading():
        city = city_snapshot(uow, city_slug)
        learner_id = learner_id_of(uow, learner_id, identity, channel)
        held = _held_by(uow, learner_id)
        if matcher is None:
            return _Read(city, learner_id, held, _keyword_pathways(uow, city_slug, text, top))
        if classify:
            vocabulary, strands = vocabulary_in(uow, city.id), strand_choices(uow, city.id)
        vectors = vectors_in(uow, matcher, city_slug, city.version)
    kind = goal_kind(text, matcher, vectors.pathways, vocabulary) if classify else CLEAR
    if kind == VAGUE or (kind == BADGES and not held.badge_ids):
        return _Read(city, learner_id, held, [], kind, strands)
    if from_badges or kind == BADGES:
        keys = _by_badges(city, held, vectors, matcher, goal if classify else text, top)
        return _Read(city, learner_id, held, keys, kind, strands)
    ranked = vectors.pathways.rank(matcher.encode(text), top)
    best = ranked[0].score if ranked else 0.0
    keys = [
        m.key for m in ranked if m.score >= PATHWAY_RELEVANT and m.score >= best - PATHWAY_MARGIN
    ]
    return _Read(city, learner_id, held, keys, kind, strands)


BADGES_WEIGHT = 1.0  # a pathway's share of skills the learner's badges show, against...
GOAL_WEIGHT = 0.5  # ... how close it is to what they said they want (when they said)


def _by_badges(
    city: CitySnapshot,
    held: Held,
    vectors: CityVectors,
    matcher: Matcher,
    goal: str,
    top: int,
) -> list[str]:
    """The pathways the learner's badges lead into, best first: by the share of each one's
    skills (and steps done) their badges show, and its closeness to ``goal`` when given."""
    closeness = {}
    if goal.strip():
        scores = vectors.pathways.scores(matcher.encode(goal))
        closeness = {key: float(s) for key, s in zip(vectors.pathways.keys, scores, strict=True)}
    scored = []
    for pathway in city.pathways:
        skills = {key for step in pathway.steps for key in step.skills}
        done = sum(bool(held.badge_ids & step.badge_ids) for step in pathway.steps)
        shown = len(skills & held.skill_keys) / len(skills) if skills else 0.0
        share = max(shown, done / len(pathway.steps) if pathway.steps else 0.0)
        if share > 0:
            score = BADGES_WEIGHT * share + GOAL_WEIGHT * closeness.get(pathway.key, 0.0)
            scored.append((-score, pathway.key))
    return [key for _, key in sorted(scored)[:top]]


def _progress_of(
    city: CitySnapshot, pathway_keys: Sequence[str], held: Held
) -> list[PathwayProgress]:
    """Each pathway's progress, in the order given."""
    progresses = []
    for key in pathway_keys:
        pathway = city.pathway(key)
        if pathway is None:
            raise NotFound("pathway", key)
        progresses.append(
            PathwayProgress(pathway.key, pathway.name, pathway.description, _steps(pathway, held))
        )
    return progresses


def _steps(pathway: PathwayInfo, held: Held) -> list[StepProgress]:
    steps = []
    for step in pathway.steps:
        missing = [key for key in step.skills if key not in held.skill_keys]
        done = bool(held.badge_ids & step.badge_ids) or (bool(step.skills) and not missing)
        steps.append(StepProgress(step.key, step.title, done, [] if done else missing))
    return steps


def pathway_uptake(session: Session, city_id: int) -> dict[str, tuple[int, int]]:
    """For each of the city's pathways, by key: how many of its learners have started it (a
    step done) and completed it."""
    held = _held_by_learner(
        session, Award.learner_id.in_(select(Learner.id).where(Learner.city_id == city_id))
    )
    pathways = session.scalars(
        select(Pathway).where(Pathway.city_id == city_id).options(*PATHWAY_STEPS)
    )
    uptake = {}
    for pathway in map(pathway_info, pathways):
        started = completed = 0
        for learner_held in held.values():
            done = [step.done for step in _steps(pathway, learner_held)]
            started += any(done)
            completed += bool(done) and all(done)
        uptake[pathway.key] = (started, completed)
    return uptake


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


def _keyword_pathways(uow: UnitOfWork, city_slug: str, text: str, top: int) -> list[str]:
    """The pathways whose words share a stem with ``text``, in the caller's open unit."""
    terms = interest_terms(text)
    city = get_city(uow, city_slug)
    scored = []
    pathways = uow.session.scalars(
        select(Pathway)
        .where(Pathway.city_id == city.id)
        .options(selectinload(Pathway.steps).selectinload(PathwayStep.skills))
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
    identity: str | None = None,
    age_band: str | None = None,
    home_district: str | None = None,
    channel: str | None = None,
    now: datetime | None = None,
    top: int = 3,
    matcher: Matcher | None = None,
    from_badges: bool = False,
) -> list[PathwaySuggestion]:
    """The city's pathways that fit what a learner said, best first (by meaning with a
    ``matcher``, by keywords without), with their progress and one concrete next step;
    empty when nothing they said points anywhere. ``from_badges`` ("what could my badges
    lead to"): the pathways their badges lead into, with ``text`` as their goal if any; empty
    when they hold none."""
    read = _read(
        uow_factory(),
        city_slug,
        text,
        learner_id,
        identity,
        channel,
        matcher,
        top,
        from_badges=from_badges,
    )
    return _suggested(uow_factory, read, channel, age_band, home_district, now or utcnow())


@dataclass(frozen=True)
class GoalAnswer:
    kind: str  # BADGES, VAGUE or CLEAR (services/goals.py)
    has_badges: bool
    strands: list[StrandChoice]  # the spine's strands, to ask a vague goal what they enjoy
    suggestions: list[PathwaySuggestion]  # none for a vague goal, or badges from no badges


def answer_goal(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    text: str,
    *,
    matcher: Matcher,
    identity: str | None = None,
    channel: str | None = None,
    age_band: str | None = None,
    home_district: str | None = None,
    goal: str = "",
    now: datetime | None = None,
    top: int = 3,
) -> GoalAnswer:
    """A learner's words about their future, answered: a clear goal with the pathways that fit
    it; "what could my badges lead to" with the pathways their badges lead into (``goal``:
    what else the bot knows they want, such as their interests); a vague goal, or badges
    from someone with none, with nothing yet (the chat asks first). One read, and one write
    when anything was suggested."""
    read = _read(
        uow_factory(),
        city_slug,
        text,
        None,
        identity,
        channel,
        matcher,
        top,
        classify=True,
        goal=goal,
    )
    asking = read.kind == VAGUE or (read.kind == BADGES and not read.held.badge_ids)
    suggestions = (
        []
        if asking
        else _suggested(uow_factory, read, channel, age_band, home_district, now or utcnow())
    )
    return GoalAnswer(read.kind, bool(read.held.badge_ids), read.strands, suggestions)


def _suggested(
    uow_factory: Callable[[], UnitOfWork],
    read: _Read,
    channel: str | None,
    age_band: str | None,
    home_district: str | None,
    now: datetime,
) -> list[PathwaySuggestion]:
    """The suggestions a read ranked, with progress and a next step, logged in one write."""
    city, held, keys = read.city, read.held, read.ranked
    progresses = _progress_of(city, keys, held)
    with uow_factory() as uow:  # logged in a short write of its own, after the reading
        record_event(
            uow,
            EventKind.PATHWAY_SUGGESTED,
            city_id=city.id,
            learner_id=read.learner_id,
            channel=channel,
            at=now,
            pathways=keys,
        )
        uow.commit()
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
        home_district=home_district,
        age_band=age_band,
    )
    hits = matching_activities(city, query, now, builds_skill)
    return hits[0] if hits else None
