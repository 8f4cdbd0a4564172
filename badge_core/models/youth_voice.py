"""Youth voice: a learner's one-tap rating of an activity they claimed a badge at, and what
they chose to tell its organisers.

One rating per award (a learner rates an activity once per badge from it, and may change
it). The words for the organisers are kept redacted and sealed under the deployment's key;
they are shown to the city team and providers only beside an activity's counts, never with
anything that identifies the learner. A rating goes with its award, and so with its learner.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from badge_core.models.base import Base, utcnow


class Rating(Base):
    __tablename__ = "ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    award_id: Mapped[int] = mapped_column(ForeignKey("awards.id", ondelete="CASCADE"), unique=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[int]  # GOOD, OK or NOT_GOOD (badge_core/services/youth_voice.py)
    sealed_comment: Mapped[bytes | None] = mapped_column(LargeBinary)  # redacted, then sealed
    rated_at: Mapped[datetime] = mapped_column(default=utcnow)
