"""Pathway progress comes from a learner's awards: badges complete steps, so do skills shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from badge_core.citypack import load_pack, read_pack
from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.queries.cities import get_city
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_code
from badge_core.services.credentials import revoke_award
from badge_core.services.learners import register_learner
from badge_core.services.pathways import PathwayProgress, pathway_progress, pathway_uptake
from tests.conftest import SECRET, selects, tables_read
from tests.core.packs import small_pack, write_pack


def _learner(uow: UnitOfWorkFactory, sender: str) -> int:
    return register_learner(uow(), SECRET, "testville", "sms", sender, age_band="13-15").learner_id


def _progress(uow: UnitOfWorkFactory, learner_id: int) -> PathwayProgress:
    return pathway_progress(uow(), "testville", "sport-and-leisure", learner_id)


def _claim(uow: UnitOfWorkFactory, learner_id: int, badge: str) -> str:
    issued = create_claim_code(
        uow(), SECRET, "testville", badge, valid_from=datetime.now(UTC) - timedelta(minutes=1)
    ).code
    return claim_badge(uow(), SECRET, learner_id, issued).award_public_id


def test_progress_counts_steps_done_by_badge_or_by_skill(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    load_pack(empty_uow(), read_pack(write_pack(tmp_path / "pack", small_pack())))
    learner_id = _learner(empty_uow, "x")

    before = _progress(empty_uow, learner_id)
    assert before.steps_done == 0
    assert before.steps[0].missing_skills == ["sport"]

    _claim(empty_uow, learner_id, "team-player")

    after = _progress(empty_uow, learner_id)
    # team-player shows teamwork and sport: step "play" by skill, step "team" by badge
    assert [s.done for s in after.steps] == [True, True]
    assert after.steps_done == 2


def test_a_pathway_changed_by_a_pack_load_counts_from_the_next_question(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    docs = small_pack()
    load_pack(empty_uow(), read_pack(write_pack(tmp_path / "v1", docs)))
    learner_id = _learner(empty_uow, "x")
    _claim(empty_uow, learner_id, "team-player")
    assert _progress(empty_uow, learner_id).steps_done == 2

    # the city now wants listening shown for the first step, and adds a third
    steps = docs["pathways"]["pathways"][0]["steps"]
    steps[0]["skills"] = ["listening"]
    steps.append({"id": "listen", "title": "Listen well", "badges": ["good-listener"]})
    load_pack(empty_uow(), read_pack(write_pack(tmp_path / "v2", docs)))

    after = _progress(empty_uow, learner_id)
    assert [(s.key, s.done, s.missing_skills) for s in after.steps] == [
        ("play", False, ["listening"]),
        ("team", True, []),
        ("listen", False, []),
    ]


def test_a_revoked_badge_no_longer_completes_a_step(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    load_pack(empty_uow(), read_pack(write_pack(tmp_path / "pack", small_pack())))
    learner_id = _learner(empty_uow, "x")
    award_id = _claim(empty_uow, learner_id, "team-player")
    assert _progress(empty_uow, learner_id).steps_done == 2

    revoke_award(empty_uow(), Settings(secret_key=SECRET), award_id, reason="test")

    after = _progress(empty_uow, learner_id)
    assert after.steps_done == 0 and after.steps[0].missing_skills == ["sport"]


def test_progress_reads_only_the_learners_awards_once_the_city_is_held(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    load_pack(empty_uow(), read_pack(write_pack(tmp_path / "pack", small_pack())))
    learner_id = _learner(empty_uow, "x")
    _claim(empty_uow, learner_id, "good-listener")
    _progress(empty_uow, learner_id)  # the snapshot is warm

    with selects() as reads:
        progress = _progress(empty_uow, learner_id)

    assert progress.steps_done == 0  # listening shows neither sport nor team-player
    assert tables_read(reads) == ["cities", "awards"], reads


def test_uptake_counts_learners_who_started_and_completed_each_pathway(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    docs = small_pack()
    docs["pathways"]["pathways"][0]["steps"][1]["badges"] = ["good-listener"]
    load_pack(empty_uow(), read_pack(write_pack(tmp_path / "pack", docs)))
    holdings = {"a": ["team-player"], "b": ["good-listener"], "c": ["team-player", "good-listener"]}
    for sender, badges in holdings.items():
        learner_id = _learner(empty_uow, sender)
        for badge in badges:
            _claim(empty_uow, learner_id, badge)
    _learner(empty_uow, "none yet")

    with empty_uow().reading() as unit:
        city_id = get_city(unit, "testville").id
        assert pathway_uptake(unit.session, city_id) == {"sport-and-leisure": (3, 1)}
