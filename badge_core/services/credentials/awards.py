"""Finding the award a credential is for, whether it stands, and the badge and award
listings for the command line (award facts only, no learner identity)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.models import Award, BadgeClass, BadgeSkill, City, Learner
from badge_core.queries.cities import get_city


def _by_reference(reference: str | int) -> Any:
    """The award by its id (digits) or its public id."""
    text = str(reference).strip()
    return Award.id == int(text) if text.isdigit() else Award.public_id == text


def _award_query(reference: str | int) -> Any:
    return (
        select(Award)
        .where(_by_reference(reference))
        .options(
            selectinload(Award.badge_class).selectinload(BadgeClass.provider),
            selectinload(Award.badge_class)
            .selectinload(BadgeClass.alignments)
            .selectinload(BadgeSkill.skill),
            selectinload(Award.learner),
            selectinload(Award.activity),
            selectinload(Award.claim_code),
        )
    )


def find_award(uow: UnitOfWork, reference: str | int) -> Award:
    """The award by its id or public id, with what its credential needs loaded."""
    award = uow.session.scalar(_award_query(reference))
    if award is None:
        raise NotFound("award", str(reference))
    return award


@dataclass(frozen=True)
class AwardStanding:
    badge_name: str
    status: str  # awarded | pending | declined
    revoked_at: datetime | None
    badge_page: str  # the badge's own page (web/badges.py): who runs it, the skills it shows
    # changes whenever the learner changes what their credential says (their reflection made
    # public or private, an email address added or removed): a cached copy is stale then
    revision: str = ""


def award_standing(uow: UnitOfWork, award_ref: str | int) -> AwardStanding | None:
    """Whether an award stands (for a page that cannot show a credential), or None. One
    small read: a credential page asks on every view."""
    query = (
        select(
            Award.status,
            Award.revoked_at,
            BadgeClass.name,
            BadgeClass.key,
            City.slug,
            Award.narrative_public,
            Learner.email_hash,
        )
        .join(BadgeClass, Award.badge_class_id == BadgeClass.id)
        .join(Learner, Award.learner_id == Learner.id)
        .join(City, BadgeClass.city_id == City.id)
        .where(_by_reference(award_ref))
    )
    with uow.reading():
        row = uow.session.execute(query).one_or_none()
    if row is None:
        return None
    status, revoked_at, name, badge, city, reflection_public, email_hash = row
    page = f"/cities/{quote(city, safe='')}/badges/{quote(badge, safe='')}"
    revision = f"{int(reflection_public)}:{email_hash or ''}"
    return AwardStanding(name, status, revoked_at, page, revision)


def list_badge_classes(uow: UnitOfWork, city: str) -> list[dict[str, Any]]:
    with uow:
        row = get_city(uow, city)
        badges = uow.session.scalars(
            select(BadgeClass)
            .where(BadgeClass.city_id == row.id)
            .options(
                selectinload(BadgeClass.provider),
                selectinload(BadgeClass.alignments).selectinload(BadgeSkill.skill),
            )
            .order_by(BadgeClass.key)
        )
        return [
            {
                "key": b.key,
                "name": b.name,
                "description": b.description,
                "provider": b.provider.key,
                "skills": [
                    {"key": a.skill.key, "name": a.skill.name, "level": a.level}
                    for a in b.alignments
                ],
            }
            for b in badges
        ]


def list_awards(uow: UnitOfWork, city: str | None = None) -> list[dict[str, Any]]:
    """Every award (optionally of one city): no learner identity, only award facts."""
    with uow:
        query = (
            select(Award, BadgeClass.key, City.slug)
            .join(BadgeClass, Award.badge_class_id == BadgeClass.id)
            .join(City, BadgeClass.city_id == City.id)
            .order_by(Award.awarded_at, Award.id)
        )
        if city is not None:
            query = query.where(City.id == get_city(uow, city).id)
        return [
            {
                "id": award.id,
                "public_id": award.public_id,
                "city": slug,
                "badge": badge_key,
                "status": award.status,
                "awarded_at": award.awarded_at.isoformat(),
                "revoked_at": award.revoked_at.isoformat() if award.revoked_at else None,
                "status_index": award.status_index,
            }
            for award, badge_key, slug in uow.session.execute(query)
        ]
