"""OpenActive feeds: the Realtime Paged Data Exchange (RPDE, openactive.io/realtime-paged-data-
exchange) of a leisure or sport provider, read from where the last run stopped.

A page is ``{"items": [...], "next": URL}``; the last page has no items and a ``next`` that
points at itself, which is kept as the cursor so the next run reads only what changed. Items
are ``state: updated`` (with ``data``) or ``state: deleted``. A SessionSeries, Event or
CourseInstance is an activity; a ScheduledSession is a dated session of the series its
``superEvent`` names. Written without the ``openactive`` package: it calls itself
experimental and not for automated pipelines, and reads without timeouts or size limits.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, time
from typing import Any
from urllib.parse import urljoin

from badge_core.imports.fetch import FetchFailed
from badge_core.imports.records import (
    Batch,
    Deleted,
    ImportedActivity,
    ImportedSession,
    Place,
    SessionTime,
    Skipped,
    WeeklyTime,
    as_list,
    cheapest_pence,
)
from badge_core.imports.times import clock, weekday

MAX_PAGES = 10_000  # a feed that never reaches its last page is read no further
ACTIVITY_KINDS = {"SessionSeries", "Event", "CourseInstance", "HeadlineEvent"}
SESSION_KINDS = {"ScheduledSession"}
GENDER = {
    "https://openactive.io/FemaleOnly": "Girls and women only",
    "https://openactive.io/MaleOnly": "Boys and men only",
}


def read_feed(read: Callable[[str], bytes], start: str) -> Batch:
    """Every page from ``start`` (the feed's first page, or the last run's cursor) to the end."""
    batch, url = Batch(), start
    for _ in range(MAX_PAGES):
        try:
            page = json.loads(read(url))
        except (ValueError, UnicodeDecodeError) as error:
            raise FetchFailed(f"{url} is not an RPDE page: {error}") from error
        if not isinstance(page, dict) or not isinstance(page.get("items"), list):
            raise FetchFailed(f"{url} is not an RPDE page: it has no items list")
        for item in page["items"]:
            _read_item(item, batch)
        following = page.get("next")
        if not isinstance(following, str) or not following:
            raise FetchFailed(f"{url} is not an RPDE page: it has no next link")
        following = urljoin(url, following)
        batch.cursor = following
        if not page["items"] or following == url:
            return batch
        url = following
    raise FetchFailed(f"{start}: still more pages after {MAX_PAGES}; read again to go on")


def _read_item(item: Any, batch: Batch) -> None:
    if not isinstance(item, dict) or "id" not in item:
        batch.skipped.append(Skipped("(item)", "an item with no id"))
        return
    ident, kind = str(item["id"]), str(item.get("kind", ""))
    if item.get("state") == "deleted":
        batch.deleted.append(Deleted(ident))
        return
    data = item.get("data")
    if item.get("state") != "updated" or not isinstance(data, dict):
        batch.skipped.append(Skipped(ident, "neither updated with data nor deleted"))
        return
    kind = str(data.get("@type") or data.get("type") or kind).rsplit(".", 1)[0]
    try:
        if kind in SESSION_KINDS:
            _read_session(ident, data, batch)
        elif kind in ACTIVITY_KINDS:
            batch.activities.append(_activity(ident, data))
        else:
            batch.skipped.append(Skipped(ident, f"a {kind or 'thing'}, not an activity to list"))
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        batch.skipped.append(Skipped(ident, f"could not read it: {error}"))


def _read_session(ident: str, data: dict[str, Any], batch: Batch) -> None:
    parent = data.get("superEvent")
    if isinstance(parent, dict):  # the series embedded in the session
        series = _activity(str(parent.get("@id") or parent.get("id")), parent)
        batch.activities.append(series)
        parent = series.external_id
    if not isinstance(parent, str) or not parent:
        batch.skipped.append(Skipped(ident, "a session that names no series (superEvent)"))
        return
    if str(data.get("eventStatus", "")).endswith("EventCancelled"):
        batch.deleted.append(Deleted(ident))
        return
    starts, ends = _moment(data["startDate"]), _moment(data.get("endDate") or data["startDate"])
    if ends < starts:
        raise ValueError("it ends before it starts")
    batch.sessions.append(ImportedSession(ident, parent, starts, ends))


def _activity(ident: str, data: dict[str, Any]) -> ImportedActivity:
    title = str(data.get("name") or "").strip()
    if not title:
        raise ValueError("no name")
    ages = data.get("ageRange") or {}
    location = data.get("location") or {}
    online = location.get("@type", location.get("type")) == "VirtualLocation" or str(
        data.get("attendanceMode", "")
    ).endswith("OnlineEventAttendanceMode")
    parent = data.get("superEvent") if isinstance(data.get("superEvent"), dict) else {}
    activity = ImportedActivity(
        external_id=ident,
        title=title,
        description=str(data.get("description") or "").strip(),
        organiser=_name(data.get("organizer")) or _name(parent.get("organizer")),
        place=None if online else _place(location),
        online=online,
        age_min=_int(ages.get("minValue")),
        age_max=_int(ages.get("maxValue")),
        cost_pence=cheapest_pence(data.get("offers"), "price"),
        tags=[_label(a) for a in as_list(data.get("activity")) if _label(a)],
        concepts=[_concept(a) for a in as_list(data.get("activity")) if _concept(a)],
        booking=str(data.get("url") or ""),
        notes=_notes(data),
    )
    for schedule in as_list(data.get("eventSchedule")):
        activity.weekly += _weekly(schedule)
    if data.get("startDate") and data.get("endDate"):  # an Event or CourseInstance's own dates
        activity.sessions.append(SessionTime(_moment(data["startDate"]), _moment(data["endDate"])))
    for sub in as_list(data.get("subEvent")):
        if isinstance(sub, dict) and sub.get("startDate"):
            starts = _moment(sub["startDate"])
            ends = _moment(sub.get("endDate") or sub["startDate"])
            activity.sessions.append(
                SessionTime(starts, ends, str(sub.get("@id") or sub.get("id") or "") or None)
            )
    return activity


def _weekly(schedule: Any) -> list[WeeklyTime]:
    if not isinstance(schedule, dict) or schedule.get("repeatFrequency", "P1W") != "P1W":
        return []
    starts, ends = clock(schedule.get("startTime", "")), clock(schedule.get("endTime", ""))
    if starts is None:
        return []
    ends = ends or time(min(starts.hour + 1, 23), starts.minute)
    days = [weekday(str(d)) for d in as_list(schedule.get("byDay"))]
    return [WeeklyTime(d, starts, ends) for d in days if d is not None]


def _place(location: Any) -> Place | None:
    if not isinstance(location, dict) or not location:
        return None
    address = location.get("address") or {}
    if isinstance(address, str):
        address = {"streetAddress": address}
    geo = location.get("geo") or {}
    return Place(
        name=str(location.get("name") or address.get("streetAddress") or ""),
        address=", ".join(
            str(address[k]) for k in ("streetAddress", "addressLocality") if address.get(k)
        ),
        postcode=str(address.get("postalCode") or ""),
        lat=_float(geo.get("latitude")),
        lon=_float(geo.get("longitude")),
    )


def _notes(data: dict[str, Any]) -> list[str]:
    notes = []
    if data.get("genderRestriction") in GENDER:
        notes.append(GENDER[data["genderRestriction"]])
    support = [_label(a) for a in as_list(data.get("accessibilitySupport")) if _label(a)]
    if support:
        notes.append("Accessibility: " + ", ".join(support))
    return notes


def _moment(text: Any) -> datetime:
    moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"{text} has no time zone")
    return moment


def _name(value: Any) -> str:
    return str(value.get("name") or "") if isinstance(value, dict) else ""


def _label(value: Any) -> str:
    return str(value.get("prefLabel") or "").strip().lower() if isinstance(value, dict) else ""


def _concept(value: Any) -> str:
    """An activity's concept id: a URI of the OpenActive Activity List (or another scheme)."""
    return str(value.get("@id") or value.get("id") or "").strip() if isinstance(value, dict) else ""


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None
