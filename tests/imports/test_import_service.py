"""Importing into the catalogue: found by learners, never duplicated, the city team's edits
kept, all or nothing, and nothing of the city pack's touched."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from badge_core.citypack import export_pack, load_pack, read_pack
from badge_core.db import UnitOfWorkFactory
from badge_core.demo.openactive_feed import grow, write_feed
from badge_core.errors import InvalidRequest
from badge_core.imports.fetch import Fetcher, FetchFailed
from badge_core.matching.matcher import Match
from badge_core.models import Activity, ActivitySession, District, ImportSource, Venue
from badge_core.services.imports import SourceSpec, import_source
from badge_core.services.review import confirm_skills, edit_activity, to_review
from badge_core.services.search import find_activities
from tests.imports.conftest import FeedServer

REPO = Path(__file__).parents[2]
SAMPLE = str(REPO / "docs" / "providers-sample.csv")
NOW = datetime(2027, 1, 4, 9, tzinfo=UTC)  # a Monday, before every fixture's sessions


def run(uow: UnitOfWorkFactory, spec: SourceSpec, **options):  # type: ignore[no-untyped-def]
    return import_source(uow, "plymouth", spec, now=NOW, fetcher=Fetcher(backoff=0), **options)


def series_item(ident: str, data: dict[str, object]) -> dict[str, object]:
    """One SessionSeries as an RPDE feed page lists it."""
    return {"state": "updated", "kind": "SessionSeries", "id": ident, "modified": 1, "data": data}


def csv_spec(path: str = SAMPLE) -> SourceSpec:
    return SourceSpec("stonehouse", "csv", path)


def imported(uow: UnitOfWorkFactory) -> dict[str, Activity]:
    with uow() as unit:
        rows = unit.session.scalars(select(Activity).where(Activity.source_id.is_not(None)))
        return {a.external_id or "": a for a in rows}


def test_an_imported_activity_is_found_by_a_learner(uow: UnitOfWorkFactory) -> None:
    report = run(uow, csv_spec())
    assert sorted(report.added) == ["Beat making online", "Make a zine", "Skate jam"]
    hits = find_activities(uow, "plymouth", "skate", now=NOW).hits
    assert [h.title for h in hits][:1] == ["Skate jam"]


def test_a_second_import_changes_nothing_and_duplicates_nothing(uow: UnitOfWorkFactory) -> None:
    run(uow, csv_spec())
    again = run(uow, csv_spec())
    assert (again.added, again.updated, again.unchanged, again.removed) == ([], [], 3, [])
    assert again.sessions_written == 0
    assert len(imported(uow)) == 3


def test_a_changed_row_updates_and_a_dropped_row_withdraws(
    uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    run(uow, csv_spec())
    lines = Path(SAMPLE).read_text().splitlines()
    changed = [
        lines[0],
        lines[1].replace("Skate jam", "Skate jam and BBQ"),
        lines[2],
        lines[3],
        lines[4],
    ]
    edited = tmp_path / "edited.csv"
    edited.write_text("\n".join(changed) + "\n")
    report = run(uow, csv_spec(str(edited)))
    assert report.updated == ["Skate jam and BBQ"]
    assert report.removed == ["Beat making online"]
    assert sorted(a.title for a in imported(uow).values()) == ["Make a zine", "Skate jam and BBQ"]


def test_a_dry_run_reports_and_writes_nothing(uow: UnitOfWorkFactory) -> None:
    report = run(uow, csv_spec(), dry_run=True)
    assert len(report.added) == 3 and report.dry_run
    assert imported(uow) == {}
    with uow() as unit:
        assert unit.session.scalar(select(func.count()).select_from(ImportSource)) == 0


def test_the_teams_edit_is_kept_and_said_unless_told_to_overwrite(
    uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    run(uow, csv_spec())
    skate = imported(uow)["stonehouse-skate-1"]
    edit_activity(uow(), "plymouth", skate.key, title="Skate jam (helmets provided)")
    text = Path(SAMPLE).read_text().replace("Skate jam", "Skate Jam!!").replace("11,18", "11,16")
    changed = tmp_path / "changed.csv"
    changed.write_text(text)
    report = run(uow, csv_spec(str(changed)))
    assert report.kept_edits == [("Skate jam (helmets provided)", ["title"])]
    after = imported(uow)["stonehouse-skate-1"]
    assert (after.title, after.age_max) == ("Skate jam (helmets provided)", 16)
    run(uow, csv_spec(str(changed)), overwrite_edits=True)
    after = imported(uow)["stonehouse-skate-1"]
    assert (after.title, after.edited_fields) == ("Skate Jam!!", [])


def test_an_unconfirmed_activity_offers_no_badge_until_the_team_confirms(
    uow: UnitOfWorkFactory,
) -> None:
    run(uow, csv_spec())
    skate = imported(uow)["stonehouse-skate-1"]
    assert not skate.skills_confirmed
    assert [r.title for r in to_review(uow(), "plymouth")] == [
        "Skate jam",
        "Make a zine",
        "Beat making online",
    ]
    confirm_skills(uow(), "plymouth", skate.key, ["sport", "staying-positive"], ["game-on"])
    with uow() as unit:
        row = unit.session.get(Activity, skate.id)
        assert row is not None
        assert sorted(s.key for s in row.skills) == ["sport", "staying-positive"]
        assert [b.key for b in row.badges] == ["game-on"]
    assert "Skate jam" not in [r.title for r in to_review(uow(), "plymouth")]


def test_confirming_with_nothing_proposed_asks_for_skills(uow: UnitOfWorkFactory) -> None:
    run(uow, csv_spec())
    with pytest.raises(InvalidRequest, match="--skills"):
        confirm_skills(uow(), "plymouth", imported(uow)["online-beats-1"].key)


def test_the_pack_is_not_the_imports_and_the_imports_are_not_the_pack(
    uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    run(uow, csv_spec())
    load_pack(uow(), read_pack(REPO / "cities" / "plymouth"))  # reloading keeps them
    assert len(imported(uow)) == 3
    export_pack(uow(), "plymouth", tmp_path / "out")
    exported = (tmp_path / "out" / "activities.yaml").read_text()
    assert "Skate jam" not in exported and "code-club-central" in exported
    with pytest.raises(InvalidRequest, match="activities.yaml"):
        edit_activity(uow(), "plymouth", "code-club-central", title="x")


def test_an_unknown_provider_is_refused_before_reading(uow: UnitOfWorkFactory) -> None:
    with pytest.raises(InvalidRequest, match="no provider 'nobody'"):
        run(uow, SourceSpec("x", "csv", SAMPLE, provider="nobody"))


def test_items_outside_the_city_or_its_ages_are_skipped_with_reasons(
    uow: UnitOfWorkFactory, feeds: FeedServer
) -> None:
    report = run(uow, SourceSpec("leisure", "openactive", feeds.url + "/openactive/page-0.json"))
    reasons = dict(report.skipped)
    assert reasons["ss-over-50s"] == "for ages 50 and over, not 11-25"
    assert reasons["ss-exeter"] == "not in Plymouth's postcode districts (postcode: EX2 4AN)"
    assert reasons["sched-orphan"] == "a session of a series this source has not sent"
    assert sorted(report.added) == [
        "Junior Climbing Club",
        "Street dance taster day",
        "Wildcats girls' football",
    ]


def test_a_feed_is_read_on_from_its_cursor_touching_only_what_changed(
    uow: UnitOfWorkFactory, feeds: FeedServer
) -> None:
    spec = SourceSpec("leisure", "openactive", feeds.url + "/openactive/page-0.json")
    first = run(uow, spec)
    assert first.sessions_written >= 3  # the series' own dates and two scheduled sessions
    climb = imported(uow)["ss-climb"]
    with uow() as unit:
        sessions = unit.session.scalars(
            select(ActivitySession.external_id).where(ActivitySession.activity_id == climb.id)
        ).all()
    assert sorted(sessions) == ["sched-climb-1", "sched-climb-2"]  # the past one is not kept
    # the feed grows: the page the cursor points at now has three changes, then a last page
    page = feeds.root / "openactive" / "page-2.json"
    page.write_text(json.dumps({"next": "page-3.json", "items": [
        {"state": "updated", "kind": "SessionSeries", "id": "ss-girls-football", "modified": 2001,
         "data": {"@type": "SessionSeries", "name": "Wildcats girls' football (new time)",
                  "organizer": {"name": "Argyle Community Trust"},
                  "location": {"name": "Home Park 3G", "address": {"postalCode": "PL2 3DQ"}},
                  "ageRange": {"minValue": 11, "maxValue": 14}, "offers": [{"price": 0}]}},
        {"state": "deleted", "kind": "SessionSeries", "id": "ev-dance-day", "modified": 2002},
        {"state": "updated", "kind": "ScheduledSession", "id": "sched-climb-2", "modified": 2003,
         "data": {"@type": "ScheduledSession", "superEvent": "https://leisure.example/api/session-series/ss-climb",
                  "eventStatus": "https://schema.org/EventCancelled",
                  "startDate": "2027-01-13T17:00:00Z", "endDate": "2027-01-13T18:30:00Z"}},
    ]}))  # fmt: skip
    (feeds.root / "openactive" / "page-3.json").write_text('{"next": "page-3.json", "items": []}')
    feeds.requests.clear()
    second = run(uow, spec)
    assert [r.split("?")[0] for r in feeds.requests] == [
        "/openactive/page-2.json",
        "/openactive/page-3.json",
    ]
    assert (second.added, second.updated, second.removed) == (
        [], ["Wildcats girls' football (new time)"], ["Street dance taster day"])  # fmt: skip
    assert second.unchanged == 0 and second.sessions_removed == 1
    with uow() as unit:
        source = unit.session.scalar(select(ImportSource).where(ImportSource.key == "leisure"))
        assert source is not None and source.cursor == feeds.url + "/openactive/page-3.json"
        assert source.last_report["updated"] == 1


def test_a_feed_that_breaks_half_way_writes_nothing(
    uow: UnitOfWorkFactory, feeds: FeedServer
) -> None:
    (feeds.root / "openactive" / "page-1.json").write_text("<html>oops</html>")
    with pytest.raises(FetchFailed):
        run(uow, SourceSpec("leisure", "openactive", feeds.url + "/openactive/page-0.json"))
    assert imported(uow) == {}


def test_an_ical_calendar_imports_its_sessions(uow: UnitOfWorkFactory) -> None:
    calendar = str(Path(__file__).parent / "fixtures" / "ical" / "devonport.ics")
    report = import_source(
        uow, "plymouth", SourceSpec("devonport", "ical", calendar),
        now=datetime(2027, 3, 1, tzinfo=UTC), fetcher=Fetcher(),
    )  # fmt: skip
    assert sorted(report.added) == ["Film making workshop", "Youth Club (Thursdays)"]
    club = imported(uow)["youth-club@devonport.example"]
    with uow() as unit:
        count = unit.session.scalar(
            select(func.count()).where(ActivitySession.activity_id == club.id)
        )
    assert count == 7


def test_a_5000_item_feed_imports_whole_then_only_its_changes(
    uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    first_page = write_feed(tmp_path / "big", 5000)
    spec = SourceSpec("big", "openactive", str(first_page))
    full = run(uow, spec)
    assert (len(full.added), full.skipped) == (5000, [])
    grow(tmp_path / "big", list(range(0, 5000, 100)))  # 1% changed
    again = run(uow, spec)
    assert (len(again.added), len(again.updated), again.unchanged) == (0, 50, 0)
    assert len(imported(uow)) == 5000


@pytest.mark.parametrize("key", ["Stone House", "a" * 49, "", "x:y"])
def test_a_source_key_that_could_not_name_rows_is_refused_first(
    uow: UnitOfWorkFactory, key: str
) -> None:
    with pytest.raises(InvalidRequest, match="lowercase letters"):
        run(uow, SourceSpec(key, "csv", SAMPLE))
    assert imported(uow) == {}


def test_an_event_whose_own_dates_and_sub_event_coincide_imports_both(
    uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    when = {"startDate": "2027-02-06T10:00:00Z", "endDate": "2027-02-06T12:00:00Z"}
    event = {
        "@type": "Event", "name": "Skate day", "organizer": {"name": "Skate Trust"},
        "location": {"name": "Park", "address": {"postalCode": "PL1 3EZ"}}, **when,
        "subEvent": [{"@type": "ScheduledSession", "@id": "sub-1", **when}],
    }  # fmt: skip
    page = tmp_path / "page-0.json"
    page.write_text(json.dumps({"next": "page-0.json", "items": [
        {"state": "updated", "kind": "Event", "id": "ev-1", "modified": 1, "data": event}]}))  # fmt: skip
    spec = SourceSpec("skate", "openactive", str(page))
    assert run(uow, spec).sessions_written == 2
    page.write_text(json.dumps({"next": "page-0.json", "items": []}))
    assert (run(uow, spec).sessions_written, len(imported(uow))) == (0, 1)


def test_a_place_with_no_postcode_goes_to_the_nearest_district_within_reach(
    uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    def series(ident: str, lat: float, lon: float) -> dict[str, object]:
        data = {"@type": "SessionSeries", "name": f"Run club {ident}", "organizer": {"name": "Run"},
                "location": {"name": "Path", "geo": {"latitude": lat, "longitude": lon}}}  # fmt: skip
        return series_item(ident, data)

    page = tmp_path / "page-0.json"
    items = [series("hoe", 50.3640, -4.1420), series("exeter", 50.7184, -3.5339)]
    page.write_text(json.dumps({"next": "page-0.json", "items": items}))
    report = run(uow, SourceSpec("runs", "openactive", str(page)))
    assert report.added == ["Run club hoe"]
    assert dict(report.skipped)["exeter"].startswith("not in Plymouth's postcode districts")
    with uow() as unit:
        venue = unit.session.scalars(select(Venue).where(Venue.source_id.is_not(None))).one()
        assert unit.session.get_one(District, venue.district_id).code == "PL1"


SWIMMING = "https://openactive.io/activity-list#6ca15167-51da-4d45-a5e6-b2e3fa2b8d4b"


def test_skills_confirmed_for_one_concept_are_proposed_for_the_rest_of_it(
    uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    def series(ident: str, name: str, concept: str, label: str) -> dict[str, object]:
        data = {"@type": "SessionSeries", "name": name, "organizer": {"name": "Life Centre"},
                "location": {"name": "Pool", "address": {"postalCode": "PL2 3DG"}},
                "activity": [{"@id": concept, "@type": "Concept", "prefLabel": label}]}  # fmt: skip
        return series_item(ident, data)

    page = tmp_path / "page-0.json"
    items = [
        series("s1", "Junior squad", SWIMMING, "Swimming"),
        series("s2", "Splash & dash", SWIMMING, "Swimming"),
        series("c1", "Wall club", "https://openactive.io/activity-list#climb", "Climbing"),
    ]
    page.write_text(json.dumps({"next": "page-0.json", "items": items}))

    def matcher_misreads(texts: Sequence[str]) -> list[list[Match]]:
        return [[Match("creativity", "Creativity", 0.31)] for _ in texts]

    run(uow, SourceSpec("leisure", "openactive", str(page)), propose=matcher_misreads)
    assert imported(uow)["s1"].concepts == [SWIMMING]

    def proposed() -> dict[str, list[tuple[str, float]]]:
        return {
            row.title: [(p.key, p.score) for p in row.proposed]
            for row in to_review(uow(), "plymouth")
        }

    assert proposed()["Splash & dash"] == [("creativity", 0.31)]
    confirm_skills(uow(), "plymouth", imported(uow)["s1"].key, ["sport", "staying-positive"])
    # the other swimming series now proposes what the team chose for the first, first
    assert proposed() == {
        "Splash & dash": [("sport", 1.0), ("staying-positive", 1.0), ("creativity", 0.31)],
        "Wall club": [("creativity", 0.31)],  # another concept: the matcher's alone
    }
    assert confirm_skills(uow(), "plymouth", imported(uow)["s2"].key) == [
        "sport",
        "staying-positive",
        "creativity",
    ]
