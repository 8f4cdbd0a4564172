"""Spine skills proposed for an activity from its words, for a city team to confirm: used for
activities an import brings in, which arrive with no skills of their own.

The best-matching skill is always proposed; the next ones only while they score within
MARGIN of it, up to MAX_PROPOSED, so a clear activity gets one or two proposals and the team
is not asked to strike out padding (precision@3 on tests/eval/imported_activity_skills.yaml,
`make eval`).

Skills are matched by their own texts and by the words of every activity the city has
confirmed them for (the pack's own activities, and imported ones the team has reviewed):
each review teaches the next import, and the activities still waiting are proposed again
(``propose_waiting``). Providers describe a session as other providers do, not as a
skill's description or a learner would."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from badge_core.db import UnitOfWork
from badge_core.matching.matcher import CityVectors, ItemVectors, Match, Matcher
from badge_core.models import Activity, Skill, SkillProposal
from badge_core.models.catalogue import activity_skills
from badge_core.queries.cities import get_city
from badge_core.services.vectors import city_vectors, index_city

MAX_PROPOSED = 3
MARGIN = 0.02  # chosen on the dev split only (tests/eval/imported_activity_skills.yaml)
Proposer = Callable[[Sequence[str]], list[list[Match]]]


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
        with self.uow_factory().reading() as uow:
            city = get_city(uow, self.city_slug)
            skills = taught(city_vectors(uow, self.matcher, city), confirmed_skills(uow, city.id))
        encoded = self.matcher.embedder.encode(list(texts))
        return [chosen(skills.rank(vector, MAX_PROPOSED)) for vector in encoded]


def store_proposals(
    session: Session,
    activities: Sequence[Activity],
    propose: Proposer,
    skills: Mapping[str, Skill],
) -> None:
    """Each activity's stored proposals replaced by what ``propose`` makes of its words now
    (``skills``: the city's, by key)."""
    if not activities:
        return
    proposals = propose([proposal_text(a.title, a.description, a.tags) for a in activities])
    ids = [a.id for a in activities]
    session.execute(delete(SkillProposal).where(SkillProposal.activity_id.in_(ids)))
    for activity, matches in zip(activities, proposals, strict=True):
        session.add_all(
            SkillProposal(
                activity_id=activity.id,
                skill_id=skills[match.key].id,
                score=round(match.score, 4),
                position=position,
            )
            for position, match in enumerate(matches)
        )


def propose_waiting(uow_factory: Callable[[], UnitOfWork], matcher: Matcher, city_slug: str) -> int:
    """After the team confirms skills: index what the confirmation changed (an activity's
    texts name its skills), then propose skills again for every imported activity still
    waiting for review, from what the team has confirmed so far; returns how many were."""
    index_city(uow_factory(), city_slug, matcher.embedder, sweep=False)
    propose = SkillProposer(uow_factory, matcher, city_slug)
    with uow_factory() as uow:
        city = get_city(uow, city_slug)
        waiting = uow.session.scalars(
            select(Activity)
            .where(
                Activity.city_id == city.id,
                Activity.source_id.is_not(None),
                Activity.skills_confirmed.is_(False),
            )
            .order_by(Activity.id)
        ).all()
        skills = uow.session.scalars(select(Skill).where(Skill.city_id == city.id))
        store_proposals(uow.session, waiting, propose, {s.key: s for s in skills})
        uow.commit()
        return len(waiting)


def confirmed_skills(uow: UnitOfWork, city_id: int) -> dict[int, list[str]]:
    """Each activity's skills, by activity id, where the city stands by them: the pack's own
    activities, and imported ones whose skills the team has confirmed."""
    found: dict[int, list[str]] = {}
    for activity_id, key in uow.session.execute(
        select(Activity.id, Skill.key)
        .join(activity_skills, activity_skills.c.activity_id == Activity.id)
        .join(Skill, Skill.id == activity_skills.c.skill_id)
        .where(Activity.city_id == city_id, Activity.skills_confirmed.is_(True))
        .order_by(Activity.id, Skill.position)
    ):
        found.setdefault(activity_id, []).append(key)
    return found


def taught(vectors: CityVectors, confirmed: Mapping[int, Sequence[str]]) -> ItemVectors:
    """The city's skills, each also standing for the title and description of every activity
    confirmed to build it (an activity's first text: ``activity_texts``)."""
    activities = vectors.activities
    first = np.searchsorted(activities.owner, np.arange(len(activities.keys)))
    rows, keys = [], []
    for i, activity_id in enumerate(activities.ids):
        if first[i] >= len(activities.owner) or activities.owner[first[i]] != i:
            continue  # no texts (none is ever empty: it has a title)
        rows.append(first[i])
        keys.append(confirmed.get(activity_id, ()))
    return vectors.skills.with_examples(activities.matrix[rows], keys)


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
