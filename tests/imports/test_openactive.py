"""Reading an OpenActive RPDE feed: pages followed to the end, the cursor kept, deletions,
sessions, and every item that cannot be used reported with its reason."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time

import pytest

from badge_core.imports.fetch import Fetcher, FetchFailed
from badge_core.imports.openactive import read_feed
from badge_core.imports.records import Deleted, WeeklyTime
from tests.imports.conftest import FeedServer


def read(feeds: FeedServer, start: str = "/openactive/page-0.json"):  # type: ignore[no-untyped-def]
    with Fetcher(backoff=0) as fetcher:
        return read_feed(fetcher.read, feeds.url + start)


def test_every_page_is_read_and_the_cursor_is_the_last_pages_next(feeds: FeedServer) -> None:
    batch = read(feeds)
    assert batch.cursor == feeds.url + "/openactive/page-2.json"
    assert [r.split("?")[0] for r in feeds.requests] == [
        "/openactive/page-0.json",
        "/openactive/page-1.json",
        "/openactive/page-2.json",
    ]
    titles = {a.external_id: a.title for a in batch.activities}
    assert titles == {
        "ss-climb": "Junior Climbing Club",
        "ss-girls-football": "Wildcats girls' football",
        "ev-dance-day": "Street dance taster day",
        "ss-over-50s": "Walking netball for over 50s",
        "ss-exeter": "Exeter junior swim",
    }
    assert batch.deleted == [Deleted("ss-never-seen")]


def test_a_series_maps_ages_price_place_schedule_and_restrictions(feeds: FeedServer) -> None:
    batch = read(feeds)
    climb = next(a for a in batch.activities if a.external_id == "ss-climb")
    assert (climb.age_min, climb.age_max, climb.cost_pence) == (11, 17, 650)
    assert climb.place is not None and climb.place.district == "PL2"
    assert (climb.place.lat, climb.place.lon) == (50.3826, -4.1416)
    assert climb.organiser == "Plymouth Leisure Trust"
    assert climb.tags == ["climbing"]
    # the Activity List concept itself, so what the team confirms for it carries over
    assert climb.concepts == [
        "https://openactive.io/activity-list#bf1a5e00-cdcf-465d-8c5a-6f57040b7f7e"
    ]
    assert climb.weekly == [WeeklyTime(2, time(17, 0), time(18, 30))]
    assert climb.notes == ["Accessibility: wheelchair accessible changing"]
    football = next(a for a in batch.activities if a.external_id == "ss-girls-football")
    assert football.cost_pence == 0
    assert football.notes == ["Girls and women only"]


def test_sessions_name_their_series_and_keep_their_time_zone(feeds: FeedServer) -> None:
    batch = read(feeds)
    sessions = {s.external_id: s for s in batch.sessions}
    assert sessions["sched-climb-2"].parent.endswith("/ss-climb")
    assert sessions["sched-climb-2"].starts_at == datetime(2027, 1, 13, 17, tzinfo=UTC)
    dance = next(a for a in batch.activities if a.external_id == "ev-dance-day")
    assert dance.sessions[0].starts_at.astimezone(UTC) == datetime(2027, 4, 3, 9, tzinfo=UTC)


def test_items_it_cannot_use_are_reported_with_a_reason(feeds: FeedServer) -> None:
    reasons = dict((s.external_id, s.reason) for s in read(feeds).skipped)
    assert reasons["ss-broken"] == "could not read it: no name"
    assert "not an activity" in reasons["slot-court-1"]


def test_a_broken_page_fails_the_whole_read(feeds: FeedServer) -> None:
    (feeds.root / "openactive" / "page-1.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(FetchFailed, match="not an RPDE page"):
        read(feeds)


def test_a_server_that_fails_twice_is_retried(feeds: FeedServer) -> None:
    feeds.fail["/openactive/page-1.json"] = [503, 429]
    assert len(read(feeds).activities) == 5


def test_a_server_that_keeps_failing_is_given_up_on(feeds: FeedServer) -> None:
    feeds.fail["/openactive/page-1.json"] = [503, 503, 503]
    with pytest.raises(FetchFailed, match="503"):
        read(feeds)


def test_a_page_over_the_size_limit_is_refused(feeds: FeedServer) -> None:
    page = {
        "next": "page-1.json",
        "items": [{"state": "deleted", "id": f"x{i}"} for i in range(2000)],
    }
    (feeds.root / "openactive" / "page-0.json").write_text(json.dumps(page), encoding="utf-8")
    with (
        Fetcher(max_bytes=10_000, backoff=0) as fetcher,
        pytest.raises(FetchFailed, match="larger"),
    ):
        read_feed(fetcher.read, feeds.url + "/openactive/page-0.json")


def test_a_missing_page_says_so(feeds: FeedServer) -> None:
    with pytest.raises(FetchFailed, match="404"):
        read(feeds, "/openactive/nowhere.json")
