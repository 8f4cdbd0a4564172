"""The badge core's tests run on SQLite and on PostgreSQL: every test that takes the demo
city's database (``plymouth_db_url``, and so ``uow`` and ``settings``) runs once on each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from badge_core.db import UnitOfWorkFactory
from badge_core.outbound.worker import Worker, channels_from_env
from tests import pg
from tests.conftest import SECRET, _copy_db
from tests.e2e.fake_apis import FakeApis, channel_env


@pytest.fixture(scope="session")
def pg_plymouth_template() -> Iterator[str]:
    yield from pg.plymouth_template()


@pytest.fixture(params=["sqlite", "postgresql"])
def plymouth_db_url(
    request: pytest.FixtureRequest, plymouth_db_template: Path, tmp_path: Path
) -> Iterator[str]:
    if request.param == "sqlite":
        yield _copy_db(plymouth_db_template, tmp_path)
        return
    template = request.getfixturevalue("pg_plymouth_template")
    with pg.copy_of(template) as url:
        yield url


@pytest.fixture
def apis(fake_apis: FakeApis) -> Iterator[FakeApis]:
    """The fake Telegram and Twilio APIs, with nothing sent before or after the test."""
    fake_apis.clear()
    yield fake_apis
    fake_apis.clear()


@pytest.fixture
def worker(uow: UnitOfWorkFactory, apis: FakeApis) -> Iterator[Worker]:
    """The outbox worker, sending to the fake APIs."""
    with httpx.Client() as client:
        yield Worker(uow, SECRET, channels_from_env(channel_env(apis), client))
