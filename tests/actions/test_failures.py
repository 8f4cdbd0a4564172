"""When the database is down or locked mid-claim: the learner is told to try again, nothing
is half-written, the code still works, and the retry awards exactly once."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from actions import runtime
from actions.claims import ActionClaimBadge, ActionMyBadges
from actions.runtime import TRY_AGAIN
from badge_core.config import Settings
from badge_core.db import make_engine, unit_of_work_factory
from badge_core.models import Award, ClaimCode
from tests.actions.support import award_count, count, issue_code, make_tracker, register, run
from tests.conftest import SECRET

GIVEN = {"consent": "given", "age_band": "13-15"}


@pytest.fixture
def quick_lock_db(plymouth_db_url: str) -> Iterator[str]:
    """The demo database, with the actions' runtime giving up on a lock after half a second."""
    engine = make_engine(plymouth_db_url, busy_timeout_s=0.5)
    runtime.use(
        runtime.Runtime(
            Settings(database_url=plymouth_db_url, secret_key=SECRET), unit_of_work_factory(engine)
        )
    )
    yield plymouth_db_url
    runtime.use(None)
    engine.dispose()


def _claim(code: str) -> tuple[list[str], list[str]]:
    ran = run(
        ActionClaimBadge(),
        make_tracker(
            f"my code is {code}", "claim_badge", entities=[("claim_code", code)], slots=GIVEN
        ),
    )
    return ran.texts, ran.responses


def test_a_claim_while_the_database_is_locked_is_retried_later_and_awards_once(
    quick_lock_db: str, caplog: pytest.LogCaptureFixture
) -> None:
    uow = runtime.runtime().uow
    register(uow, age_band="13-15")
    code = issue_code(uow, max_claims=1)

    blocker = sqlite3.connect(quick_lock_db.removeprefix("sqlite:///"), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # someone else holds the write lock
    try:
        assert _claim(code)[1] == [TRY_AGAIN]
        # and the log says so, naming the action and the error's kind, and nothing of the claim
        [logged] = [r.getMessage() for r in caplog.records if r.name == "actions.runtime"]
        assert logged == "action_claim_badge: the database was not reached (OperationalError)"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert award_count(uow) == 0
    assert count(uow, ClaimCode, ClaimCode.claims_count == 0) == 1, "the code must stay claimable"

    assert "You've earned" in _claim(code)[0][0]
    assert "already got" in _claim(code)[0][0]
    assert award_count(uow, Award.status == "awarded") == 1


def test_a_database_that_is_down_gets_the_same_friendly_answer() -> None:
    down = "postgresql+psycopg://postgres@127.0.0.1:9/nothing"  # nothing listens on port 9
    engine = make_engine(down)
    runtime.use(
        runtime.Runtime(
            Settings(database_url=down, secret_key=SECRET), unit_of_work_factory(engine)
        )
    )
    try:
        for action, intent in (
            (ActionMyBadges(), "my_badges"),
            (ActionClaimBadge(), "claim_badge"),
        ):
            ran = run(
                action,
                make_tracker("x", intent, entities=[("claim_code", "K7QX2-M9PTW")], slots=GIVEN),
            )
            assert ran.responses == [TRY_AGAIN] and ran.events == []
            assert ran.texts[0].startswith("Sorry, I can't reach my records right now.")
    finally:
        runtime.use(None)
        engine.dispose()


def test_the_action_server_registers_every_action_and_not_the_guard() -> None:
    """The action server registers each concrete Action subclass; the shared base must not be
    one (it has no name), or the server would not start."""
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    assert "action_claim_badge" in executor.actions and "action_new_code" in executor.actions
