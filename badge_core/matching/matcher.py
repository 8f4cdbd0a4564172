"""Ranking a learner's text against a city's skills, pathways and activities.

Each item stands for several texts (a skill's description, its examples, its levels). An
item's score blends its best-matching text with the mean of its best few, so one lucky
phrase counts but a consistently close item counts more. Only the learner's own text is
encoded per call. The city's vectors are read by the vectors service
(badge_core/services/vectors.py) and kept here, per process, until a pack load changes the
city's ``index_version``. Nothing here reads or writes the database.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from badge_core.matching.embedder import Embedder
from badge_core.matching.texts import ItemTexts, text_hash

BEST_WEIGHT = 0.3  # score = BEST_WEIGHT * best text + (1 - BEST_WEIGHT) * mean of best TOP_TEXTS
TOP_TEXTS = 12  # skills now have about 40 texts each; chosen on the dev split only
SHORT_TEXT_WORDS = 3  # texts this short (interests, search words) are kept once encoded
SHORT_TEXTS_KEPT = 4096  # about 6 MiB of vectors


@dataclass(frozen=True)
class Match:
    key: str
    name: str
    score: float


@dataclass(frozen=True)
class ItemVectors:
    keys: list[str]
    names: list[str]
    ids: list[int]
    matrix: np.ndarray  # one row per text
    owner: np.ndarray  # text row -> item index

    def scores(self, query: np.ndarray) -> np.ndarray:
        sims = self.matrix @ query
        scores = np.full(len(self.keys), -1.0, dtype=np.float32)
        if len(self.owner) == len(self.keys):  # one text per item
            scores[self.owner] = sims
            return scores
        # Each item's texts, best first; an item scores by its best text and the mean of its
        # best TOP_TEXTS (in whole arrays: a loop over the items took 3 ms a query).
        order = np.lexsort((-sims, self.owner))
        owner, ranked = self.owner[order], sims[order]
        starts = np.searchsorted(owner, np.arange(len(self.keys)))  # each item's first text
        top = np.arange(len(owner)) - starts[owner] < TOP_TEXTS
        counts = np.bincount(owner[top], minlength=len(self.keys))
        sums = np.bincount(owner[top], weights=ranked[top], minlength=len(self.keys))
        scored = np.nonzero(counts)[0]
        best = ranked[starts[scored]]
        scores[scored] = BEST_WEIGHT * best + (1 - BEST_WEIGHT) * sums[scored] / counts[scored]
        return scores

    def rank(self, query: np.ndarray, top: int) -> list[Match]:
        scores = self.scores(query)
        best = np.argsort(-scores)[:top]
        return [Match(self.keys[i], self.names[i], float(scores[i])) for i in best]

    def with_examples(self, vectors: np.ndarray, keys: Sequence[Sequence[str]]) -> ItemVectors:
        """The same items, each also standing for every row of ``vectors`` whose ``keys`` name
        it (a row may name several items; keys of no item here are passed over)."""
        index = {key: i for i, key in enumerate(self.keys)}
        rows, owner = [], []
        for row, named in enumerate(keys):
            for key in named:
                if key in index:
                    rows.append(row)
                    owner.append(index[key])
        if not owner:
            return self
        return ItemVectors(
            self.keys,
            self.names,
            self.ids,
            np.vstack([self.matrix, np.asarray(vectors, dtype=np.float32)[rows]]),
            np.concatenate([self.owner, np.asarray(owner, dtype=self.owner.dtype)]),
        )


def item_vectors(items: ItemTexts, vectors: dict[str, np.ndarray], dim: int) -> ItemVectors:
    matrix = (
        np.stack([vectors[text_hash(t)] for t in items.texts])
        if items.texts
        else np.zeros((0, dim))
    )
    return ItemVectors(items.keys, items.names, items.ids, matrix.astype(np.float32), items.owner)


@dataclass(frozen=True)
class CityVectors:
    version: str | None  # the city's index_version when read
    skills: ItemVectors
    pathways: ItemVectors
    activities: ItemVectors


class Matcher:
    """One per process: holds each city's vectors and the embedder for learners' texts."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._cities: dict[str, CityVectors] = {}
        self.lock = threading.Lock()  # one reader builds a city's vectors at a time
        self._short_text = lru_cache(maxsize=SHORT_TEXTS_KEPT)(self._encode_kept)

    def kept(self, city_slug: str, version: str | None) -> CityVectors | None:
        """The city's vectors held here, if they are as of ``version``."""
        kept = self._cities.get(city_slug)
        return (
            kept if kept is not None and version is not None and kept.version == version else None
        )

    def keep(self, city_slug: str, vectors: CityVectors) -> None:
        self._cities[city_slug] = vectors

    def encode(self, text: str) -> np.ndarray:
        """The text's vector. A short text (an interest such as "football", which many
        learners send) is encoded once and then kept, read-only, among the latest
        SHORT_TEXTS_KEPT; a sentence, which is someone's own and seldom repeats, never is."""
        if len(text.split()) > SHORT_TEXT_WORDS:
            return self.embedder.encode([text])[0]
        return self._short_text(text)

    def _encode_kept(self, text: str) -> np.ndarray:
        vector = self.embedder.encode([text])[0]
        vector.setflags(write=False)  # shared by every later caller
        return vector
