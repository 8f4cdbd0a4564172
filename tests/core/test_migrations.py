"""Schema changes go through Alembic: an empty database upgrades to head and matches the models."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from badge_core import migrate
from badge_core.db import make_engine
from badge_core.models import Base


def test_an_empty_database_upgrades_to_head_and_matches_the_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
        assert differences == [], f"models and migrations disagree: {differences}"
        assert set(inspect(connection).get_table_names()) == set(Base.metadata.tables) | {
            "alembic_version"
        }
    engine.dispose()


def test_downgrade_to_empty_and_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    migrate.upgrade(url)
    migrate.downgrade(url, "base")
    engine = make_engine(url)
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    engine.dispose()
    migrate.upgrade(url)


def test_foreign_keys_are_enforced_on_sqlite(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'fk.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_a_new_sqlite_database_is_readable_by_its_owner_only(tmp_path) -> None:
    """Low: SQLite files took the default permissions (often world-readable)."""
    import stat

    from badge_core.db import make_engine

    path = tmp_path / "deep" / "colbot.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        connection.exec_driver_sql("CREATE TABLE t (x)")
    engine.dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _row_counts(url: str, tables: list[str]) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as connection:
        counts = {
            t: connection.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar() for t in tables
        }
    engine.dispose()
    return counts


@pytest.mark.parametrize("revision", ["0020", "0004"])
def test_a_database_in_use_keeps_every_row_through_downgrade_and_upgrade(
    plymouth_db_template: Path, tmp_path: Path, revision: str
) -> None:
    """SQLite cannot alter a table in place, so a migration copies it and drops the old one;
    with foreign keys on, that drop would cascade to every child row (a city's skills, an
    activity's sessions and ratings, a provider's staff). Migrations run with them off.
    From 0004, the way up passes every migration that copies a table (0005 staff, 0006
    awards, 0011 channel identities, 0014 providers, 0021-0025 activities, cities, skills);
    0015 and 0016 only add columns."""
    import shutil
    from datetime import UTC, datetime

    from badge_core.db import unit_of_work_factory
    from badge_core.demo import simulate
    from badge_core.services.invites import invite_staff
    from tests.conftest import SECRET

    path = tmp_path / "in-use.db"
    shutil.copy(plymouth_db_template, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    simulate(unit_of_work_factory(engine), "plymouth", learners=20, weeks=2, seed=5,
             secret_key=SECRET, end=datetime(2026, 11, 30, tzinfo=UTC))  # fmt: skip
    invite_staff(unit_of_work_factory(engine)(), SECRET, "plymouth", "plymouth-youth-service",
                 "issuer")  # fmt: skip
    engine.dispose()
    before = _row_counts(url, list(Base.metadata.tables))
    assert before["skills"] == 24 and before["awards"] > 0 and before["activity_sessions"] > 0
    assert before["learners"] > 0 and before["channel_identities"] > 0 and before["staff"] > 0
    migrate.downgrade(url, revision)
    engine = make_engine(url)
    kept = [t for t in inspect(engine).get_table_names() if t in before]
    engine.dispose()
    assert {"learners", "cities", "staff", "channel_identities", "awards"} <= set(kept)
    assert _row_counts(url, kept) == {t: before[t] for t in kept}
    migrate.upgrade(url)
    assert _row_counts(url, kept) == {t: before[t] for t in kept}
    engine = make_engine(url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()
