"""The city team's review of imported activities: confirm (or change) the skills the matcher
proposed, link a badge, and edit what the source got wrong. An edited field is remembered,
so a later import keeps the team's words and says so (``services/imports.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest
from badge_core.matching.matcher import Match
from badge_core.models import Activity, BadgeClass, ImportSource, Skill, SkillProposal
from badge_core.queries.cities import Row, get_city, one_or_not_found
from badge_core.services.imports import EDITABLE
from badge_core.services.skill_proposals import ConfirmedByConcept


@dataclass(frozen=True)
class ProposedSkill:
    key: str
    name: str
    score: float


@dataclass(frozen=True)
class ToReview:
    key: str
    title: str
    source: str
    provider: str
    proposed: list[ProposedSkill]


def spine_skills(uow: UnitOfWork, city_slug: str) -> list[tuple[str, str]]:
    """Every skill of the city's spine as (key, name), in the spine's order: the choices a
    reviewer picks from."""
    with uow.reading():
        city = get_city(uow, city_slug)
        rows = uow.session.execute(
            select(Skill.key, Skill.name).where(Skill.city_id == city.id).order_by(Skill.position)
        )
        return [(key, name) for key, name in rows]


def to_review(uow: UnitOfWork, city_slug: str) -> list[ToReview]:
    """Imported activities whose skills nobody has confirmed yet, oldest first."""
    with uow.reading():
        city = get_city(uow, city_slug)
        rows = uow.session.execute(
            select(Activity, ImportSource.key)
            .join(ImportSource, Activity.source_id == ImportSource.id)
            .where(Activity.city_id == city.id, Activity.skills_confirmed.is_(False))
            .order_by(Activity.id)
            .options(selectinload(Activity.provider))
        ).all()
        proposals = _proposed(uow, city.id, [a for a, _ in rows])
        return [
            ToReview(a.key, a.title, source, a.provider.name, proposals.get(a.id, []))
            for a, source in rows
        ]


def confirm_skills(
    uow: UnitOfWork,
    city_slug: str,
    activity_key: str,
    skills: list[str] | None = None,
    badges: list[str] | None = None,
) -> list[str]:
    """Make the proposed skills (or ``skills`` instead) the activity's own, and link
    ``badges`` if given; returns the skill keys it now has."""
    with uow:
        city = get_city(uow, city_slug)
        activity = _imported(uow, city.id, activity_key)
        if skills is None:
            skills = [p.key for p in _proposed(uow, city.id, [activity]).get(activity.id, [])]
            if not skills:
                raise InvalidRequest(
                    f"{activity_key} has no proposed skills: name them with --skills"
                )
        chosen = [_one(uow, Skill, city.id, key, "skill") for key in skills]
        activity.skills = chosen
        if badges is not None:
            activity.badges = [_one(uow, BadgeClass, city.id, key, "badge") for key in badges]
        activity.skills_confirmed = True
        uow.commit()
        return [s.key for s in chosen]


def edit_activity(
    uow: UnitOfWork, city_slug: str, activity_key: str, **values: object
) -> list[str]:
    """Set the team's own values; returns the fields now kept from later imports."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise InvalidRequest(
            f"cannot edit {', '.join(sorted(unknown))}: only {', '.join(EDITABLE)}"
        )
    with uow:
        activity = _imported(uow, get_city(uow, city_slug).id, activity_key)
        low = values.get("age_min", activity.age_min)
        high = values.get("age_max", activity.age_max)
        if isinstance(low, int) and isinstance(high, int) and low > high:
            raise InvalidRequest(f"ages {low} to {high}: the first must not be above the second")
        for name, value in values.items():
            setattr(activity, name, value)
        activity.edited_fields = sorted({*activity.edited_fields, *values})
        uow.commit()
        return activity.edited_fields


def _proposed(
    uow: UnitOfWork, city_id: int, activities: list[Activity]
) -> dict[int, list[ProposedSkill]]:
    """What is proposed for each activity: first the skills the team confirmed for others of
    its concepts (``ConfirmedByConcept``, as of now: confirming one swimming session changes
    what the rest waiting propose), then the matcher's, stored when it was imported."""
    stored: dict[int, list[Match]] = {}
    for proposal, skill in uow.session.execute(
        select(SkillProposal, Skill)
        .join(Skill, SkillProposal.skill_id == Skill.id)
        .where(SkillProposal.activity_id.in_([a.id for a in activities]))
        .order_by(SkillProposal.activity_id, SkillProposal.position)
    ):
        stored.setdefault(proposal.activity_id, []).append(
            Match(skill.key, skill.name, proposal.score)
        )
    confirmed = ConfirmedByConcept()
    if any(a.concepts for a in activities):
        for done in uow.session.scalars(
            select(Activity)
            .where(
                Activity.city_id == city_id,
                Activity.source_id.is_not(None),
                Activity.skills_confirmed.is_(True),
            )
            .options(selectinload(Activity.skills))
        ):
            if done.concepts:
                confirmed.add(done.concepts, [(s.key, s.name) for s in done.skills])
    return {
        a.id: [
            ProposedSkill(m.key, m.name, m.score)
            for m in confirmed.first(a.concepts, stored.get(a.id, []))
        ]
        for a in activities
    }


def _imported(uow: UnitOfWork, city_id: int, key: str) -> Activity:
    activity = _one(uow, Activity, city_id, key, "activity")
    if activity.source_id is None:
        raise InvalidRequest(f"{key} is the city pack's own: change it in activities.yaml")
    return activity


def _one(uow: UnitOfWork, model: type[Row], city_id: int, key: str, kind: str) -> Row:
    """The city's row of ``model`` with this key, or NotFound(kind, key)."""
    query = select(model).where(model.city_id == city_id, model.key == key)
    return one_or_not_found(uow, query, kind, key)
