"""A city by slug, and the one-row-or-NotFound read the services share."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, select

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
