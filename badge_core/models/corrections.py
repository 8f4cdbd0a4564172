"""A learner's correction of a skill the bot read in their words: "No" to the skill it
suggested, and (when they pick one) the skill they meant.

The city team reviews corrections and may accept one as a new example for the chosen skill,
which then improves matching for everyone (badge_core/services/corrections.py). The words
are kept redacted (no codes, addresses, postcodes or phone numbers) and sealed under the
deployment's key; only an accepted example, which the city team read and may have edited,
is kept in the clear, like every example in the pack. A correction goes with its learner
when they are erased.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from badge_core.models.base import Base, utcnow


class CorrectionStatus(enum.StrEnum):
    NEW = "new"  # waiting for the city team
    ACCEPTED = "accepted"  # its words are an example for the chosen skill
    DISMISSED = "dismissed"  # read and set aside


class Correction(Base):
    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    learner_id: Mapped[int | None] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), index=True
    )
    sealed_words: Mapped[bytes] = mapped_column(LargeBinary)  # redacted, then sealed
    wrong_skill: Mapped[str] = mapped_column(String(64))  # the spine skill key suggested
    chosen_skill: Mapped[str | None] = mapped_column(String(64))  # None: none of those
    status: Mapped[str] = mapped_column(String(10), default=CorrectionStatus.NEW)
    example: Mapped[str | None] = mapped_column(Text)  # accepted: the words as the example
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
