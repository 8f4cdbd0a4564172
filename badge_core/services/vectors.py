"""A city's vectors: read from the cache for matching, and encoded when a pack is loaded.

``index_city`` runs when a pack is loaded: it encodes only texts it has never seen (by model
and sha256 of the text) and drops cached vectors no city uses any more. The matcher in a
running process keeps each city's vectors until the city's ``index_version`` (which a load
changes) moves on. Reading never writes: a city loaded without indexing is matched with its
missing texts encoded in memory, and the log says to load it again with indexing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from badge_core.db import UnitOfWork
from badge_core.matching.embedder import Embedder
from badge_core.matching.matcher import CityVectors, Match, Matcher, item_vectors
from badge_core.matching.texts import (
    CityTexts,
    activity_texts,
    collect_items,
    pathway_texts,
    skill_texts,
    text_hash,
)
from badge_core.models import Activity, City, Embedding, Pathway, Skill
from badge_core.queries.cities import get_city

log = logging.getLogger(__name__)


def city_texts(session: Session, city: City) -> CityTexts:
    skills = session.scalars(select(Skill).where(Skill.city_id == city.id).order_by(Skill.position))
    pathways = session.scalars(
        select(Pathway)
        .where(Pathway.city_id == city.id)
        .order_by(Pathway.position)
        .options(selectinload(Pathway.steps))
    )
    activities = session.scalars(
        select(Activity)
        .where(Activity.city_id == city.id)
        .order_by(Activity.id)
        .options(selectinload(Activity.skills))
    )
    return CityTexts(
        collect_items([(s.id, s.key, s.name, skill_texts(s)) for s in skills]),
        collect_items([(p.id, p.key, p.name, pathway_texts(p)) for p in pathways]),
        collect_items([(a.id, a.key, a.title, activity_texts(a)) for a in activities]),
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


def index_city(
    uow: UnitOfWork, city_slug: str, embedder: Embedder, *, sweep: bool = True
) -> IndexStats:
    """Encode what is new in the city's texts; the model loads only when there is something
    new to encode. With ``sweep``, also drop vectors no city's texts use any more (it reads
    every city's texts: an import, which only adds and changes a few, leaves it to the next
    pack load)."""
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
                    Embedding(
                        model=embedder.model_name,
                        text_hash=text_hash(text),
                        vector=vector.tobytes(),
                    )
                )
        stale = _stale_vectors(session, embedder.model_name) if sweep else []
        if stale:
            session.execute(delete(Embedding).where(Embedding.id.in_(stale)))
        uow.commit()
        return IndexStats(len(missing), len(wanted) - len(missing), len(stale))


def _stale_vectors(session: Session, model_name: str) -> list[int]:
    needed = {
        text_hash(t)
        for other in session.scalars(select(City))
        for t in city_texts(session, other).all()
    }
    return [
        row_id
        for row_id, digest in session.execute(
            select(Embedding.id, Embedding.text_hash).where(Embedding.model == model_name)
        )
        if digest not in needed
    ]


def city_vectors(uow: UnitOfWork, matcher: Matcher, city: City) -> CityVectors:
    """The city's vectors, inside the caller's open unit of work: the matcher's copy while the
    city's ``index_version`` is unchanged, otherwise read from the cache."""
    version = city.index_version
    kept = matcher.kept(city.slug, version)
    if kept is not None:
        return kept
    with matcher.lock:
        kept = matcher.kept(city.slug, version)
        if kept is not None:
            return kept
        texts = city_texts(uow.session, city)
        vectors = cached_vectors(uow.session, matcher.embedder.model_name, texts.all())
        missing = [t for t in dict.fromkeys(texts.all()) if text_hash(t) not in vectors]
        if missing:  # a pack loaded without indexing: match, but never write on a read
            log.warning(
                "city %s has %d texts not indexed: load its pack again without --no-index",
                city.slug,
                len(missing),
            )
            for text, vector in zip(missing, matcher.embedder.encode(missing), strict=True):
                vectors[text_hash(text)] = vector
        dim = next(iter(vectors.values())).shape[0] if vectors else 384
        built = CityVectors(
            version,
            item_vectors(texts.skills, vectors, dim),
            item_vectors(texts.pathways, vectors, dim),
            item_vectors(texts.activities, vectors, dim),
        )
        matcher.keep(city.slug, built)
        return built


def vectors_in(
    uow: UnitOfWork, matcher: Matcher, city_slug: str, version: str | None
) -> CityVectors:
    """The city's vectors, inside the caller's open unit of work: no read at all while the
    matcher's copy is as of ``version`` (the city's ``index_version`` as the caller read it)."""
    return matcher.kept(city_slug, version) or city_vectors(uow, matcher, get_city(uow, city_slug))


def load_city_vectors(
    uow_factory: Callable[[], UnitOfWork],
    matcher: Matcher,
    city_slug: str,
    version: str | None = None,
) -> CityVectors:
    """The city's vectors, current as of ``version`` or, without one, as of a read made here."""
    kept = matcher.kept(city_slug, version)
    if kept is not None:
        return kept
    with uow_factory().reading() as uow:
        return city_vectors(uow, matcher, get_city(uow, city_slug))


def activity_similarity(vectors: CityVectors, matcher: Matcher, text: str) -> dict[int, float]:
    """Similarity of ``text`` to every activity, by activity id."""
    scores = vectors.activities.scores(matcher.encode(text))
    return {vectors.activities.ids[i]: float(s) for i, s in enumerate(scores)}


def skill_matches(
    uow_factory: Callable[[], UnitOfWork], matcher: Matcher, city_slug: str, text: str, top: int = 3
) -> list[Match]:
    return load_city_vectors(uow_factory, matcher, city_slug).skills.rank(matcher.encode(text), top)


def pathway_matches(
    uow_factory: Callable[[], UnitOfWork],
    matcher: Matcher,
    city_slug: str,
    text: str,
    top: int = 3,
    *,
    version: str | None = None,
) -> list[Match]:
    return load_city_vectors(uow_factory, matcher, city_slug, version).pathways.rank(
        matcher.encode(text), top
    )


def activity_scores(
    uow_factory: Callable[[], UnitOfWork],
    matcher: Matcher,
    city_slug: str,
    text: str,
    *,
    version: str | None = None,
) -> dict[int, float]:
    """Similarity of ``text`` to every activity, by activity id."""
    return activity_similarity(
        load_city_vectors(uow_factory, matcher, city_slug, version), matcher, text
    )
