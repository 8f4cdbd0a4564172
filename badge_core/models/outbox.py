"""The outbox: every message the bot sends first (a youth worker told of a claim waiting, a
learner told the decision, a safeguarding lead told of a concern), stored in the same
transaction as the event that caused it and sent by a worker (badge_core/outbound/).

A message keeps its address only sealed, and only until it reaches a final status; then
its address and words are cleared and what is left is a count for the city's statistics.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from badge_core.models.base import Base, utcnow


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for its due time (or for quiet hours, a window, a retry)
    SENDING = "sending"  # taken by a worker until lease_until
    SENT = "sent"  # accepted by the channel
    DELIVERED = "delivered"  # the channel says it arrived (Twilio's status callback)
    FAILED = "failed"  # refused for good, or out of retries
    EXPIRED = "expired"  # not sendable before it stopped mattering
    SUPPRESSED = "suppressed"  # not to be sent at all (reason says why)

    @property
    def final(self) -> bool:
        return self not in (OutboxStatus.PENDING, OutboxStatus.SENDING)


class Audience(enum.StrEnum):
    LEARNER = "learner"  # a young person: quiet hours, caps, opt-out
    STAFF = "staff"  # a youth worker or safeguarding lead


class OutboxMessage(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    # what it is about (badge_core/services/outbox.py's kinds); a WhatsApp template per kind
    kind: Mapped[str] = mapped_column(String(32))
    audience: Mapped[str] = mapped_column(String(8))
    # Erasing a learner deletes their unsent messages; sent ones stay as counts only.
    learner_id: Mapped[int | None] = mapped_column(
        ForeignKey("learners.id", ondelete="SET NULL"), index=True
    )
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(16))  # telegram | sms | whatsapp
    # the address as the channel connector sealed it (colbot_shared.crypto), until final
    address_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    body: Mapped[str | None] = mapped_column(Text)
    # [{"title": ..., "payload": ...}]: Telegram inline buttons (other channels say it in words)
    buttons: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    # the values a WhatsApp template for this kind is filled with, outside the 24-hour window
    variables: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # one message per cause: a second enqueue of the same key is ignored
    dedupe_key: Mapped[str] = mapped_column(String(120), unique=True)
    due_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(12), default=OutboxStatus.PENDING.value)
    reason: Mapped[str | None] = mapped_column(String(32))  # why it waits, failed or was not sent
    attempts: Mapped[int] = mapped_column(default=0)
    lease_until: Mapped[datetime | None]
    provider_ref: Mapped[str | None] = mapped_column(String(64), index=True)  # Twilio SID, ...
    segments: Mapped[int] = mapped_column(default=0)  # SMS segments billed
    # what a one-word answer to it ("APPROVE", "DECLINE") is about: the one claim a youth
    # worker's notice asked about, as the award's id; kept after sending (no personal data)
    reply_ref: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
