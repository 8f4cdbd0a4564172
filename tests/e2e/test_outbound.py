"""The bot speaks first, through the running servers and the fake Telegram and Twilio APIs:
an under-13 claims by SMS; the youth worker is told on Telegram, taps through to approve;
the child hears the decision by SMS; a learner's reminder and alert arrive. The worker is the
one ``colbot outbox run`` runs."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import delete, select, update

from badge_core.citypack import load_pack, pack_documents, read_pack
from badge_core.matching.embedder import default_embedder
from badge_core.matching.matcher import Matcher
from badge_core.models import (
    Activity,
    Award,
    ChannelIdentity,
    City,
    OutboxMessage,
    Staff,
    Subscription,
)
from badge_core.outbound.worker import Worker, channels_from_env
from badge_core.services.alerts import plan
from badge_core.services.catalogue import activity_details
from badge_core.services.codes import create_claim_codes
from badge_core.services.invites import invite_staff
from badge_core.services.polls import poll_results, start_poll
from badge_core.services.vectors import index_city
from tests.conftest import SECRET
from tests.core.packs import write_pack
from tests.e2e.fake_apis import WHATSAPP_NUMBER, FakeApis, channel_env
from tests.e2e.test_channels import (
    sms_reply,
    tg_message,
    tg_post,
    tg_said,
    twilio_params,
    twilio_post,
    twiml_bodies,
)
from tests.e2e.test_safeguarding import is_help
from tests.e2e.test_staff_chat import press
from tests.servers import Bot


def _daytime_after(moment: datetime) -> datetime:
    """Noon in Plymouth on the day after ``moment``: outside quiet hours whenever CI runs."""
    return (moment + timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)


ORDINALS = {1: "first", 2: "2nd", 3: "3rd"}


def _one_not_about_to_start(bot: Bot, listed: str) -> str:
    """Which activity of a search reply ("first", "2nd", "3rd") next starts more than an hour
    and a quarter from now, read from the badge core: the first may be about to start when
    the test runs (two coding clubs meet on Saturdays at 10:00), and a session within the
    hour gets no reminder (tests/core/test_reminders.py) rather than the one this tests."""
    now = datetime.now(UTC)
    listed_titles = re.findall(r"^(\d)\. (?:<b>)?(.+?)(?:</b>)?$", listed, re.M)
    assert listed_titles, listed
    for number, title in listed_titles[: len(ORDINALS)]:
        with bot.uow() as unit:
            key = unit.session.scalar(select(Activity.key).where(Activity.title == title))
        assert key is not None, title
        sessions = activity_details(bot.uow(), "plymouth", key, now=now).next_sessions
        if sessions and sessions[0][0] - now > timedelta(minutes=75):
            return ORDINALS[int(number)]
    raise AssertionError(f"the first three listed start within the hour:\n{listed}")


@pytest.fixture
def worker(bot: Bot, fake_apis: FakeApis) -> Iterator[Worker]:
    with httpx.Client() as client:
        yield Worker(bot.uow, SECRET, channels_from_env(channel_env(fake_apis), client))


def test_an_under_13s_claim_reaches_the_youth_worker_and_the_decision_reaches_the_child(
    bot: Bot, fake_apis: FakeApis, worker: Worker
) -> None:
    youth_worker = 93000001
    invite = invite_staff(bot.uow(), SECRET, "plymouth", "plymouth-libraries", "issuer")
    tg_post(bot, tg_message(youth_worker, invite.code))
    with bot.uow() as unit:
        staff = unit.session.scalars(select(Staff).where(Staff.address_sealed.is_not(None))).all()
    assert len(staff) >= 1
    [issued] = create_claim_codes(
        bot.uow(),
        SECRET,
        "plymouth",
        "code-club-coder",
        count=1,
        max_claims=30,
        staff_id=max(s.id for s in staff),
    )

    child = "+447700900301"
    for message in ("hi", "1", "11", "PL4", "skip"):
        twilio_post(bot, twilio_params(child, message))
    claimed = twiml_bodies(twilio_post(bot, twilio_params(child, f"CLAIM {issued.code}")))
    assert any("waiting for a youth worker to confirm" in b for b in claimed), claimed

    seen = len(tg_said(fake_apis, youth_worker))
    worker.run_once()
    [notice] = tg_said(fake_apis, youth_worker, since=seen)
    assert "A claim for Code Club Coder is waiting for you to approve" in notice["text"]
    assert child not in notice["text"]
    assert fake_apis.twilio_messages(child) == [], "the child hears nothing until a decision"

    press(bot, youth_worker, "Approve", notice)  # one tap, on the notice itself
    assert tg_said(fake_apis, youth_worker)[-1]["text"] == "Approved ✅: Code Club Coder."

    worker.run_once(_daytime_after(datetime.now(UTC)))
    [decision] = fake_apis.twilio_messages(child)
    assert decision["Body"].startswith("Good news! A youth worker approved your Code Club Coder")
    assert decision["From"] == channel_env(fake_apis)["TWILIO_SMS_NUMBER"]
    with bot.uow() as unit:
        awards = unit.session.scalars(
            select(Award.status)
            .join(ChannelIdentity, ChannelIdentity.learner_id == Award.learner_id)
            .where(ChannelIdentity.channel == "sms", ChannelIdentity.address_sealed.is_not(None))
        ).all()
        sent = unit.session.scalars(
            select(OutboxMessage.status).where(OutboxMessage.kind == "claim_decision")
        ).all()
    assert awards == [], "the child's address is not kept once they have been told"
    assert "sent" in sent
    after = twiml_bodies(twilio_post(bot, twilio_params(child, "my badges")))
    assert any("Code Club Coder" in b for b in after)


def test_a_youth_worker_on_sms_approves_a_claim_by_replying_one_word(
    bot: Bot, fake_apis: FakeApis, worker: Worker
) -> None:
    youth_worker = "+447700900350"
    invite = invite_staff(bot.uow(), SECRET, "plymouth", "plymouth-libraries", "issuer")
    joined = twiml_bodies(twilio_post(bot, twilio_params(youth_worker, invite.code)))
    assert joined, "the youth worker hears they joined"
    with bot.uow() as unit:
        staff_id = max(unit.session.scalars(select(Staff.id).where(Staff.channel == "sms")))
    [issued] = create_claim_codes(
        bot.uow(), SECRET, "plymouth", "code-club-coder", count=1, max_claims=30, staff_id=staff_id
    )
    child = 93000041
    for message in ("hi", "yes", "12", "PL4", "skip"):
        tg_post(bot, tg_message(child, message))
    tg_post(bot, tg_message(child, f"claim {issued.code}"))
    assert "waiting for a youth worker" in tg_said(fake_apis, child)[-1]["text"]

    worker.run_once(_daytime_after(datetime.now(UTC)))
    [notice] = fake_apis.twilio_messages(youth_worker)
    assert 'Reply APPROVE or DECLINE, or say "pending" to see it first.' in notice["Body"]
    answered = twiml_bodies(twilio_post(bot, twilio_params(youth_worker, "Approve")))
    assert answered == ["Approved: Code Club Coder."], answered  # GSM-7: no emoji by SMS

    seen = len(tg_said(fake_apis, child))
    worker.run_once(_daytime_after(datetime.now(UTC)))
    [decision] = tg_said(fake_apis, child, since=seen)
    assert decision["text"].startswith("Good news! A youth worker approved your Code Club Coder")
    # a learner typing the word gets told it is for youth workers, and nothing is decided
    told = twiml_bodies(twilio_post(bot, twilio_params("+447700900351", "decline")))
    assert told and "Approved" not in told[0] and "Declined" not in told[0]


def test_a_disclosure_tells_the_safeguarding_lead_at_once_without_the_words(
    bot: Bot, fake_apis: FakeApis, worker: Worker
) -> None:
    lead = 93000011
    invite = invite_staff(
        bot.uow(), SECRET, "plymouth", "plymouth-youth-service", "safeguarding-lead"
    )
    tg_post(bot, tg_message(lead, invite.code))
    worker.run_once()  # whatever earlier tests left waiting
    seen = len(tg_said(fake_apis, lead))

    replies = twiml_bodies(twilio_post(bot, twilio_params("+447700900302", "my step dad hits me")))
    assert any("Childline" in r for r in replies), replies
    worker.run_once()
    [notice] = tg_said(fake_apis, lead, since=seen)
    assert (
        notice["text"].startswith("New ") and "safeguarding concern in Plymouth" in notice["text"]
    )
    assert "hits" not in notice["text"] and "+447700900302" not in notice["text"]

    press(bot, lead, "Read concerns", notice)
    assert "my step dad hits me" in tg_said(fake_apis, lead)[-1]["text"]


def test_remind_me_on_telegram_after_an_activitys_details_arrives_before_the_session(
    bot: Bot, fake_apis: FakeApis, worker: Worker
) -> None:
    chat = 93000021
    for message in ("hi", "yes", "15", "PL1", "coding"):
        tg_post(bot, tg_message(chat, message))
    tg_post(bot, tg_message(chat, "coding"))
    which = _one_not_about_to_start(bot, tg_said(fake_apis, chat)[-1]["text"])
    tg_post(bot, tg_message(chat, f"tell me about the {which} one"))
    details = tg_said(fake_apis, chat)[-1]["text"]
    title = details.split("\n")[0].replace("<b>", "").replace("</b>", "").strip()
    tg_post(bot, tg_message(chat, "remind me"))
    confirmed = tg_said(fake_apis, chat)[-1]["text"]
    assert confirmed.startswith("I'll remind you about"), confirmed
    assert 'Say "stop reminders" any time' in confirmed

    with bot.uow() as unit:
        due = sorted(
            unit.session.scalars(
                select(OutboxMessage.due_at).where(
                    OutboxMessage.kind == "reminder", OutboxMessage.status == "pending"
                )
            ).all()
        )
    assert due, "the reminders wait in the outbox"
    seen = len(tg_said(fake_apis, chat))
    worker.run_once(due[0] + timedelta(minutes=1))
    [reminder] = tg_said(fake_apis, chat, since=seen)
    assert (
        reminder["text"].startswith("Reminder: ") and title.split(",")[0][:15] in reminder["text"]
    )

    # after 18:00 the day before, only the hour-before reminder was set, and it has gone
    tg_post(bot, tg_message(chat, "stop reminders"))
    stopped = tg_said(fake_apis, chat)[-1]["text"]
    if len(due) > 1:
        assert stopped.startswith("Done: no more reminders"), stopped
    else:
        assert stopped.startswith("You've nothing set"), stopped


SKATE_JAM = {
    "id": "e2e-skate-jam",
    "title": "Skate Jam",
    "description": "Coaches help you drop in on the ramps and learn your first tricks on a"
    " board. Boards, helmets and pads to borrow, all levels welcome.",
    "online": False,
    "age_min": 11,
    "age_max": 18,
    "cost_pence": 0,
    "tags": ["skatepark", "outdoors"],
    "skills": [],
    "badges": [],
    "schedule": [{"day": "saturday", "start": "14:00", "end": "16:00"}],
}


@contextmanager
def skate_jam_opens(bot: Bot, apis: FakeApis, tmp_path: Path) -> Iterator[Worker]:
    """The city team loads its pack with a skate jam in it, as `colbot city load` does; a
    worker that plans alerts. The pack as it was is loaded back afterwards."""
    original = pack_documents(bot.uow(), "plymouth")
    docs = copy.deepcopy(original)
    first = docs["activities"]["activities"][0]
    docs["activities"]["activities"].append(
        {**SKATE_JAM, "provider": first["provider"], "venue": first["venue"]}
    )
    matcher = Matcher(default_embedder())
    try:
        load_pack(bot.uow(), read_pack(write_pack(tmp_path / "with-skate-jam", docs)))
        index_city(bot.uow(), "plymouth", matcher.embedder)
        with httpx.Client() as client:
            yield Worker(
                bot.uow,
                SECRET,
                channels_from_env(channel_env(apis), client),
                planner=lambda now: plan(bot.uow, matcher, now=now).counts(),
            )
    finally:
        load_pack(bot.uow(), read_pack(write_pack(tmp_path / "original", original)))


def test_alert_me_after_finding_no_skateboarding_tells_the_learner_when_a_skate_jam_opens(
    bot: Bot, fake_apis: FakeApis, tmp_path: Path
) -> None:
    chat = 93000031
    for message in ("hi", "yes", "15", "PL1", "skip"):
        tg_post(bot, tg_message(chat, message))
    tg_post(bot, tg_message(chat, "any skateboarding"))
    assert 'say "alert me"' in tg_said(fake_apis, chat)[-1]["text"]
    tg_post(bot, tg_message(chat, "alert me"))
    confirmed = tg_said(fake_apis, chat)[-1]["text"]
    assert confirmed.startswith("Done: I'll tell you when something new for skateboarding"), (
        confirmed
    )

    with skate_jam_opens(bot, fake_apis, tmp_path) as worker:
        seen = len(tg_said(fake_apis, chat))
        worker.run_once(_daytime_after(datetime.now(UTC)))
    [alert] = tg_said(fake_apis, chat, since=seen)
    assert alert["text"].startswith("New for skateboarding, as you asked:\n- Skate Jam, Sat")

    tg_post(bot, tg_message(chat, "what am i signed up for"))
    listed = tg_said(fake_apis, chat)[-1]["text"]
    assert "- news of anything new for skateboarding" in listed, listed
    tg_post(bot, tg_message(chat, "stop alerts"))
    assert tg_said(fake_apis, chat)[-1]["text"] == ("Done: your alerts for skateboarding stopped.")


def _city_messages(bot: Bot, section: dict) -> dict:
    with bot.uow() as unit:
        city = unit.session.scalars(select(City).where(City.slug == "plymouth")).one()
        before, city.messages = dict(city.messages or {}), section
        unit.commit()
    return before


def test_a_whatsapp_reminder_outside_the_24_hours_goes_as_the_citys_template(
    bot: Bot, fake_apis: FakeApis, worker: Worker
) -> None:
    learner = "whatsapp:+447700900360"
    for message in ("hi", "1", "15", "PL1", "skip"):
        twilio_post(bot, twilio_params(learner, message, to=WHATSAPP_NUMBER))
    listed = twiml_bodies(twilio_post(bot, twilio_params(learner, "coding", to=WHATSAPP_NUMBER)))
    which = _one_not_about_to_start(bot, "\n".join(listed))
    twilio_post(bot, twilio_params(learner, f"tell me about the {which} one", to=WHATSAPP_NUMBER))
    set_ = twiml_bodies(twilio_post(bot, twilio_params(learner, "remind me", to=WHATSAPP_NUMBER)))
    assert any(b.startswith("I'll remind you about") for b in set_), set_
    with bot.uow() as unit:
        [due, *_] = sorted(
            unit.session.scalars(
                select(OutboxMessage.due_at).where(
                    OutboxMessage.kind == "reminder",
                    OutboxMessage.channel == "whatsapp",
                    OutboxMessage.status == "pending",
                )
            )
        )
    with bot.uow() as unit:  # the learner last wrote two days before the reminder is due
        unit.session.execute(
            update(ChannelIdentity)
            .where(
                ChannelIdentity.channel == "whatsapp", ChannelIdentity.address_sealed.is_not(None)
            )
            .values(last_message_at=due - timedelta(days=2))
        )
        unit.commit()
    template = "HX" + "b" * 32
    before = _city_messages(bot, {"whatsapp_templates": {"reminder": template}})
    try:
        worker.run_once(due + timedelta(minutes=1))
    finally:
        _city_messages(bot, before)
    [sent] = fake_apis.twilio_messages(learner)
    assert sent["ContentSid"] == template and "Body" not in sent
    assert sent["From"] == WHATSAPP_NUMBER


def test_an_sms_alert_in_quiet_hours_waits_until_eight_on_the_citys_clock(
    bot: Bot, fake_apis: FakeApis, tmp_path: Path
) -> None:
    learner = "+447700900370"
    for message in ("hi", "1", "15", "PL1", "skip"):
        twilio_post(bot, twilio_params(learner, message))
    said = twiml_bodies(
        twilio_post(bot, twilio_params(learner, "let me know when there's skateboarding"))
    )
    assert any(b.startswith("Done: I'll tell you when") for b in said), said

    plymouth = ZoneInfo("Europe/London")
    night = (datetime.now(plymouth) + timedelta(days=1)).replace(hour=22, minute=30, second=0)
    try:
        with skate_jam_opens(bot, fake_apis, tmp_path) as worker:
            assert worker.run_once(night).counts.get("waiting") == 1
            assert fake_apis.twilio_messages(learner) == []
            morning = (night + timedelta(days=1)).replace(hour=8, minute=0)
            worker.run_once(morning - timedelta(minutes=1))
            assert fake_apis.twilio_messages(learner) == []
            worker.run_once(morning)
    finally:
        with bot.uow() as unit:  # the learner's alert ends with the test
            unit.session.execute(delete(Subscription))
            unit.commit()
    [sent] = fake_apis.twilio_messages(learner)
    assert sent["Body"].startswith("New for skateboarding, as you asked:")
    assert sent["From"] == channel_env(fake_apis)["TWILIO_SMS_NUMBER"]


def test_a_city_poll_reaches_telegram_as_buttons_and_sms_as_numbers_and_picks_are_counted(
    bot: Bot, fake_apis: FakeApis, worker: Worker
) -> None:
    chat, phone = 93000071, "+447700900271"
    for message in ("hi", "yes", "15", "PL1", "skip", "weekly what's on for me"):
        tg_post(bot, tg_message(chat, message))
    for message in ("hi", "yes", "15", "PL1", "skip", "weekly what's on for me"):
        twiml_bodies(twilio_post(bot, twilio_params(phone, message)))
    options = ["Skate jam", "Music studio", "Climbing"]
    poll = start_poll(bot.uow(), "plymouth", "What should we run next summer?", options)
    seen = len(tg_said(fake_apis, chat))
    worker.run_once(_daytime_after(datetime.now(UTC)))

    [asked] = tg_said(fake_apis, chat, since=seen)
    assert "What should we run next summer?" in asked["text"]
    press(bot, chat, "Music studio", asked)
    thanks = tg_said(fake_apis, chat)[-1]["text"]
    assert thanks.startswith('Thanks! Your answer "Music studio" is counted.'), thanks

    [sms] = fake_apis.twilio_messages(phone)[-1:]
    assert "3 Climbing" in sms["Body"] and "POLL 1" in sms["Body"], sms["Body"]
    said = sms_reply(bot, phone, "POLL 3")
    assert 'Your answer "Climbing" is counted' in said, said
    said = sms_reply(bot, phone, "poll 7")
    assert "answers 1 to 3" in said, said
    said = sms_reply(bot, phone, "poll 1")
    assert 'now "Skate jam"' in said, said
    # a reply to the poll with words of their own is read as words: safety first
    replies = twiml_bodies(twilio_post(bot, twilio_params(phone, "poll 2 i dont wanna be alive")))
    assert is_help(replies), replies

    counted = {answer: n for answer, n in poll_results(bot.uow(), "plymouth", poll.poll_id).rows}
    assert counted == {"Skate jam": 1, "Music studio": 1, "Climbing": 0}
