"""Running a simulation: read the city, plan the whole run from one seed, then play the plan
back in time order through the real services, counting what happened."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from badge_core.db import UnitOfWork
from badge_core.demo.catalogue import read_catalogue
from badge_core.demo.plan import Plan
from badge_core.demo.plan_learners import LearnerPlanner
from badge_core.demo.plan_sessions import SessionPlanner
from badge_core.errors import ClaimRefused
from badge_core.models import AgeBand, AwardStatus
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_code
from badge_core.services.learners import register_learner
from badge_core.services.pathways import suggest_pathways
from badge_core.services.search import find_activities

# Every way a claim can end, in the order a report lists them.
CLAIM_OUTCOMES = (
    "ok",
    "CodeUnknown",
    "CodeExpired",
    "CodeNotOpenYet",
    "CodeUsedUp",
    "AlreadyEarned",
    "TooManyAttempts",
)


@dataclass(frozen=True)
class SimulationSummary:
    learners: int
    searches: int
    searches_without_results: int
    claims_by_outcome: dict[str, int]
    pathway_suggestions: int
    codes: int
    pending_awards: int = 0  # under-13s' awards waiting for a youth worker
    start: datetime | None = None
    end: datetime | None = None

    @property
    def claims(self) -> int:
        return sum(self.claims_by_outcome.values())

    def __str__(self) -> str:
        outcomes = ", ".join(f"{k} {v}" for k, v in self.claims_by_outcome.items())
        window = (
            f" from {self.start:%Y-%m-%d %H:%M} to {self.end:%Y-%m-%d %H:%M} UTC"
            if (self.start and self.end)
            else ""
        )
        return (
            f"{self.learners} learners{window}: {self.searches} searches "
            f"({self.searches_without_results} found nothing), {self.pathway_suggestions} "
            f"pathway suggestions, {self.codes} codes, {self.claims} claims ({outcomes}), "
            f"{self.pending_awards} awards pending for under-13s"
        )


def simulate(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    *,
    learners: int,
    weeks: int,
    seed: int,
    secret_key: str,
    end: datetime | None = None,
) -> SimulationSummary:
    """Drive ``learners`` learners' worth of traffic over the ``weeks`` before ``end`` (UTC;
    by default the start of the current hour) through the badge core. The same seed and
    ``end`` give the same event log and awards on the same city data."""
    if learners < 0 or weeks < 1:
        raise ValueError("a simulation needs zero or more learners and at least one week")
    if end is None:
        end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    end = end.replace(tzinfo=UTC) if end.tzinfo is None else end.astimezone(UTC)
    start = end - timedelta(weeks=weeks)

    rng = random.Random(seed)
    catalogue = read_catalogue(uow_factory, city_slug, start, end)
    plan = Plan(rng, catalogue, start, end)
    LearnerPlanner(plan).run(learners, seed)  # the learners, their searches and pathways
    SessionPlanner(plan).run()  # the sessions they come to, the codes and the claims
    return _play(plan, uow_factory, city_slug, secret_key, start, end)


@dataclass
class _Tally:
    learners: int = 0
    searches: int = 0
    without_results: int = 0
    pathways: int = 0
    codes: int = 0
    pending: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLAIM_OUTCOMES, 0))


def _play(
    plan: Plan,
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    secret_key: str,
    start: datetime,
    end: datetime,
) -> SimulationSummary:
    tally = _Tally()
    ids: dict[int, int] = {}
    issued: dict[int, str] = {}
    for at, _, kind, payload in sorted(plan.actions, key=lambda action: action[:2]):
        if kind == "register":
            n, sender_key = payload
            learner = plan.learners[n]
            profile = register_learner(
                uow_factory(),
                secret_key,
                city_slug,
                learner.channel,
                sender_key,
                age_band=AgeBand(learner.age_band) if learner.age_band else None,
                district=learner.district,
                interests=[i for i in learner.interests if i in plan.cat.tags],
                now=at,
            )
            ids[n] = profile.learner_id
            tally.learners += 1
        elif kind == "search":
            n, text, location = payload
            learner = plan.learners[n]
            result = find_activities(
                uow_factory,
                city_slug,
                text,
                location=location,
                age_band=learner.age_band,
                home_district=learner.district,
                learner_id=ids[n],
                channel=learner.channel,
                now=at,
            )
            tally.searches += 1
            tally.without_results += bool(result.relaxed or not result.hits)
        elif kind == "pathway":
            n, goal = payload
            learner = plan.learners[n]
            suggest_pathways(
                uow_factory,
                city_slug,
                goal,
                learner_id=ids[n],
                age_band=learner.age_band,
                home_district=learner.district,
                channel=learner.channel,
                now=at,
            )
            tally.pathways += 1
        elif kind == "code":
            (index,) = payload
            spec = plan.codes[index]
            issued[index] = create_claim_code(
                uow_factory(),
                secret_key,
                city_slug,
                spec.badge,
                max_claims=spec.max_claims,
                activity_key=spec.activity,
                valid_from=spec.valid_from,
                valid_until=spec.valid_until,
            ).code
            tally.codes += 1
        else:  # claim
            n, (source, value) = payload
            typed = issued[value] if source == "code" else value
            try:
                award = claim_badge(
                    uow_factory(),
                    secret_key,
                    ids[n],
                    typed,
                    channel=plan.learners[n].channel,
                    now=at,
                )
            except ClaimRefused as refusal:
                tally.outcomes[type(refusal).__name__] += 1
            else:
                tally.outcomes["ok"] += 1
                tally.pending += award.status == AwardStatus.PENDING.value
    return SimulationSummary(
        learners=tally.learners,
        searches=tally.searches,
        searches_without_results=tally.without_results,
        claims_by_outcome=tally.outcomes,
        pathway_suggestions=tally.pathways,
        codes=tally.codes,
        pending_awards=tally.pending,
        start=start,
        end=end,
    )
