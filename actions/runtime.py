"""What the actions share in one action-server process: settings and a unit-of-work factory.

Built on first use, not at import, so importing the actions package has no side effects and
tests can swap in their own with :func:`use`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from badge_core.config import Settings, load_settings
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    uow: UnitOfWorkFactory


_override: Runtime | None = None


@cache
def _default_runtime() -> Runtime:
    settings = load_settings()
    return Runtime(settings, unit_of_work_factory(make_engine(settings.database_url)))


def runtime() -> Runtime:
    return _override or _default_runtime()


def use(replacement: Runtime | None) -> None:
    """Make actions use ``replacement`` (tests); ``None`` restores the environment's."""
    global _override
    _override = replacement
