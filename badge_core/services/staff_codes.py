"""What a youth worker may do about claim codes: make codes for one of their provider's
badges (what they may ask for in the bot's "new code": which badge, how many, which session,
for how long), see their provider's codes, close one. (The codes themselves are made by
:mod:`badge_core.services.codes`, which knows nothing of staff.) Every call checks the staff
member is active and the badge or code belongs to their own provider.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest, NotFound, StaffNotAllowed
from badge_core.models import Activity, BadgeClass, City, ClaimCode, utcnow
from badge_core.queries.cities import get_city
from badge_core.services.codes import (
    IssuedCode,
    add_claim_codes,
    code_hash,
    end_of_local_day,
)
from badge_core.services.staff import active
from colbot_shared.codes import normalise_code

# What a youth worker may ask for when they make codes in the bot. Each choice is a key the
# bot's buttons carry (bot/domain/staff.yml); anything else is refused or asked again.
BADGE_CHOICES = 10  # the provider's badges offered, by name
SESSION_CHOICES = 8  # a badge's sessions offered, by title (besides "not one session")
NO_SESSION = "none"  # a code for the badge, tied to no one session


@dataclass(frozen=True)
class CodeAmount:
    count: int  # codes made
    max_claims: int  # claims each code allows


AMOUNTS = {  # one code everyone shares, capped; or a single-use code each
    "cap-30": CodeAmount(1, 30),
    "cap-60": CodeAmount(1, 60),
    "single-5": CodeAmount(5, 1),
    "single-10": CodeAmount(10, 1),
}
WINDOWS: dict[str, timedelta | None] = {  # how long a code works from now; None: until midnight
    "midnight": None,
    "2h": timedelta(hours=2),
    "7d": timedelta(days=7),
}


@dataclass(frozen=True)
class CodeRequest:
    """A youth worker's choices for new codes: keys of the choices above."""

    badge: str
    amount: str
    session: str
    window: str


@dataclass(frozen=True)
class NewCodes:
    codes: list[IssuedCode]
    timezone: str  # the badge's city's, for saying until when they work


@dataclass(frozen=True)
class CodeStatus:
    code_id: int
    hint: str  # first two characters: enough to tell codes apart in a list
    badge_name: str
    max_claims: int
    claims: int
    valid_until: datetime
    closed: bool


@dataclass(frozen=True)
class BadgeChoice:
    city: str
    timezone: str
    activities: list[tuple[str, str]]  # (key, title) of the activities that award the badge


def provider_badges(uow: UnitOfWork, staff_id: int) -> list[tuple[str, str]]:
    """(key, name) of the badges the staff member's provider awards."""
    with uow:
        staff = active(uow, staff_id)
        return [
            (key, name)
            for key, name in uow.session.execute(
                select(BadgeClass.key, BadgeClass.name)
                .where(BadgeClass.provider_id == staff.provider_id)
                .order_by(BadgeClass.name)
            )
        ]


def badge_of_provider(uow: UnitOfWork, staff_id: int, badge_key: str) -> BadgeChoice:
    """What a code for this badge can be tied to; refuses a badge of another provider."""
    with uow:
        return _badge_of_provider(uow, staff_id, badge_key)


def _badge_of_provider(uow: UnitOfWork, staff_id: int, badge_key: str) -> BadgeChoice:
    staff = active(uow, staff_id)
    badge = uow.session.scalar(
        select(BadgeClass).where(
            BadgeClass.provider_id == staff.provider_id, BadgeClass.key == badge_key
        )
    )
    if badge is None:
        raise StaffNotAllowed("that badge is not your provider's")
    activities = uow.session.execute(
        select(Activity.key, Activity.title)
        .where(Activity.badges.any(BadgeClass.id == badge.id))
        .order_by(Activity.title)
    ).all()
    city = uow.session.get(City, badge.city_id)
    assert city is not None
    return BadgeChoice(city.slug, city.timezone, [(key, title) for key, title in activities])


def only_badge(badges: list[tuple[str, str]]) -> str | None:
    """The badge a new code is for without asking: the provider's only one."""
    return badges[0][0] if len(badges) == 1 else None


def default_session(activities: list[tuple[str, str]]) -> str | None:
    """The session a new code is tied to without asking: the badge's only one, or no session
    when no activity awards it; None when there are several to choose from."""
    if len(activities) == 1:
        return activities[0][0]
    return NO_SESSION if not activities else None


def session_choice(activities: list[tuple[str, str]], chosen: object) -> str:
    """One of the badge's sessions; anything else (another badge's, made up) is no session."""
    keys = {key for key, _ in activities}
    return chosen if isinstance(chosen, str) and chosen in keys else NO_SESSION


def amount_of(key: object) -> CodeAmount | None:
    """How many codes and claims a choice of amount means; None for no choice of ours."""
    return AMOUNTS.get(key) if isinstance(key, str) else None


def is_window(key: object) -> bool:
    """Whether ``key`` is one of the times a code may work for."""
    return isinstance(key, str) and key in WINDOWS


def window_end(window: str, now: datetime, timezone: str) -> datetime:
    """When codes made ``now`` for ``window`` stop working (midnight in the city's time zone
    for "midnight")."""
    span = WINDOWS[window]
    return end_of_local_day(now, timezone) if span is None else now + span


def issue_codes(
    uow: UnitOfWork,
    secret_key: str,
    staff_id: int,
    request: CodeRequest,
    *,
    now: datetime | None = None,
) -> NewCodes:
    """The codes a youth worker asked for, valid from now: only by active staff, only for
    their own provider's badge, only as the choices above allow; one transaction."""
    amount = amount_of(request.amount)
    if amount is None or not is_window(request.window):
        raise InvalidRequest("not a choice a youth worker has")
    now = now or utcnow()
    with uow:
        choice = _badge_of_provider(uow, staff_id, request.badge)
        session = session_choice(choice.activities, request.session)
        issued = add_claim_codes(
            uow,
            secret_key,
            get_city(uow, choice.city),
            request.badge,
            count=amount.count,
            max_claims=amount.max_claims,
            activity_key=None if session == NO_SESSION else session,
            valid_from=now,
            valid_until=window_end(request.window, now, choice.timezone),
            staff_id=staff_id,
        )
        uow.commit()
        return NewCodes(issued, choice.timezone)


def code_statuses(
    uow: UnitOfWork,
    *,
    staff_id: int | None = None,
    city_slug: str | None = None,
    now: datetime | None = None,
) -> list[CodeStatus]:
    """Codes of the staff member's provider (or of the whole city), newest first."""
    now = now or utcnow()
    with uow:
        query = select(ClaimCode, BadgeClass.name).join(
            BadgeClass, ClaimCode.badge_class_id == BadgeClass.id
        )
        if staff_id is not None:
            query = query.where(BadgeClass.provider_id == active(uow, staff_id).provider_id)
        if city_slug is not None:
            query = query.where(BadgeClass.city_id == get_city(uow, city_slug).id)
        rows = uow.session.execute(
            query.order_by(ClaimCode.created_at.desc(), ClaimCode.id.desc()).limit(200)
        )
        return [
            CodeStatus(
                c.id,
                c.hint,
                name,
                c.max_claims,
                c.claims_count,
                c.valid_until,
                c.closed_at is not None or c.valid_until <= now,
            )
            for c, name in rows
        ]


def close_code(
    uow: UnitOfWork,
    secret_key: str,
    typed_code: str,
    *,
    staff_id: int | None = None,
    now: datetime | None = None,
) -> CodeStatus:
    """Stop further claims of a code (staff: only their provider's codes)."""
    now = now or utcnow()
    normalised = normalise_code(typed_code)
    with uow:
        code = None
        if normalised is not None:
            code = uow.session.scalar(
                select(ClaimCode).where(ClaimCode.code_hash == code_hash(secret_key, normalised))
            )
        if code is None:
            raise NotFound("code", typed_code[:12])
        badge = uow.session.get(BadgeClass, code.badge_class_id)
        assert badge is not None
        if staff_id is not None and badge.provider_id != active(uow, staff_id).provider_id:
            raise NotFound("code", typed_code[:12])  # another provider's code: not theirs to see
        code.closed_at = code.closed_at or now
        status = CodeStatus(
            code.id,
            code.hint,
            badge.name,
            code.max_claims,
            code.claims_count,
            code.valid_until,
            True,
        )
        uow.commit()
        return status
