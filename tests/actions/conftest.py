"""Fixtures for the action tests: the actions' runtime pointed at a test database."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from actions import runtime
from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from tests.conftest import SECRET


@pytest.fixture
def use_database(request: pytest.FixtureRequest) -> Iterator[Callable[[str], UnitOfWorkFactory]]:
    """Install a database as the actions' runtime; returns its unit-of-work factory."""

    def install(url: str) -> UnitOfWorkFactory:
        engine = make_engine(url)
        request.addfinalizer(engine.dispose)
        factory = unit_of_work_factory(engine)
        runtime.use(runtime.Runtime(Settings(database_url=url, secret_key=SECRET), factory))
        return factory

    yield install
    runtime.use(None)


@pytest.fixture
def db(use_database: Callable[[str], UnitOfWorkFactory], plymouth_db_url: str) -> UnitOfWorkFactory:
    """The actions' runtime on a fresh copy of the demo city; the same factory, for checks."""
    return use_database(plymouth_db_url)
