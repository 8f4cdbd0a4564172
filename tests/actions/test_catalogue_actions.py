"""The what's-on action, run with rasa-sdk's own Tracker and CollectingDispatcher."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import runtime
from actions.catalogue import ActionWhatsOn
from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.services.catalogue import whats_on
from tests.conftest import SECRET


def tracker(text: str, intent: str) -> Tracker:
    return Tracker(
        sender_id="unit-test",
        slots={},
        latest_message={"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run_action(action, text: str, intent: str) -> tuple[list[str], list[dict]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker(text, intent), {}))
    return [m["text"] for m in dispatcher.messages], events


@pytest.fixture
def use_database(request) -> Iterator[UnitOfWorkFactory]:
    def install(url: str) -> UnitOfWorkFactory:
        engine = make_engine(url)
        request.addfinalizer(engine.dispose)
        factory = unit_of_work_factory(engine)
        runtime.use(runtime.Runtime(Settings(database_url=url, secret_key=SECRET), factory))
        return factory

    yield install
    runtime.use(None)


def test_whats_on_counts_this_weeks_activities(use_database, plymouth_db_url: str) -> None:
    uow = use_database(plymouth_db_url)
    texts, events = run_action(ActionWhatsOn(), "what's on?", "whats_on")
    count = whats_on(uow(), "plymouth").activity_count
    assert count >= 40
    assert texts == [f"There are {count} activities on in Plymouth in the next 7 days."]
    assert events == []


def test_whats_on_in_a_city_with_nothing_this_week(use_database, empty_db_url: str, tmp_path: Path) -> None:
    from badge_core.citypack import load_pack, read_pack
    from tests.core.packs import small_pack, write_pack

    docs = small_pack()
    docs["city"]["slug"] = "plymouth"  # the default city, whose only session is long past
    docs["activities"]["activities"].pop(0)
    docs["activities"]["activities"][0]["sessions"] = [
        {"start": "2020-03-01T18:00", "end": "2020-03-01T19:30"}
    ]
    uow = use_database(empty_db_url)
    load_pack(uow(), read_pack(write_pack(tmp_path / "pack", docs)))
    texts, _ = run_action(ActionWhatsOn(), "what's on?", "whats_on")
    assert texts == ["Nothing is on in Testville in the next 7 days, sorry."]
