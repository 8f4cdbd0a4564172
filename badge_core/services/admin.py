"""City admins' access to the dashboard: issue, check and revoke bearer tokens.

A token is shown once, when it is made; only its keyed hash is stored.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.models import AdminToken, City, utcnow
from badge_core.privacy import keyed_hash
from badge_core.queries.cities import get_city

PREFIX = "colbot-admin-"


@dataclass(frozen=True)
class IssuedToken:
    id: int
    city: str
    token: str  # shown once; not stored


@dataclass(frozen=True)
class TokenInfo:
    id: int
    city: str
    label: str
    created_at: datetime
    revoked: bool


def _hash(secret_key: str, token: str) -> str:
    return keyed_hash(secret_key, "admin-token", token.strip())


def issue_admin_token(
    uow: UnitOfWork, secret_key: str, city_slug: str, label: str = ""
) -> IssuedToken:
    token = PREFIX + secrets.token_urlsafe(32)
    with uow:
        city = get_city(uow, city_slug)
        row = AdminToken(city_id=city.id, token_hash=_hash(secret_key, token), label=label[:100])
        uow.session.add(row)
        uow.session.flush()
        issued = IssuedToken(id=row.id, city=city.slug, token=token)
        uow.commit()
    return issued


def admin_city(uow: UnitOfWork, secret_key: str, token: str | None) -> str | None:
    """The slug of the city this token opens, or None for a missing, unknown or revoked one."""
    if not token or not token.startswith(PREFIX) or len(token) > 200:
        return None
    with uow:
        return uow.session.scalar(
            select(City.slug)
            .join(AdminToken, AdminToken.city_id == City.id)
            .where(
                AdminToken.token_hash == _hash(secret_key, token), AdminToken.revoked_at.is_(None)
            )
        )


def list_admin_tokens(uow: UnitOfWork) -> list[TokenInfo]:
    with uow:
        rows = uow.session.execute(
            select(AdminToken, City.slug)
            .join(City, AdminToken.city_id == City.id)
            .order_by(AdminToken.id)
        )
        return [
            TokenInfo(t.id, slug, t.label, t.created_at, t.revoked_at is not None)
            for t, slug in rows
        ]


def revoke_admin_token(uow: UnitOfWork, token_id: int) -> None:
    with uow:
        row = uow.session.get(AdminToken, token_id)
        if row is None:
            raise NotFound("admin token", str(token_id))
        if row.revoked_at is None:
            row.revoked_at = utcnow()
        uow.commit()
