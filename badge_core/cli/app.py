"""What every ``colbot`` command is given: settings and, on first use, a database and a
matcher."""

from __future__ import annotations

import argparse
import signal
import threading
from datetime import UTC, datetime

from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.matching.embedder import default_embedder
from badge_core.matching.matcher import Matcher


class App:
    """What a command needs: settings and, on first use, a database and a matcher."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._uow: UnitOfWorkFactory | None = None
        self._matcher: Matcher | None = None

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(default_embedder())
        return self._matcher

    @property
    def uow(self) -> UnitOfWorkFactory:
        if self._uow is None:
            self._uow = unit_of_work_factory(make_engine(self.settings.database_url))
        return self._uow


def moment(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time: {text!r} (use 2026-12-04T18:00Z)") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no time zone: add Z or +00:00")
    return value.astimezone(UTC)


def add_worker_modes(parser: argparse.ArgumentParser, what: str, poll_s: float) -> None:
    """A worker command's modes (`colbot outbox run`, `colbot import due`): ``--once`` does
    ``what`` is due now (or ``--at`` a time), ``--forever`` keeps looking every ``--poll``."""
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--once", action="store_true", help=f"{what} now, then stop")
    mode.add_argument("--forever", action="store_true", help="keep looking (make run does)")
    parser.add_argument("--at", type=moment, help="with --once: as of this time (operators, tests)")
    parser.add_argument("--poll", type=float, default=poll_s, help="seconds between looks")


def stop_on_signals() -> threading.Event:
    """Set when the process is asked to stop (SIGTERM, or Ctrl-C): a worker finishes its look."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop
