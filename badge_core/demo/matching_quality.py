"""Measuring matching quality on the labelled sets in ``tests/eval`` (used by ``make eval``
and by the regression test).

Top-1 counts a hit when the best match is one of the item's labels, top-3 when any of the
best three is. The same queries run through a keyword baseline (TF-IDF over the same texts,
best text per item) so the figures can be compared within one run. Activity queries apply
their filters (free, day, near, age) before ranking, as the bot's search does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from badge_core.citypack.spec import WEEKDAYS
from badge_core.db import UnitOfWork
from badge_core.matching.matcher import ItemVectors, Matcher
from badge_core.matching.texts import ItemTexts
from badge_core.models import Activity, Venue
from badge_core.queries.cities import get_city
from badge_core.services.vectors import city_texts, load_city_vectors

Ranker = Callable[[str, Sequence[int] | None], list[str]]  # text, allowed item indexes -> keys


@dataclass(frozen=True)
class LabelledItem:
    text: str
    labels: list[str]
    split: str
    filters: dict[str, Any]


@dataclass(frozen=True)
class Score:
    top1: float
    top3: float
    count: int


def load_set(path: Path, label_key: str) -> list[LabelledItem]:
    items = yaml.safe_load(path.read_text())["items"]
    return [
        LabelledItem(i["text"], list(i[label_key]), i.get("split", "dev"), i.get("filters") or {})
        for i in items
    ]


def score(items: Sequence[LabelledItem], rank: Callable[[LabelledItem], list[str]]) -> Score:
    top1 = top3 = 0
    for item in items:
        ranked = rank(item)
        top1 += bool(ranked[:1]) and ranked[0] in item.labels
        top3 += any(key in item.labels for key in ranked[:3])
    n = max(len(items), 1)
    return Score(top1 / n, top3 / n, len(items))


class TfidfRanker:
    """The keyword baseline: TF-IDF cosine, an item scored by its best text."""

    def __init__(self, items: ItemTexts) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.items = items
        self.vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1)
        self.matrix = self.vectorizer.fit_transform(items.texts)

    def scores(self, text: str) -> np.ndarray:
        sims = (self.matrix @ self.vectorizer.transform([text]).T).toarray().ravel()
        scores = np.full(len(self.items.keys), -1.0)
        np.maximum.at(scores, self.items.owner, sims)
        return scores


def ranked_keys(
    keys: Sequence[str], scores: np.ndarray, allowed: Sequence[int] | None
) -> list[str]:
    order = np.argsort(-scores)
    if allowed is not None:
        allowed_set = set(allowed)
        order = [i for i in order if i in allowed_set]
    return [keys[i] for i in order[:3]]


def activity_filter(
    uow: UnitOfWork, city_slug: str, keys: Sequence[str]
) -> Callable[[dict[str, Any]], list[int]]:
    """Which activities (by index in ``keys``) pass an eval item's filters."""
    with uow:
        city = get_city(uow, city_slug)
        activities = {
            a.key: a
            for a in uow.session.scalars(
                select(Activity)
                .where(Activity.city_id == city.id)
                .options(
                    selectinload(Activity.weekly_slots),
                    selectinload(Activity.sessions),
                    selectinload(Activity.venue).selectinload(Venue.district),
                )
            )
        }
        facts = {
            key: (
                a.cost_pence,
                {WEEKDAYS[s.weekday] for s in a.weekly_slots}
                | {WEEKDAYS[s.starts_at.weekday()] for s in a.sessions},
                a.venue.district.code if a.venue else None,
                a.age_min,
                a.age_max,
            )
            for key, a in activities.items()
        }

    def allowed(filters: dict[str, Any]) -> list[int]:
        out = []
        for index, key in enumerate(keys):
            cost, days, district, low, high = facts[key]
            if filters.get("free") and cost != 0:
                continue
            if "day" in filters and filters["day"] not in days:
                continue
            if "near" in filters and district != filters["near"]:
                continue
            if "age" in filters and not low <= filters["age"] <= high:
                continue
            out.append(index)
        return out

    return allowed


@dataclass(frozen=True)
class Report:
    kind: str
    split: str
    semantic: Score
    keyword: Score


def evaluate(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    matcher: Matcher,
    eval_dir: Path,
    splits: Sequence[str] = ("dev", "holdout"),
) -> list[Report]:
    city = load_city_vectors(uow_factory, matcher, city_slug)
    with uow_factory() as uow:
        texts = city_texts(uow.session, get_city(uow, city_slug))
    allowed = activity_filter(uow_factory(), city_slug, city.activities.keys)
    kinds: list[tuple[str, str, ItemVectors, ItemTexts, bool]] = [
        ("skills", "skills", city.skills, texts.skills, False),
        ("pathways", "pathways", city.pathways, texts.pathways, False),
        ("activities", "activities", city.activities, texts.activities, True),
    ]
    reports = []
    for kind, label_key, vectors, item_texts, filtered in kinds:
        items = load_set(eval_dir / f"{kind}.yaml", label_key)
        encoded = dict(
            zip(
                [i.text for i in items],
                matcher.embedder.encode([i.text for i in items]),
                strict=True,
            )
        )
        baseline = TfidfRanker(item_texts)

        def semantic(
            item: LabelledItem,
            vectors: ItemVectors = vectors,
            filtered: bool = filtered,
            encoded: dict = encoded,
        ) -> list[str]:
            return ranked_keys(
                vectors.keys,
                vectors.scores(encoded[item.text]),
                allowed(item.filters) if filtered else None,
            )

        def keyword(
            item: LabelledItem,
            baseline: TfidfRanker = baseline,
            filtered: bool = filtered,
            item_texts: ItemTexts = item_texts,
        ) -> list[str]:
            return ranked_keys(
                item_texts.keys,
                baseline.scores(item.text),
                allowed(item.filters) if filtered else None,
            )

        for split in splits:
            chosen = [i for i in items if i.split == split]
            reports.append(Report(kind, split, score(chosen, semantic), score(chosen, keyword)))
    return reports
