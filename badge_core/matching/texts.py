"""Which texts stand for each skill, pathway and activity: the city's side of a match.

Pure functions of the rows given; reading them and storing their vectors is the vectors
service's work (badge_core/services/vectors.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from badge_core.models import Activity, Pathway, Skill


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def skill_texts(skill: Skill) -> list[str]:
    return [
        f"{skill.name}: {skill.description}",
        *skill.examples,
        *skill.levels,
        *skill.activity_examples,
    ]


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


def collect_items(items: Sequence[tuple[int, str, str, list[str]]]) -> ItemTexts:
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
