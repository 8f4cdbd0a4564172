"""How well "what's on for you" picks (``make eval``): the labelled profiles in
tests/eval/for_you.yaml become learners (what they said at onboarding kept as the chat keeps
it, their badges as awards), each asks "what's on" with no topic at a fixed time, and a hit
is any of the first three being one a youth worker picked for them. The baseline is the
same search for someone the bot knows nothing about: today's list, soonest first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml
from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.matching.matcher import Matcher
from badge_core.models import AgeBand, Award, BadgeClass
from badge_core.queries.cities import get_city
from badge_core.services.interests import interest_words
from badge_core.services.learners import register_learner
from badge_core.services.search import find_activities
from colbot_shared.identity import identity_hash

# A Monday morning in term time: every weekly activity falls in the two weeks searched.
NOW = datetime(2027, 1, 11, 9, 0, tzinfo=UTC)
CHANNEL = "rest"


@dataclass(frozen=True)
class HitRate:
    split: str
    profiles: int
    for_you: float  # top-3 hit rate of the ranking for the learner
    baseline: float  # ... of the same search knowing nothing of them


@dataclass(frozen=True)
class Profile:
    said: str
    age_band: str | None
    district: str | None
    badges: list[str]
    picks: list[str]
    split: str


def load_profiles(path: Path) -> list[Profile]:
    return [
        Profile(
            p.get("said") or "",
            p.get("age_band"),
            p.get("district"),
            list(p.get("badges") or []),
            list(p["picks"]),
            p.get("split", "dev"),
        )
        for p in yaml.safe_load(path.read_text(encoding="utf-8"))["profiles"]
    ]


def first_three(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    matcher: Matcher,
    profile: Profile,
    identity: str | None,
) -> list[str]:
    result = find_activities(
        uow_factory,
        city_slug,
        "what's on",
        age_band=profile.age_band,
        home_district=profile.district,
        identity=identity,
        channel=CHANNEL,
        now=NOW,
        matcher=matcher,
    )
    return [hit.key for hit in result.hits[:3]]


def evaluate_for_you(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    matcher: Matcher,
    path: Path,
    secret_key: str,
) -> list[HitRate]:
    profiles = load_profiles(path)
    hits: dict[str, list[tuple[bool, bool]]] = {}
    for number, profile in enumerate(profiles):
        sender = f"for-you-eval-{number}"
        learner = register_learner(
            uow_factory(),
            secret_key,
            city_slug,
            CHANNEL,
            sender,
            age_band=AgeBand(profile.age_band) if profile.age_band else None,
            district=profile.district,
            interests=interest_words(uow_factory(), city_slug, profile.said, matcher),
        )
        _award(uow_factory(), city_slug, learner.learner_id, profile.badges)
        mine = first_three(
            uow_factory, city_slug, matcher, profile, identity_hash(secret_key, CHANNEL, sender)
        )
        anyone = first_three(uow_factory, city_slug, matcher, profile, None)
        hits.setdefault(profile.split, []).append(
            (any(k in profile.picks for k in mine), any(k in profile.picks for k in anyone))
        )
    return [
        HitRate(
            split,
            len(found),
            sum(m for m, _ in found) / len(found),
            sum(b for _, b in found) / len(found),
        )
        for split, found in sorted(hits.items())
    ]


def _award(uow: UnitOfWork, city_slug: str, learner_id: int, badge_keys: list[str]) -> None:
    with uow:
        city = get_city(uow, city_slug)
        for key in badge_keys:
            badge_id = uow.session.scalar(
                select(BadgeClass.id).where(BadgeClass.city_id == city.id, BadgeClass.key == key)
            )
            uow.session.add(Award(learner_id=learner_id, badge_class_id=badge_id))
        uow.commit()
