"""A learner's share link: one unguessable address that shows the badges they chose.

The learner opens it from the chat ("share my badges"), chooses which badges it shows, and
can turn it off ("stop sharing"); the next one they ask for is a new link at a new address,
and the old one keeps saying it was turned off. Every link goes with the learner when they
are erased.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from badge_core.models.base import Base, utcnow


class ShareLink(Base):
    __tablename__ = "share_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), index=True
    )
    token: Mapped[str] = mapped_column(String(32), unique=True)
    # public ids of the learner's awards they took off the page (new badges show by default)
    hidden: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    stopped_at: Mapped[datetime | None]
