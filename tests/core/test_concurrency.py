"""Claims under load, on SQLite and on PostgreSQL: a single-use code awards once, a capped
code never beyond its cap, and one learner hammering a code gets one award."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from badge_core import migrate
from badge_core.citypack import load_pack, read_pack
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.errors import ClaimRefused
from badge_core.models import Award, ClaimCode
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_code
from badge_core.services.learners import register_learner
from tests.conftest import PLYMOUTH, SECRET, sqlite_url
from tests.pg import scratch_database


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def uow(
    request: pytest.FixtureRequest,
    plymouth_db_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[UnitOfWorkFactory]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("concurrency") / "colbot.db"
        shutil.copy(plymouth_db_template, path)
        engine = make_engine(sqlite_url(path))
        yield unit_of_work_factory(engine)
        engine.dispose()
        return
    with scratch_database() as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        load_pack(unit_of_work_factory(engine)(), read_pack(PLYMOUTH))
        yield unit_of_work_factory(engine)
        engine.dispose()


def _learners(uow: UnitOfWorkFactory, prefix: str, n: int) -> list[int]:
    return [
        register_learner(
            uow(), SECRET, "plymouth", "rest", f"{prefix}-{i}", age_band="13-15"
        ).learner_id
        for i in range(n)
    ]


def _claim_all(uow: UnitOfWorkFactory, claims: list[tuple[int, str]]) -> list[str]:
    def one(pair: tuple[int, str]) -> str:
        try:
            claim_badge(uow(), SECRET, pair[0], pair[1])
            return "ok"
        except ClaimRefused as refused:
            return type(refused).__name__

    with ThreadPoolExecutor(max_workers=len(claims)) as pool:
        return list(pool.map(one, claims))


def _awards(uow: UnitOfWorkFactory, code: str) -> int:
    with uow() as unit:
        return unit.session.scalar(
            select(func.count())
            .select_from(Award)
            .join(ClaimCode, Award.claim_code_id == ClaimCode.id)
            .where(ClaimCode.id == _code_id(uow, code))
        )


def _code_id(uow: UnitOfWorkFactory, code: str) -> int:
    from badge_core.services.codes import code_hash
    from colbot_shared.codes import normalise_code

    with uow() as unit:
        return unit.session.scalar(
            select(ClaimCode.id).where(
                ClaimCode.code_hash == code_hash(SECRET, normalise_code(code))
            )
        )


def test_fifty_learners_racing_for_a_single_use_code_give_one_award(uow: UnitOfWorkFactory) -> None:
    code = create_claim_code(uow(), SECRET, "plymouth", "beat-maker", max_claims=1).code
    outcomes = _claim_all(uow, [(learner, code) for learner in _learners(uow, "single", 50)])
    assert outcomes.count("ok") == 1 and set(outcomes) == {"ok", "CodeUsedUp"}
    assert _awards(uow, code) == 1


def test_a_code_capped_at_30_with_100_claimants_gives_exactly_30(uow: UnitOfWorkFactory) -> None:
    code = create_claim_code(uow(), SECRET, "plymouth", "live-performer", max_claims=30).code
    outcomes = _claim_all(uow, [(learner, code) for learner in _learners(uow, "capped", 100)])
    assert outcomes.count("ok") == 30 and outcomes.count("CodeUsedUp") == 70
    assert _awards(uow, code) == 30
    with uow() as unit:
        assert unit.session.get(ClaimCode, _code_id(uow, code)).claims_count == 30


def test_one_learner_claiming_ten_times_at_once_gets_one_award(uow: UnitOfWorkFactory) -> None:
    code = create_claim_code(uow(), SECRET, "plymouth", "code-club-coder", max_claims=30).code
    [learner] = _learners(uow, "eager", 1)
    outcomes = _claim_all(uow, [(learner, code)] * 10)
    assert outcomes.count("ok") == 1 and set(outcomes) <= {"ok", "AlreadyEarned"}
    assert _awards(uow, code) == 1
    with uow() as unit:  # the refused tries gave their places back
        assert unit.session.get(ClaimCode, _code_id(uow, code)).claims_count == 1


def test_one_learner_sending_a_single_use_code_ten_times_at_once_hears_it_is_theirs(
    uow: UnitOfWorkFactory,
) -> None:
    """A message delivered twice (a balancer's retry, a webhook's redelivery) races with
    itself for the code's one place: the copy that loses is told the badge is already theirs,
    never that the code is used up."""
    code = create_claim_code(uow(), SECRET, "plymouth", "beat-maker", max_claims=1).code
    [learner] = _learners(uow, "twice", 1)
    outcomes = _claim_all(uow, [(learner, code)] * 10)
    assert outcomes.count("ok") == 1 and set(outcomes) <= {"ok", "AlreadyEarned"}, outcomes
    assert _awards(uow, code) == 1


def test_lookups_and_searches_do_not_wait_for_a_claim_holding_the_write_lock(
    plymouth_db_template: Path, tmp_path: Path
) -> None:
    """On SQLite a claim's transaction holds the one write lock; a learner lookup or a search
    meanwhile reads a snapshot instead of queueing behind it (a writer still queues)."""
    from sqlalchemy.exc import OperationalError

    from badge_core.queries.snapshot import city_snapshot
    from badge_core.services.learners import find_learner
    from badge_core.services.search import SearchQuery, search_activities

    path = tmp_path / "colbot.db"
    shutil.copy(plymouth_db_template, path)
    engine = make_engine(sqlite_url(path), busy_timeout_s=0.2)
    uow = unit_of_work_factory(engine)
    register_learner(uow(), SECRET, "plymouth", "rest", "reader", age_band="13-15")
    try:
        with uow() as claim:
            claim.session.execute(select(func.count()).select_from(Award))  # BEGIN IMMEDIATE
            assert find_learner(uow(), SECRET, "rest", "reader") is not None
            with uow().reading() as reader:
                assert reader.session.scalar(select(func.count()).select_from(Award)) is not None
                city = city_snapshot(reader, "plymouth")
            with pytest.raises(OperationalError, match="locked"), uow() as writer:
                writer.session.execute(select(func.count()).select_from(Award))
        # the search itself read without the lock; logging it (a write) needs it, and gets it
        # once the claim is over
        result = search_activities(uow(), city, SearchQuery(interest="football"))
        assert result.hits
    finally:
        engine.dispose()


def test_a_unit_opened_for_reading_cannot_commit(uow: UnitOfWorkFactory) -> None:
    unit = uow().reading()
    with unit, pytest.raises(RuntimeError, match="reading"):
        unit.commit()
    with unit:  # the mark lasted one ``with``: the same unit writes again
        unit.commit()
