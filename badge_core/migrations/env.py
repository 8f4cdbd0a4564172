"""Alembic environment: runs migrations on the connection or URL handed over by migrate.py."""

from __future__ import annotations

from alembic import context

from badge_core.db import make_engine
from badge_core.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # SQLite alters a table by copying it and dropping the old one (batch mode); with
        # foreign keys on, that drop deletes every row that points at it through ON DELETE
        # CASCADE (a city's skills, an activity's sessions, a provider's staff). Off while
        # migrating (it only takes effect outside a transaction), checked after, on again.
        connection.commit()
        _pragma(connection, "foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=sqlite,
        compare_type=True,
    )
    try:
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"the migration left rows pointing nowhere: {broken[:5]}")
    finally:
        if sqlite:
            connection.commit()
            _pragma(connection, "foreign_keys=ON")


def _pragma(connection, setting: str) -> None:  # type: ignore[no-untyped-def]
    """On the driver's connection itself: through SQLAlchemy it would come after the BEGIN
    badge_core/db.py issues, inside a transaction, where SQLite ignores it."""
    connection.connection.driver_connection.execute(f"PRAGMA {setting}")


run_migrations()
