"""What a city publishes about its badges: the documents behind the URLs its credentials carry
under did:web (``credentials.identifiers`` lists them), each with the facts a page for people
shows. Only city-pack catalogue data: no award, no learner.

- ``badge_page``       a badge class: its Open Badges 3.0 Achievement (as a credential embeds it)
- ``skill_page``       a spine skill, an alignment target: a schema.org DefinedTerm, and the
                       city's badges that show it
- ``provider_page``    a provider: its Profile (an Achievement's creator; an issuing
                       provider's is its issuer Profile, with the city's endorsement) and
                       its badges
- ``ob2_badge_class``  a badge class as an Open Badges 2.0 BadgeClass
- ``ob2_issuer``       the city as an Open Badges 2.0 Issuer

Each reads in one unit of work; an unknown city, badge, skill or provider is ``NotFound``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from badge_core.config import Settings
from badge_core.credentials import documents, ob2
from badge_core.credentials.identifiers import Identifiers
from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest
from badge_core.models import BadgeClass, BadgeSkill, City, Provider, Skill, utcnow
from badge_core.queries.cities import get_city, one_or_not_found
from badge_core.services.credentials.endorsements import (
    endorsed_profile,
    provider_issuer,
    with_provider_did,
)
from badge_core.services.credentials.facts import BADGE_LOADS, badge_facts, city_facts, skill_facts
from badge_core.services.credentials.issuers import city_identifiers


@dataclass(frozen=True)
class BadgeLink:
    """A badge another page lists (at ``level`` of the skill on a skill's page)."""

    key: str
    name: str
    level: int | None = None


@dataclass(frozen=True)
class BadgePage:
    city: documents.CityFacts
    badge: documents.BadgeFacts
    image: str  # the badge's image URI (a generated SVG data URI when it has none)
    document: dict[str, Any]  # the Achievement, with its own @context


@dataclass(frozen=True)
class SkillPage:
    city: documents.CityFacts
    skill: documents.SkillFacts  # external: the framework skills it aligns to
    strand: str  # the spine strand it sits in
    levels: list[str]  # the spine's level descriptors, lowest first
    badges: list[BadgeLink]
    document: dict[str, Any]  # the DefinedTerm


@dataclass(frozen=True)
class ProviderPage:
    city: documents.CityFacts
    provider: documents.ProviderFacts
    description: str
    badges: list[BadgeLink]
    document: dict[str, Any]  # the Profile
    issuer: bool = False  # signs its own badges, endorsed by the city


def _badge(uow: UnitOfWork, city: City, key: str) -> BadgeClass:
    query = (
        select(BadgeClass)
        .where(BadgeClass.city_id == city.id, BadgeClass.key == key)
        .options(*BADGE_LOADS)
    )
    return one_or_not_found(uow, query, "badge", key)


def badge_page(uow: UnitOfWork, settings: Settings, city: str, badge: str) -> BadgePage:
    """The badge class and its Achievement (id: its URL under did:web)."""
    with uow.reading():
        row = get_city(uow, city)
        facts, place = badge_facts(_badge(uow, row, badge)), city_facts(row)
    ids = city_identifiers(settings, place.slug)
    facts = with_provider_did(settings, place.slug, facts)
    document = documents.standalone_achievement(facts, place, ids)
    return BadgePage(place, facts, documents.badge_image(facts), document)


def skill_page(uow: UnitOfWork, settings: Settings, city: str, skill: str) -> SkillPage:
    """The spine skill, its levels and framework alignments, and the badges that show it."""
    with uow.reading():
        row = get_city(uow, city)
        query = (
            select(Skill)
            .where(Skill.city_id == row.id, Skill.key == skill)
            .options(selectinload(Skill.strand))
        )
        found = one_or_not_found(uow, query, "skill", skill)
        facts, place = skill_facts(found), city_facts(row)
        strand, levels = found.strand.name, list(found.levels or [])
        showing = uow.session.execute(
            select(BadgeClass.key, BadgeClass.name, BadgeSkill.level)
            .join(BadgeSkill, BadgeSkill.badge_class_id == BadgeClass.id)
            .where(BadgeSkill.skill_id == found.id)
            .order_by(BadgeClass.name, BadgeClass.key)
        )
        badges = [BadgeLink(key, name, level) for key, name, level in showing]
    document = documents.skill_document(facts, place, city_identifiers(settings, place.slug))
    return SkillPage(place, facts, strand, levels, badges, document)


def provider_page(uow: UnitOfWork, settings: Settings, city: str, provider: str) -> ProviderPage:
    """The provider, its Profile (as an Achievement embeds it as creator) and its badges."""
    with uow.reading():
        row = get_city(uow, city)
        query = select(Provider).where(Provider.city_id == row.id, Provider.key == provider)
        found = one_or_not_found(uow, query, "provider", provider)
        facts = documents.ProviderFacts(found.key, found.name, found.website)
        place, description, issues = city_facts(row), found.description, found.issuer
        runs = uow.session.execute(
            select(BadgeClass.key, BadgeClass.name)
            .where(BadgeClass.provider_id == found.id)
            .order_by(BadgeClass.name, BadgeClass.key)
        )
        badges = [BadgeLink(key, name) for key, name in runs]
    if issues:
        issuer = provider_issuer(settings, place.slug, facts)
        document = {"@context": list(documents.OB3_CONTEXTS)}
        document |= endorsed_profile(settings, place, issuer, utcnow())
        return ProviderPage(place, issuer.provider, description, badges, document, True)
    document = documents.standalone_provider(facts, city_identifiers(settings, place.slug))
    return ProviderPage(place, facts, description, badges, document)


def _ob2_ids(settings: Settings, city: str) -> Identifiers:
    if not settings.public_url:
        raise InvalidRequest("Open Badges 2.0 documents need COLBOT_PUBLIC_URL to be set")
    return city_identifiers(settings, city)


def ob2_badge_class(uow: UnitOfWork, settings: Settings, city: str, badge: str) -> dict[str, Any]:
    """The badge as an Open Badges 2.0 BadgeClass: what a hosted assertion embeds as
    ``badge``, with its @context (needs ``COLBOT_PUBLIC_URL``)."""
    ids = _ob2_ids(settings, city)
    with uow.reading():
        row = get_city(uow, city)
        facts, place = badge_facts(_badge(uow, row, badge)), city_facts(row)
    return ob2.standalone(ob2.badge_class(facts, place, ids))


def ob2_issuer(uow: UnitOfWork, settings: Settings, city: str) -> dict[str, Any]:
    """The city as an Open Badges 2.0 Issuer, with its @context (needs COLBOT_PUBLIC_URL)."""
    ids = _ob2_ids(settings, city)
    with uow.reading():
        place = city_facts(get_city(uow, city))
    return ob2.standalone(ob2.issuer(place, ids))
