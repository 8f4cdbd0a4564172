"""PostgreSQL for the tests that must run on both databases.

`make test` starts the local server when it is installed but not running. Where there is no
PostgreSQL at all, those tests are skipped with the reason in the summary (never silently);
set COLBOT_REQUIRE_POSTGRES=1 (CI does) to make that a failure instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

ADMIN_URL = os.environ.get(
    "COLBOT_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@contextmanager
def scratch_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test module; dropped afterwards."""
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"colbot_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        admin.dispose()
        reason = f"PostgreSQL is not reachable at {ADMIN_URL} ({error.orig.__class__.__name__})"
        if os.environ.get("COLBOT_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason + "; these tests ran on SQLite only")
    try:
        yield ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def plymouth_template() -> Iterator[str]:
    """A PostgreSQL database migrated and loaded with the demo city, to copy per test."""
    from badge_core import migrate
    from badge_core.citypack import load_pack, read_pack
    from badge_core.db import make_engine, unit_of_work_factory
    from tests.conftest import PLYMOUTH

    with scratch_database() as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        load_pack(unit_of_work_factory(engine)(), read_pack(PLYMOUTH))
        engine.dispose()
        yield url


@contextmanager
def copy_of(template_url: str) -> Iterator[str]:
    """A new database copied from a template (fast: PostgreSQL copies the files)."""
    template = template_url.rsplit("/", 1)[1]
    name = f"colbot_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield template_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
