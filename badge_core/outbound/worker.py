"""The outbox worker: sends what is due, under the channel's and the city's rules.

One message goes through three short transactions, so no transaction is open while a
channel is called:

1. **take**: due messages are leased to this worker (``FOR UPDATE SKIP LOCKED`` on
   PostgreSQL, so workers never take the same row; one conditional update per row on both
   databases, so a row another worker has leased meanwhile is left alone);
2. **decide**: the rules say send (how), wait (until when, and why), or not at all (why);
3. **record**: what the channel answered: sent, try again later (after the channel's
   ``retry_after`` on a 429; with backoff on a 5xx or no answer), or failed.

A worker that dies leaves its messages leased; when the lease runs out another worker
takes them. Died before the channel call: sent once by the next worker. Died inside the
call, after the channel accepted it but before the record: sent again (neither Telegram nor
Twilio's Messages API takes an idempotency key), a window of one HTTP call that
docs/messages.md describes. A message that reaches a final status loses its address and its
words: what is left is a count.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import httpx
from cryptography.fernet import InvalidToken
from sqlalchemy import func, select, update

from badge_core.channels import own_number
from badge_core.db import UnitOfWork, UnitOfWorkFactory
from badge_core.messaging import (
    SMS_MAX_SEGMENTS,
    MessageRules,
    quiet_until,
    sms_segments,
    to_gsm7,
    whatsapp_window_open,
)
from badge_core.models import (
    Audience,
    ChannelIdentity,
    City,
    Concern,
    Learner,
    OutboxMessage,
    OutboxStatus,
    Staff,
    utcnow,
)
from badge_core.outbound.senders import (
    UNKNOWN,
    Outcome,
    Result,
    TelegramSender,
    TwilioSender,
)
from badge_core.services.outbox import (
    CLAIMS_WAITING,
    CODE_CLAIMS,
    CONCERN_RAISED,
    claims_waiting_summary,
    code_claims_summary,
    forget_learner_address_when_done,
    sms_segments_in_month,
)
from colbot_shared.crypto import sealer

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
CLOCK_SKEW = timedelta(minutes=1)  # between our clock and Twilio's, when looking a send up
LOOKUP = "twilio_lookup"  # a dead worker's message Twilio could not be asked about yet
MAX_ATTEMPTS = 50  # with backoff capped at 15 minutes: about 10 hours of trying
WINDOW_RECHECK = timedelta(minutes=30)  # a WhatsApp message waiting for the learner to write
PENDING, SENDING = OutboxStatus.PENDING.value, OutboxStatus.SENDING.value


@dataclass(frozen=True)
class Channels:
    telegram: TelegramSender | None = None
    twilio: TwilioSender | None = None

    def can_send(self, channel: str) -> bool:
        if channel == "telegram":
            return self.telegram is not None
        return self.twilio is not None and self.twilio.can_send(channel)


def channels_from_env(
    environ: Mapping[str, str] | None = None, client: httpx.Client | None = None
) -> Channels:
    """The channels switched on by the same settings the Rasa connectors read."""
    env = os.environ if environ is None else environ
    client = client or httpx.Client()
    telegram = twilio = None
    if env.get("TELEGRAM_BOT_TOKEN"):
        telegram = TelegramSender(
            env["TELEGRAM_BOT_TOKEN"],
            env.get("TELEGRAM_API_URL") or "https://api.telegram.org",
            client,
            # Telegram allows a bot about 30 messages a second: with several workers, give
            # each its share
            per_second=int(env.get("COLBOT_TELEGRAM_PER_SECOND") or 30),
        )
    if env.get("TWILIO_ACCOUNT_SID") and env.get("TWILIO_AUTH_TOKEN"):
        public = env.get("COLBOT_PUBLIC_URL", "").rstrip("/")
        twilio = TwilioSender(
            env["TWILIO_ACCOUNT_SID"],
            env["TWILIO_AUTH_TOKEN"],
            env.get("TWILIO_API_URL") or "https://api.twilio.com",
            client,
            sms_from=env.get("TWILIO_SMS_NUMBER", ""),
            whatsapp_from=env.get("TWILIO_WHATSAPP_NUMBER", ""),
            status_callback=f"{public}/outbound/twilio/status" if public else None,
        )
    return Channels(telegram, twilio)


@dataclass
class RunReport:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, label: str) -> None:
        self.counts[label] = self.counts.get(label, 0) + 1

    @property
    def handled(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class _Send:
    """What the rules decided to send."""

    channel: str
    to: str
    body: str
    buttons: list[dict[str, str]]
    content_sid: str | None = None
    variables: dict[str, str] = field(default_factory=dict)
    segments: int = 0
    reply_ref: str | None = None  # kept on the message once sent (OutboxMessage.reply_ref)
    sender: str | None = None  # the city's own number for this channel; None: the default


def _from_city(send: _Send, city: City) -> _Send:
    """A learner hears from the number of their own city, where its pack names one
    (several cities on one deployment); else from the deployment's number."""
    number = own_number(city.channels or {}, send.channel)
    return replace(send, sender=number) if number else send


# What subscriptions owe as of a moment, queued (badge_core/services/alerts.py's plan): how
# many of each kind. Run before a round, and at most every PLAN_EVERY while running on.
Planner = Callable[[datetime], dict[str, int]]
PLAN_EVERY = timedelta(minutes=1)


def backoff(attempts: int) -> timedelta:
    """5 s, 10 s, 20 s ... up to 15 minutes."""
    return timedelta(seconds=min(5 * 2 ** max(attempts - 1, 0), 900))


class Worker:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        secret_key: str,
        channels: Channels,
        *,
        batch: int = 50,
        lease: timedelta = LEASE,
        max_attempts: int = MAX_ATTEMPTS,
        planner: Planner | None = None,
        plan_every: timedelta = PLAN_EVERY,
    ) -> None:
        self.uow, self.channels = uow, channels
        self.sealer = sealer(secret_key)
        self.batch, self.lease, self.max_attempts = batch, lease, max_attempts
        self.planner, self.plan_every = planner, plan_every
        self._planned_at: datetime | None = None
        # messages taken over from a worker that died holding them
        self._resumed: set[int] = set()

    # ------------------------------------------------------------------------- running

    def run_once(self, now: datetime | None = None, *, plan: bool = True) -> RunReport:
        """Queue what subscriptions owe (the planner, when ``plan``), then send everything due
        as of ``now`` (the clock if None); what happened, counted."""
        report = RunReport()
        if plan and self.planner is not None:
            self._planned_at = utcnow()
            try:
                planned = self.planner(now or utcnow())
            except Exception:  # noqa: BLE001 - planning failed: what is due still goes
                logger.exception("the outbox worker could not plan alerts and digests")
                planned = {"planning_failed": 1}
            for label, count in planned.items():
                report.counts[label] = report.counts.get(label, 0) + count
        while True:
            at = now or utcnow()
            taken = self.take(at)
            if not taken:
                return report
            for message_id in taken:
                report.add(self.deliver(message_id, now or utcnow()))

    def run_forever(self, stop: threading.Event, poll_s: float = 1.0) -> None:
        while not stop.is_set():
            due = self._planned_at is None or utcnow() - self._planned_at >= self.plan_every
            try:
                report = self.run_once(plan=due)
            except Exception:  # noqa: BLE001 - a database hiccup: try again on the next poll
                logger.exception("the outbox worker's run failed")
                report = RunReport()
            if report.handled:
                logger.info("outbox: %s", report.counts)
            stop.wait(poll_s)

    # -------------------------------------------------------------------------- taking

    def take(self, now: datetime) -> list[int]:
        """Lease up to ``batch`` due messages to this worker; their ids."""
        with self.uow() as uow:
            due = (OutboxMessage.status == PENDING) & (OutboxMessage.due_at <= now)
            stale = (OutboxMessage.status == SENDING) & (OutboxMessage.lease_until < now)
            rows = uow.session.execute(
                select(OutboxMessage.id, OutboxMessage.status, OutboxMessage.reason)
                .where(due | stale)
                .order_by(OutboxMessage.due_at, OutboxMessage.id)
                .limit(self.batch)
                .with_for_update(skip_locked=True)
            ).all()
            taken = []
            for message_id, status, reason in rows:
                leased = uow.session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id == message_id, due | stale)
                    .values(status=SENDING, lease_until=now + self.lease)
                    .execution_options(synchronize_session=False)
                )
                if leased.rowcount == 1:
                    taken.append(message_id)
                    if status == SENDING or reason == LOOKUP:
                        # a dead worker's: it may have sent it before dying (see deliver)
                        self._resumed.add(message_id)
            uow.commit()
            return taken

    # ------------------------------------------------------------------------ delivering

    def deliver(self, message_id: int, now: datetime) -> str:
        """Decide, send and record one leased message; what became of it."""
        resumed = message_id in self._resumed
        self._resumed.discard(message_id)
        with self.uow() as uow:
            message = uow.session.get(OutboxMessage, message_id)
            if message is None or message.status != SENDING:
                return "gone"  # erased with its learner meanwhile
            decision = self._decide(uow, message, now)
            if not isinstance(decision, _Send):
                uow.commit()
                return decision
            decision = _from_city(decision, uow.session.get_one(City, message.city_id))
            since = message.created_at - CLOCK_SKEW
        outcome = self._sent_before(decision, since) if resumed else None
        outcome = outcome or self._send(decision)
        with self.uow() as uow:
            message = uow.session.get(OutboxMessage, message_id)
            if message is None:
                return "gone"
            label = self._record(uow, message, decision, outcome, now)
            uow.commit()
            return label

    def _decide(self, uow: UnitOfWork, message: OutboxMessage, now: datetime) -> _Send | str:
        if now >= message.expires_at:
            return self._final(uow, message, OutboxStatus.EXPIRED, message.reason or "too_late")
        city = uow.session.get_one(City, message.city_id)
        rules = MessageRules.of(city.messages)
        learner, last_message_at = None, None
        if message.audience == Audience.LEARNER.value:
            learner = uow.session.get(Learner, message.learner_id) if message.learner_id else None
            if learner is None:
                return self._final(uow, message, OutboxStatus.SUPPRESSED, "erased")
            if learner.opted_out_at is not None:
                return self._final(uow, message, OutboxStatus.SUPPRESSED, "opted_out")
        else:
            staff = uow.session.get(Staff, message.staff_id) if message.staff_id else None
            last_message_at = staff.last_message_at if staff else None
            if staff is None or staff.removed_at is not None:
                return self._final(uow, message, OutboxStatus.SUPPRESSED, "staff_removed")
        if not self.channels.can_send(message.channel):
            return self._final(uow, message, OutboxStatus.SUPPRESSED, "channel_off")
        if learner is not None:
            quiet_end = quiet_until(rules, now, city.timezone)
            if quiet_end is not None:
                return self._wait(uow, message, quiet_end, "quiet_hours")
            capped_until = self._daily_cap(uow, learner.id, rules, now)
            if capped_until is not None:
                return self._wait(uow, message, capped_until, "daily_cap")

        try:
            to = self.sealer.open(message.address_sealed or b"")
        except InvalidToken:
            return self._final(uow, message, OutboxStatus.FAILED, "bad_address")
        body, reply_ref = message.body or "", None
        if message.kind == CLAIMS_WAITING:
            notice = claims_waiting_summary(uow, message)
            if notice is None:
                return self._final(uow, message, OutboxStatus.SUPPRESSED, "claims_decided")
            body = message.body = notice.body
            message.buttons, reply_ref = notice.buttons, notice.reply_ref
        if message.kind == CODE_CLAIMS:
            summary = code_claims_summary(uow, message, now)
            if summary is None:
                return self._final(uow, message, OutboxStatus.SUPPRESSED, "code_closed")
            body = message.body = summary
        if message.channel == "sms":
            body = to_gsm7(body)
            segments = sms_segments(body)
            if segments > SMS_MAX_SEGMENTS:
                return self._final(uow, message, OutboxStatus.FAILED, "too_long")
            if learner is not None and self._sms_this_week(uow, learner.id, now) >= (
                rules.sms_per_week
            ):
                return self._final(uow, message, OutboxStatus.SUPPRESSED, "sms_weekly_cap")
            if rules.sms_monthly_budget is not None:
                spent = sms_segments_in_month(uow, city, now) * rules.sms_segment_cost
                if spent + segments * rules.sms_segment_cost > rules.sms_monthly_budget:
                    return self._final(uow, message, OutboxStatus.SUPPRESSED, "sms_budget")
            return _Send("sms", to, body, [], segments=segments, reply_ref=reply_ref)
        if message.channel == "whatsapp":
            last = last_message_at
            if learner is not None:
                last = uow.session.scalar(
                    select(func.max(ChannelIdentity.last_message_at)).where(
                        ChannelIdentity.learner_id == learner.id,
                        ChannelIdentity.channel == "whatsapp",
                    )
                )
            if whatsapp_window_open(last, now):
                return _Send("whatsapp", to, body, [], reply_ref=reply_ref)
            template = rules.whatsapp_templates.get(message.kind)
            if template:
                variables = {str(i): str(v) for i, v in enumerate(message.variables.values(), 1)}
                return _Send("whatsapp", to, body, [], content_sid=template, variables=variables)
            return self._wait(uow, message, now + WINDOW_RECHECK, "no_window")
        return _Send(message.channel, to, body, list(message.buttons), reply_ref=reply_ref)

    def _sent_before(self, send: _Send, since: datetime) -> Outcome | None:
        """For a message a dead worker held: Twilio's word that it took it already (sent, with
        its SID), that it cannot say (try again later rather than risk sending twice), or
        None (send it). Telegram lists nothing sent, so there a dead worker's message in
        flight may go twice."""
        if send.channel not in ("sms", "whatsapp") or self.channels.twilio is None:
            return None
        body = None if send.content_sid else send.body
        found = self.channels.twilio.find_sent(
            send.channel, send.to, since, body, sender=send.sender
        )
        if found is UNKNOWN:  # kept as the reason: whoever takes it next asks again
            return Outcome(Result.RETRY, reason=LOOKUP)
        return Outcome(Result.SENT, ref=found) if found is not None else None

    def _send(self, send: _Send) -> Outcome:
        if send.channel == "telegram":
            assert self.channels.telegram is not None
            return self.channels.telegram.send(send.to, send.body, send.buttons)
        assert self.channels.twilio is not None
        return self.channels.twilio.send(
            send.channel,
            send.to,
            sender=send.sender,
            body=None if send.content_sid else send.body,
            content_sid=send.content_sid,
            variables=send.variables,
        )

    def _record(
        self,
        uow: UnitOfWork,
        message: OutboxMessage,
        send: _Send,
        outcome: Outcome,
        now: datetime,
    ) -> str:
        message.attempts += 1
        if outcome.result is Result.SENT:
            message.provider_ref = outcome.ref
            message.segments = send.segments
            message.sent_at = now
            message.reply_ref = send.reply_ref
            if message.kind == CONCERN_RAISED:
                concern_id = message.dedupe_key.split(":")[1]
                uow.session.execute(
                    update(Concern)
                    .where(Concern.public_id == concern_id, Concern.notified_at.is_(None))
                    .values(notified_at=now)
                )
            return self._final(uow, message, OutboxStatus.SENT, None)
        if outcome.result is Result.RETRY and message.attempts < self.max_attempts:
            # the channel's own word on when to come back (429's retry_after), else backoff
            wait = (
                timedelta(seconds=outcome.retry_after_s)
                if outcome.retry_after_s is not None
                else backoff(message.attempts)
            )
            logger.info("outbox message %d: %s, again in %s", message.id, outcome.reason, wait)
            return self._wait(uow, message, now + wait, outcome.reason or "retry", label="retry")
        logger.warning("outbox message %d failed: %s", message.id, outcome.reason)
        return self._final(uow, message, OutboxStatus.FAILED, outcome.reason)

    # ------------------------------------------------------------------------- outcomes

    def _wait(
        self,
        uow: UnitOfWork,
        message: OutboxMessage,
        until: datetime,
        reason: str,
        label: str = "waiting",
    ) -> str:
        if until >= message.expires_at:
            return self._final(uow, message, OutboxStatus.EXPIRED, reason)
        message.status, message.reason = PENDING, reason
        message.due_at, message.lease_until = until, None
        return label

    def _final(
        self, uow: UnitOfWork, message: OutboxMessage, status: OutboxStatus, reason: str | None
    ) -> str:
        message.status, message.reason, message.lease_until = status.value, reason, None
        message.address_sealed = None
        message.body = None
        message.buttons, message.variables = [], {}
        if message.audience == Audience.LEARNER.value:
            uow.session.flush()
            forget_learner_address_when_done(uow, message.learner_id)
        return status.value

    # ------------------------------------------------------------------------- counting

    def _daily_cap(
        self, uow: UnitOfWork, learner_id: int, rules: MessageRules, now: datetime
    ) -> datetime | None:
        """When the learner may get another message, if they have had their day's share."""
        sent = list(
            uow.session.scalars(
                select(OutboxMessage.sent_at)
                .where(
                    OutboxMessage.learner_id == learner_id,
                    OutboxMessage.sent_at > now - timedelta(days=1),
                )
                .order_by(OutboxMessage.sent_at)
            )
        )
        if len(sent) < rules.per_day:
            return None
        return sent[-rules.per_day] + timedelta(days=1)

    def _sms_this_week(self, uow: UnitOfWork, learner_id: int, now: datetime) -> int:
        return (
            uow.session.scalar(
                select(func.count(OutboxMessage.id)).where(
                    OutboxMessage.learner_id == learner_id,
                    OutboxMessage.channel == "sms",
                    OutboxMessage.sent_at > now - timedelta(days=7),
                )
            )
            or 0
        )
