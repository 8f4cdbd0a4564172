"""Claim codes: making them, reading them back however a person typed them, storing their hash.

What a code looks like and how a typed one is read is written once, for both runtimes, in
``colbot_shared/codes.py``. Codes are ten characters from ``secrets``, kept only when they
have that shape: about 49 random bits. Only a keyed hash is stored, so a copy of the
database holds no working code.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypedDict, Unpack
from zoneinfo import ZoneInfo

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest, NotFound
from badge_core.models import Activity, BadgeClass, City, ClaimCode, EventKind, utcnow
from badge_core.privacy import keyed_hash
from badge_core.queries.cities import get_city
from badge_core.queries.events import record_event
from colbot_shared.codes import ALPHABET, CODE_LENGTH, format_code, looks_like_code, normalise_code

MAX_BATCH = 200  # single-use codes made at once


def generate_code() -> str:
    while True:
        raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if looks_like_code(raw):
            return format_code(raw)


def code_hash(secret_key: str, normalised: str) -> str:
    return keyed_hash(secret_key, "claim-code", normalised)


@dataclass(frozen=True)
class IssuedCode:
    code: str  # shown once, never stored
    claim_code_id: int
    badge_key: str
    badge_name: str
    max_claims: int
    valid_from: datetime
    valid_until: datetime
    # the city's own numbers and bot (City.channels), for the ways to claim it
    channels: dict[str, Any] = field(default_factory=dict)


def end_of_local_day(moment: datetime, timezone: str) -> datetime:
    tz = ZoneInfo(timezone)
    local = moment.astimezone(tz)
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), tz)
    return midnight.astimezone(moment.tzinfo)


class CodeOptions(TypedDict, total=False):
    """What else a batch of codes may say (:func:`add_claim_codes` has the defaults)."""

    max_claims: int
    activity_key: str | None
    valid_from: datetime | None
    valid_until: datetime | None
    staff_id: int | None


def create_claim_code(
    uow: UnitOfWork,
    secret_key: str,
    city_slug: str,
    badge_key: str,
    **options: Unpack[CodeOptions],
) -> IssuedCode:
    """Make a code for a badge; by default single-use and valid from now until midnight."""
    [issued] = create_claim_codes(uow, secret_key, city_slug, badge_key, count=1, **options)
    return issued


def create_claim_codes(
    uow: UnitOfWork,
    secret_key: str,
    city_slug: str,
    badge_key: str,
    *,
    count: int,
    **options: Unpack[CodeOptions],
) -> list[IssuedCode]:
    """``count`` codes for a badge in one transaction: all of them or none."""
    with uow:
        city = get_city(uow, city_slug)
        issued = add_claim_codes(uow, secret_key, city, badge_key, count=count, **options)
        uow.commit()
        return issued


def add_claim_codes(
    uow: UnitOfWork,
    secret_key: str,
    city: City,
    badge_key: str,
    *,
    count: int,
    max_claims: int = 1,
    activity_key: str | None = None,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    staff_id: int | None = None,
) -> list[IssuedCode]:
    """As :func:`create_claim_codes`, in the caller's open unit of work, which commits (so a
    caller can check who may make them in the same transaction)."""
    if max_claims < 1:
        raise InvalidRequest("a code must allow at least one claim")
    if not 1 <= count <= MAX_BATCH:
        raise InvalidRequest(f"make between 1 and {MAX_BATCH} codes at a time")
    badge = uow.session.scalar(
        select(BadgeClass).where(BadgeClass.city_id == city.id, BadgeClass.key == badge_key)
    )
    if badge is None:
        raise NotFound("badge", badge_key)
    activity = None
    if activity_key is not None:
        activity = uow.session.scalar(
            select(Activity).where(Activity.city_id == city.id, Activity.key == activity_key)
        )
        if activity is None:
            raise NotFound("activity", activity_key)
    start = valid_from or utcnow()
    until = valid_until or end_of_local_day(start, city.timezone)
    if until <= start:
        raise InvalidRequest("a code must close after it opens")
    issued = []
    for _ in range(count):
        code = generate_code()
        normalised = normalise_code(code)
        assert normalised is not None
        row = ClaimCode(
            code_hash=code_hash(secret_key, normalised),
            hint=normalised[:2],
            badge_class_id=badge.id,
            activity_id=activity.id if activity else None,
            created_by_id=staff_id,
            max_claims=max_claims,
            valid_from=start,
            valid_until=until,
        )
        uow.session.add(row)
        uow.session.flush()
        record_event(
            uow,
            EventKind.CODE_CREATED,
            city_id=city.id,
            at=start,
            badge=badge.key,
            max_claims=max_claims,
            code_id=row.id,
            staff_id=staff_id,
        )
        issued.append(
            IssuedCode(
                code,
                row.id,
                badge.key,
                badge.name,
                max_claims,
                start,
                until,
                dict(city.channels or {}),
            )
        )
    return issued
