"""Positions in a city's revocation status list (W3C Bitstring Status List).

A position is drawn once, for one award's credential, and is never given to another: the row
outlives the award and its learner. So erasing a learner ("delete my data", retention) cannot
clear a revoked bit, and a position once published can never come to mean another credential.
Each city has its own list, so its own 131,072 positions.

``award_public_id`` is the credential's id (``urn:uuid:...``, random, in the learner's own
copy): kept so that a check after erasure still finds the position. Nothing here leads back
to a learner.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from badge_core.models.base import Base


class StatusEntry(Base):
    __tablename__ = "status_entries"
    __table_args__ = (UniqueConstraint("city_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    award_public_id: Mapped[str] = mapped_column(String(36), unique=True)
    revoked_at: Mapped[datetime | None]
