"""What's on: weekly schedules become dated sessions in the city's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from badge_core.citypack import load_pack, read_pack
from badge_core.db import UnitOfWorkFactory
from badge_core.services.catalogue import whats_on
from tests.core.packs import small_pack, write_pack


def load_small(uow: UnitOfWorkFactory, tmp_path: Path) -> None:
    load_pack(uow(), read_pack(write_pack(tmp_path / "pack", small_pack())))


def test_a_weekly_session_recurs_every_week(empty_uow: UnitOfWorkFactory, tmp_path: Path) -> None:
    load_small(empty_uow, tmp_path)
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    summary = whats_on(empty_uow(), "testville", now=monday, days=14)
    saturdays = [o.starts_at for o in summary.next_up if o.activity_key == "football"]
    # Saturday 10:00 in London is 10:00 UTC in winter
    assert saturdays == [
        datetime(2026, 11, 28, 10, 0, tzinfo=UTC),
        datetime(2026, 12, 5, 10, 0, tzinfo=UTC),
    ]
    assert (summary.activity_count, summary.session_count) == (1, 2)


def test_local_times_follow_british_summer_time(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    load_small(empty_uow, tmp_path)
    summary = whats_on(empty_uow(), "testville", now=datetime(2027, 6, 1, tzinfo=UTC), days=7)
    assert summary.next_up[0].starts_at == datetime(2027, 6, 5, 9, 0, tzinfo=UTC)  # 10:00 BST


def test_one_off_sessions_count_only_in_their_week(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    load_small(empty_uow, tmp_path)
    in_week = whats_on(empty_uow(), "testville", now=datetime(2027, 2, 27, tzinfo=UTC), days=7)
    assert {o.activity_key for o in in_week.next_up} == {"football", "peer-support"}
    later = whats_on(empty_uow(), "testville", now=datetime(2027, 3, 2, tzinfo=UTC), days=7)
    assert "peer-support" not in {o.activity_key for o in later.next_up}


def test_a_session_already_running_still_counts(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    load_small(empty_uow, tmp_path)
    half_time = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)
    summary = whats_on(empty_uow(), "testville", now=half_time, days=1)
    assert summary.session_count == 1


def test_the_demo_city_always_has_plenty_on(uow: UnitOfWorkFactory) -> None:
    for weeks_ahead in (0, 20, 52):
        now = datetime.now(UTC) + timedelta(weeks=weeks_ahead)
        assert whats_on(uow(), "plymouth", now=now).activity_count >= 40


def test_a_phone_number_typed_into_a_search_is_never_logged(uow: UnitOfWorkFactory) -> None:
    from sqlalchemy import select

    from badge_core.models import Event
    from badge_core.services.search import find_activities

    find_activities(uow, "plymouth", "football call me on 07700 900123 or 07700900123")
    with uow() as unit:
        logged = [
            str(e.data) for e in unit.session.scalars(select(Event).where(Event.kind == "search"))
        ]
    assert logged and not any("900123" in entry or "07700" in entry for entry in logged)


def test_the_whole_request_is_the_interest_not_a_fragment_the_nlu_tagged(
    uow: UnitOfWorkFactory,
) -> None:
    from badge_core.queries.snapshot import city_snapshot
    from badge_core.services.search import build_query

    with uow().reading() as unit:
        city = city_snapshot(unit, "plymouth")
    query = build_query(
        city, "making beats near PL1 this weekend", interest="making", location="PL1"
    )
    assert (query.interest, query.district, query.window.label) == (
        "making beats",
        "PL1",
        "this weekend",
    )
