"""Aligning a city's spine to ESCO: for each spine skill, the ESCO skills nearest in meaning
to its name and description, for the city team to confirm into spine.yaml (``alignments``
with ``framework: ESCO``, a ``target`` name and the ESCO ``url``); badges then carry them as
Open Badges 3.0 alignments (badge_core/credentials/documents.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.matching.embedder import Embedder
from badge_core.matching.esco import URI_PREFIX, EscoSkill, esco_matrix, esco_skills
from badge_core.models import Skill
from badge_core.queries.cities import get_city


@dataclass(frozen=True)
class EscoCandidate:
    uri: str
    labels: str
    definition: str
    score: float


@dataclass(frozen=True)
class SkillAlignment:
    key: str
    name: str
    aligned: list[str]  # ESCO URIs the pack already names
    candidates: list[EscoCandidate]


def propose_esco(
    uow: UnitOfWork,
    city_slug: str,
    embedder: Embedder,
    cache_dir: Path,
    top: int = 3,
    esco: tuple[EscoSkill, ...] | None = None,
) -> list[SkillAlignment]:
    """The ``top`` ESCO skills for each spine skill (of ``esco``, by default the whole list),
    best first, and the ESCO URIs the pack already aligns it to."""
    with uow.reading():
        city = get_city(uow, city_slug)
        skills = [
            (s.key, s.name, s.description, [a.get("url", "") for a in s.alignments or []])
            for s in uow.session.scalars(
                select(Skill).where(Skill.city_id == city.id).order_by(Skill.position)
            )
        ]
    esco = esco if esco is not None else esco_skills()
    matrix = esco_matrix(esco, embedder, cache_dir)
    queries = embedder.encode([f"{name}. {description}" for _, name, description, _ in skills])
    found = []
    for (key, name, _, urls), query in zip(skills, queries, strict=True):
        scores = matrix @ query
        best = np.argsort(-scores)[:top]
        found.append(
            SkillAlignment(
                key,
                name,
                [u for u in urls if u.startswith(URI_PREFIX)],
                [
                    EscoCandidate(esco[i].uri, esco[i].labels, esco[i].definition, float(scores[i]))
                    for i in best
                ],
            )
        )
    return found
