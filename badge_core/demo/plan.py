"""The plan of a simulated run: the learners, the codes to make and every action, dated, in
the order they were planned. Both planners (``plan_learners``, ``plan_sessions``) write into
one ``Plan`` and draw from its one random generator, so a seed gives the same plan."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from itertools import accumulate
from typing import Any

from badge_core.demo.catalogue import Catalogue
from badge_core.demo.mix import WEEKDAY_HOURS, WEEKEND_HOURS
from colbot_shared.codes import ALPHABET, CODE_LENGTH, format_code, normalise_code


@dataclass
class SimLearner:
    n: int
    channel: str
    age_band: str | None
    district: str | None
    interests: list[str]
    joined: datetime
    leaves: datetime
    share: float = 1.0  # of their time with the bot that falls inside the window
    unmet: str | None = None
    likes: frozenset[str] = frozenset()  # activity keys that fit their interests
    pathway: tuple[int, datetime] | None = None  # a pathway they work on, and from when


@dataclass(frozen=True)
class CodeSpec:
    badge: str
    activity: str
    max_claims: int
    valid_from: datetime
    valid_until: datetime


def weighted(pairs: Sequence[tuple[Any, int | float]]) -> tuple[list[Any], list[float]]:
    return [k for k, _ in pairs], list(accumulate(w for _, w in pairs))


def random_code(rng: random.Random) -> str:
    """A well-formed claim code (the rule of ``codes.generate_code``) from ``rng``: what a
    learner guessing or mistyping produces. Deterministic, so never a real code's source."""
    while True:
        raw = "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if normalise_code(raw) == raw:
            return format_code(raw)


class Plan:
    """The learners, codes and actions planned so far, and the random helpers that date them."""

    def __init__(self, rng: random.Random, catalogue: Catalogue, start: datetime, end: datetime):
        self.rng = rng
        self.cat = catalogue
        self.start = start
        self.end = end
        self.actions: list[tuple[datetime, int, str, tuple[Any, ...]]] = []
        self.codes: list[CodeSpec] = []
        self.learners: list[SimLearner] = []
        self._hours = {
            False: list(accumulate(WEEKDAY_HOURS)),
            True: list(accumulate(WEEKEND_HOURS)),
        }

    def pick(self, pairs: tuple[list[Any], list[float]]) -> Any:
        keys, cumulative = pairs
        return self.rng.choices(keys, cum_weights=cumulative)[0]

    def add(self, at: datetime, kind: str, *payload: Any) -> None:
        if kind != "code":  # codes are made ahead; their event is dated when they open
            assert self.start <= at < self.end, (kind, at)
        self.actions.append((at, len(self.actions), kind, payload))

    def uniform(self, lo: datetime, hi: datetime) -> datetime:
        span = int((hi - lo).total_seconds())
        return lo + timedelta(seconds=self.rng.randrange(span)) if span > 0 else lo

    def moment(self, lo: datetime, hi: datetime) -> datetime:
        """A moment in [lo, hi) at an hour young people are about, if the range allows."""
        lo = max(lo, self.start)
        hi = min(hi, self.end)
        if hi <= lo:
            return lo
        candidate = self.uniform(lo, hi)
        for _ in range(4):
            local = candidate.astimezone(self.cat.timezone)
            hours = self._hours[local.weekday() >= 5]
            hour = self.rng.choices(range(24), cum_weights=hours)[0]
            clock = time(hour, self.rng.randrange(60), self.rng.randrange(60))
            moment = datetime.combine(local.date(), clock, self.cat.timezone).astimezone(UTC)
            if lo <= moment < hi:
                return moment
            candidate = self.uniform(lo, hi)
        return candidate

    def minutes(self, low: float, high: float) -> timedelta:
        return timedelta(seconds=self.rng.randrange(int(low * 60), int(high * 60) + 1))


class Planner:
    """What each planner reads of the ``plan`` it adds to, by short names."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.rng = plan.rng
        self.cat = plan.cat
        self.start = plan.start
        self.end = plan.end
        self.learners = plan.learners
