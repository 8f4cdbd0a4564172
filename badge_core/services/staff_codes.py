"""What a youth worker may do about claim codes: make codes for one of their provider's
badges (what they may ask for in the bot's "new code": which badge, how many, which session,
for how long), see their provider's codes, close one. (The codes themselves are made by
:mod:`badge_core.services.codes`, which knows nothing of staff.) Every call checks the staff
member is active and the badge or code belongs to their own provider.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

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


@dataclass(frozen=True)
class TypedChoices:
    """What a youth worker's own words already say about the codes they want."""

    badge: str | None
    amount: str | None
    window: str | None
    session: str | None = None  # one of the badge's sessions, when the words name one


def read_code_request(
    uow: UnitOfWork, staff_id: int, text: str, *, now: datetime | None = None
) -> TypedChoices:
    """Read "i need a code for tonight's session, about 25 kids" (or a typed answer to one
    of new code's questions) into the choices it makes: the badge (the provider's only one,
    or one named), the amount, the window (in the provider's city's time)."""
    now = now or utcnow()
    with uow:
        staff = active(uow, staff_id)
        badges = [
            (key, name)
            for key, name in uow.session.execute(
                select(BadgeClass.key, BadgeClass.name)
                .where(BadgeClass.provider_id == staff.provider_id)
                .order_by(BadgeClass.name)
            )
        ]
        timezone = uow.session.scalar(
            select(City.timezone)
            .join(BadgeClass, BadgeClass.city_id == City.id)
            .where(BadgeClass.provider_id == staff.provider_id)
            .limit(1)
        )
        badge = only_badge(badges) or read_badge(text, badges)
        session = None
        if badge is not None:
            activities = uow.session.execute(
                select(Activity.key, Activity.title).where(
                    Activity.badges.any(
                        (BadgeClass.key == badge) & (BadgeClass.provider_id == staff.provider_id)
                    )
                )
            ).all()
            session = _best(text, [(key, title) for key, title in activities])
    return TypedChoices(
        badge,
        read_amount(text),
        read_window(text, now, timezone) if timezone else None,
        session,
    )


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


# Besides the buttons' choices, what a youth worker may type: a shared code for up to
# MAX_SHARED claims ("cap-25"), up to MAX_SINGLE single-use codes ("single-12"), a code that
# works for 1 to 12 hours ("3h") or until a time today ("until-21:00").
MAX_SHARED, MAX_SINGLE, MAX_HOURS = 200, 50, 12
_AMOUNT_KEY = re.compile(r"^(cap|single)-(\d{1,3})$")
_HOURS_KEY = re.compile(r"^(\d{1,2})h$")
_UNTIL_KEY = re.compile(r"^until-([01]\d|2[0-3]):([0-5]\d)$")


def amount_of(key: object) -> CodeAmount | None:
    """How many codes and claims a choice of amount means; None for no choice of ours."""
    if not isinstance(key, str):
        return None
    if key in AMOUNTS:
        return AMOUNTS[key]
    match = _AMOUNT_KEY.match(key)
    if match is None:
        return None
    kind, n = match.group(1), int(match.group(2))
    if kind == "cap" and 1 <= n <= MAX_SHARED:
        return CodeAmount(1, n)
    if kind == "single" and 1 <= n <= MAX_SINGLE:
        return CodeAmount(n, 1)
    return None


def is_window(key: object) -> bool:
    """Whether ``key`` is one of the times a code may work for."""
    if not isinstance(key, str):
        return False
    hours = _HOURS_KEY.match(key)
    return (
        key in WINDOWS
        or (hours is not None and 1 <= int(hours.group(1)) <= MAX_HOURS)
        or _UNTIL_KEY.match(key) is not None
    )


def window_end(window: str, now: datetime, timezone: str) -> datetime:
    """When codes made ``now`` for ``window`` stop working (midnight in the city's time zone
    for "midnight"; "until-21:00" at 21:00 there today, or at midnight if that has passed)."""
    if window in WINDOWS:
        span = WINDOWS[window]
        return end_of_local_day(now, timezone) if span is None else now + span
    hours = _HOURS_KEY.match(window)
    if hours is not None:
        return now + timedelta(hours=int(hours.group(1)))
    until = _UNTIL_KEY.match(window)
    assert until is not None, window
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    end = datetime.combine(local.date(), time(int(until.group(1)), int(until.group(2))), zone)
    return end if end > now else end_of_local_day(now, timezone)


# ------------------------------------------------------------- typed answers, read

_WORD_NUMBERS = {
    "five": 5,
    "six": 6,
    "eight": 8,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "twenty five": 25,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "a dozen": 12,
    "dozen": 12,
}
_CLOCK = re.compile(
    r"\b(?:till|til|until|to|ends?(?: at)?|finish(?:es|ing)?(?: at)?|up to|by)\s+"
    r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\b|\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)\b"
)
_SINGLE = re.compile(r"\b(single|each|separate|individual|one per|own code|their own|1 each)")
_HOURS = re.compile(r"\b(\d{1,2}|an?|one|two|three|couple of)\s*(?:h|hr|hrs|hour|hours)\b")


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9:.]+", " ", text.lower()) + " "


def read_amount(text: str) -> str | None:
    """A typed amount as a choice key: "about 25 kids" -> a shared code for 25 ("cap-25");
    "10 single use codes" -> "single-10". Times in the message ("till 9") are not amounts."""
    words = _CLOCK.sub(" ", _words(text))
    words = _HOURS.sub(" ", words)
    number = None
    found = re.search(r"\b(\d{1,4})\b", words)
    if found:
        number = int(found.group(1))
    else:
        for word, value in sorted(_WORD_NUMBERS.items(), key=lambda kv: -len(kv[0])):
            if f" {word} " in words:
                number = value
                break
    if number is None:
        return None
    key = f"single-{number}" if _SINGLE.search(words) else f"cap-{number}"
    return key if amount_of(key) else None


def read_window(text: str, now: datetime, timezone: str) -> str | None:
    """A typed time as a window key: "till 9" -> "until-21:00" (the next 9 o'clock today),
    "tonight" -> "midnight", "3 hours" -> "3h", "all week" -> "7d"."""
    words = _words(text)
    local = now.astimezone(ZoneInfo(timezone))
    clock = _CLOCK.search(words)
    if clock:
        hour = int(clock.group(1) or clock.group(4))
        minute = int(clock.group(2) or clock.group(5) or 0)
        half = clock.group(3) or clock.group(6)
        candidates = (
            [hour % 12 + (12 if half == "pm" else 0)]
            if half
            else ([hour, hour + 12] if hour < 12 else [hour])
        )
        for h in candidates:
            if h <= 23 and minute <= 59 and time(h, minute) > local.time():
                return f"until-{h:02d}:{minute:02d}"
        return None
    hours = _HOURS.search(words)
    if hours:
        spoken = hours.group(1)
        n = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "couple of": 2}.get(spoken)
        key = f"{n if n else int(spoken)}h"
        return key if is_window(key) else None
    if re.search(r" (week|7 days|seven days) ", words):
        return "7d"
    if re.search(r" (tonight|today|midnight|this evening|end of the day|end of today) ", words):
        return "midnight"
    return None


# words that name no badge or session in particular ("new code for the session")
_NOT_NAMES = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "new",
        "make",
        "need",
        "want",
        "get",
        "code",
        "codes",
        "badge",
        "badges",
        "session",
        "sessions",
        "kids",
        "young",
        "people",
        "tonight",
        "today",
        "please",
        "single",
        "use",
        "shared",
        "each",
        "till",
        "until",
        "hours",
        "week",
        "about",
        "one",
        "all",
        "any",
    ]
)


def _best(text: str, choices: list[tuple[str, str]]) -> str | None:
    """The choice whose title shares the most words (of 3 letters or more, and not words
    like "code" or "session") with the text, if one does and no other ties with it."""
    said = set(re.findall(r"[a-z0-9]+", text.lower())) - _NOT_NAMES
    scored = sorted(
        (
            (len(said & {w for w in re.findall(r"[a-z0-9]+", title.lower()) if len(w) >= 3}), key)
            for key, title in choices
        ),
        reverse=True,
    )
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def read_badge(text: str, badges: list[tuple[str, str]]) -> str | None:
    """A typed badge name ("code club") as one of the provider's badge keys."""
    return _best(text, badges)


def read_session(text: str, activities: list[tuple[str, str]]) -> str | None:
    """A typed session ("plympton", "none") as one of the badge's activities, or NO_SESSION."""
    if re.search(r" (none|no session|not one|no|any|not tied|all) ", _words(text)):
        return NO_SESSION
    return _best(text, activities)


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
