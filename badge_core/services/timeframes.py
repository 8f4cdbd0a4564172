"""When a learner means: "tonight", "this weekend", "sat", "2moro" as a window of time.

Windows are in the city's local time; a day window runs from now (if today) to midnight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

DEFAULT_DAYS = 14

_DAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "weds": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "saturdays": 5,
    "sunday": 6,
    "sun": 6,
    "sundays": 6,
}
_DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime
    label: str  # "this weekend", "on Saturday", ... for phrasing


def _day(now: datetime, offset: int) -> tuple[datetime, datetime]:
    day = (now + timedelta(days=offset)).date()
    start = datetime.combine(day, time.min, now.tzinfo)
    return max(start, now), start + timedelta(days=1)


def _next_monday(now: datetime) -> datetime:
    return datetime.combine((now + timedelta(days=7 - now.weekday())).date(), time.min, now.tzinfo)


def parse_when(text: str | None, now: datetime) -> Window | None:
    """A window for the time words in ``text`` (``now`` is aware, local), or None."""
    if not text:
        return None
    words = re.sub(r"[^a-z0-9 ]", " ", text.lower())
    if re.search(r"\b(tonight|tonite|2nite|this evening)\b", words):
        start, end = _day(now, 0)
        evening = datetime.combine(now.date(), time(17, 0), now.tzinfo)
        return Window(max(start, evening), end, "tonight")
    if re.search(r"\b(today|2day|now)\b", words):
        return Window(*_day(now, 0), "today")
    if re.search(r"\b(tomorrow|tomoz|tmrw|2moro|2morrow|tmr)\b", words):
        return Window(*_day(now, 1), "tomorrow")
    if re.search(r"\b(weekend|wknd|wkend)\b", words):
        next_monday = _next_monday(now)
        return Window(max(next_monday - timedelta(days=2), now), next_monday, "this weekend")
    if re.search(r"\bnext week\b", words):
        monday = _next_monday(now)
        return Window(monday, monday + timedelta(days=7), "next week")
    if re.search(r"\b(this week|week)\b", words):
        return Window(now, now + timedelta(days=7), "this week")
    for word in words.split():
        if word in _DAYS:
            offset = (_DAYS[word] - now.weekday()) % 7
            return Window(*_day(now, offset), f"on {_DAY_NAMES[_DAYS[word]]}")
    if re.search(r"\bafter school\b", words):
        start, end = _day(now, 0 if now.hour < 19 else 1)
        return Window(max(start, start.replace(hour=15, minute=0)), end, "after school")
    return None


def default_window(now: datetime) -> Window:
    return Window(now, now + timedelta(days=DEFAULT_DAYS), "in the next two weeks")
