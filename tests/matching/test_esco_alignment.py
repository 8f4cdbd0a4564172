"""The spine aligned to ESCO: the matcher proposes ESCO skills for each spine skill, the
demo city's pack confirms one or two for every skill, and badges carry them."""

from __future__ import annotations

from pathlib import Path

import yaml

from badge_core.db import UnitOfWorkFactory
from badge_core.matching.esco import esco_skills
from badge_core.matching.matcher import Matcher
from badge_core.services.alignment import propose_esco
from tests.conftest import PLYMOUTH

ESCO_URI = "http://data.europa.eu/esco/skill/"


def pack_esco() -> dict[str, list[str]]:
    spine = yaml.safe_load((PLYMOUTH / "spine.yaml").read_text())
    return {
        skill["id"]: [a["url"] for a in skill.get("alignments", []) if a["framework"] == "ESCO"]
        for strand in spine["strands"]
        for skill in strand["skills"]
    }


def test_every_spine_skill_is_aligned_to_real_esco_skills() -> None:
    known = {skill.uri for skill in esco_skills()}
    aligned = pack_esco()
    assert len(aligned) == 24
    for key, urls in aligned.items():
        assert 1 <= len(urls) <= 2, key
        assert all(url.startswith(ESCO_URI) and url in known for url in urls), key


def test_the_matcher_proposes_the_confirmed_alignment_first(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher, tmp_path: Path
) -> None:
    # the confirmed skills among 400 others of the list, so the test encodes seconds, not minutes
    confirmed = {url for urls in pack_esco().values() for url in urls}
    everything = esco_skills()
    sample = tuple(s for s in everything if s.uri in confirmed) + everything[:400]
    rows = propose_esco(indexed_uow(), "plymouth", matcher.embedder, tmp_path, top=5, esco=sample)
    assert all(r.aligned for r in rows)
    # on the whole list (colbot spine align) the team took the first proposal for 14 of the
    # 24 skills and one of the first five for 22; fewer distractors can only do as well
    assert sum(r.candidates[0].uri in r.aligned for r in rows) >= 14
    assert sum(any(c.uri in r.aligned for c in r.candidates) for r in rows) >= 22
