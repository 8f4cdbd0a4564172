"""The matching evaluation is honest: no labelled query appears in the city's own texts,
every label names something the city has, and a holdout part exists for each set."""

from __future__ import annotations

import re

import pytest
import yaml

from badge_core.citypack import read_pack
from tests.conftest import PLYMOUTH, REPO

EVAL = REPO / "tests" / "eval"


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def items(kind: str) -> list[dict]:
    return yaml.safe_load((EVAL / f"{kind}.yaml").read_text())["items"]


def test_no_labelled_query_is_one_of_the_citys_example_phrases() -> None:
    pack = read_pack(PLYMOUTH)
    city_texts = (
        {norm(e) for s in pack.skills for e in s.examples}
        | {norm(e) for p in pack.pathways for e in p.examples}
        | {norm(e) for a in pack.activities for e in a.examples}
    )
    leaked = [
        i["text"]
        for kind in ("skills", "pathways", "activities")
        for i in items(kind)
        if norm(i["text"]) in city_texts
    ]
    assert leaked == []


@pytest.mark.parametrize(
    ("kind", "key", "minimum"),
    [("skills", "skills", 150), ("pathways", "pathways", 80), ("activities", "activities", 80)],
)
def test_each_set_is_big_enough_labels_exist_and_has_a_holdout(
    kind: str, key: str, minimum: int
) -> None:
    pack = read_pack(PLYMOUTH)
    known = {
        "skills": {s.id for s in pack.skills},
        "pathways": {p.id for p in pack.pathways},
        "activities": {a.id for a in pack.activities},
    }[kind]
    labelled = items(kind)
    assert len(labelled) >= minimum
    assert all(set(i[key]) <= known for i in labelled)
    holdout = sum(i["split"] == "holdout" for i in labelled) / len(labelled)
    assert 0.2 <= holdout <= 0.4
