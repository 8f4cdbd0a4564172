"""The analytics event log: pseudonymous facts for a city team's commissioning insights.

Events carry no free text from learners beyond interest terms, and no addresses. An event
outlives its learner's erasure only without the link to them (``learner_id`` set to NULL).
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from badge_core.models.base import Base, utcnow


class EventKind(enum.StrEnum):
    SEARCH = "search"
    CLAIM_ATTEMPT = "claim_attempt"
    PATHWAY_SUGGESTED = "pathway_suggested"
    SKILLS_READ = "skills_read"
    SKILL_FEEDBACK = "skill_feedback"
    CODE_CREATED = "code_created"
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    LINK_FAILED = "link_failed"
    INVITE_FAILED = "invite_failed"  # a wrong staff invite, with a keyed hash of the chat
    AWARD_REVIEWED = "award_reviewed"  # an under-13's claim approved or declined by staff
    AWARD_REVOKED = "award_revoked"
    # a code emailed to confirm an address for the learner's badges, with a keyed hash of
    # the address (the limits per learner, per address and per city)
    EMAIL_CODE_SENT = "email_code_sent"
    LEARNER_MOVED = "learner_moved"  # to this city from another of the deployment


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_kind_time", "kind", "occurred_at"),
        # a learner's recent claim attempts (their limit), and their events at erasure
        Index("ix_events_learner_kind_time", "learner_id", "kind", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int | None] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(32))
    learner_id: Mapped[int | None] = mapped_column(ForeignKey("learners.id", ondelete="SET NULL"))
    channel: Mapped[str | None] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
