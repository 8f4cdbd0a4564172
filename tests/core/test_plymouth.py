"""The demo city is what the foundation issue promises a city team will see."""

from __future__ import annotations

from collections import Counter

import pytest

from badge_core.citypack import CityPack, read_pack
from tests.conftest import PLYMOUTH

SPINE = {
    "essential": [
        "listening",
        "speaking",
        "problem-solving",
        "creativity",
        "staying-positive",
        "aiming-high",
        "leadership",
        "teamwork",
    ],
    "digital": ["coding", "digital-media", "online-safety", "data"],
    "creative": ["music", "performing-arts", "visual-arts", "creative-writing"],
    "active": ["sport", "outdoors"],
    "community": ["volunteering", "caring", "environment"],
    "work": ["enterprise", "practical-trades", "food"],
}
PATHWAYS = [
    "digital-careers",
    "creative-industries",
    "health-and-care",
    "construction-and-engineering",
    "hospitality-and-food",
    "sport-and-leisure",
]


@pytest.fixture(scope="module")
def pack() -> CityPack:
    return read_pack(PLYMOUTH)


def test_the_spine_has_exactly_the_agreed_strands_and_skills(pack: CityPack) -> None:
    assert {s.id: [k.id for k in s.skills] for s in pack.strands} == SPINE


def test_the_pathways_are_the_agreed_six(pack: CityPack) -> None:
    assert [p.id for p in pack.pathways] == PATHWAYS


def test_it_is_a_city_sized_catalogue(pack: CityPack) -> None:
    assert len(pack.providers) >= 15
    assert len(pack.activities) >= 40
    assert len(pack.badges) >= 20
    kinds = Counter(p.kind for p in pack.providers)
    for kind in ("library", "youth-centre", "college", "sports-club", "arts", "employer"):
        assert kinds[kind] >= 1, f"no {kind} provider"


def test_activities_spread_over_pl1_to_pl9_with_centroids(pack: CityPack) -> None:
    assert sorted(d.id for d in pack.districts) == [f"PL{n}" for n in range(1, 10)]
    venue_district = {v.id: v.district for v in pack.venues}
    used = {venue_district[a.venue] for a in pack.activities if a.venue}
    assert used == {f"PL{n}" for n in range(1, 10)}


def test_every_skill_and_pathway_is_explained_for_a_13_year_old(pack: CityPack) -> None:
    for item in [*pack.skills, *pack.pathways]:
        assert len(item.description.split()) >= 8, f"{item.id} needs a fuller description"
        assert len(item.examples) >= 3, f"{item.id} needs example phrases"


def test_every_skill_can_be_built_somewhere(pack: CityPack) -> None:
    built = {skill for a in pack.activities for skill in a.skills}
    assert built == {s.id for s in pack.skills}


def test_recurring_sessions_keep_the_demo_current(pack: CityPack) -> None:
    assert sum(bool(a.schedule) for a in pack.activities) >= 40
    assert any(a.sessions for a in pack.activities), "no one-off dated sessions"
