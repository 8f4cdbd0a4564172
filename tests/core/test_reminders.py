"""Reminders a learner asks for: the evening before (18:00 on the city's clock) and an hour
before the next session, sent by the outbox worker; listed and stopped by the learner."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from badge_core.db import UnitOfWorkFactory
from badge_core.models import ChannelIdentity, OutboxMessage
from badge_core.outbound.worker import Worker
from badge_core.services.learners import erase_learner, register_learner
from badge_core.services.reminders import CannotRemind, my_reminders, remind_me, stop_reminders
from colbot_shared.crypto import sealer
from tests.conftest import SECRET
from tests.e2e.fake_apis import FakeApis

CHAT = 556000111
NOW = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)  # Friday; Code Club Central is Tuesdays 16:00


def sealed(address: str | int) -> str:
    return sealer(SECRET).seal(str(address)).decode()


def learner(uow: UnitOfWorkFactory, sender: str = "kid", channel: str = "telegram") -> None:
    register_learner(uow(), SECRET, "plymouth", channel, sender, age_band="13-15")


def remind(uow: UnitOfWorkFactory, now: datetime = NOW, sender: str = "kid", **kw):  # noqa: ANN201
    kw.setdefault("channel", "telegram")
    kw.setdefault("address", sealed(CHAT))
    return remind_me(
        uow(),
        SECRET,
        "plymouth",
        kw["channel"],
        sender,
        kw["address"],
        kw.get("activity", "code-club-central"),
        now=now,
    )


def test_a_reminder_goes_the_evening_before_and_an_hour_before_on_the_citys_clock(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    learner(uow)
    set_ = remind(uow)
    tuesday = datetime(2026, 12, 8, 16, 0, tzinfo=UTC)
    assert set_.title == "Code Club at Central Library" and set_.starts_at == tuesday
    assert set_.at == [datetime(2026, 12, 7, 18, 0, tzinfo=UTC), tuesday - timedelta(hours=1)]

    worker.run_once(datetime(2026, 12, 7, 17, 59, tzinfo=UTC))
    assert apis.telegram_messages(CHAT) == []
    worker.run_once(datetime(2026, 12, 7, 18, 0, tzinfo=UTC))
    [evening] = apis.telegram_messages(CHAT)
    assert evening["text"].startswith(
        "Reminder: Code Club at Central Library is tomorrow at 4pm, Central Library"
    )
    worker.run_once(tuesday - timedelta(hours=1))
    assert apis.telegram_messages(CHAT)[-1]["text"].startswith(
        "Reminder: Code Club at Central Library starts at 4pm, in an hour."
    )
    with uow() as unit:  # nothing more owed: the address goes
        assert unit.session.scalar(select(ChannelIdentity.address_sealed)) is None


@pytest.mark.parametrize(
    ("now", "evening", "hour_before"),
    [
        # Tuesday 20 October 2026 is in BST: 18:00 and 15:00 local are 17:00 and 14:00 UTC
        (
            datetime(2026, 10, 16, 12, 0, tzinfo=UTC),
            datetime(2026, 10, 19, 17, 0, tzinfo=UTC),
            datetime(2026, 10, 20, 14, 0, tzinfo=UTC),
        ),
        # the clocks go back on Sunday 25 October: the next Tuesday's are 18:00 and 15:00 UTC
        (
            datetime(2026, 10, 24, 12, 0, tzinfo=UTC),
            datetime(2026, 10, 26, 18, 0, tzinfo=UTC),
            datetime(2026, 10, 27, 15, 0, tzinfo=UTC),
        ),
    ],
)
def test_reminders_keep_to_local_time_across_the_change_of_clocks(
    uow: UnitOfWorkFactory, now: datetime, evening: datetime, hour_before: datetime
) -> None:
    learner(uow)
    assert remind(uow, now=now).at == [evening, hour_before]


def test_only_the_reminders_still_to_come_are_set_and_a_session_within_the_hour_gets_none(
    uow: UnitOfWorkFactory,
) -> None:
    learner(uow)
    monday_night = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)
    assert remind(uow, now=monday_night).at == [datetime(2026, 12, 8, 15, 0, tzinfo=UTC)]
    with pytest.raises(CannotRemind) as too_soon:
        remind(uow, now=datetime(2026, 12, 8, 15, 30, tzinfo=UTC), sender="kid")
    assert too_soon.value.reason == "too_soon"


def test_asking_twice_sets_one_pair_and_the_learner_can_list_and_stop_them(
    uow: UnitOfWorkFactory,
) -> None:
    learner(uow)
    remind(uow)
    remind(uow)
    remind(uow, activity="plympton-code-club")
    listed = my_reminders(uow(), SECRET, "telegram", "kid")
    assert [r.title for r in listed][0] == "Code Club at Central Library" and len(listed) == 2
    with uow() as unit:
        assert len(unit.session.scalars(select(OutboxMessage.id)).all()) == 4
    assert stop_reminders(uow(), SECRET, "telegram", "kid") == 2
    assert my_reminders(uow(), SECRET, "telegram", "kid") == []
    assert stop_reminders(uow(), SECRET, "telegram", "kid") == 0
    with uow() as unit:
        assert unit.session.scalar(select(ChannelIdentity.address_sealed)) is None


@pytest.mark.parametrize(
    ("who", "channel", "address", "reason"),
    [
        ("stranger", "telegram", sealed(CHAT), "not_registered"),  # never said yes to storage
        ("kid", "rest", None, "no_channel"),  # the web chat: nothing to send to
    ],
    ids=["stranger", "web-chat"],  # a sealed address differs in each pytest-xdist worker
)
def test_no_reminder_without_consent_or_a_channel_to_send_on(
    uow: UnitOfWorkFactory, who: str, channel: str, address: str | None, reason: str
) -> None:
    learner(uow, channel=channel)
    with pytest.raises(CannotRemind) as refused:
        remind(uow, sender=who, channel=channel, address=address)
    assert refused.value.reason == reason


def test_erasure_drops_the_reminders(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    learner(uow)
    remind(uow)
    assert erase_learner(uow(), SECRET, "telegram", "kid")
    assert worker.run_once(datetime(2026, 12, 8, 15, 0, tzinfo=UTC)).counts == {}
    assert apis.telegram_messages(CHAT) == []
