"""Spine skills proposed for an activity from its words, for a city team to confirm: used for
activities an import brings in, which arrive with no skills of their own.

The best-matching skill is always proposed; the next ones only while they score within
MARGIN of it, up to MAX_PROPOSED, so a clear activity gets one or two proposals and the team
is not asked to strike out padding (precision@3 on tests/eval/imported_activity_skills.yaml,
`make eval`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from badge_core.db import UnitOfWork
from badge_core.matching.matcher import Match, Matcher
from badge_core.services.vectors import load_city_vectors

MAX_PROPOSED = 3
MARGIN = 0.02  # chosen on the dev split only (tests/eval/imported_activity_skills.yaml)


def proposal_text(title: str, description: str, tags: Sequence[str]) -> str:
    return ". ".join(part for part in (title, description, ", ".join(tags)) if part)


class SkillProposer:
    """Proposes skills for many activities at once (one encoding pass over their texts)."""

    def __init__(
        self, uow_factory: Callable[[], UnitOfWork], matcher: Matcher, city_slug: str
    ) -> None:
        self.uow_factory, self.matcher, self.city_slug = uow_factory, matcher, city_slug

    def __call__(self, texts: Sequence[str]) -> list[list[Match]]:
        if not texts:
            return []
        skills = load_city_vectors(self.uow_factory, self.matcher, self.city_slug).skills
        encoded = self.matcher.embedder.encode(list(texts))
        return [chosen(skills.rank(vector, MAX_PROPOSED)) for vector in encoded]


def chosen(ranked: list[Match], margin: float = MARGIN) -> list[Match]:
    """The best match, and the next ones while they score within ``margin`` of it."""
    return [m for m in ranked if m.score >= ranked[0].score - margin] if ranked else []
