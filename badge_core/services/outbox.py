"""Messages the bot sends first: put in the outbox inside the caller's unit of work, so the
message exists exactly when the event that caused it does (a claim waiting, a decision, a
concern), and sent later by the worker (badge_core/outbound/) under each channel's rules.

Who can be reached: a staff member from their first staff message after joining (their chat,
sealed), a learner only while the bot owes them an answer (the sealed address of the app
they claimed from, cleared once nothing more is owed). The words say nothing about a learner
that a lock screen should not show: no names, no reflections, never a concern's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select

from badge_core.db import UnitOfWork
from badge_core.messaging import MessageRules
from badge_core.models import (
    Audience,
    Award,
    AwardStatus,
    BadgeClass,
    ChannelIdentity,
    City,
    ClaimCode,
    Concern,
    Learner,
    OutboxMessage,
    OutboxStatus,
    Provider,
    Staff,
    StaffRole,
    Subscription,
    utcnow,
)
from badge_core.queries.awards import claims_waiting_for
from badge_core.queries.cities import get_city
from badge_core.queries.learners import identity_hash

REACHABLE = ("telegram", "sms", "whatsapp")  # channels the worker can send on

CLAIMS_WAITING = "claims_waiting"
CLAIM_DECISION = "claim_decision"
CONCERN_RAISED = "concern_raised"
CODE_CLAIMS = "code_claims"
KINDS = (CLAIMS_WAITING, CLAIM_DECISION, CONCERN_RAISED, CODE_CLAIMS)

# A youth worker at a busy session hears of waiting claims at most once in this long.
CLAIMS_NOTICE_EVERY = timedelta(minutes=10)
LIFETIME = {
    CLAIMS_WAITING: timedelta(days=2),
    CLAIM_DECISION: timedelta(days=7),
    CONCERN_RAISED: timedelta(days=2),
    CODE_CLAIMS: timedelta(hours=6),
}
# The claims on a youth worker's codes, summed up: gathered for a couple of minutes, then at
# most one message per badge in each CLAIMS_NOTICE_EVERY.
CODE_CLAIMS_GATHER = timedelta(minutes=2)
REVIEWERS = (StaffRole.ISSUER.value, StaffRole.ORG_ADMIN.value)


def enqueue(
    uow: UnitOfWork,
    *,
    city_id: int,
    kind: str,
    audience: Audience,
    channel: str,
    address_sealed: bytes,
    body: str,
    dedupe_key: str,
    now: datetime,
    learner_id: int | None = None,
    staff_id: int | None = None,
    buttons: list[dict[str, str]] | None = None,
    variables: dict[str, Any] | None = None,
    due_at: datetime | None = None,
    expires_at: datetime | None = None,
) -> bool:
    """Add a message to the caller's unit of work (they commit); False when one with this
    ``dedupe_key`` exists already, or the channel cannot be sent on."""
    if channel not in REACHABLE:
        return False
    session = uow.session
    with session.no_autoflush:
        exists = session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)
        )
    if exists is not None or any(
        isinstance(o, OutboxMessage) and o.dedupe_key == dedupe_key for o in session.new
    ):
        return False
    session.add(
        OutboxMessage(
            city_id=city_id,
            kind=kind,
            audience=audience.value,
            learner_id=learner_id,
            staff_id=staff_id,
            channel=channel,
            address_sealed=address_sealed,
            body=body,
            buttons=buttons or [],
            variables=variables or {},
            dedupe_key=dedupe_key,
            due_at=due_at or now,
            expires_at=expires_at or now + LIFETIME.get(kind, timedelta(days=1)),
            created_at=now,
        )
    )
    return True


# ----------------------------------------------------------------- who can be reached


def remember_learner_address(
    uow: UnitOfWork,
    secret_key: str,
    learner: Learner,
    channel: str,
    sender_key: str,
    sealed: str | None,
    now: datetime,
) -> None:
    """Keep the address of the app the learner is writing from (inside the caller's unit of
    work): the bot owes them an answer it will send first."""
    if not sealed or channel not in REACHABLE:
        return
    digest = identity_hash(secret_key, channel, sender_key)
    for identity in learner.identities:
        if identity.channel == channel and identity.address_hash == digest:
            identity.address_sealed = sealed.encode()
            identity.last_message_at = now


def note_learner_message(
    uow: UnitOfWork,
    secret_key: str,
    channel: str,
    sender_key: str,
    sealed: str | None,
    *,
    now: datetime | None = None,
) -> None:
    """A learner the bot owes an answer wrote again: their WhatsApp window opens anew (and a
    message waiting for it can go). Nothing is written for anyone else."""
    if not sealed or channel not in REACHABLE:
        return
    with uow:
        identity = uow.session.scalar(
            select(ChannelIdentity).where(
                ChannelIdentity.channel == channel,
                ChannelIdentity.address_hash == identity_hash(secret_key, channel, sender_key),
                ChannelIdentity.address_sealed.is_not(None),
            )
        )
        if identity is not None:
            identity.last_message_at = now or utcnow()
            uow.commit()


def forget_learner_address_when_done(uow: UnitOfWork, learner_id: int | None) -> None:
    """Clear a learner's kept addresses once no message to them is left to send, and no
    alert or digest is left to plan one."""
    if learner_id is None:
        return
    waiting = uow.session.scalar(
        select(func.count(OutboxMessage.id)).where(
            OutboxMessage.learner_id == learner_id,
            OutboxMessage.status.in_((OutboxStatus.PENDING.value, OutboxStatus.SENDING.value)),
        )
    )
    pending_awards = uow.session.scalar(
        select(func.count(Award.id)).where(
            Award.learner_id == learner_id, Award.status == AwardStatus.PENDING.value
        )
    )
    subscribed = uow.session.scalar(
        select(func.count(Subscription.id)).where(Subscription.learner_id == learner_id)
    )
    if not waiting and not pending_awards and not subscribed:
        for identity in uow.session.scalars(
            select(ChannelIdentity).where(ChannelIdentity.learner_id == learner_id)
        ):
            identity.address_sealed = None


def learner_address(uow: UnitOfWork, learner_id: int, channel: str) -> bytes | None:
    """The sealed address of the learner's app on ``channel`` they wrote from last, while it
    is kept (see ``forget_learner_address_when_done``), else None."""
    return uow.session.scalar(
        select(ChannelIdentity.address_sealed)
        .where(
            ChannelIdentity.learner_id == learner_id,
            ChannelIdentity.channel == channel,
            ChannelIdentity.address_sealed.is_not(None),
        )
        .order_by(ChannelIdentity.last_message_at.desc())
        .limit(1)
    )


def withdraw(uow: UnitOfWork, kind: str, dedupe_prefix: str) -> int:
    """Stop the unsent messages of ``kind`` whose dedupe key starts with ``dedupe_prefix``
    (what they asked is over); how many."""
    waiting = uow.session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.kind == kind,
            OutboxMessage.dedupe_key.startswith(dedupe_prefix, autoescape=True),
            OutboxMessage.status == OutboxStatus.PENDING.value,
        )
    ).all()
    for message in waiting:
        message.status, message.reason = OutboxStatus.SUPPRESSED.value, "withdrawn"
    return len(waiting)


def drop_unsent(uow: UnitOfWork, learner_ids: Any) -> None:
    """Delete the messages not yet sent to these learners (ids, or a select of them): they
    are being erased. Sent messages are already only counts and stay, unlinked."""
    uow.session.execute(
        delete(OutboxMessage)
        .where(
            OutboxMessage.learner_id.in_(learner_ids),
            OutboxMessage.status.in_((OutboxStatus.PENDING.value, OutboxStatus.SENDING.value)),
        )
        .execution_options(synchronize_session=False)
    )


# ------------------------------------------------------------------------ the notices


def _bucket(now: datetime, every: timedelta) -> int:
    return int(now.astimezone(UTC).timestamp() // every.total_seconds())


def claims_waiting(uow: UnitOfWork, award: Award, badge: BadgeClass, now: datetime) -> int:
    """Tell the youth workers of the badge's provider that a claim waits for them: one
    message per worker per CLAIMS_NOTICE_EVERY however many claims come in; how many queued."""
    reviewers = uow.session.scalars(
        select(Staff).where(
            Staff.provider_id == badge.provider_id,
            Staff.role.in_(REVIEWERS),
            Staff.removed_at.is_(None),
            Staff.joined_at.is_not(None),
            Staff.address_sealed.is_not(None),
        )
    )
    queued = 0
    bucket = _bucket(now, CLAIMS_NOTICE_EVERY)
    for staff in reviewers:
        assert staff.channel and staff.address_sealed
        telegram = staff.channel == "telegram"
        queued += enqueue(
            uow,
            city_id=badge.city_id,
            kind=CLAIMS_WAITING,
            audience=Audience.STAFF,
            channel=staff.channel,
            address_sealed=staff.address_sealed,
            body=(
                f"A claim for {badge.name} is waiting for you to approve"
                " (an under-13, or someone who didn't give their age)."
                + ("" if telegram else ' Say "pending" to see the claims waiting.')
            ),
            buttons=(
                [{"title": "See claims waiting", "payload": "/pending_claims"}] if telegram else []
            ),
            variables={"badge": badge.name},
            dedupe_key=f"{CLAIMS_WAITING}:{staff.id}:{bucket}",
            staff_id=staff.id,
            now=now,
        )
    return queued


@dataclass(frozen=True)
class ClaimsNotice:
    """A ``claims_waiting`` message as it is sent: one claim can be answered from the notice
    itself (Telegram buttons, or "APPROVE" / "DECLINE" typed back); several, with "pending"."""

    body: str
    buttons: list[dict[str, str]]
    reply_ref: str | None  # the one claim's award id


def _review(award_id: int, decision: str) -> str:
    return f'/review_claim{{"award_ref":"{award_id}","decision":"{decision}"}}'


def claims_waiting_summary(uow: UnitOfWork, message: OutboxMessage) -> ClaimsNotice | None:
    """The claims waiting for the message's youth worker as it is sent; None: none wait now
    (decided by a colleague meanwhile)."""
    staff = uow.session.get(Staff, message.staff_id) if message.staff_id else None
    if staff is None:
        return None
    waiting = claims_waiting_for(uow, staff.provider_id)
    if not waiting:
        return None
    telegram = message.channel == "telegram"
    see_all = [{"title": "See claims waiting", "payload": "/pending_claims"}]
    if len(waiting) > 1:
        badges = ", ".join(dict.fromkeys(name for _, name, _ in waiting))
        return ClaimsNotice(
            f"{len(waiting)} claims ({badges}) are waiting for you to approve (under-13s, or"
            " people who didn't give their age)."
            + ("" if telegram else ' Say "pending" to see them.'),
            see_all if telegram else [],
            None,
        )
    [(award_id, badge, _)] = waiting
    head = (
        f"A claim for {badge} is waiting for you to approve (an under-13, or someone who"
        " didn't give their age)."
    )
    if telegram:
        buttons = [
            {"title": "Approve", "payload": _review(award_id, "approve")},
            {"title": "Decline", "payload": _review(award_id, "decline")},
        ]
        return ClaimsNotice(head, buttons, str(award_id))
    return ClaimsNotice(
        head + ' Reply APPROVE or DECLINE, or say "pending" to see it first.', [], str(award_id)
    )


def code_claimed(uow: UnitOfWork, code: ClaimCode, badge: BadgeClass, now: datetime) -> bool:
    """Tell the youth worker who made the code that claims are coming in ("Code Club Coder: 3
    claimed, 27 left"), summed up when it is sent (``code_claims_summary``): one message per
    badge per CLAIMS_NOTICE_EVERY, however many claims."""
    if code.created_by_id is None:
        return False  # made on the command line: nobody to tell in chat
    staff = uow.session.get(Staff, code.created_by_id)
    if staff is None or staff.removed_at is not None or staff.address_sealed is None:
        return False
    assert staff.channel is not None
    bucket = _bucket(now, CLAIMS_NOTICE_EVERY)
    return enqueue(
        uow,
        city_id=badge.city_id,
        kind=CODE_CLAIMS,
        audience=Audience.STAFF,
        channel=staff.channel,
        address_sealed=staff.address_sealed,
        body=f"Claims are coming in for {badge.name}.",  # replaced by the summary when sent
        variables={"badge_class_id": badge.id, "since": now.isoformat()},
        dedupe_key=f"{CODE_CLAIMS}:{staff.id}:{badge.id}:{bucket}",
        staff_id=staff.id,
        now=now,
        due_at=now + CODE_CLAIMS_GATHER,
    )


def code_claims_summary(uow: UnitOfWork, message: OutboxMessage, now: datetime) -> str | None:
    """The words of a ``code_claims`` message as it is sent: the claims so far on the staff
    member's open codes for the badge, and the places left. None: nothing open any more."""
    badge = uow.session.get(BadgeClass, message.variables.get("badge_class_id"))
    if badge is None or message.staff_id is None:
        return None
    claimed, places = uow.session.execute(
        select(
            func.coalesce(func.sum(ClaimCode.claims_count), 0),
            func.coalesce(func.sum(ClaimCode.max_claims), 0),
        ).where(
            ClaimCode.created_by_id == message.staff_id,
            ClaimCode.badge_class_id == badge.id,
            ClaimCode.closed_at.is_(None),
            ClaimCode.valid_until > now,
        )
    ).one()
    if not places:
        return None
    return f"{badge.name}: {claimed} claimed, {places - claimed} left."


def claim_decided(uow: UnitOfWork, award: Award, badge: BadgeClass, now: datetime) -> bool:
    """Tell the learner what a youth worker decided on their claim, on the app they claimed
    from (the one whose address was kept)."""
    identity = uow.session.scalar(
        select(ChannelIdentity)
        .where(
            ChannelIdentity.learner_id == award.learner_id,
            ChannelIdentity.address_sealed.is_not(None),
        )
        .order_by(ChannelIdentity.last_message_at.desc())
        .limit(1)
    )
    if identity is None or identity.address_sealed is None:
        return False
    approved = award.status == AwardStatus.AWARDED.value
    body = (
        f'Good news! A youth worker approved your {badge.name} badge. Say "my badges" to see it.'
        if approved
        else f"A youth worker couldn't approve your {badge.name} badge this time. If you think"
        " that's a mistake, ask them at your next session."
    )
    return enqueue(
        uow,
        city_id=badge.city_id,
        kind=CLAIM_DECISION,
        audience=Audience.LEARNER,
        channel=identity.channel,
        address_sealed=identity.address_sealed,
        body=body,
        buttons=[{"title": "My badges", "payload": "/my_badges"}] if approved else [],
        variables={"badge": badge.name, "decision": "approved" if approved else "declined"},
        dedupe_key=f"{CLAIM_DECISION}:{award.public_id}",  # ids of erased rows are reused
        learner_id=award.learner_id,
        now=now,
    )


def concern_raised(uow: UnitOfWork, concern: Concern, city: City, now: datetime) -> int:
    """Tell the city's safeguarding leads a concern came in: its level and kind, never the
    learner's words (they read those with "concerns", where only a lead can)."""
    leads = uow.session.scalars(
        select(Staff)
        .join(Provider, Staff.provider_id == Provider.id)
        .where(
            Provider.city_id == city.id,
            Staff.role == StaffRole.SAFEGUARDING_LEAD.value,
            Staff.removed_at.is_(None),
            Staff.joined_at.is_not(None),
            Staff.address_sealed.is_not(None),
        )
    )
    level = {"urgent": "URGENT ", "check_in": "check-in "}.get(concern.level, "")
    queued = 0
    for staff in leads:
        assert staff.channel and staff.address_sealed
        telegram = staff.channel == "telegram"
        queued += enqueue(
            uow,
            city_id=city.id,
            kind=CONCERN_RAISED,
            audience=Audience.STAFF,
            channel=staff.channel,
            address_sealed=staff.address_sealed,
            body=(
                f"New {level}safeguarding concern in {city.name} ({concern.category})."
                + ("" if telegram else ' Say "concerns" to read it.')
            ),
            buttons=[{"title": "Read concerns", "payload": "/list_concerns"}] if telegram else [],
            variables={"level": concern.level, "category": concern.category},
            dedupe_key=f"{CONCERN_RAISED}:{concern.public_id}:{staff.id}",
            staff_id=staff.id,
            now=now,
        )
    return queued


# --------------------------------------------------------------- for operators (CLI)


@dataclass(frozen=True)
class MessageView:
    id: int
    city: str
    kind: str
    audience: str
    channel: str
    status: str
    reason: str | None
    attempts: int
    due_at: datetime
    expires_at: datetime
    sent_at: datetime | None
    segments: int

    def as_dict(self) -> dict[str, Any]:
        iso = lambda m: m.isoformat() if m else None  # noqa: E731
        return {
            "id": self.id,
            "city": self.city,
            "kind": self.kind,
            "audience": self.audience,
            "channel": self.channel,
            "status": self.status,
            "reason": self.reason,
            "attempts": self.attempts,
            "due_at": iso(self.due_at),
            "expires_at": iso(self.expires_at),
            "sent_at": iso(self.sent_at),
            "segments": self.segments,
        }


def list_messages(
    uow: UnitOfWork, *, status: str | None = None, city_slug: str | None = None, limit: int = 200
) -> list[MessageView]:
    """The newest messages (never their words or addresses)."""
    with uow.reading():
        query = (
            select(OutboxMessage, City.slug)
            .join(City, OutboxMessage.city_id == City.id)
            .order_by(OutboxMessage.id.desc())
            .limit(limit)
        )
        if status:
            query = query.where(OutboxMessage.status == status)
        if city_slug:
            query = query.where(City.slug == city_slug)
        return [
            MessageView(
                m.id,
                slug,
                m.kind,
                m.audience,
                m.channel,
                m.status,
                m.reason,
                m.attempts,
                m.due_at,
                m.expires_at,
                m.sent_at,
                m.segments,
            )
            for m, slug in uow.session.execute(query).all()
        ]


def month_start(timezone: str, now: datetime) -> datetime:
    local = now.astimezone(ZoneInfo(timezone))
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def sms_segments_in_month(uow: UnitOfWork, city: City, now: datetime) -> int:
    """SMS segments sent for the city since the start of its month (its own time zone)."""
    return (
        uow.session.scalar(
            select(func.coalesce(func.sum(OutboxMessage.segments), 0)).where(
                OutboxMessage.city_id == city.id,
                OutboxMessage.channel == "sms",
                OutboxMessage.sent_at >= month_start(city.timezone, now),
            )
        )
        or 0
    )


def outbox_stats(uow: UnitOfWork, city_slug: str, *, now: datetime | None = None) -> dict[str, Any]:
    """This month's messages for the city: by status, the reasons for those not sent, and
    SMS segments with their estimated cost against the budget."""
    now = now or utcnow()
    with uow.reading():
        city = get_city(uow, city_slug)
        rules = MessageRules.of(city.messages)
        since = month_start(city.timezone, now)
        rows = uow.session.execute(
            select(OutboxMessage.status, OutboxMessage.reason, func.count(OutboxMessage.id))
            .where(OutboxMessage.city_id == city.id, OutboxMessage.created_at >= since)
            .group_by(OutboxMessage.status, OutboxMessage.reason)
        ).all()
        by_status: dict[str, int] = {}
        not_sent: dict[str, int] = {}
        for status, reason, count in rows:
            by_status[status] = by_status.get(status, 0) + count
            if status in (
                OutboxStatus.SUPPRESSED.value,
                OutboxStatus.FAILED.value,
                OutboxStatus.EXPIRED.value,
            ):
                key = f"{status}:{reason or 'unknown'}"
                not_sent[key] = not_sent.get(key, 0) + count
        segments = sms_segments_in_month(uow, city, now)
        return {
            "city": city.slug,
            "month": since.strftime("%Y-%m"),
            "by_status": dict(sorted(by_status.items())),
            "not_sent": dict(sorted(not_sent.items())),
            "sms_segments": segments,
            "sms_cost_estimate": round(segments * rules.sms_segment_cost, 2),
            "sms_monthly_budget": rules.sms_monthly_budget,
        }


DELIVERED = {"delivered", "read"}
UNDELIVERED = {"failed", "undelivered"}


def record_delivery(
    uow: UnitOfWork,
    provider_ref: str,
    status: str,
    error_code: str | None = None,
    *,
    now: datetime | None = None,
) -> bool:
    """A channel's word on a message it accepted (Twilio's status callback): delivered, or
    not after all. False when no sent message has that reference."""
    if status not in DELIVERED | UNDELIVERED:
        return False  # queued, sent, ...: nothing new
    with uow:
        message = uow.session.scalar(
            select(OutboxMessage).where(OutboxMessage.provider_ref == provider_ref[:64])
        )
        if message is None or message.status != OutboxStatus.SENT.value:
            return False
        if status in DELIVERED:
            message.status = OutboxStatus.DELIVERED.value
            message.delivered_at = now or utcnow()
        else:
            message.status = OutboxStatus.FAILED.value
            message.reason = f"undelivered_{error_code}"[:32] if error_code else "undelivered"
        uow.commit()
        return True
