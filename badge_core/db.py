"""Engines, sessions and the unit of work.

No engine exists at import time: an entry point calls :func:`make_engine` with its settings
and hands a :class:`UnitOfWork` factory to the services. SQLite connections get foreign keys,
WAL and a busy timeout, so the action server, the CLI and the web app can share one file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

READING_OPTION = "colbot_reading"


def private_file(path: Path) -> None:
    """Make ``path`` (a SQLite database: young people's data) readable by its owner only,
    creating it and its folder if need be. SQLite gives its -wal and -shm files the same."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(path.stat().st_mode & 0o700)


def make_engine(database_url: str, *, echo: bool = False, busy_timeout_s: float = 15.0) -> Engine:
    """An engine for the URL. On SQLite a writer waits up to ``busy_timeout_s`` for another
    writer before giving up with "database is locked"."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, echo=echo, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        private_file(Path(url.database))
    engine = create_engine(url, echo=echo, connect_args={"timeout": busy_timeout_s})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # pysqlite's own transaction handling defers BEGIN; we issue it ourselves so that a
        # unit of work that writes takes the lock at its first statement (see _begin below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # deleted rows are overwritten, not left in free pages: erasure means erasure
        cursor.execute("PRAGMA secure_delete=ON")
        if url.database and url.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # type: ignore[no-untyped-def]
        # A unit that only reads (UnitOfWork.reading) takes no lock until it reads, and then
        # only a snapshot: in WAL mode readers never wait for the writer or each other.
        reading = conn.get_execution_options().get(READING_OPTION)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


class UnitOfWork:
    """One business transaction: commits only when told to, rolls back otherwise.

    >>> with uow_factory() as uow:
    ...     award = claim_badge(uow, ...)
    ...     uow.commit()
    """

    def __init__(
        self, session_factory: sessionmaker[Session], reading_factory: sessionmaker[Session]
    ) -> None:
        self._session_factory = session_factory
        self._reading_factory = reading_factory
        self._reading = False
        self.session: Session

    def reading(self) -> UnitOfWork:
        """Mark this unit as one that only reads (``with uow.reading():``, for that ``with``
        only). On SQLite it then takes no write lock, so lookups and searches never queue
        behind a claim or each other; committing it is an error."""
        self._reading = True
        return self

    def __enter__(self) -> UnitOfWork:
        factory = self._reading_factory if self._reading else self._session_factory
        self.session = factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Closing ends the transaction, discarding anything not committed; unlike rollback()
        # it leaves loaded values readable on the detached objects.
        self.session.close()
        self._reading = False  # the mark lasts one ``with``

    def commit(self) -> None:
        if self._reading:
            raise RuntimeError("a unit of work opened for reading cannot commit")
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


UnitOfWorkFactory = Callable[[], UnitOfWork]


def unit_of_work_factory(engine: Engine) -> UnitOfWorkFactory:
    session_factory = sessionmaker(bind=engine, expire_on_commit=False)
    reading_factory = sessionmaker(
        bind=engine.execution_options(**{READING_OPTION: True}), expire_on_commit=False
    )
    return lambda: UnitOfWork(session_factory, reading_factory)


def scrub_deleted(uow: UnitOfWork) -> None:
    """After an erasure on SQLite, fold the write-ahead log back into the database (where
    secure_delete has overwritten the rows) and empty it, so no old copy of them remains.
    Best effort: a reader holding an old snapshot delays it to a later erasure."""
    engine = uow.session.get_bind()
    if engine.dialect.name != "sqlite":
        return
    connection = engine.raw_connection()  # type: ignore[union-attr]
    try:
        connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
