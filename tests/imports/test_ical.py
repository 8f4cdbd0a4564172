"""Reading a youth club's calendar: recurring sessions with their exceptions, moved and
cancelled dates, daylight saving, and what cannot be an activity reported."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from badge_core.imports.ical import read_ical

CALENDAR = (Path(__file__).parent / "fixtures" / "ical" / "devonport.ics").read_bytes()
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2027, 3, 1, 9, tzinfo=UTC)


def club():  # type: ignore[no-untyped-def]
    batch = read_ical(CALENDAR, LONDON, NOW)
    return next(a for a in batch.activities if a.external_id == "youth-club@devonport.example")


def test_a_weekly_event_becomes_its_dates_less_exceptions_and_cancellations() -> None:
    local = [s.starts_at.astimezone(LONDON).strftime("%d/%m %H:%M") for s in club().sessions]
    # 1 April is an EXDATE, 25 March cancelled, 18 March moved to 19:00; until 29 April
    assert local == ["04/03 18:00", "11/03 18:00", "18/03 19:00", "08/04 18:00", "15/04 18:00",
                     "22/04 18:00", "29/04 18:00"]  # fmt: skip


def test_the_local_time_holds_across_the_clock_change() -> None:
    utc_hours = {s.starts_at.astimezone(UTC).hour for s in club().sessions}
    assert utc_hours == {18, 19, 17}  # 18:00 GMT, the moved 19:00, then 18:00 BST is 17:00 UTC


def test_details_come_from_the_event_and_the_calendar() -> None:
    activity = club()
    assert activity.title == "Youth Club (Thursdays)"
    assert (activity.age_min, activity.age_max) == (11, 16)
    assert activity.place is not None and activity.place.district == "PL1"
    assert activity.organiser == "Devonport Youth Hub"
    assert activity.tags == ["youth club", "games"]
    assert "hot snack" in activity.description


def test_an_online_one_off_is_an_online_activity_with_one_session() -> None:
    batch = read_ical(CALENDAR, LONDON, NOW)
    film = next(a for a in batch.activities if a.external_id == "film-night@devonport.example")
    assert film.online and film.place is not None and film.booking.endswith("/film")
    assert [s.starts_at for s in film.sessions] == [datetime(2027, 3, 13, 14, tzinfo=UTC)]


def test_what_cannot_be_an_activity_is_reported() -> None:
    reasons = {s.external_id: s.reason for s in read_ical(CALENDAR, LONDON, NOW).skipped}
    assert reasons == {
        "half-term@devonport.example": "an all-day event, with no session time",
        "old-party@devonport.example": "no dates from now on",
        "Event with no UID": "no UID",
    }


def test_sessions_reach_twelve_weeks_ahead_and_move_on() -> None:
    later = read_ical(CALENDAR, LONDON, datetime(2027, 4, 10, tzinfo=UTC))
    dates = [s.starts_at.date().isoformat() for s in later.activities[0].sessions]
    assert dates == ["2027-04-15", "2027-04-22", "2027-04-29"]


def test_something_that_is_not_a_calendar_is_reported_not_raised() -> None:
    batch = read_ical(b"hello, not a calendar", LONDON, NOW)
    assert batch.activities == [] and batch.skipped[0].reason.startswith("not an iCal calendar")
