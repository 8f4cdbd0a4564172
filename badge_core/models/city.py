"""The city and its skills spine and places: the frame every other record hangs on."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from badge_core.models.base import Base

# Badges carry an email address only from this age unless the city pack says otherwise: under
# 16 a child's email on a public document is a contact point for anyone they share it with.
DEFAULT_EMAIL_MIN_AGE = 16


class City(Base):
    __tablename__ = "cities"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    framework: Mapped[str] = mapped_column(String(200))
    # the city pack's safeguarding section: local helpline, duty hours, provider leads
    safeguarding: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # the youngest age that may put an email address on their badges (city.yaml)
    email_min_age: Mapped[int] = mapped_column(default=DEFAULT_EMAIL_MIN_AGE)
    # the city pack's messages section: quiet hours, caps, SMS budget, WhatsApp templates
    messages: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # the numbers and bot learners message it on, normalised (citypack channel_addresses):
    # {"telegram": "plymouthlearnbot", "sms": ["+447700900101"], "whatsapp": [...]}
    channels: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # A new value whenever a pack load changes the city's data: the matcher's vectors and the
    # search snapshot held in each process are kept only while it stays the same.
    index_version: Mapped[str | None] = mapped_column(String(64))

    strands: Mapped[list[Strand]] = relationship(
        back_populates="city", order_by="Strand.position", cascade="all, delete-orphan"
    )


class Strand(Base):
    __tablename__ = "strands"
    __table_args__ = (UniqueConstraint("city_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(default="")
    position: Mapped[int] = mapped_column(default=0)

    city: Mapped[City] = relationship(back_populates="strands")
    skills: Mapped[list[Skill]] = relationship(back_populates="strand", order_by="Skill.position")


class Skill(Base):
    """A skill on the city's spine, with the words young people use for it."""

    __tablename__ = "skills"
    __table_args__ = (UniqueConstraint("city_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"))
    strand_id: Mapped[int] = mapped_column(ForeignKey("strands.id"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(default="")
    examples: Mapped[list[str]] = mapped_column(default=list)
    levels: Mapped[list[str]] = mapped_column(default=list)
    # activities that build it, worded as providers list them: what an imported activity's
    # words are matched against, beside the young people's own examples
    activity_examples: Mapped[list[str]] = mapped_column(default=list)
    alignments: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    position: Mapped[int] = mapped_column(default=0)

    strand: Mapped[Strand] = relationship(back_populates="skills")


class District(Base):
    """A postcode district (outward code, e.g. PL4) with its centroid."""

    __tablename__ = "districts"
    __table_args__ = (UniqueConstraint("city_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(200))
    lat: Mapped[float]
    lon: Mapped[float]


class Venue(Base):
    __tablename__ = "venues"
    __table_args__ = (UniqueConstraint("city_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(default="")
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    lat: Mapped[float]
    lon: Mapped[float]
    # set when an import made it (a session's location); None for the city pack's own
    source_id: Mapped[int | None] = mapped_column(ForeignKey("import_sources.id"), index=True)

    district: Mapped[District] = relationship()
