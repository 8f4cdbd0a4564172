"""A city by slug, and the one-row-or-NotFound read the services share."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, select

from badge_core.channels import address_key, addresses_of
from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.models import City

Row = TypeVar("Row")


def one_or_not_found(uow: UnitOfWork, query: Select[tuple[Row]], what: str, key: Any) -> Row:
    """The one row ``query`` selects, or NotFound(what, key)."""
    row = uow.session.scalar(query)
    if row is None:
        raise NotFound(what, str(key))
    return row


def get_city(uow: UnitOfWork, slug: str) -> City:
    """The city row in the caller's open unit of work."""
    return one_or_not_found(uow, select(City).where(City.slug == slug), "city", slug)


def city_messaged_at(uow: UnitOfWork, channel: str, to: str) -> str | None:
    """The slug of the city whose pack names ``to`` (the number or bot a message was sent
    to) on ``channel``, or None (a number no pack names, or the web chat)."""
    wanted = address_key(channel, to)
    for slug, channels in uow.session.execute(select(City.slug, City.channels)):
        if wanted in set(addresses_of(channels or {})):
            return slug
    return None
