"""Shared fixtures: real SQLite files, migrated with Alembic, with or without the demo city.

Migrating and loading Plymouth happen once per test run into template files; each test gets
its own copy, so tests never share state.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from badge_core import migrate
from badge_core.citypack import load_pack, read_pack
from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory

REPO = Path(__file__).resolve().parent.parent
PLYMOUTH = REPO / "cities" / "plymouth"
# Strong enough for check_secret_key: the end-to-end servers run with channels configured.
SECRET = "tEsT-0nly_kEy-9fQ2xLw7Rb4ZpV1mN8sKc3HjY6dGa5Tu"
# What the Rasa server shows the action server (actions/server.py).
ACTION_SECRET = "test-action-secret-5c1d9e7a2b8f4036a9e1d7c2"
# What the web chat and the tests show the Rasa server's REST channel (bot/channels/rest.py).
REST_SECRET = "test-rest-secret-0a7e3c9b5d1f48e6b2c4a8d0"


@contextmanager
def selects() -> Iterator[list[str]]:
    """The SELECT statements any engine runs inside the block, in order (for tests that a
    service reads what it should and no more)."""
    seen: list[str] = []

    def note(_connection: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(Engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", note)


def tables_read(statements: list[str]) -> list[str]:
    """The first table each SELECT reads from."""
    return [re.findall(r"FROM (\w+)", s)[0] for s in statements]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def empty_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("templates") / "empty.db"
    migrate.upgrade(sqlite_url(path))
    return path


@pytest.fixture(scope="session")
def plymouth_db_template(tmp_path_factory: pytest.TempPathFactory, empty_db_template: Path) -> Path:
    path = tmp_path_factory.mktemp("templates") / "plymouth.db"
    shutil.copy(empty_db_template, path)
    engine = make_engine(sqlite_url(path))
    load_pack(unit_of_work_factory(engine)(), read_pack(PLYMOUTH))
    engine.dispose()
    return path


def _copy_db(template: Path, tmp_path: Path) -> str:
    path = tmp_path / "colbot.db"
    shutil.copy(template, path)
    return sqlite_url(path)


@pytest.fixture
def empty_db_url(empty_db_template: Path, tmp_path: Path) -> str:
    return _copy_db(empty_db_template, tmp_path)


@pytest.fixture
def plymouth_db_url(plymouth_db_template: Path, tmp_path: Path) -> str:
    return _copy_db(plymouth_db_template, tmp_path)


def _factory(url: str) -> Iterator[UnitOfWorkFactory]:
    engine = make_engine(url)
    yield unit_of_work_factory(engine)
    engine.dispose()


@pytest.fixture
def empty_uow(empty_db_url: str) -> Iterator[UnitOfWorkFactory]:
    """A unit-of-work factory on a migrated, empty database."""
    yield from _factory(empty_db_url)


@pytest.fixture
def uow(plymouth_db_url: str) -> Iterator[UnitOfWorkFactory]:
    """A unit-of-work factory on a database with the demo city loaded."""
    yield from _factory(plymouth_db_url)


@pytest.fixture
def settings(plymouth_db_url: str) -> Settings:
    return Settings(database_url=plymouth_db_url, secret_key=SECRET)


SERVER_TESTS = ("e2e", "browser")
# tests that start servers of their own and never the run's shared pair
OWN_SERVERS = {"test_cluster.py": "cluster"}
# tests that share something costly their module makes once per process: a safeguarding
# detector trained from every fifth training message, and the served detector's readings
# (a Rasa-runtime process), made by one worker only
ONE_WORKER = {"tests/safeguarding/test_detector.py": "detector"}


def server_group(nodeid: str) -> str | None:
    """The tests that must share a worker: those that use the run's one pair of real servers
    ("servers"; a second worker would start a second pair), the cluster's, which start a
    topology of their own ("cluster"), and those of ONE_WORKER; None for the rest, which go
    wherever a worker is free."""
    path = Path(nodeid.split("::")[0])
    if path.as_posix() in ONE_WORKER:
        return ONE_WORKER[path.as_posix()]
    if len(path.parts) < 3 or path.parts[0] != "tests" or path.parts[1] not in SERVER_TESTS:
        return None
    return OWN_SERVERS.get(path.name, "servers")


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`make test` runs pytest on both cores (pytest-xdist, ``--dist loadgroup``), with
    server_group's groups as the units: xdist hands out the largest first, so the shared pair's
    tests start on one worker and the cluster's on the other, and the rest fill in.

    By path and not by xdist's own ``xdist_group`` marks: xdist turns those into groups by
    renaming each test, which pytest 9 ignores, so every test went wherever it fell and each
    worker started its own pair and its own cluster."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class ServerGroups(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return server_group(nodeid) or nodeid

    return ServerGroups(config, log)


# The session's one pair of real servers (tests/servers.py), defined once here so that the
# end-to-end and browser tests share it; imported last, as it reads the constants above.
from tests.mail import inbox, smtp_server  # noqa: E402, F401
from tests.servers import bot, fake_apis  # noqa: E402, F401
