"""What every ``colbot`` command is given: settings and, on first use, a database and a
matcher."""

from __future__ import annotations

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
