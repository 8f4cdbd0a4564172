"""Every exception the badge core raises, as one tree.

    ColbotError
    ├── NotFound                    a city, learner, badge ... that does not exist
    ├── CityPackInvalid             a city pack with problems (carries every problem)
    └── ClaimRefused                a claim code did not give an award
        ├── CodeUnknown
        ├── CodeNotOpenYet          (opens_at)
        ├── CodeExpired
        ├── CodeUsedUp
        ├── AlreadyEarned           (award)
        └── TooManyAttempts         (retry_at)
    (and the smaller families further down: linking, staff)

Entry points (actions, CLI, web) turn these into words for a person; services never do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


class ColbotError(Exception):
    """Base of every badge core error."""


class NotFound(ColbotError):
    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} {key!r} not found")
        self.kind = kind
        self.key = key


@dataclass(frozen=True)
class PackProblem:
    """One problem in a city pack, located by file, entry and field."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file + (f" [{self.entry}]" if self.entry else "")
        where += f" {self.field}" if self.field else ""
        return f"{where}: {self.message}"


class CityPackInvalid(ColbotError):
    def __init__(self, problems: list[PackProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in city pack")
        self.problems = problems


class ClaimRefused(ColbotError):
    """A claim that did not give an award; subclasses say why. ``timezone`` is the city's,
    for saying any time in the refusal (set by the claim, which has the city at hand)."""

    timezone = "UTC"


class CodeUnknown(ClaimRefused):
    pass


class CodeNotOpenYet(ClaimRefused):
    def __init__(self, opens_at: datetime) -> None:
        super().__init__(f"code opens at {opens_at.isoformat()}")
        self.opens_at = opens_at


class CodeExpired(ClaimRefused):
    pass


class CodeUsedUp(ClaimRefused):
    pass


class AlreadyEarned(ClaimRefused):
    def __init__(self, award: Any) -> None:
        super().__init__("badge already earned")
        self.award = award


class TooManyAttempts(ClaimRefused):
    def __init__(self, retry_at: datetime) -> None:
        super().__init__(f"too many attempts; retry at {retry_at.isoformat()}")
        self.retry_at = retry_at


class LinkRefused(ColbotError):
    """A link between two chat identities that was not made; subclasses say why."""


class NotRegistered(LinkRefused):
    """Only a learner who agreed to be remembered has anything to link."""


class LinkCodeUnknown(LinkRefused):
    """Wrong, used or expired (the bot cannot tell a guesser which)."""


class TooManyLinkAttempts(LinkRefused):
    pass


class LinkNeedsConfirmation(ColbotError):
    """A link code that would join this chat to another account: the learner says yes first
    (someone may have talked them into sending a code that is not theirs)."""

    def __init__(self, badges_here: int, badges_there: int) -> None:
        super().__init__("the learner confirms joining the accounts first")
        self.badges_here, self.badges_there = badges_here, badges_there


class InvalidRequest(ColbotError, ValueError):
    """A request that cannot be met as asked (a code that closes before it opens, say)."""


class StaffNotAllowed(ColbotError):
    """Someone who is not (or no longer) staff of the provider asked for a staff action."""


class InviteUnknown(ColbotError):
    """A staff invite that is wrong, used or expired."""


class TooManyInviteAttempts(ColbotError):
    """Too many wrong staff invites lately, from this chat or in the city."""

    def __init__(self, retry_at: datetime) -> None:
        super().__init__("too many wrong invites")
        self.retry_at = retry_at
