"""How well vague goals are told from clear ones (``make eval``): the labelled goals in
tests/eval/goals.yaml and goals_fresh.yaml, each read as the chat reads a learner's goal
(badge_core/services/goals.py); accuracy per split."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from badge_core.db import UnitOfWork
from badge_core.matching.matcher import Matcher
from badge_core.queries.cities import get_city
from badge_core.services.goals import vague_goal
from badge_core.services.interests import vocabulary_in
from badge_core.services.vectors import load_city_vectors


@dataclass(frozen=True)
class GoalAccuracy:
    split: str
    goals: int
    vague: int  # of which labelled vague
    accuracy: float
    missed_vague: int  # vague goals answered at once
    asked_clear: int  # clear goals asked about first


def evaluate_goals(
    uow_factory: Callable[[], UnitOfWork], city_slug: str, matcher: Matcher, *paths: Path
) -> list[GoalAccuracy]:
    pathways = load_city_vectors(uow_factory, matcher, city_slug).pathways
    with uow_factory().reading() as uow:
        vocabulary = vocabulary_in(uow, get_city(uow, city_slug).id)
    goals = [
        goal for path in paths for goal in yaml.safe_load(path.read_text(encoding="utf-8"))["goals"]
    ]
    results = []
    for split in sorted({g["split"] for g in goals}):
        items = [g for g in goals if g["split"] == split]
        said = [
            (vague_goal(g["text"], matcher, pathways, vocabulary), bool(g["vague"])) for g in items
        ]
        results.append(
            GoalAccuracy(
                split,
                len(items),
                sum(truth for _, truth in said),
                sum(guess == truth for guess, truth in said) / len(items),
                sum(truth and not guess for guess, truth in said),
                sum(guess and not truth for guess, truth in said),
            )
        )
    return results
