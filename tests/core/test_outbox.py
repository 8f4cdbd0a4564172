"""The bot speaks first: what goes into the outbox with the event that causes it, and how the
worker sends it under each channel's rules, against the local fakes of the Telegram and
Twilio APIs. Each test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select, update
from starlette.testclient import TestClient

from badge_core.cli import main as colbot
from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.errors import InvalidRequest, NotFound
from badge_core.messaging import MessageRules, quiet_until, sms_segments, to_gsm7
from badge_core.models import (
    ChannelIdentity,
    City,
    Concern,
    Learner,
    OutboxMessage,
    Staff,
)
from badge_core.outbound.worker import Worker, channels_from_env
from badge_core.services.approvals import answer_notice, pending_claims, review_claim
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_codes
from badge_core.services.invites import accept_invite, invite_staff
from badge_core.services.learner_data import export_learner
from badge_core.services.learners import erase_learner, register_learner, set_opt_out
from badge_core.services.outbox import note_learner_message, outbox_stats
from badge_core.services.safeguarding import raise_concern
from badge_core.services.staff import remove_staff, staff_member
from colbot_shared.crypto import sealer
from tests.conftest import SECRET
from tests.e2e.fake_apis import PUBLIC_URL, TWILIO_TOKEN, FakeApis, channel_env
from web.app import create_app

LIBRARIES = "plymouth-libraries"  # awards code-club-coder
# Friday 4 December 2026, 16:00 in Plymouth (GMT): not in quiet hours
NOW = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
WORKER_CHAT = 555000111
LEAD_CHAT = 555000222
KID_PHONE = "+447700900123"
KID_WHATSAPP = "whatsapp:+447700900124"
KID_CHAT = 555000333


def sealed(address: str | int) -> str:
    return sealer(SECRET).seal(str(address)).decode()


def join(
    uow: UnitOfWorkFactory,
    chat: int | str,
    role: str = "issuer",
    provider: str = LIBRARIES,
    channel: str = "telegram",
) -> int:
    invite = invite_staff(uow(), SECRET, "plymouth", provider, role, now=NOW - timedelta(days=1))
    return accept_invite(
        uow(),
        SECRET,
        channel,
        f"staff-{chat}",
        invite.code,
        city_slug="plymouth",
        sealed_address=sealed(chat),
        now=NOW - timedelta(days=1),
    ).staff_id


def code_for(
    uow: UnitOfWorkFactory, staff_id: int, claims: int = 30, *, in_chat: bool = False
) -> str:
    """A code of the staff member's provider; made by them in chat (so they hear how claims
    come in) only when ``in_chat``."""
    [issued] = create_claim_codes(
        uow(),
        SECRET,
        "plymouth",
        "code-club-coder",
        count=1,
        max_claims=claims,
        valid_from=NOW - timedelta(hours=1),
        staff_id=staff_id if in_chat else None,
    )
    return issued.code


def kid(uow: UnitOfWorkFactory, name: str, channel: str = "sms", age_band: str = "under-13") -> int:
    return register_learner(
        uow(), SECRET, "plymouth", channel, name, age_band=age_band, now=NOW - timedelta(days=1)
    ).learner_id


def claim(
    uow: UnitOfWorkFactory,
    learner_id: int,
    code: str,
    name: str,
    address: str | int,
    channel: str = "sms",
    at: datetime = NOW,
) -> None:
    claim_badge(
        uow(),
        SECRET,
        learner_id,
        code,
        channel=channel,
        sender_key=name,
        sealed_address=sealed(address),
        now=at,
    )


def messages(uow: UnitOfWorkFactory) -> list[OutboxMessage]:
    with uow() as unit:
        return list(unit.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def set_city_messages(uow: UnitOfWorkFactory, section: dict) -> None:
    with uow() as unit:
        unit.session.execute(update(City).values(messages=section))
        unit.commit()


# --------------------------------------------------------------------- staff notices


def test_a_claim_waiting_tells_the_youth_worker_once_per_ten_minutes_with_a_button(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    staff_id = join(uow, WORKER_CHAT)
    code = code_for(uow, staff_id)
    for n in range(5):  # a busy session: five under-13s claim within minutes
        claim(
            uow,
            kid(uow, f"kid{n}"),
            code,
            f"kid{n}",
            f"+4477009001{n:02d}",
            at=NOW + timedelta(minutes=n),
        )
    assert messages(uow)[0].body and "Code Club Coder" in messages(uow)[0].body
    assert worker.run_once(NOW + timedelta(minutes=5)).counts == {"sent": 1}

    [notice] = apis.telegram_messages(WORKER_CHAT)
    assert "Code Club Coder" in notice["text"] and "waiting" in notice["text"]
    [[button]] = notice["reply_markup"]["inline_keyboard"]
    assert button == {"text": "See claims waiting", "callback_data": "/pending_claims"}
    assert not any(f"+4477009001{n:02d}" in notice["text"] for n in range(5))

    claim(uow, kid(uow, "later"), code, "later", "+447700900199", at=NOW + timedelta(minutes=12))
    worker.run_once(NOW + timedelta(minutes=12))
    assert len(apis.telegram_messages(WORKER_CHAT)) == 2
    assert len(pending_claims(uow(), staff_id)) == 6


def test_one_claim_waiting_is_answered_from_the_notice_in_one_tap_or_one_word(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    on_telegram = join(uow, WORKER_CHAT)
    worker_phone = "+447700900555"
    on_sms = join(uow, worker_phone, channel="sms")
    claim(uow, kid(uow, "solo"), code_for(uow, on_telegram), "solo", KID_PHONE)
    assert worker.run_once(NOW + timedelta(minutes=1)).counts == {"sent": 2}
    [notice] = apis.telegram_messages(WORKER_CHAT)
    assert notice["text"].startswith("A claim for Code Club Coder is waiting for you to approve")
    [award_id] = [c.award_id for c in pending_claims(uow(), on_telegram)]
    # Telegram: Approve and Decline on the notice itself, naming the claim
    assert notice["reply_markup"]["inline_keyboard"] == [
        [
            {
                "text": "Approve",
                "callback_data": f'/review_claim{{"award_ref":"{award_id}","decision":"approve"}}',
            },
            {
                "text": "Decline",
                "callback_data": f'/review_claim{{"award_ref":"{award_id}","decision":"decline"}}',
            },
        ]
    ]
    # SMS: one word back
    [texted] = apis.twilio_messages(worker_phone)
    assert 'Reply APPROVE or DECLINE, or say "pending" to see it first.' in texted["Body"]
    assert answer_notice(uow(), on_sms, approve=True, now=NOW + timedelta(minutes=3)).award_id == (
        award_id
    )
    assert pending_claims(uow(), on_telegram) == []
    # the decision reaches the child; answering again finds nothing left to decide
    worker.run_once(NOW + timedelta(minutes=4))
    assert apis.twilio_messages(KID_PHONE)[0]["Body"].startswith("Good news!")
    with pytest.raises(InvalidRequest):
        answer_notice(uow(), on_sms, approve=False, now=NOW + timedelta(minutes=5))


def test_a_one_word_answer_needs_a_recent_notice_about_one_claim(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    worker_phone = "+447700900556"
    staff_id = join(uow, worker_phone, channel="sms")
    with pytest.raises(NotFound):  # no notice yet
        answer_notice(uow(), staff_id, approve=True, now=NOW)
    code = code_for(uow, staff_id)
    for n in range(2):
        claim(uow, kid(uow, f"pair{n}"), code, f"pair{n}", f"+4477009003{n:02d}")
    worker.run_once(NOW + timedelta(minutes=1))
    [texted] = apis.twilio_messages(worker_phone)
    assert texted["Body"].startswith("2 claims (Code Club Coder) are waiting")
    assert "APPROVE" not in texted["Body"] and 'Say "pending" to see them.' in texted["Body"]
    with pytest.raises(NotFound):  # which one? they say "pending"
        answer_notice(uow(), staff_id, approve=True, now=NOW + timedelta(minutes=2))
    assert len(pending_claims(uow(), staff_id)) == 2


def test_a_notice_whose_claims_were_all_decided_meanwhile_is_not_sent(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    staff_id = join(uow, WORKER_CHAT)
    claim(uow, kid(uow, "quick"), code_for(uow, staff_id), "quick", KID_PHONE)
    [waiting] = pending_claims(uow(), staff_id)
    review_claim(uow(), staff_id, waiting.award_id, approve=False, now=NOW)
    worker.run_once(NOW + timedelta(minutes=1))
    assert apis.telegram_messages(WORKER_CHAT) == []
    [notice] = [m for m in messages(uow) if m.kind == "claims_waiting"]
    assert (notice.status, notice.reason) == ("suppressed", "claims_decided")


def test_the_decision_reaches_the_learner_where_they_claimed_and_then_the_address_goes(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    staff_id = join(uow, WORKER_CHAT)
    code = code_for(uow, staff_id)
    yes, no = kid(uow, "yes-kid"), kid(uow, "no-kid")
    claim(uow, yes, code, "yes-kid", KID_PHONE)
    claim(uow, no, code, "no-kid", "+447700900125")
    with uow() as unit:  # the address of the app they claimed from is kept while it is owed
        kept = unit.session.scalars(select(ChannelIdentity.address_sealed)).all()
    assert sum(1 for a in kept if a) == 2

    first, second = pending_claims(uow(), staff_id)
    review_claim(uow(), staff_id, first.award_id, approve=True, now=NOW)
    review_claim(uow(), staff_id, second.award_id, approve=False, now=NOW)
    worker.run_once(NOW + timedelta(minutes=1))

    [approved] = apis.twilio_messages(KID_PHONE)
    assert approved["From"] == channel_env(apis)["TWILIO_SMS_NUMBER"]
    assert approved["Body"].startswith("Good news! A youth worker approved your Code Club Coder")
    [declined] = apis.twilio_messages("+447700900125")
    assert "couldn't approve your Code Club Coder" in declined["Body"]
    assert all(sms_segments(m["Body"]) == 1 for m in (approved, declined))

    with uow() as unit:
        kept = unit.session.scalars(select(ChannelIdentity.address_sealed)).all()
        left = unit.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "claim_decision")
        ).all()
    assert not any(kept), "the address is dropped once nothing more is owed"
    assert [(m.status, m.body, m.address_sealed, m.segments) for m in left] == [
        ("sent", None, None, 1)
    ] * 2


def test_a_new_concern_tells_the_leads_its_kind_and_never_the_words(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    join(uow, LEAD_CHAT, role="safeguarding-lead", provider="plymouth-youth-service")
    join(uow, WORKER_CHAT)  # a youth worker is not told
    raise_concern(
        uow(),
        SECRET,
        "plymouth",
        "sms",
        "someone",
        category="self_harm",
        level="urgent",
        text="i dont want to be alive anymore",
    )
    worker.run_once()
    [notice] = apis.telegram_messages(LEAD_CHAT)
    assert notice["text"].startswith("New URGENT safeguarding concern in Plymouth (self_harm)")
    assert "alive" not in notice["text"]
    assert notice["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "/list_concerns"
    assert apis.telegram_messages(WORKER_CHAT) == []
    with uow() as unit:
        assert unit.session.scalar(select(Concern.notified_at)) is not None


def test_staff_who_joined_before_are_reachable_from_their_next_staff_message(
    uow: UnitOfWorkFactory,
) -> None:
    invite = invite_staff(uow(), SECRET, "plymouth", LIBRARIES, "issuer", now=NOW)
    accept_invite(uow(), SECRET, "telegram", "old-hand", invite.code, city_slug="plymouth", now=NOW)
    with uow() as unit:
        assert unit.session.scalar(select(Staff.address_sealed)) is None
    staff_member(uow(), SECRET, "telegram", "old-hand", sealed_address=sealed(WORKER_CHAT))
    with uow() as unit:
        stored = unit.session.scalar(select(Staff.address_sealed))
    assert stored is not None and sealer(SECRET).open(stored) == str(WORKER_CHAT)


def test_a_youth_worker_hears_how_claims_on_their_code_come_in_summed_up(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    staff_id = join(uow, WORKER_CHAT)
    code = code_for(uow, staff_id, claims=30, in_chat=True)
    for n in range(3):
        claim(
            uow,
            kid(uow, f"teen{n}", age_band="13-15"),
            code,
            f"teen{n}",
            f"+44770090040{n}",
            at=NOW + timedelta(seconds=30 * n),
        )
    assert worker.run_once(NOW + timedelta(minutes=1)).counts == {}  # gathering for 2 minutes
    worker.run_once(NOW + timedelta(minutes=3))
    [first] = apis.telegram_messages(WORKER_CHAT)
    assert first["text"] == "Code Club Coder: 3 claimed, 27 left."

    claim(
        uow,
        kid(uow, "teen9", age_band="13-15"),
        code,
        "teen9",
        "+447700900409",
        at=NOW + timedelta(minutes=5),
    )
    worker.run_once(NOW + timedelta(minutes=8))
    assert len(apis.telegram_messages(WORKER_CHAT)) == 1, "one message per 10 minutes"
    claim(
        uow,
        kid(uow, "teen10", age_band="13-15"),
        code,
        "teen10",
        "+447700900410",
        at=NOW + timedelta(minutes=11),
    )
    worker.run_once(NOW + timedelta(minutes=14))
    assert apis.telegram_messages(WORKER_CHAT)[-1]["text"] == "Code Club Coder: 5 claimed, 25 left."
    assert all(apis.twilio_messages(f"+44770090040{n}") == [] for n in range(3))


# ----------------------------------------------------------------------- the rules


def test_quiet_hours_hold_a_learners_message_until_eight_on_the_citys_clock(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    staff_id = join(uow, WORKER_CHAT)
    learner = kid(uow, "night-kid")
    claim(uow, learner, code_for(uow, staff_id), "night-kid", KID_PHONE)
    [waiting] = pending_claims(uow(), staff_id)
    late = datetime(2026, 12, 4, 22, 30, tzinfo=UTC)  # 22:30 in Plymouth
    review_claim(uow(), staff_id, waiting.award_id, approve=True, now=late)
    # the youth worker's notice is dropped (the claim was decided before it went); the kid waits
    assert worker.run_once(late).counts == {"suppressed": 1, "waiting": 1}
    assert apis.twilio_messages(KID_PHONE) == []
    [held] = [m for m in messages(uow) if m.kind == "claim_decision"]
    assert (held.status, held.reason, held.due_at) == (
        "pending",
        "quiet_hours",
        datetime(2026, 12, 5, 8, 0, tzinfo=UTC),
    )
    worker.run_once(datetime(2026, 12, 5, 7, 59, tzinfo=UTC))
    assert apis.twilio_messages(KID_PHONE) == []
    worker.run_once(datetime(2026, 12, 5, 8, 0, tzinfo=UTC))
    assert len(apis.twilio_messages(KID_PHONE)) == 1


def test_quiet_hours_keep_to_the_wall_clock_across_the_october_and_march_changes() -> None:
    rules = MessageRules()
    # Saturday 24 October 2026, 21:30 BST; the clocks go back at 02:00 on the Sunday
    before = datetime(2026, 10, 24, 20, 30, tzinfo=UTC)
    assert quiet_until(rules, before, "Europe/London") == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)
    # Saturday 27 March 2027, 23:00 GMT; the clocks go forward at 01:00 on the Sunday
    march = datetime(2027, 3, 27, 23, 0, tzinfo=UTC)
    assert quiet_until(rules, march, "Europe/London") == datetime(2027, 3, 28, 7, 0, tzinfo=UTC)
    assert quiet_until(rules, datetime(2026, 10, 25, 8, 0, tzinfo=UTC), "Europe/London") is None
    own = MessageRules.of({"quiet_hours": {"from": "20:00", "to": "09:30"}})
    assert quiet_until(own, datetime(2026, 12, 4, 20, 15, tzinfo=UTC), "Europe/London") == (
        datetime(2026, 12, 5, 9, 30, tzinfo=UTC)
    )


def test_an_sms_is_gsm7_and_two_segments_at_most() -> None:
    assert to_gsm7("You\u2019re in \u2013 \u201cBeat Lab\u201d\u2026 \U0001f389") == (
        'You\'re in - "Beat Lab"... ?'
    )
    assert sms_segments("a" * 160) == 1 and sms_segments("a" * 161) == 2
    assert sms_segments("a" * 306) == 2 and sms_segments("a" * 307) == 3
    assert sms_segments("{" * 80) == 1 and sms_segments("{" * 81) == 2  # two units each
    assert sms_segments("\u00e7" * 70) == 1 and sms_segments("\u00e7" * 71) == 2  # UCS-2


def _decision_for(uow: UnitOfWorkFactory, name: str, address: str, channel: str = "sms") -> int:
    with uow() as unit:
        existing = unit.session.scalar(select(Staff.id).where(Staff.removed_at.is_(None)))
    staff_id = existing or join(uow, WORKER_CHAT)
    learner = kid(uow, name, channel=channel)
    claim(uow, learner, code_for(uow, staff_id), name, address, channel=channel)
    waiting = pending_claims(uow(), staff_id)[-1]
    review_claim(uow(), staff_id, waiting.award_id, approve=True, now=NOW)
    return learner


def test_whatsapp_outside_24_hours_uses_the_citys_template_or_waits(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    learner = _decision_for(uow, "wa-kid", KID_WHATSAPP, channel="whatsapp")
    later = NOW + timedelta(hours=26)  # 18:00 next day; the learner last wrote when claiming
    worker.run_once(later)
    assert apis.twilio_messages(KID_WHATSAPP) == []
    [held] = [m for m in messages(uow) if m.learner_id == learner]
    assert (held.status, held.reason) == ("pending", "no_window")

    set_city_messages(uow, {"whatsapp_templates": {"claim_decision": "HX" + "a" * 32}})
    worker.run_once(later + timedelta(minutes=30))
    [sent] = apis.twilio_messages(KID_WHATSAPP)
    assert sent["ContentSid"] == "HX" + "a" * 32 and "Body" not in sent
    assert sent["From"] == channel_env(apis)["TWILIO_WHATSAPP_NUMBER"]
    assert '"1": "Code Club Coder"' in sent["ContentVariables"]


def test_a_learner_writing_again_reopens_the_window_for_a_message_waiting_for_it(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    _decision_for(uow, "wa-back", KID_WHATSAPP, channel="whatsapp")
    worker.run_once(NOW + timedelta(hours=26))
    assert apis.twilio_messages(KID_WHATSAPP) == []
    note_learner_message(  # their next session starts (actions/session.py)
        uow(),
        SECRET,
        "whatsapp",
        "wa-back",
        sealed(KID_WHATSAPP),
        now=NOW + timedelta(hours=26, minutes=10),
    )
    note_learner_message(uow(), SECRET, "sms", "nobody-owed", sealed(KID_PHONE))  # no effect
    worker.run_once(NOW + timedelta(hours=26, minutes=40))
    [sent] = apis.twilio_messages(KID_WHATSAPP)
    assert sent["Body"].startswith("Good news!") and "ContentSid" not in sent


def test_whatsapp_inside_24_hours_is_free_form(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    _decision_for(uow, "wa-now", KID_WHATSAPP, channel="whatsapp")
    worker.run_once(NOW + timedelta(hours=2))
    [sent] = apis.twilio_messages(KID_WHATSAPP)
    assert sent["Body"].startswith("Good news!") and "ContentSid" not in sent


def test_sms_caps_and_the_monthly_budget_stop_sending_and_say_why(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    set_city_messages(uow, {"sms_per_week": 0, "sms_segment_cost": 0.05, "sms_monthly_budget": 10})
    _decision_for(uow, "capped", KID_PHONE)
    worker.run_once(NOW + timedelta(minutes=1))
    assert apis.twilio_messages(KID_PHONE) == []
    set_city_messages(
        uow, {"sms_per_week": 5, "sms_segment_cost": 0.05, "sms_monthly_budget": 0.04}
    )
    _decision_for(uow, "over-budget", "+447700900126")
    worker.run_once(NOW + timedelta(minutes=1))
    assert apis.twilio_messages("+447700900126") == []
    stats = outbox_stats(uow(), "plymouth", now=NOW + timedelta(minutes=2))
    assert stats["not_sent"] == {
        "suppressed:sms_budget": 1,
        "suppressed:sms_weekly_cap": 1,
        "suppressed:claims_decided": 1,  # the youth worker's notice: decided before it went
    }
    assert stats["sms_segments"] == 0 and stats["sms_monthly_budget"] == 0.04


def test_an_opted_out_or_erased_learner_gets_nothing(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    _decision_for(uow, "stopped", KID_PHONE)
    set_opt_out(uow(), SECRET, "sms", "stopped", opted_out=True)
    _decision_for(uow, "erased", "+447700900127")
    assert erase_learner(uow(), SECRET, "sms", "erased")
    worker.run_once(NOW + timedelta(minutes=1))
    assert apis.twilio_messages(KID_PHONE) == [] and apis.twilio_messages("+447700900127") == []
    decisions = [m for m in messages(uow) if m.kind == "claim_decision"]
    assert [(m.status, m.reason) for m in decisions] == [("suppressed", "opted_out")]
    assert decisions[0].address_sealed is None and decisions[0].body is None


def test_a_removed_youth_worker_or_a_switched_off_channel_is_not_sent_to(
    uow: UnitOfWorkFactory, apis: FakeApis
) -> None:
    staff_id = join(uow, WORKER_CHAT)
    code = code_for(uow, staff_id)
    claim(uow, kid(uow, "a"), code, "a", "+447700900130")
    remove_staff(uow(), staff_id)
    other = join(uow, WORKER_CHAT + 1)
    claim(uow, kid(uow, "b"), code_for(uow, other), "b", "+447700900131")
    no_telegram = {k: v for k, v in channel_env(apis).items() if not k.startswith("TELEGRAM")}
    with httpx.Client() as client:
        Worker(uow, SECRET, channels_from_env(no_telegram, client)).run_once(NOW)
    assert apis.sent == []
    assert sorted((m.status, m.reason) for m in messages(uow)) == [
        ("suppressed", "channel_off"),
        ("suppressed", "staff_removed"),
    ]


# ----------------------------------------------------------------- faults and retries


def test_telegrams_429_is_honoured_and_a_5xx_backs_off_until_it_gives_up(
    uow: UnitOfWorkFactory, apis: FakeApis
) -> None:
    join(uow, LEAD_CHAT, role="safeguarding-lead", provider="plymouth-youth-service")
    raise_concern(
        uow(),
        SECRET,
        "plymouth",
        "sms",
        "x",
        category="bullying",
        level="concern",
        text="they wont leave me alone",
    )
    start = datetime.now(UTC)  # a concern is raised at the clock's time
    apis.refusals[:] = [429]
    apis.retry_after_s = 30
    with httpx.Client() as client:
        worker = Worker(uow, SECRET, channels_from_env(channel_env(apis), client), max_attempts=3)
        assert worker.run_once(start).counts == {"retry": 1}
        [waiting] = messages(uow)
        assert (waiting.status, waiting.reason, waiting.attempts) == ("pending", "telegram_429", 1)
        assert waiting.due_at == start + timedelta(seconds=30)  # as Telegram asked
        assert worker.run_once(start + timedelta(seconds=29)).counts == {}
        apis.refusals[:] = [502, 502]
        worker.run_once(start + timedelta(seconds=30))
        worker.run_once(start + timedelta(minutes=5))
    [failed] = messages(uow)
    assert (failed.status, failed.reason, failed.attempts) == ("failed", "telegram_502", 3)
    assert apis.telegram_messages(LEAD_CHAT) == []


def test_a_worker_that_dies_after_taking_messages_loses_none_and_sends_none_twice(
    uow: UnitOfWorkFactory, apis: FakeApis
) -> None:
    staff_id = join(uow, WORKER_CHAT)
    code = code_for(uow, staff_id)
    for n in range(3):
        learner = kid(uow, f"k{n}")
        claim(uow, learner, code, f"k{n}", f"+4477009002{n:02d}")
    for waiting in pending_claims(uow(), staff_id):
        review_claim(uow(), staff_id, waiting.award_id, approve=True, now=NOW)
    with httpx.Client() as client:
        channels = channels_from_env(channel_env(apis), client)
        dead = Worker(uow, SECRET, channels)
        taken = dead.take(NOW)  # ... and the process is killed here
        assert len(taken) == 4
        other = Worker(uow, SECRET, channels)
        assert other.run_once(NOW + timedelta(minutes=1)).counts == {}  # leased to the dead one
        # the three decisions; the youth worker's notice is dropped, every claim decided
        assert other.run_once(NOW + timedelta(minutes=3)).counts == {"sent": 3, "suppressed": 1}
    assert apis.telegram_messages(WORKER_CHAT) == []
    assert all(len(apis.twilio_messages(f"+4477009002{n:02d}")) == 1 for n in range(3))


def test_a_dead_workers_sms_is_not_sent_again_while_twilio_cannot_say_if_it_went(
    uow: UnitOfWorkFactory, apis: FakeApis
) -> None:
    staff_id = join(uow, "+447700900777", channel="sms")
    claim(uow, kid(uow, "held"), code_for(uow, staff_id), "held", KID_PHONE)
    with httpx.Client() as client:
        channels = channels_from_env(channel_env(apis), client)
        assert len(Worker(uow, SECRET, channels).take(NOW)) == 1  # ... and it dies here
        apis.list_down = True
        other = Worker(uow, SECRET, channels)
        assert other.run_once(NOW + timedelta(minutes=3)).counts == {"retry": 1}
        assert apis.twilio_messages("+447700900777") == [] and apis.lookups == 0
        apis.list_down = False  # Twilio answers again: it has nothing like it, so it goes
        assert other.run_once(NOW + timedelta(minutes=4)).counts == {"sent": 1}
    assert len(apis.twilio_messages("+447700900777")) == 1
    assert apis.lookups == 1, "asked again before sending, though another round had passed"


def test_messages_wait_while_the_api_is_down_for_an_hour_and_go_when_it_returns(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    _decision_for(uow, "patient", KID_PHONE)
    apis.refusals[:] = [503] * 100  # Twilio answers 503 to everything for a while
    at = NOW
    while at < NOW + timedelta(hours=1):
        worker.run_once(at)
        at += timedelta(minutes=1)
    [waiting] = [m for m in messages(uow) if m.kind == "claim_decision"]
    assert (waiting.status, waiting.reason) == ("pending", "twilio_503")
    assert 5 <= waiting.attempts <= 12  # backing off, not hammering
    apis.refusals.clear()
    worker.run_once(NOW + timedelta(hours=1, minutes=16))
    assert len(apis.twilio_messages(KID_PHONE)) == 1


def test_a_message_that_cannot_go_before_it_stops_mattering_expires_with_its_reason(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    _decision_for(uow, "wa-late", KID_WHATSAPP, channel="whatsapp")
    at = NOW + timedelta(days=2)  # no template, and the learner never writes again
    while at < NOW + timedelta(days=8):  # each afternoon, outside quiet hours
        worker.run_once(at)
        at += timedelta(days=1)
    [gone] = [m for m in messages(uow) if m.kind == "claim_decision"]
    assert (gone.status, gone.reason, gone.address_sealed) == ("expired", "no_window", None)
    assert apis.twilio_messages(KID_WHATSAPP) == []


def test_the_command_line_sends_what_is_due_at_a_given_time_and_reports_it(
    uow: UnitOfWorkFactory,
    settings: Settings,
    apis: FakeApis,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in channel_env(apis).items():
        monkeypatch.setenv(name, value)
    _decision_for(uow, "cli-kid", KID_PHONE)
    assert colbot(["outbox", "run", "--once", "--at", "2026-12-04T16:05Z"], settings=settings) == 0
    # the child's decision; the worker's notice is dropped, the claim decided before it went
    assert json.loads(capsys.readouterr().out) == {"sent": 1, "suppressed": 1}
    assert colbot(["outbox", "list", "--json"], settings=settings) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted((m["kind"], m["channel"], m["status"]) for m in listed) == [
        ("claim_decision", "sms", "sent"),
        ("claims_waiting", "telegram", "suppressed"),
    ]
    assert "body" not in listed[0] and "address" not in json.dumps(listed)
    assert colbot(["outbox", "stats", "--city", "plymouth"], settings=settings) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["by_status"] == {"sent": 1, "suppressed": 1} and stats["sms_segments"] == 1
    assert stats["sms_cost_estimate"] == 0.04
    with pytest.raises(SystemExit) as refused:
        colbot(["outbox", "run", "--once", "--at", "tomorrow"], settings=settings)
    assert refused.value.code == 2 and "not a time: 'tomorrow'" in capsys.readouterr().err


def test_twilios_signed_status_callback_marks_a_message_delivered_or_failed(
    uow: UnitOfWorkFactory, settings: Settings, worker: Worker, apis: FakeApis
) -> None:
    from twilio.request_validator import RequestValidator

    _decision_for(uow, "delivered", KID_PHONE)
    _decision_for(uow, "undelivered", "+447700900140")
    worker.run_once(NOW + timedelta(minutes=1))
    refs = {m.provider_ref: m for m in messages(uow) if m.kind == "claim_decision"}
    ok_ref, bad_ref = sorted(refs)
    settings = dataclasses.replace(settings, twilio_token=TWILIO_TOKEN, public_url=PUBLIC_URL)
    client = TestClient(create_app(settings, uow))
    url = PUBLIC_URL + "/outbound/twilio/status"

    def post(params: dict[str, str], token: str = TWILIO_TOKEN) -> int:
        signature = RequestValidator(token).compute_signature(url, params)
        return client.post(
            "/outbound/twilio/status", data=params, headers={"X-Twilio-Signature": signature}
        ).status_code

    assert post({"MessageSid": ok_ref, "MessageStatus": "delivered"}, token="wrong") == 403
    assert post({"MessageSid": ok_ref, "MessageStatus": "delivered"}) == 200
    assert (
        post({"MessageSid": bad_ref, "MessageStatus": "undelivered", "ErrorCode": "30005"}) == 200
    )
    by_ref = {m.provider_ref: m for m in messages(uow)}
    assert by_ref[ok_ref].status == "delivered" and by_ref[ok_ref].delivered_at is not None
    assert (by_ref[bad_ref].status, by_ref[bad_ref].reason) == ("failed", "undelivered_30005")


def test_a_lead_on_whatsapp_is_told_free_form_within_24_hours_of_writing_and_else_waits(
    uow: UnitOfWorkFactory, worker: Worker, apis: FakeApis
) -> None:
    lead_phone = "whatsapp:+447700900777"
    now = datetime.now(UTC)  # concerns are raised at the clock's time
    joined = now - timedelta(hours=30)
    invite = invite_staff(
        uow(), SECRET, "plymouth", "plymouth-youth-service", "safeguarding-lead", now=joined
    )
    accept_invite(
        uow(),
        SECRET,
        "whatsapp",
        "lead",
        invite.code,
        city_slug="plymouth",
        sealed_address=sealed(lead_phone),
        now=joined,
    )
    raise_concern(
        uow(),
        SECRET,
        "plymouth",
        "sms",
        "a",
        category="bullying",
        level="concern",
        text="they keep picking on me",
    )
    worker.run_once(now + timedelta(minutes=1))  # the lead has not written for 30 hours
    assert apis.twilio_messages(lead_phone) == []
    [waiting] = messages(uow)
    assert (waiting.status, waiting.reason) == ("pending", "no_window")

    staff_member(uow(), SECRET, "whatsapp", "lead", sealed_address=sealed(lead_phone))
    worker.run_once(now + timedelta(minutes=32))
    [sent] = apis.twilio_messages(lead_phone)
    assert sent["Body"].startswith("New safeguarding concern in Plymouth (bullying)")
    assert "picking" not in sent["Body"] and 'Say "concerns"' in sent["Body"]
    assert "ContentSid" not in sent  # free-form: the lead wrote within 24 hours


def test_a_learners_export_says_their_address_is_kept_locked_and_what_waits_for_them(
    uow: UnitOfWorkFactory, worker: Worker
) -> None:
    learner_id = _decision_for(uow, "curious", KID_PHONE)
    with uow() as unit:
        public_id = unit.session.get_one(Learner, learner_id).public_id
    exported = export_learner(uow(), SECRET, public_id=public_id)
    assert exported["apps"][0]["kept_locked_to_message_you"] is True
    assert [m["about"] for m in exported["messages_waiting"]] == ["claim_decision"]
    assert KID_PHONE not in json.dumps(exported)
    worker.run_once(NOW + timedelta(minutes=1))
    after = export_learner(uow(), SECRET, public_id=public_id)
    assert after["apps"][0]["kept_locked_to_message_you"] is False
    assert after["messages_waiting"] == []


def test_a_planner_that_fails_does_not_stop_what_is_due_from_going(
    uow: UnitOfWorkFactory, apis: FakeApis
) -> None:
    staff_id = join(uow, WORKER_CHAT)
    claim(uow, kid(uow, "due"), code_for(uow, staff_id), "due", KID_PHONE)

    def broken(now: datetime) -> dict[str, int]:
        raise RuntimeError("the model would not load")

    with httpx.Client() as client:
        worker = Worker(uow, SECRET, channels_from_env(channel_env(apis), client), planner=broken)
        counts = worker.run_once(NOW + timedelta(minutes=1)).counts
    assert counts == {"planning_failed": 1, "sent": 1}
    assert len(apis.telegram_messages(WORKER_CHAT)) == 1
