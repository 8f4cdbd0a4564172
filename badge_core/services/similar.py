""" "More like this": upcoming activities close in meaning to one the learner was shown, for
their age and nearest first among equals, leaving out what they were already shown and what
they have a badge from."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

import numpy as np

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.matching.matcher import Matcher
from badge_core.models import utcnow
from badge_core.queries.learners import learner_id_of
from badge_core.queries.snapshot import ActivityInfo, city_snapshot
from badge_core.services.catalogue import ActivityHit
from badge_core.services.for_you import profile_of
from badge_core.services.search import SearchQuery, lexical_scorer, matching_activities
from badge_core.services.vectors import vectors_in

LIKE = 0.4  # closeness of two activities' texts from which one is like the other


def more_like(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    key: str,
    *,
    matcher: Matcher,
    age_band: str | None = None,
    home_district: str | None = None,
    shown: Sequence[str] = (),
    identity: str | None = None,
    channel: str | None = None,
    now: datetime | None = None,
) -> list[ActivityHit]:
    """Activities like the one with ``key``, most alike first; NotFound when it has gone."""
    with uow_factory().reading() as uow:
        city = city_snapshot(uow, city_slug)
        profile = profile_of(uow, learner_id_of(uow, None, identity, channel))
        vectors = vectors_in(uow, matcher, city_slug, city.version)
    items = vectors.activities
    if key not in items.keys:
        raise NotFound("activity", key)
    centre = items.matrix[items.owner == items.keys.index(key)].mean(axis=0)
    closeness = dict(zip(items.ids, items.scores(centre / np.linalg.norm(centre)), strict=True))
    left_out = {key, *shown}

    def alike(_query: SearchQuery, activities: Sequence[ActivityInfo]) -> dict[int, float]:
        return {
            a.id: float(closeness[a.id])
            for a in activities
            if a.key not in left_out
            and not profile.badges & set(a.badges)
            and closeness.get(a.id, 0.0) >= LIKE
        }

    query = SearchQuery(home_district=home_district, age_band=age_band)
    return matching_activities(city, query, now or utcnow(), lexical_scorer, alike)
