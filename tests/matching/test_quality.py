"""Regression guard on the labelled sets (make eval reports the full figures): matching must
stay well ahead of the keyword baseline and above the floors we have reached."""

from __future__ import annotations

import pytest

from badge_core.db import UnitOfWorkFactory
from badge_core.demo.matching_quality import Report, evaluate
from badge_core.matching.matcher import Matcher
from tests.conftest import REPO

# Floors a little under what make eval measured (docs/benchmarks.md), dev and holdout together.
FLOORS = {"skills": (0.85, 0.95), "pathways": (0.92, 0.98), "activities": (0.85, 0.93)}


@pytest.fixture(scope="module")
def reports(indexed_template, tmp_path_factory) -> dict[str, list[Report]]:
    import shutil

    from badge_core.db import make_engine, unit_of_work_factory
    from badge_core.matching.embedder import default_embedder

    path = tmp_path_factory.mktemp("quality") / "q.db"
    shutil.copy(indexed_template, path)
    uow: UnitOfWorkFactory = unit_of_work_factory(make_engine(f"sqlite:///{path}"))
    found = evaluate(uow, "plymouth", Matcher(default_embedder()), REPO / "tests" / "eval")
    return {kind: [r for r in found if r.kind == kind] for kind in FLOORS}


def pooled(reports: list[Report], semantic: bool) -> tuple[float, float]:
    total = sum(r.semantic.count for r in reports)
    scores = [r.semantic if semantic else r.keyword for r in reports]
    return (
        sum(s.top1 * s.count for s in scores) / total,
        sum(s.top3 * s.count for s in scores) / total,
    )


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_matching_stays_above_its_floors_and_the_keyword_baseline(reports, kind: str) -> None:
    top1, top3 = pooled(reports[kind], semantic=True)
    keyword_top1, keyword_top3 = pooled(reports[kind], semantic=False)
    floor1, floor3 = FLOORS[kind]
    assert top1 >= floor1, f"{kind} top-1 {top1:.3f} < {floor1}"
    assert top3 >= floor3, f"{kind} top-3 {top3:.3f} < {floor3}"
    assert top3 >= keyword_top3 + 0.1, f"{kind}: semantic {top3:.3f} vs keyword {keyword_top3:.3f}"
