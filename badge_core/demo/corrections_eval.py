"""Does learning from corrections help (``make eval``)? Every dev statement of the labelled
skills set that the matcher reads wrong is corrected as a learner would (their "No", then the
right skill), through the chat's own services; the city team accepts them all; then the
corrections are checked again, and the holdout statements, which no correction touched, are
scored before and after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from badge_core.db import UnitOfWork
from badge_core.demo.matching_quality import Score, load_set, score
from badge_core.matching.matcher import Matcher
from badge_core.services.corrections import (
    accept_correction,
    check_corrections,
    choose_skill,
    reject_skill,
)
from badge_core.services.learners import register_learner
from badge_core.services.vectors import index_city, skill_matches
from colbot_shared.identity import identity_hash

CHANNEL, SENDER = "rest", "corrections-eval"


@dataclass(frozen=True)
class CorrectionsResult:
    corrections: int  # dev statements read wrong, corrected
    right_before: int  # of those, read right by the matcher before any was accepted
    right_after: int  # ... and after the city team accepted them all
    holdout_before: Score
    holdout_after: Score


def learn_from_corrections(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    matcher: Matcher,
    skills_set: Path,
    secret_key: str,
) -> CorrectionsResult:
    items = load_set(skills_set, "skills")
    dev = [i for i in items if i.split == "dev"]
    holdout = [i for i in items if i.split == "holdout"]

    def first_three(text: str) -> list[str]:
        return [m.key for m in skill_matches(uow_factory, matcher, city_slug, text)]

    holdout_before = score(holdout, lambda item: first_three(item.text))
    register_learner(uow_factory(), secret_key, city_slug, CHANNEL, SENDER)
    who = identity_hash(secret_key, CHANNEL, SENDER)
    made = []
    for item in dev:
        first = first_three(item.text)[0]
        if first in item.labels:
            continue
        rejection = reject_skill(
            uow_factory,
            city_slug,
            item.text,
            first,
            matcher=matcher,
            secret_key=secret_key,
            identity=who,
            channel=CHANNEL,
        )
        if rejection.correction_id is None:  # no words left to keep (never so in this set)
            continue
        choose_skill(
            uow_factory(),
            city_slug,
            rejection.correction_id,
            item.labels[0],
            identity=who,
            channel=CHANNEL,
        )
        made.append(rejection.correction_id)
    before = check_corrections(uow_factory, matcher, city_slug, secret_key)
    for correction_id in made:
        accept_correction(uow_factory(), city_slug, correction_id, secret_key)
    index_city(uow_factory(), city_slug, matcher.embedder)  # as `colbot corrections accept` does
    after = check_corrections(uow_factory, matcher, city_slug, secret_key)
    holdout_after = score(holdout, lambda item: first_three(item.text))
    return CorrectionsResult(len(made), before.right, after.right, holdout_before, holdout_after)
