"""A city's one-question poll: sent by the outbox to the learners who asked to hear from the
bot (buttons on Telegram, numbers on SMS), answered by a pick and never by words, counted for
the city team with small counts suppressed, and closed by the city team."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from badge_core.cli import main
from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.errors import InvalidRequest, NotFound
from badge_core.models import Learner, OutboxMessage, PollAnswer
from badge_core.outbound.worker import Worker
from badge_core.queries.learners import identity_hash
from badge_core.services.alerts import weekly_digest
from badge_core.services.insights import build_insights
from badge_core.services.learner_data import export_learner
from badge_core.services.learners import erase_learner, register_learner, set_opt_out
from badge_core.services.polls import (
    NotAnOption,
    answer_poll,
    close_poll,
    poll_results,
    start_poll,
)
from colbot_shared.crypto import sealer
from tests.conftest import SECRET
from tests.e2e.fake_apis import FakeApis

NOW = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)  # Friday afternoon, outside quiet hours
QUESTION = "What should we run next summer?"
OPTIONS = ["Skate jam", "Music studio", "Climbing"]
PHONE = "+447700900123"


def listener(uow: UnitOfWorkFactory, channel: str, sender: str, address: str) -> None:
    """A learner who signed up for the weekly digest: they asked to hear from the bot."""
    register_learner(uow(), SECRET, "plymouth", channel, sender, age_band="13-15")
    sealed = sealer(SECRET).seal(address).decode()
    weekly_digest(uow(), SECRET, channel, sender, sealed, now=NOW - timedelta(days=1))


def pick(uow: UnitOfWorkFactory, option: int, sender: str, channel: str = "telegram"):  # noqa: ANN201
    return answer_poll(
        uow(),
        "plymouth",
        option,
        identity=identity_hash(SECRET, channel, sender),
        channel=channel,
        now=NOW + timedelta(hours=1),
    )


def test_a_poll_goes_to_learners_who_asked_to_hear_with_buttons_or_numbers(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    listener(uow, "telegram", "tg-kid", "771000333")
    listener(uow, "sms", "sms-kid", PHONE)
    listener(uow, "telegram", "gone-quiet", "771000444")
    set_opt_out(uow(), SECRET, "telegram", "gone-quiet", opted_out=True)
    register_learner(uow(), SECRET, "plymouth", "telegram", "never-asked", age_band="13-15")

    started = start_poll(uow(), "plymouth", QUESTION, OPTIONS, now=NOW)
    assert started.sent_to == 2  # not the one who opted out, not the one who never asked
    worker.run_once(NOW + timedelta(minutes=1))

    [telegram] = apis.telegram_messages(771000333)
    assert QUESTION in telegram["text"]
    buttons = [b for row in telegram["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["text"] for b in buttons] == OPTIONS
    [sms] = apis.twilio_messages(PHONE)
    lines = sms["Body"].splitlines()
    assert QUESTION in lines[0]
    assert lines[1:4] == ["1 Skate jam", "2 Music studio", "3 Climbing"]
    assert "POLL 1" in lines[-1]
    assert apis.telegram_messages(771000444) == []


def test_a_pick_is_counted_once_per_learner_and_can_be_changed(
    uow: UnitOfWorkFactory,
) -> None:
    listener(uow, "telegram", "tg-kid", "771000333")
    start_poll(uow(), "plymouth", QUESTION, OPTIONS, now=NOW)
    first = pick(uow, 2, "tg-kid")
    assert (first.choice, first.changed) == ("Music studio", False)
    again = pick(uow, 3, "tg-kid")
    assert (again.choice, again.changed) == ("Climbing", True)
    with uow().reading() as u:
        assert list(u.session.scalars(select(PollAnswer.option))) == [3]


def test_a_number_the_poll_lacks_or_no_open_poll_is_said_and_keeps_nothing(
    uow: UnitOfWorkFactory,
) -> None:
    listener(uow, "telegram", "tg-kid", "771000333")
    with pytest.raises(NotFound):
        pick(uow, 1, "tg-kid")  # no poll yet
    start_poll(uow(), "plymouth", QUESTION, OPTIONS, now=NOW, open_for=timedelta(hours=2))
    with pytest.raises(NotAnOption) as wrong:
        pick(uow, 4, "tg-kid")
    assert wrong.value.count == 3
    with pytest.raises(NotFound):  # closed by its time
        answer_poll(
            uow(),
            "plymouth",
            1,
            identity=identity_hash(SECRET, "telegram", "tg-kid"),
            channel="telegram",
            now=NOW + timedelta(hours=3),
        )
    with uow().reading() as u:
        assert u.session.scalar(select(func.count(PollAnswer.id))) == 0


@pytest.mark.parametrize(
    ("question", "options"),
    [
        ("", OPTIONS),
        (QUESTION, ["Only one"]),
        (QUESTION, ["a", "b", "c", "d", "e", "f"]),
        (QUESTION, ["Skate jam", "skate jam"]),
        ("x" * 161, OPTIONS),
    ],
)
def test_a_poll_that_cannot_be_asked_is_refused_and_nothing_is_sent(
    uow: UnitOfWorkFactory, question: str, options: list[str]
) -> None:
    listener(uow, "telegram", "tg-kid", "771000333")
    with pytest.raises(InvalidRequest):
        start_poll(uow(), "plymouth", question, options, now=NOW)
    with uow().reading() as u:
        assert u.session.scalar(select(func.count(OutboxMessage.id))) == 0


def test_the_city_team_sees_counts_with_small_ones_suppressed(uow: UnitOfWorkFactory) -> None:
    for i in range(7):
        listener(uow, "telegram", f"kid-{i}", str(771000500 + i))
    started = start_poll(uow(), "plymouth", QUESTION, OPTIONS, now=NOW)
    for i in range(6):
        pick(uow, 1, f"kid-{i}")
    pick(uow, 2, "kid-6")
    # one small count would be readable from the total: the next smallest goes too
    assert poll_results(uow(), "plymouth", started.poll_id).shown() == [
        ["Skate jam", "<5"],
        ["Music studio", "<5"],
        ["Climbing", 0],
        ["Total", 7],
    ]
    table = build_insights(
        uow(), "plymouth", start=NOW - timedelta(days=1), end=NOW + timedelta(days=1)
    ).table("city_polls")
    assert table.shown()[0] == [QUESTION, "Skate jam", "<5"]
    assert table.shown()[-1] == [QUESTION, "Total", 7]


def test_closing_a_poll_stops_its_unsent_messages_and_its_answers(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    listener(uow, "telegram", "tg-kid", "771000333")
    started = start_poll(uow(), "plymouth", QUESTION, OPTIONS, now=NOW)
    assert close_poll(uow(), "plymouth", started.poll_id, now=NOW) == QUESTION
    worker.run_once(NOW + timedelta(minutes=1))
    assert apis.telegram_messages(771000333) == []
    with pytest.raises(NotFound):
        pick(uow, 1, "tg-kid")


def test_a_learners_answer_is_in_their_export_and_goes_when_they_are_erased(
    uow: UnitOfWorkFactory,
) -> None:
    listener(uow, "telegram", "tg-kid", "771000333")
    start_poll(uow(), "plymouth", QUESTION, OPTIONS, now=NOW)
    pick(uow, 1, "tg-kid")
    with uow().reading() as u:
        public_id = u.session.scalars(select(Learner.public_id)).one()
    exported = export_learner(uow(), SECRET, public_id=public_id)
    assert [(a["question"], a["your_answer"]) for a in exported["poll_answers"]] == [
        (QUESTION, "Skate jam")
    ]
    erase_learner(uow(), SECRET, "telegram", "tg-kid")
    with uow().reading() as u:
        assert u.session.scalar(select(func.count(PollAnswer.id))) == 0


def test_the_cli_starts_a_poll_and_prints_its_counts(
    uow: UnitOfWorkFactory, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    listener(uow, "telegram", "tg-kid", "771000333")
    argv = ["poll", "start", "--city", "plymouth", "--question", QUESTION]
    assert main([*argv, "--option", "Skate jam", "--option", "Climbing"], settings) == 0
    assert "going to 1 learner(s)" in capsys.readouterr().out
    assert main(["poll", "results", "1", "--city", "plymouth"], settings) == 0
    out = capsys.readouterr().out
    assert "0\tSkate jam" in out and "0\tTotal" in out
    assert main([*argv, "--option", "Only one"], settings) == 1
    assert "2 to 5 answers" in capsys.readouterr().err
