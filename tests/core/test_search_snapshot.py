"""The search snapshot: read once per pack load, refreshed by the next load, same results.

Searches read a city's districts, time zone and activities from a snapshot held per process
(``badge_core.queries.snapshot``). These tests load a changed pack into a process whose
snapshot is warm and check that the very next search sees the change, and that searching
the held snapshot gives what a fresh read of the database gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from badge_core.citypack import load_pack, read_pack
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.demo import ANYTHING, INTERESTS, TEMPLATES, TIME_WORDS, UNMET_INTERESTS
from badge_core.models import City
from badge_core.queries.cities import get_city
from badge_core.queries.snapshot import city_snapshot, read_snapshot
from badge_core.services.catalogue import sessions_between
from badge_core.services.learners import register_learner
from badge_core.services.places import district_in
from badge_core.services.search import (
    build_query,
    find_activities,
    lexical_scorer,
    matching_activities,
)
from colbot_shared.identity import identity_hash
from tests.conftest import SECRET, selects
from tests.core.packs import small_pack, write_pack

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # football is on Saturdays at 10:00
Reload = Callable[[Callable[[dict[str, Any]], object]], None]
Testville = tuple[UnitOfWorkFactory, Reload]


@pytest.fixture
def testville(empty_uow: UnitOfWorkFactory, tmp_path: Path) -> Testville:
    """The small pack loaded, and a function that edits the pack and loads it again."""
    docs = small_pack()
    load_pack(empty_uow(), read_pack(write_pack(tmp_path / "v1", docs)))

    def reload(edit: Callable[[dict[str, Any]], object]) -> None:
        edit(docs)
        load_pack(empty_uow(), read_pack(write_pack(tmp_path / "v2", docs)))

    return empty_uow, reload


def _football(docs: dict[str, Any]) -> dict[str, Any]:
    return docs["activities"]["activities"][0]


def test_a_renamed_activity_is_found_by_the_next_search(testville: Testville) -> None:
    uow, reload = testville
    assert find_activities(uow, "testville", "football", now=MONDAY).exact  # the snapshot is warm
    assert find_activities(uow, "testville", "robotics", now=MONDAY).relaxed == ["what"]

    reload(lambda docs: _football(docs).update(title="Underwater Robotics"))

    result = find_activities(uow, "testville", "robotics", now=MONDAY)
    assert result.exact and [hit.title for hit in result.hits] == ["Underwater Robotics"]


def test_a_moved_session_is_found_on_its_new_day(testville: Testville) -> None:
    uow, reload = testville
    before = find_activities(uow, "testville", "football on wednesday", now=MONDAY)
    assert before.relaxed == ["when"]

    wednesday = [{"day": "wednesday", "start": "17:00", "end": "18:00"}]
    reload(lambda docs: _football(docs).update(schedule=wednesday))

    result = find_activities(uow, "testville", "football on wednesday", now=MONDAY)
    assert result.exact and result.hits[0].starts_at == datetime(2026, 11, 25, 17, 0, tzinfo=UTC)


def test_a_new_area_name_is_known_after_the_load(testville: Testville) -> None:
    uow, reload = testville

    def district(text: str) -> str | None:  # as a learner's answer is read (settle_district)
        with uow().reading() as unit:
            return district_in(city_snapshot(unit, "testville").districts, text)

    assert district("mutley") is None

    reload(lambda docs: docs["places"]["districts"][1].update(name="Lipson, Mutley"))

    assert district("mutley") == "PL4"


def test_the_version_changes_with_the_data_and_only_then(testville: Testville) -> None:
    uow, reload = testville

    def version() -> str | None:
        with uow() as unit:
            return get_city(unit, "testville").index_version

    first = version()
    assert first is not None
    reload(lambda docs: None)
    assert version() == first
    reload(lambda docs: _football(docs).update(cost_pence=250))
    assert version() != first


def _queries() -> list[str]:
    interests = [i for i, _ in INTERESTS] + [i for i, _ in UNMET_INTERESTS]
    texts = list(ANYTHING)
    for n, interest in enumerate(interests):
        text = TEMPLATES[n % len(TEMPLATES)].format(x=interest)
        texts.append(text)
        texts.append(f"{text} {TIME_WORDS[n % len(TIME_WORDS)]}")
        texts.append(f"free {text} in PL{n % 9 + 1}")
        texts.append(f"{text} near mutley")
    return texts


def test_searching_the_held_snapshot_gives_what_a_fresh_read_gives(uow: UnitOfWorkFactory) -> None:
    now = datetime(2026, 3, 27, 16, 30, tzinfo=UTC)  # the clocks go forward in the window
    with uow() as unit:
        held = city_snapshot(unit, "plymouth")
        assert city_snapshot(unit, "plymouth") is held
        fresh = read_snapshot(unit.session, get_city(unit, "plymouth"))
    assert fresh is not held
    for text in _queries():
        for age_band, home in ((None, None), ("13-15", "PL2"), ("under-13", "PL9")):
            query = build_query(held, text, age_band=age_band, home_district=home, now=now)
            anywhere = replace(query, window=None, district=None)
            for asked in (query, replace(query, window=None), anywhere):
                on_held = matching_activities(held, asked, now, lexical_scorer)
                on_fresh = matching_activities(fresh, asked, now, lexical_scorer)
                assert on_held == on_fresh, (text, asked)
    for days in (1, 3, 14, 28):
        start = now + timedelta(hours=days)
        end = start + timedelta(days=days)
        assert sessions_between(held, start, end) == sessions_between(fresh, start, end)


@pytest.fixture
def engine(plymouth_db_url: str) -> Iterator[Engine]:
    engine = make_engine(plymouth_db_url)
    yield engine
    engine.dispose()


def test_a_search_reads_the_catalogue_once_per_load_and_then_only_the_citys_version(
    engine: Engine,
) -> None:
    uow = unit_of_work_factory(engine)
    find_activities(uow, "plymouth", "football near mutley this weekend", now=MONDAY)  # warm
    with selects() as reads:
        result = find_activities(uow, "plymouth", "coding in PL1 on saturday", now=MONDAY)

    assert result.hits
    assert len(reads) == 1 and f"FROM {City.__tablename__}" in reads[0], reads


def test_a_search_with_a_topic_reads_nothing_of_the_learners_profile(engine: Engine) -> None:
    """Their interests and badges rank only a search with no topic ("what's on for you")."""
    uow = unit_of_work_factory(engine)
    register_learner(uow(), SECRET, "plymouth", "rest", "snapshot-1", interests=["music"])
    who = identity_hash(SECRET, "rest", "snapshot-1")
    find_activities(
        uow, "plymouth", "football near mutley", identity=who, channel="rest", now=MONDAY
    )  # warm
    with selects() as reads:
        find_activities(uow, "plymouth", "coding in PL1", identity=who, channel="rest", now=MONDAY)
    assert not [r for r in reads if "FROM awards" in r or "learners.interests" in r], reads
    with selects() as reads:
        find_activities(uow, "plymouth", "what's on", identity=who, channel="rest", now=MONDAY)
    assert [r for r in reads if "FROM awards" in r or "learners.interests" in r], reads
