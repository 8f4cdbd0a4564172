"""Alerts ("tell me when there's skateboarding") and the weekly digest ("weekly what's on for
me"), with the real embedding model: set by the learner, matched by meaning when the city's
activities change, sent by the outbox worker, listed and stopped by the learner."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from badge_core.citypack import load_pack, pack_documents, read_pack
from badge_core.db import UnitOfWorkFactory
from badge_core.matching.embedder import default_embedder
from badge_core.matching.matcher import Matcher
from badge_core.models import ChannelIdentity, Learner, OutboxMessage, Subscription
from badge_core.outbound.worker import Worker, channels_from_env
from badge_core.services.alerts import (
    CannotSubscribe,
    alert_interest,
    alert_me,
    next_digest_at,
    plan,
    signed_up,
    stop_alerts,
    weekly_digest,
)
from badge_core.services.learner_data import export_learner
from badge_core.services.learners import erase_learner, register_learner, set_opt_out
from badge_core.services.vectors import index_city
from colbot_shared.crypto import sealer
from tests.conftest import SECRET
from tests.core.packs import write_pack
from tests.e2e.fake_apis import FakeApis, channel_env

CHAT = 771000222
NOW = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)  # Friday afternoon
SATURDAY_AFTERNOON = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)


def sealed(address: str | int) -> str:
    return sealer(SECRET).seal(str(address)).decode()


@pytest.fixture
def apis(fake_apis: FakeApis) -> Iterator[FakeApis]:
    fake_apis.clear()
    yield fake_apis
    fake_apis.clear()


@pytest.fixture
def worker(indexed_uow: UnitOfWorkFactory, apis: FakeApis, matcher: Matcher) -> Iterator[Worker]:
    with httpx.Client() as client:
        yield Worker(
            indexed_uow,
            SECRET,
            channels_from_env(channel_env(apis), client),
            planner=lambda now: plan(indexed_uow, matcher, now=now).counts(),
        )


def learner(uow: UnitOfWorkFactory, sender: str = "kid", **profile: Any) -> None:
    profile.setdefault("age_band", "13-15")
    register_learner(uow(), SECRET, "plymouth", "telegram", sender, **profile)


def ask(uow: UnitOfWorkFactory, matcher: Matcher, text: str, sender: str = "kid", **kw: Any):  # noqa: ANN201
    return alert_me(
        uow(),
        SECRET,
        "plymouth",
        kw.pop("channel", "telegram"),
        sender,
        kw.pop("address", sealed(CHAT)),
        text,
        matcher=matcher,
        now=kw.pop("now", NOW),
        **kw,
    )


SKATE_JAM = {
    "id": "skate-jam",
    "title": "Skate Jam",
    "description": "Coaches help you drop in on the ramps and learn your first tricks on a"
    " board. Boards, helmets and pads to borrow, all levels welcome.",
    "online": False,
    "age_min": 11,
    "age_max": 16,
    "cost_pence": 0,
    "tags": ["skatepark", "outdoors"],
    "skills": [],
    "badges": [],
    "schedule": [{"day": "saturday", "start": "14:00", "end": "16:00"}],
}


def add_activity(
    uow: UnitOfWorkFactory, tmp_path: Path, activity: dict[str, Any], **changes: Any
) -> None:
    """The city team loads its pack again with one more activity, indexed as `city load` does."""
    docs = pack_documents(uow(), "plymouth")
    first = docs["activities"]["activities"][0]
    entry = {**copy.deepcopy(activity), **changes}
    entry.setdefault("provider", first["provider"])
    entry.setdefault("venue", first["venue"])
    docs["activities"]["activities"].append(entry)
    load_pack(uow(), read_pack(write_pack(tmp_path / entry["id"], docs)))
    index_city(uow(), "plymouth", default_embedder())


def test_the_words_of_asking_are_not_what_the_alert_is_for() -> None:
    assert alert_interest("tell me when there's skateboarding") == "skateboarding"
    assert alert_interest("can u let me know if a boxing club starts") == "boxing"
    assert alert_interest("yes tell me when there is one", "skateboarding") == "skateboarding"
    assert alert_interest("alert me") is None


def test_a_new_activity_like_the_alert_is_told_once_by_meaning_not_by_keyword(
    indexed_uow: UnitOfWorkFactory,
    matcher: Matcher,
    worker: Worker,
    apis: FakeApis,
    tmp_path: Path,
) -> None:
    learner(indexed_uow)
    learner(indexed_uow, "knitter")
    set_ = ask(indexed_uow, matcher, "tell me when there's skateboarding")
    assert (set_.interest, set_.already) == ("skateboarding", [])
    ask(indexed_uow, matcher, "tell me when there's knitting", sender="knitter", address=sealed(5))
    assert worker.run_once(NOW).counts == {}  # nothing new yet

    # "skateboarding" is in none of its words: only its meaning (ramps, tricks, a board)
    add_activity(indexed_uow, tmp_path, SKATE_JAM)
    assert worker.run_once(NOW + timedelta(minutes=5)).counts == {"alerts_queued": 1, "sent": 1}
    [told] = apis.telegram_messages(CHAT)
    assert told["text"].startswith("New for skateboarding, as you asked:\n- Skate Jam, Sat 5 Dec")
    assert '"stop alerts"' in told["text"]
    assert apis.telegram_messages(5) == []  # the knitter is not told of a skatepark

    # told once: the next round, and a later load that changes something else, tell nothing
    assert worker.run_once(NOW + timedelta(minutes=10)).counts == {}
    add_activity(
        indexed_uow,
        tmp_path / "again",
        {**SKATE_JAM, "id": "chess-club"},
        title="Chess Club",
        description="Chess for all levels.",
        tags=["chess"],
    )
    assert worker.run_once(NOW + timedelta(minutes=15)).counts == {}
    assert len(apis.telegram_messages(CHAT)) == 1


def test_what_is_on_already_is_said_at_once_and_not_alerted_again(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher, worker: Worker, tmp_path: Path
) -> None:
    learner(indexed_uow)
    set_ = ask(indexed_uow, matcher, "let me know when there's coding")
    assert "Code Club at Central Library" in {hit.title for hit in set_.already}
    add_activity(indexed_uow, tmp_path, SKATE_JAM)
    assert worker.run_once(NOW).counts == {}


def test_an_activity_for_other_ages_or_far_from_the_place_asked_is_not_alerted(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher, worker: Worker, tmp_path: Path
) -> None:
    learner(indexed_uow, age_band="19-25")
    ask(indexed_uow, matcher, "tell me when there's skateboarding")
    add_activity(indexed_uow, tmp_path, SKATE_JAM)  # ages 11-16
    assert worker.run_once(NOW).counts == {}


def test_alert_me_after_a_search_means_what_was_searched(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    learner(indexed_uow)
    set_ = ask(indexed_uow, matcher, "alert me", last_interest="skateboarding")
    assert set_.interest == "skateboarding"
    assert signed_up(indexed_uow(), SECRET, "telegram", "kid").alerts == ["skateboarding"]


@pytest.mark.parametrize(
    ("who", "channel", "address", "text", "reason"),
    [
        ("stranger", "telegram", sealed(CHAT), "tell me when there's drama", "not_registered"),
        ("kid", "rest", sealed(CHAT), "tell me when there's drama", "no_channel"),
        ("kid", "telegram", None, "tell me when there's drama", "no_channel"),
        ("kid", "telegram", sealed(CHAT), "tell me when there is one", "no_interest"),
    ],
    ids=["stranger", "web-chat", "no-address", "no-interest"],  # sealed: differs per worker
)
def test_an_alert_that_cannot_be_set_says_why(
    indexed_uow: UnitOfWorkFactory,
    matcher: Matcher,
    who: str,
    channel: str,
    address: str | None,
    text: str,
    reason: str,
) -> None:
    learner(indexed_uow)
    with pytest.raises(CannotSubscribe) as refused:
        ask(indexed_uow, matcher, text, sender=who, channel=channel, address=address)
    assert refused.value.reason == reason


def test_asking_twice_keeps_one_alert_and_five_is_the_most(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    learner(indexed_uow)
    assert not ask(indexed_uow, matcher, "tell me when there's drama").renewed
    assert ask(indexed_uow, matcher, "let me know if there's drama").renewed
    for interest in ("bmx", "netball", "baking", "chess"):
        ask(indexed_uow, matcher, f"tell me when there's {interest}")
    with pytest.raises(CannotSubscribe) as refused:
        ask(indexed_uow, matcher, "tell me when there's archery")
    assert refused.value.reason == "too_many"
    assert len(signed_up(indexed_uow(), SECRET, "telegram", "kid").alerts) == 5


def test_stop_alerts_ends_alerts_and_digest_and_the_address_goes_with_them(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    learner(indexed_uow)
    ask(indexed_uow, matcher, "tell me when there's drama")
    weekly_digest(indexed_uow(), SECRET, "telegram", "kid", sealed(CHAT), now=NOW)
    with indexed_uow().reading() as u:
        assert u.session.scalar(select(ChannelIdentity.address_sealed)) is not None
    ended = stop_alerts(indexed_uow(), SECRET, "telegram", "kid")
    assert (ended.alerts, ended.digest) == (["drama"], True)
    assert signed_up(indexed_uow(), SECRET, "telegram", "kid") == type(ended)([], False)
    with indexed_uow().reading() as u:
        assert u.session.scalar(select(ChannelIdentity.address_sealed)) is None


@pytest.mark.parametrize("leave", ["stop", "erase"])
def test_stop_or_erasure_ends_every_subscription(
    indexed_uow: UnitOfWorkFactory,
    matcher: Matcher,
    worker: Worker,
    apis: FakeApis,
    tmp_path: Path,
    leave: str,
) -> None:
    learner(indexed_uow)
    ask(indexed_uow, matcher, "tell me when there's skateboarding")
    weekly_digest(indexed_uow(), SECRET, "telegram", "kid", sealed(CHAT), now=NOW)
    if leave == "stop":
        assert set_opt_out(indexed_uow(), SECRET, "telegram", "kid", opted_out=True)
    else:
        assert erase_learner(indexed_uow(), SECRET, "telegram", "kid")
    with indexed_uow().reading() as u:
        assert u.session.scalar(select(func.count(Subscription.id))) == 0
    add_activity(indexed_uow, tmp_path, SKATE_JAM)
    assert worker.run_once(datetime(2026, 12, 6, 17, 0, tzinfo=UTC)).counts == {}
    assert apis.telegram_messages(CHAT) == []


def test_the_weekly_digest_goes_sunday_at_5pm_with_the_weeks_activities_for_them(
    indexed_uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    learner(indexed_uow, interests=["coding"])
    first = weekly_digest(indexed_uow(), SECRET, "telegram", "kid", sealed(CHAT), now=NOW)
    assert (first.first, first.timezone) == (
        datetime(2026, 12, 6, 17, 0, tzinfo=UTC),
        "Europe/London",
    )
    assert worker.run_once(datetime(2026, 12, 6, 16, 59, tzinfo=UTC)).counts == {}
    sunday = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)
    assert worker.run_once(sunday).counts == {"digests_queued": 1, "sent": 1}
    [digest] = apis.telegram_messages(CHAT)
    head, *items, tail = digest["text"].splitlines()
    assert head == "What's on for you this week:" and tail.startswith('Say "what\'s on" for more')
    # for their interest, within the week ahead
    assert 1 <= len(items) <= 3 and "Code Club" in items[0]
    assert all(
        any(d in item for d in ("Mon 7", "Tue 8", "Wed 9", "Thu 10", "Fri 11", "Sat 12", "Sun 13"))
        for item in items
    )
    # once a week: not again that Sunday, again the next
    assert worker.run_once(sunday + timedelta(hours=1)).counts == {}
    assert worker.run_once(sunday + timedelta(days=7)).counts == {"digests_queued": 1, "sent": 1}


def test_two_planners_at_once_queue_each_message_once(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    learner(indexed_uow, interests=["coding"])
    weekly_digest(indexed_uow(), SECRET, "telegram", "kid", sealed(CHAT), now=NOW)
    sunday = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)
    first, second = plan(indexed_uow, matcher, now=sunday), plan(indexed_uow, matcher, now=sunday)
    assert (first.digests, second.digests) == (1, 0)
    with indexed_uow().reading() as u:
        assert u.session.scalar(select(func.count(OutboxMessage.id))) == 1


def test_the_digest_keeps_to_5pm_on_the_citys_clock_across_the_change_of_clocks() -> None:
    london = "Europe/London"
    # summer (BST): 5pm is 16:00 UTC; winter (GMT): 17:00 UTC; the Sunday the clocks go back
    assert next_digest_at(london, datetime(2026, 7, 1, tzinfo=UTC)) == datetime(
        2026, 7, 5, 16, 0, tzinfo=UTC
    )
    assert next_digest_at(london, datetime(2026, 10, 24, 12, tzinfo=UTC)) == datetime(
        2026, 10, 25, 17, 0, tzinfo=UTC
    )
    assert next_digest_at(london, datetime(2027, 3, 27, 12, tzinfo=UTC)) == datetime(
        2027, 3, 28, 16, 0, tzinfo=UTC
    )


def test_a_subscription_ends_by_itself_after_six_months(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    learner(indexed_uow)
    ask(indexed_uow, matcher, "tell me when there's drama")
    assert plan(indexed_uow, matcher, now=NOW + timedelta(days=181)).ended == 1
    assert signed_up(indexed_uow(), SECRET, "telegram", "kid").alerts == []
    with indexed_uow().reading() as u:
        assert u.session.scalar(select(ChannelIdentity.address_sealed)) is None


def test_a_learners_export_lists_what_they_signed_up_for(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    learner(indexed_uow)
    ask(indexed_uow, matcher, "tell me when there's drama in plympton")
    weekly_digest(indexed_uow(), SECRET, "telegram", "kid", sealed(CHAT), now=NOW)
    with indexed_uow().reading() as u:
        public_id = u.session.scalars(select(Learner.public_id)).one()
    exported = export_learner(indexed_uow(), SECRET, public_id=public_id)
    assert [(s["what"], s["about"], s["near"]) for s in exported["signed_up_for"]] == [
        ("new activities like this", "drama", "PL7"),
        ("what's on for you, weekly", None, None),
    ]
    assert exported["apps"][0]["kept_locked_to_message_you"] is True


def test_a_new_alert_in_place_of_a_stopped_one_is_told_though_sqlite_reuses_its_id(
    indexed_uow: UnitOfWorkFactory,
    matcher: Matcher,
    worker: Worker,
    apis: FakeApis,
    tmp_path: Path,
) -> None:
    original = pack_documents(indexed_uow(), "plymouth")
    learner(indexed_uow)
    ask(indexed_uow, matcher, "tell me when there's skateboarding")
    add_activity(indexed_uow, tmp_path / "on", SKATE_JAM)
    assert worker.run_once(NOW).counts == {"alerts_queued": 1, "sent": 1}
    stop_alerts(indexed_uow(), SECRET, "telegram", "kid")
    load_pack(indexed_uow(), read_pack(write_pack(tmp_path / "off", original)))  # it ends

    learner(indexed_uow, "next-kid")
    later = NOW + timedelta(minutes=30)
    ask(
        indexed_uow,
        matcher,
        "tell me when there's skating",
        "next-kid",
        address=sealed(9),
        now=later,
    )
    with indexed_uow().reading() as u:
        assert u.session.scalars(select(Subscription.id)).all() == [1]  # the same id again
    add_activity(indexed_uow, tmp_path / "on-again", SKATE_JAM)
    assert worker.run_once(NOW + timedelta(hours=1)).counts == {"alerts_queued": 1, "sent": 1}
    assert len(apis.telegram_messages(9)) == 1
