"""Looking up cities; the frame the other services hang on."""

from __future__ import annotations

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.models import City


def get_city(uow: UnitOfWork, slug: str) -> City:
    """The city row in the caller's open unit of work."""
    city = uow.session.scalar(select(City).where(City.slug == slug))
    if city is None:
        raise NotFound("city", slug)
    return city


def city_slugs(uow: UnitOfWork) -> list[str]:
    with uow:
        return list(uow.session.scalars(select(City.slug).order_by(City.slug)))


def city_timezone(uow: UnitOfWork, slug: str) -> str:
    with uow:
        return get_city(uow, slug).timezone
