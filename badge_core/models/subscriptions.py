"""What a learner asked the bot to tell them about, later: an alert ("tell me when there's
skateboarding": new activities like it) or the weekly digest ("weekly what's on for me").

A subscription keeps no address: the worker sends to the learner's app's sealed address,
which stays kept while a subscription lasts (badge_core/services/outbox.py). It goes with
the learner when they are erased, and ends by itself at ``expires_at``.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from badge_core.models.base import Base, utcnow


class SubscriptionKind(enum.StrEnum):
    ALERT = "alert"  # new activities like ``interest``
    DIGEST = "digest"  # what's on for them this week, from their profile


class Subscription(Base):
    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), index=True
    )
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # a SubscriptionKind value
    channel: Mapped[str] = mapped_column(String(16))  # the app it was asked from, sent on
    # an alert: what they asked for, in their words (places and time words taken out)
    interest: Mapped[str | None] = mapped_column(String(60))
    district: Mapped[str | None] = mapped_column(String(8))  # "in plympton": only near there
    # an alert: the activities it already knew of (told, or on when it was set), by key
    known: Mapped[list[str]] = mapped_column(default=list)
    # an alert: the city's index_version it was last checked against
    checked_version: Mapped[str | None] = mapped_column(String(64))
    # a digest: when the next one is due
    next_due_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
