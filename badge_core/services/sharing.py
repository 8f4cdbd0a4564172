"""A learner's badges together: their share link (the badges they chose, at an unguessable
address, with a printable skills passport) and their skills story for a CV.

Sharing is the learner's own doing: the link exists only once they ask for it ("share my
badges"), shows only their standing badges minus those they took off, and stops when they
say so. It holds no learner data of its own: the page shows badge names, who ran them, the
skills they show, dates, and the learner's reflection only where they already said it may
go on the badge's public page.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from badge_core.config import Settings, web_url
from badge_core.db import UnitOfWork
from badge_core.errors import ColbotError, NotFound
from badge_core.models import (
    Award,
    AwardStatus,
    BadgeClass,
    BadgeSkill,
    City,
    Learner,
    ShareLink,
    Skill,
    utcnow,
)
from badge_core.passport import Passport, PassportBadge
from badge_core.queries.learners import learner_id_of
from badge_core.services.code_links import credential_link
from badge_core.skills_story import skills_story

TOKEN_BYTES = 16  # 22 URL-safe characters: 128 bits nobody can guess


class SharingStopped(ColbotError):
    """The learner turned this share link off."""


@dataclass(frozen=True)
class SharedBadge:
    award_public_id: str
    name: str
    shown: bool


@dataclass(frozen=True)
class Sharing:
    """A learner's share link and their badges, each on the page or not."""

    token: str
    badges: tuple[SharedBadge, ...]

    @property
    def shown(self) -> int:
        return sum(badge.shown for badge in self.badges)

    def page(self, settings: Settings) -> str:
        return share_page_link(settings, self.token)


def share_page_link(settings: Settings, token: str) -> str:
    return f"{web_url(settings)}/shared/{token}"


def _standing_awards(uow: UnitOfWork, learner_id: int) -> list[Award]:
    """The learner's awarded, unrevoked badges, oldest first, with what a page needs."""
    query = (
        select(Award)
        .where(
            Award.learner_id == learner_id,
            Award.status == AwardStatus.AWARDED.value,
            Award.revoked_at.is_(None),
        )
        .order_by(Award.awarded_at, Award.id)
        .options(
            selectinload(Award.badge_class).selectinload(BadgeClass.provider),
            selectinload(Award.badge_class)
            .selectinload(BadgeClass.alignments)
            .selectinload(BadgeSkill.skill)
            .selectinload(Skill.strand),
        )
    )
    return list(uow.session.scalars(query))


def _open_link(uow: UnitOfWork, learner_id: int) -> ShareLink | None:
    """The learner's link that is on (at most one: only share_badges opens one)."""
    return uow.session.scalar(
        select(ShareLink).where(ShareLink.learner_id == learner_id, ShareLink.stopped_at.is_(None))
    )


def _sharing(link: ShareLink, awards: Sequence[Award]) -> Sharing:
    hidden = set(link.hidden)
    badges = tuple(
        SharedBadge(a.public_id, a.badge_class.name, a.public_id not in hidden) for a in awards
    )
    return Sharing(link.token, badges)


def share_badges(
    uow: UnitOfWork,
    learner_id: int | None,
    *,
    identity: str | None = None,
    channel: str | None = None,
    now: datetime | None = None,
) -> Sharing | None:
    """The learner's share link, opened now if none is on (a new address, showing every
    badge); None when they have no badge to show."""
    with uow:
        learner_id = learner_id_of(uow, learner_id, identity, channel)
        if learner_id is None:
            return None
        awards = _standing_awards(uow, learner_id)
        if not awards:
            return None
        link = _open_link(uow, learner_id)
        if link is None:
            token = secrets.token_urlsafe(TOKEN_BYTES)
            link = ShareLink(
                learner_id=learner_id, token=token, hidden=[], created_at=now or utcnow()
            )
            uow.session.add(link)
        sharing = _sharing(link, awards)
        uow.commit()
        return sharing


def show_on_share_page(
    uow: UnitOfWork,
    learner_id: int | None,
    award_public_id: str,
    shown: bool,
    *,
    identity: str | None = None,
    channel: str | None = None,
) -> Sharing | None:
    """Put one of the learner's badges on their open share link, or take it off; None when
    they have no open link. Someone else's award is not found."""
    with uow:
        learner_id = learner_id_of(uow, learner_id, identity, channel)
        link = _open_link(uow, learner_id) if learner_id is not None else None
        if learner_id is None or link is None:
            return None
        awards = _standing_awards(uow, learner_id)
        if award_public_id not in {a.public_id for a in awards}:
            raise NotFound("badge", award_public_id)
        hidden = set(link.hidden) - {award_public_id}
        link.hidden = sorted(hidden if shown else hidden | {award_public_id})
        sharing = _sharing(link, awards)
        uow.commit()
        return sharing


def stop_sharing(
    uow: UnitOfWork,
    learner_id: int | None,
    *,
    identity: str | None = None,
    channel: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Turn the learner's share link off (its page then says so); False when none was on."""
    with uow:
        learner_id = learner_id_of(uow, learner_id, identity, channel)
        link = _open_link(uow, learner_id) if learner_id is not None else None
        if link is None:
            return False
        link.stopped_at = now or utcnow()
        uow.commit()
        return True


def _spine_place(award: Award) -> tuple[int, int]:
    skills = award.badge_class.skills
    if not skills:
        return (1 << 30, 0)
    return (skills[0].strand.position, skills[0].position)


def _passport_badge(settings: Settings, award: Award, zone: ZoneInfo) -> PassportBadge:
    badge = award.badge_class
    skills = badge.skills
    return PassportBadge(
        name=badge.name,
        provider_name=badge.provider.name,
        shows=badge.criteria or badge.description,
        skills=tuple(skill.name for skill in skills),
        strand=skills[0].strand.name if skills else "Other badges",
        awarded_on=award.awarded_at.astimezone(zone).date(),
        evidence=award.evidence_narrative if award.narrative_public else None,
        verify_url=credential_link(settings, award.public_id),
    )


def _passport_of(
    uow: UnitOfWork,
    settings: Settings,
    learner: Learner,
    now: datetime | None,
    *,
    hidden: frozenset[str] = frozenset(),
    page_url: str | None = None,
) -> Passport:
    """The learner's standing badges but ``hidden`` as a passport, strands in spine order,
    dated in their city's time zone (inside the caller's unit)."""
    city = uow.session.get(City, learner.city_id)
    assert city is not None
    zone = ZoneInfo(city.timezone)
    awards = [a for a in _standing_awards(uow, learner.id) if a.public_id not in hidden]
    ordered = sorted(awards, key=_spine_place)
    badges = tuple(_passport_badge(settings, award, zone) for award in ordered)
    today = (now or utcnow()).astimezone(zone).date()
    return Passport(city_name=city.name, made_on=today, badges=badges, web_url=page_url)


@dataclass(frozen=True)
class SharedPage:
    passport: Passport
    page_url: str
    pdf_url: str


def shared_page(
    uow: UnitOfWork, settings: Settings, token: str, *, now: datetime | None = None
) -> SharedPage:
    """What a share link shows: the chosen badges as a skills passport. Unknown links are not
    found; a link its learner turned off raises :class:`SharingStopped`."""
    with uow.reading():
        link = uow.session.scalar(select(ShareLink).where(ShareLink.token == token))
        if link is None:
            raise NotFound("share link", "?")
        if link.stopped_at is not None:
            raise SharingStopped("this share link was turned off")
        learner = uow.session.get(Learner, link.learner_id)
        assert learner is not None
        page = share_page_link(settings, token)
        hidden = frozenset(link.hidden)
        passport = _passport_of(uow, settings, learner, now, hidden=hidden, page_url=page)
    return SharedPage(passport, page, f"{page}.pdf")


def my_skills_story(
    uow: UnitOfWork,
    settings: Settings,
    learner_id: int | None,
    *,
    identity: str | None = None,
    channel: str | None = None,
    now: datetime | None = None,
) -> list[str]:
    """Up to three plain sentences about the learner's badges, for a CV or an application
    (none when they have no badge yet)."""
    with uow.reading():
        learner_id = learner_id_of(uow, learner_id, identity, channel)
        learner = uow.session.get(Learner, learner_id) if learner_id is not None else None
        if learner is None:
            return []
        return skills_story(_passport_of(uow, settings, learner, now))
