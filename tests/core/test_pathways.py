"""Pathway progress comes from a learner's awards: badges complete steps, so do skills shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from badge_core.citypack import load_pack, read_pack
from badge_core.db import UnitOfWorkFactory
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_code
from badge_core.services.learners import register_learner
from badge_core.services.pathways import pathway_progress
from tests.conftest import SECRET
from tests.core.packs import small_pack, write_pack


def test_progress_counts_steps_done_by_badge_or_by_skill(empty_uow: UnitOfWorkFactory, tmp_path: Path) -> None:
    load_pack(empty_uow(), read_pack(write_pack(tmp_path / "pack", small_pack())))
    learner_id = register_learner(empty_uow(), SECRET, "testville", "sms", "x", age_band="13-15").learner_id

    before = pathway_progress(empty_uow(), "testville", "sport-and-leisure", learner_id)
    assert before.steps_done == 0
    assert before.steps[0].missing_skills == ["sport"]

    issued = create_claim_code(
        empty_uow(), SECRET, "testville", "team-player", valid_from=datetime.now(UTC) - timedelta(minutes=1)
    ).code
    claim_badge(empty_uow(), SECRET, learner_id, issued)

    after = pathway_progress(empty_uow(), "testville", "sport-and-leisure", learner_id)
    # team-player shows teamwork and sport: step "play" by skill, step "team" by badge
    assert [s.done for s in after.steps] == [True, True]
    assert after.steps_done == 2
