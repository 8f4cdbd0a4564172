"""Spine skills proposed for an activity from its words, for a city team to confirm: used for
activities an import brings in, which arrive with no skills of their own.

The best-matching skill is always proposed; the next ones only while they score within
MARGIN of it, up to MAX_PROPOSED, so a clear activity gets one or two proposals and the team
is not asked to strike out padding (precision@3 on tests/eval/imported_activity_skills.yaml,
`make eval`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

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


LEARNED_SHARE = 0.5  # a skill confirmed for at least this share of a concept's activities


@dataclass
class ConfirmedByConcept:
    """The skills a city team confirmed for imported activities, by the activities' concepts
    (OpenActive Activity List ids: "Swimming", "Boxing"). What the team confirmed for one
    swimming session is proposed first for the next, whatever its words: for a source that
    names concepts the team then confirms rather than corrects."""

    activities: Counter[str] = field(default_factory=Counter)  # concept -> confirmed activities
    skills: dict[str, Counter[str]] = field(default_factory=dict)  # concept -> skill -> count
    names: dict[str, str] = field(default_factory=dict)  # skill key -> name

    def add(self, concepts: Sequence[str], skills: Sequence[tuple[str, str]]) -> None:
        for concept in set(concepts):
            self.activities[concept] += 1
            self.skills.setdefault(concept, Counter()).update(key for key, _ in skills)
        self.names.update(skills)

    def first(self, concepts: Sequence[str], matched: list[Match]) -> list[Match]:
        """Skills confirmed for at least LEARNED_SHARE of the confirmed activities sharing a
        concept with this one (scored by that share), then the matcher's, MAX_PROPOSED in all."""
        shares: dict[str, float] = {}
        for concept in concepts:
            for key, count in self.skills.get(concept, Counter()).items():
                shares[key] = max(shares.get(key, 0.0), count / self.activities[concept])
        learned = [
            Match(key, self.names[key], round(share, 4))
            for key, share in sorted(shares.items(), key=lambda item: (-item[1], item[0]))
            if share >= LEARNED_SHARE
        ]
        taken = {m.key for m in learned}
        return [*learned, *(m for m in matched if m.key not in taken)][:MAX_PROPOSED]
