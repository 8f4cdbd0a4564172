"""Where a city's imported offer comes from: each source a city reads (an OpenActive feed, an
Open Referral UK directory, a calendar, a spreadsheet), how far it has read, and the skills
the matcher proposes for what it brought in until the city team confirms them.

Rows a source wrote (activities, their providers and venues, their sessions) carry the
source and the source's own id for them, so a later import updates them in place and never
duplicates; the city pack's loader leaves them alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from badge_core.models.base import Base


class ImportSource(Base):
    __tablename__ = "import_sources"
    __table_args__ = (UniqueConstraint("city_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))  # "openactive-everyone-active", from the pack
    kind: Mapped[str] = mapped_column(String(16))  # openactive, oruk, ical, csv
    location: Mapped[str] = mapped_column(default="")  # the URL or file it was read from
    provider_key: Mapped[str | None] = mapped_column(String(64))  # every item's provider
    in_pack: Mapped[bool] = mapped_column(default=False)  # listed in city.yaml's sources
    # where an incremental feed (OpenActive RPDE) goes on from: the last page's `next` URL
    cursor: Mapped[str | None]
    # read again every this many hours by `colbot import due` (city.yaml's every_hours)
    every_hours: Mapped[int] = mapped_column(default=24)
    last_run_at: Mapped[datetime | None]  # the last read that was written
    tried_at: Mapped[datetime | None]  # the last read begun by `colbot import due`, read or not
    last_report: Mapped[dict[str, Any]] = mapped_column(default=dict)


class SkillProposal(Base):
    """A spine skill the matcher proposes for an imported activity, with its score; the city
    team confirms (they become the activity's skills) or edits them."""

    __tablename__ = "skill_proposals"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True
    )
    score: Mapped[float]
    position: Mapped[int] = mapped_column(default=0)
