"""The badge core's tests run on SQLite and on PostgreSQL: every test that takes the demo
city's database (``plymouth_db_url``, and so ``uow`` and ``settings``) runs once on each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pg
from tests.conftest import _copy_db


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
