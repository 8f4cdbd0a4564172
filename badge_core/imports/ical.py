"""iCal calendars (RFC 5545) of youth clubs and libraries: each event (by UID) is one
activity; a recurring event's dates (RRULE, RDATE, less EXDATE and cancelled occurrences,
with moved ones at their new time) become its sessions over the coming weeks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from dateutil.rrule import rruleset, rrulestr

from badge_core.imports.records import (
    Batch,
    ImportedActivity,
    Place,
    SessionTime,
    Skipped,
    ages_in,
    as_list,
)

HORIZON = timedelta(weeks=12)  # sessions this far ahead; a scheduled re-import moves it on
_POSTCODE_IN = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2})\b", re.I)
_ONLINE = re.compile(r"\b(online|zoom|teams|google meet|discord)\b", re.I)


def read_ical(data: bytes, tz: ZoneInfo, now: datetime) -> Batch:
    batch = Batch()
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        batch.skipped.append(Skipped("(file)", f"not an iCal calendar: {error}"))
        return batch
    organiser = str(calendar.get("X-WR-CALNAME", ""))
    events: dict[str, list[Any]] = {}
    for event in calendar.walk("VEVENT"):
        events.setdefault(str(event.get("UID", "")), []).append(event)
    for uid, group in events.items():
        if not uid:
            batch.skipped.append(Skipped(str(group[0].get("SUMMARY", "(no title)")), "no UID"))
            continue
        try:
            activity = _activity(uid, group, tz, now, organiser)
        except (ValueError, TypeError, KeyError) as error:
            batch.skipped.append(Skipped(uid, f"could not read its dates: {error}"))
            continue
        if isinstance(activity, Skipped):
            batch.skipped.append(activity)
        else:
            batch.activities.append(activity)
    return batch


def _activity(
    uid: str, group: list[Any], tz: ZoneInfo, now: datetime, organiser: str
) -> ImportedActivity | Skipped:
    master = next((e for e in group if e.get("RECURRENCE-ID") is None), group[0])
    title = str(master.get("SUMMARY", "")).strip()
    if not title:
        return Skipped(uid, "no title (SUMMARY)")
    if not isinstance(master.decoded("DTSTART"), datetime):
        return Skipped(uid, "an all-day event, with no session time")
    sessions = _sessions(master, [e for e in group if e is not master], tz, now)
    if not sessions:
        return Skipped(uid, "no dates from now on")
    description = str(master.get("DESCRIPTION", "")).strip()
    location = str(master.get("LOCATION", "")).strip()
    age_min, age_max = ages_in(f"{title} {description}")
    return ImportedActivity(
        external_id=uid,
        title=title,
        description=description,
        organiser=_organiser(master) or organiser,
        place=_place(master, location),
        online=bool(_ONLINE.search(location)) or (not location and bool(master.get("URL"))),
        age_min=age_min,
        age_max=age_max,
        tags=[str(c).lower() for c in _categories(master)],
        booking=str(master.get("URL", "")),
        sessions=sessions,
    )


def _sessions(master: Any, moved: list[Any], tz: ZoneInfo, now: datetime) -> list[SessionTime]:
    start = _aware(master.decoded("DTSTART"), tz)
    length = _length(master, start, tz)
    horizon_end = now + HORIZON
    dates = rruleset()
    rules = master.get("RRULE")
    if rules is None:
        dates.rdate(start)
    for rule in as_list(rules):
        text = rule.to_ical().decode()
        dates.rrule(rrulestr(text, dtstart=start, ignoretz=False))  # type: ignore[arg-type]
    for moment in _date_list(master.get("RDATE"), tz):
        dates.rdate(moment)
    for moment in _date_list(master.get("EXDATE"), tz):
        dates.exdate(moment)
    overrides = {_aware(e.decoded("RECURRENCE-ID"), tz): e for e in moved if e.get("RECURRENCE-ID")}
    found = []
    for moment in dates.between(now - length, horizon_end, inc=True):
        override = overrides.pop(moment, None)
        if override is not None:
            if str(override.get("STATUS", "")).upper() == "CANCELLED":
                continue
            moment = _aware(override.decoded("DTSTART"), tz)
            found.append(SessionTime(moment, moment + _length(override, moment, tz)))
        elif str(master.get("STATUS", "")).upper() != "CANCELLED":
            found.append(SessionTime(moment, moment + length))
    return [s for s in found if s.ends_at > now]


def _length(event: Any, start: datetime, tz: ZoneInfo) -> timedelta:
    if event.get("DTEND") is not None:
        return _aware(event.decoded("DTEND"), tz) - start
    if event.get("DURATION") is not None:
        return event.decoded("DURATION")
    return timedelta(hours=1)


def _aware(moment: date | datetime, tz: ZoneInfo) -> datetime:
    if not isinstance(moment, datetime):
        return datetime(moment.year, moment.month, moment.day, tzinfo=tz)
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)  # floating: the city's time


def _date_list(value: Any, tz: ZoneInfo) -> Iterable[datetime]:
    for part in as_list(value):
        for item in part.dts:
            yield _aware(item.dt, tz)


def _categories(event: Any) -> list[str]:
    value = event.get("CATEGORIES")
    return [str(c) for part in as_list(value) for c in part.cats]


def _organiser(event: Any) -> str:
    organiser = event.get("ORGANIZER")
    return str(organiser.params.get("CN", "")) if organiser is not None else ""


def _place(event: Any, location: str) -> Place | None:
    if not location:
        return None
    postcode = _POSTCODE_IN.search(location)
    geo = event.get("GEO")
    return Place(
        name=location.split(",")[0].strip(),
        address=location,
        postcode=postcode.group(1).upper() if postcode else "",
        lat=geo.latitude if geo is not None else None,
        lon=geo.longitude if geo is not None else None,
    )
