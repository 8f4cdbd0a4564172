"""The CSV template for small providers (docs/providers-csv.md): one row per session time; rows
with the same id are one activity."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from badge_core.imports.records import (
    Batch,
    ImportedActivity,
    Place,
    SessionTime,
    Skipped,
    WeeklyTime,
    ages_in,
    pence,
)
from badge_core.imports.times import clock, day_of, weekday

COLUMNS = [
    "id", "title", "description", "organiser", "venue", "address", "postcode", "online",
    "age_min", "age_max", "cost", "day", "date", "start", "end", "tags", "booking",
]  # fmt: skip
REQUIRED = {"id", "title"}


def read_csv(data: bytes, tz: ZoneInfo) -> Batch:
    rows = _rows(data)
    batch = Batch()
    if not rows:
        batch.skipped.append(Skipped("(file)", "no rows, or no header row"))
        return batch
    missing = REQUIRED - set(rows[0])
    if missing:
        batch.skipped.append(
            Skipped("(file)", f"the header has no {', '.join(sorted(missing))} column")
        )
        return batch
    found: dict[str, ImportedActivity] = {}
    broken: set[str] = set()
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        ident = row.get("id", "")  # cells come stripped (_rows)
        if not ident:
            batch.skipped.append(Skipped(f"row {number}", "no id"))
            continue
        if ident in broken:
            continue
        try:
            activity = found.get(ident) or _activity(ident, row)
            _add_time(activity, row, tz)
        except ValueError as error:
            batch.skipped.append(Skipped(ident, f"row {number}: {error}"))
            broken.add(ident)
            found.pop(ident, None)
            continue
        found[ident] = activity
    batch.activities = list(found.values())
    return batch


def _rows(data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # saved from Excel
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if reader.fieldnames:
        reader.fieldnames = [
            (name or "").strip().lower().replace(" ", "_") for name in reader.fieldnames
        ]
    return [
        {key: (value or "").strip() for key, value in row.items() if key}
        for row in reader
        if any((value or "").strip() for value in row.values() if isinstance(value, str))
    ]


def _activity(ident: str, row: dict[str, str]) -> ImportedActivity:
    title = row.get("title", "")
    if not title:
        raise ValueError("no title")
    online = row.get("online", "").lower() in {"yes", "y", "true", "1", "online"}
    postcode = row.get("postcode", "")
    if not online and not postcode:
        raise ValueError("no postcode, and not marked online")
    age_min, age_max = _ages(row)
    return ImportedActivity(
        external_id=ident,
        title=title,
        description=row.get("description", ""),
        organiser=row.get("organiser", ""),
        place=None
        if online and not postcode
        else Place(row.get("venue", "") or title, row.get("address", ""), postcode),
        online=online,
        age_min=age_min,
        age_max=age_max,
        cost_pence=pence(row.get("cost", "")),
        tags=[
            t.strip().lower() for t in row.get("tags", "").replace(",", ";").split(";") if t.strip()
        ],
        booking=row.get("booking", ""),
    )


def _ages(row: dict[str, str]) -> tuple[int | None, int | None]:
    low, high = row.get("age_min", ""), row.get("age_max", "")
    if not low and not high:
        return ages_in(row.get("description", "") + " " + row.get("title", ""))
    try:
        return (int(low) if low else None), (int(high) if high else None)
    except ValueError:
        raise ValueError(f"ages {low!r} to {high!r} are not whole numbers") from None


def _add_time(activity: ImportedActivity, row: dict[str, str], tz: ZoneInfo) -> None:
    day, on, start, end = (
        row.get("day", ""),
        row.get("date", ""),
        row.get("start", ""),
        row.get("end", ""),
    )
    if not (day or on or start or end):
        return  # details only; a time may come on another row
    starts, ends = clock(start), clock(end)
    if starts is None or ends is None:
        raise ValueError(f"start {start!r} and end {end!r} must be times like 16:00 or 4pm")
    if ends <= starts:
        raise ValueError(f"ends ({end}) before it starts ({start})")
    if on:
        when = day_of(on)
        if when is None:
            raise ValueError(f"date {on!r} is not like 2027-01-09 or 09/01/2027")
        activity.sessions.append(
            SessionTime(
                datetime.combine(when, starts, tzinfo=tz), datetime.combine(when, ends, tzinfo=tz)
            )
        )
        return
    index = weekday(day)
    if index is None:
        raise ValueError(f"day {day!r} is not a day of the week")
    activity.weekly.append(WeeklyTime(index, starts, ends))
