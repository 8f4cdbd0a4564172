"""Safeguarding concerns: a record that a young person disclosed or signalled risk, for the
city's safeguarding lead.

The learner's words are kept only encrypted (``badge_core.privacy``) and are never logged. A
concern outlives the learner's row on purpose (``learner_id`` goes to NULL on erasure): see
docs/safeguarding.md. The address to reach the learner is kept, still sealed as the
connector sealed it, only when they said yes to being contacted.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from badge_core.models.base import Base, utcnow


class ConcernStatus(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class Concern(Base):
    __tablename__ = "concerns"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(
        String(36), unique=True, default=lambda: str(uuid.uuid4())
    )
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    learner_id: Mapped[int | None] = mapped_column(
        ForeignKey("learners.id", ondelete="SET NULL"), index=True
    )
    # The chat, as the keyed hash the identity table uses: concerns from one chat group
    # together even when the learner never agreed to be remembered.
    subject_hash: Mapped[str] = mapped_column(String(64), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(16))  # bot/nlu/risk.py's categories
    level: Mapped[str] = mapped_column(String(16))  # urgent | concern | check_in
    text_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    raised_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # the learner had stopped messages: an SMS reply may not reach them (docs/safeguarding.md)
    learner_opted_out: Mapped[bool] = mapped_column(default=False)
    wants_contact: Mapped[bool | None]
    contact_address_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    answered_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default=ConcernStatus.OPEN.value)
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    outcome_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    # set by the outbound worker when the lead has been told (not built yet: they ask)
    notified_at: Mapped[datetime | None]
