"""Days and clock times as people type them in spreadsheets and as feeds write them."""

from __future__ import annotations

import re
from datetime import date, datetime, time

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_CLOCK = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?\s*(am|pm)?\s*$", re.I)


def weekday(text: str) -> int | None:
    """ "Tuesday", "tues", "Tue", "https://schema.org/Tuesday" -> 1; None if not a day."""
    word = text.strip().lower().rsplit("/", 1)[-1].rstrip(".")
    if word.endswith("days"):  # "Saturdays"
        word = word[:-1]
    word = "wed" if word == "weds" else word
    if len(word) < 3:
        return None
    return next((index for index, day in enumerate(WEEKDAYS) if day.startswith(word)), None)


def clock(text: str) -> time | None:
    """ "16:00", "4pm", "4.30pm", "09:30:00" -> a time; None if not a time."""
    match = _CLOCK.match(text or "")
    if not match:
        return None
    hour, minute, half = (
        int(match.group(1)),
        int(match.group(2) or 0),
        (match.group(3) or "").lower(),
    )
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or (not match.group(2) and not half):
        return None
    return time(hour, minute)


def day_of(text: str) -> date | None:
    """ "2027-01-09" or the UK "09/01/2027" -> a date; None if neither."""
    text = (text or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
