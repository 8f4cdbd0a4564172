"""Learners: recognised when they return, opted out on request, erased completely."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from badge_core.db import UnitOfWorkFactory
from badge_core.models import Award, ChannelIdentity, Event, Learner
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_code
from badge_core.services.learners import erase_learner, find_learner, register_learner, set_opt_out
from tests.conftest import SECRET


def test_a_returning_learner_is_recognised(uow: UnitOfWorkFactory) -> None:
    first = register_learner(
        uow(), SECRET, "plymouth", "sms", "pseudo-1", age_band="16-18", district="pl4"
    )
    again = find_learner(uow(), SECRET, "sms", "pseudo-1")
    assert first.is_new and again is not None and not again.is_new
    assert (again.learner_id, again.age_band, again.district) == (first.learner_id, "16-18", "PL4")
    assert find_learner(uow(), SECRET, "telegram", "pseudo-1") is None


def test_the_sender_key_is_not_stored(uow: UnitOfWorkFactory) -> None:
    register_learner(uow(), SECRET, "plymouth", "sms", "pseudo-xyz")
    with uow() as unit:
        stored = unit.session.scalar(select(ChannelIdentity.address_hash))
    assert "pseudo-xyz" not in stored and len(stored) == 64


def test_opting_out_and_back_in(uow: UnitOfWorkFactory) -> None:
    register_learner(uow(), SECRET, "plymouth", "sms", "p")
    assert set_opt_out(uow(), SECRET, "sms", "p", opted_out=True)
    assert find_learner(uow(), SECRET, "sms", "p").opted_out
    assert set_opt_out(uow(), SECRET, "sms", "p", opted_out=False)
    assert not find_learner(uow(), SECRET, "sms", "p").opted_out
    assert not set_opt_out(uow(), SECRET, "sms", "nobody", opted_out=True)


def test_erasure_removes_learner_identities_and_awards_and_unlinks_events(
    uow: UnitOfWorkFactory,
) -> None:
    now = datetime.now(UTC)
    learner_id = register_learner(uow(), SECRET, "plymouth", "sms", "gone").learner_id
    keeper = register_learner(uow(), SECRET, "plymouth", "sms", "stays").learner_id
    issued = create_claim_code(
        uow(), SECRET, "plymouth", "beat-maker", max_claims=2, valid_from=now - timedelta(minutes=1)
    ).code
    claim_badge(uow(), SECRET, learner_id, issued)
    claim_badge(uow(), SECRET, keeper, issued)

    assert erase_learner(uow(), SECRET, "sms", "gone")

    with uow() as unit:
        s = unit.session
        assert s.get(Learner, learner_id) is None
        assert s.scalar(select(func.count()).select_from(ChannelIdentity)) == 1
        assert s.scalar(select(func.count()).where(Award.learner_id == learner_id)) == 0
        assert s.scalar(select(func.count()).where(Event.learner_id == learner_id)) == 0
        assert s.scalar(select(func.count()).where(Award.learner_id == keeper)) == 1
    assert find_learner(uow(), SECRET, "sms", "gone") is None
