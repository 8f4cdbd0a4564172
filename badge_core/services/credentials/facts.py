"""The plain facts the credential documents are built from, read off database rows: one
builder each for a city, a spine skill and a badge, shared by issuing (an award's credential)
and the published documents (a badge, skill or provider on its own)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import selectinload

from badge_core.credentials import documents
from badge_core.models import BadgeClass, BadgeSkill, City, Skill


def city_facts(city: City) -> documents.CityFacts:
    return documents.CityFacts(slug=city.slug, name=city.name, framework=city.framework)


def level_text(levels: list[str], level: int | None) -> str | None:
    """The spine's descriptor for a level (levels count from 1), if it has one."""
    return levels[level - 1] if level is not None and 0 < level <= len(levels) else None


def skill_facts(skill: Skill, level: int | None = None) -> documents.SkillFacts:
    """A spine skill, at the level a badge shows it (None: the skill itself)."""
    return documents.SkillFacts(
        key=skill.key,
        name=skill.name,
        description=skill.description,
        level=level,
        level_text=level_text(skill.levels, level),
        external=list(skill.alignments or []),
    )


def badge_facts(badge: BadgeClass) -> documents.BadgeFacts:
    """The badge class with its provider and the spine skills it shows (loaded with
    ``BADGE_LOADS``)."""
    return documents.BadgeFacts(
        key=badge.key,
        name=badge.name,
        description=badge.description,
        criteria=badge.criteria,
        image=badge.image,
        provider_key=badge.provider.key,
        provider_name=badge.provider.name,
        provider_url=badge.provider.website,
        skills=[skill_facts(a.skill, a.level) for a in badge.alignments],
        provider_issues=badge.provider.issuer,
    )


# What a query of BadgeClass loads for badge_facts.
BADGE_LOADS: tuple[Any, ...] = (
    selectinload(BadgeClass.provider),
    selectinload(BadgeClass.alignments).selectinload(BadgeSkill.skill),
)
