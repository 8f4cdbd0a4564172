"""A city's one-question poll ("What should we run next summer?") and learners' answers.

A poll goes to learners who asked to hear from the bot (an alert or the weekly digest), by
the outbox; an answer is one of its options, never words of their own. Each learner has one
answer per poll (a second replaces the first), and the answers go with the learner. The city
team sees only counts, suppressed under the threshold like every count.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from badge_core.models.base import Base, utcnow


class Poll(Base):
    __tablename__ = "polls"

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(String(160))
    options: Mapped[list[str]] = mapped_column(default=list)  # 2 to 5, in the order shown
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closes_at: Mapped[datetime]


class PollAnswer(Base):
    __tablename__ = "poll_answers"
    __table_args__ = (UniqueConstraint("poll_id", "learner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), index=True
    )
    option: Mapped[int]  # 1-based, as shown
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
