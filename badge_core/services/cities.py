"""The cities a deployment holds."""

from __future__ import annotations

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.models import City
from badge_core.queries.cities import get_city


def city_slugs(uow: UnitOfWork) -> list[str]:
    with uow:
        return list(uow.session.scalars(select(City.slug).order_by(City.slug)))


def city_timezone(uow: UnitOfWork, slug: str) -> str:
    with uow:
        return get_city(uow, slug).timezone
