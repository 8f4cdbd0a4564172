"""The city's vectors: which texts stand for each skill, pathway and activity, encoded once.

``index_city`` runs when a pack is loaded: it encodes only texts it has never seen (by model
and sha256 of the text) and drops cached vectors no city uses any more. Matchers in running
processes know to reload from the city's ``index_version``, which the load changes.
``city_texts`` lists what a matcher ranks against; ``cached_vectors`` fetches their vectors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from badge_core.db import UnitOfWork
from badge_core.matching.embedder import Embedder
from badge_core.models import Activity, City, Embedding, Pathway, Skill
from badge_core.services.cities import get_city


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def skill_texts(skill: Skill) -> list[str]:
    return [f"{skill.name}: {skill.description}", *skill.examples, *skill.levels]


def pathway_texts(pathway: Pathway) -> list[str]:
    steps = [f"{step.title}. {step.description}".strip() for step in pathway.steps]
    return [f"{pathway.name}: {pathway.description}", *pathway.examples, *steps]


def activity_texts(activity: Activity) -> list[str]:
    skills = ", ".join(s.name for s in activity.skills)
    return [
        f"{activity.title}. {activity.description}",
        f"{activity.title}: {', '.join(activity.tags)}",
        f"{', '.join(activity.tags)}; {skills}",
        *activity.examples,
    ]


@dataclass(frozen=True)
class ItemTexts:
    """Items (by key) and the texts that stand for each; ``owner[i]`` is text i's item."""

    keys: list[str]
    names: list[str]
    ids: list[int]
    texts: list[str]
    owner: np.ndarray


def _collect(items: Sequence[tuple[int, str, str, list[str]]]) -> ItemTexts:
    keys, names, ids, texts, owner = [], [], [], [], []
    for index, (item_id, key, name, item_texts) in enumerate(items):
        keys.append(key)
        names.append(name)
        ids.append(item_id)
        for text in dict.fromkeys(t for t in item_texts if t.strip()):
            texts.append(text)
            owner.append(index)
    return ItemTexts(keys, names, ids, texts, np.asarray(owner, dtype=np.int64))


@dataclass(frozen=True)
class CityTexts:
    skills: ItemTexts
    pathways: ItemTexts
    activities: ItemTexts

    def all(self) -> list[str]:
        return [*self.skills.texts, *self.pathways.texts, *self.activities.texts]


def city_texts(session: Session, city: City) -> CityTexts:
    skills = session.scalars(select(Skill).where(Skill.city_id == city.id).order_by(Skill.position))
    pathways = session.scalars(
        select(Pathway).where(Pathway.city_id == city.id).order_by(Pathway.position)
        .options(selectinload(Pathway.steps))
    )
    activities = session.scalars(
        select(Activity).where(Activity.city_id == city.id).order_by(Activity.id)
        .options(selectinload(Activity.skills))
    )
    return CityTexts(
        _collect([(s.id, s.key, s.name, skill_texts(s)) for s in skills]),
        _collect([(p.id, p.key, p.name, pathway_texts(p)) for p in pathways]),
        _collect([(a.id, a.key, a.title, activity_texts(a)) for a in activities]),
    )


@dataclass(frozen=True)
class IndexStats:
    encoded: int  # texts encoded now
    reused: int  # texts whose vectors were already cached
    pruned: int  # cached vectors no city needed any more


def cached_vectors(session: Session, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
    hashes = list({text_hash(t) for t in texts})
    found: dict[str, np.ndarray] = {}
    for start in range(0, len(hashes), 500):
        rows = session.execute(
            select(Embedding.text_hash, Embedding.vector).where(
                Embedding.model == model, Embedding.text_hash.in_(hashes[start : start + 500])
            )
        )
        for digest, blob in rows:
            found[digest] = np.frombuffer(blob, dtype=np.float32)
    return found


def index_city(uow: UnitOfWork, city_slug: str, embedder: Embedder) -> IndexStats:
    """Encode what is new in the city's texts; the model loads only when there is something
    new to encode."""
    with uow:
        session = uow.session
        city = get_city(uow, city_slug)
        texts = city_texts(session, city)
        wanted = list(dict.fromkeys(texts.all()))
        have = cached_vectors(session, embedder.model_name, wanted)
        missing = [t for t in wanted if text_hash(t) not in have]
        if missing:
            vectors = embedder.encode(missing)
            for text, vector in zip(missing, vectors, strict=True):
                session.add(
                    Embedding(model=embedder.model_name, text_hash=text_hash(text), vector=vector.tobytes())
                )
        needed = {
            text_hash(t)
            for other in session.scalars(select(City))
            for t in city_texts(session, other).all()
        }
        stale = [
            row_id
            for row_id, digest in session.execute(
                select(Embedding.id, Embedding.text_hash).where(Embedding.model == embedder.model_name)
            )
            if digest not in needed
        ]
        if stale:
            session.execute(delete(Embedding).where(Embedding.id.in_(stale)))
        uow.commit()
        return IndexStats(len(missing), len(wanted) - len(missing), len(stale))
