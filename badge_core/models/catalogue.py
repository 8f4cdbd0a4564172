"""What a city offers: providers and their staff, activities with their sessions, badge classes."""

from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import Column, ForeignKey, Index, LargeBinary, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from badge_core.models.base import Base, utcnow
from badge_core.models.city import Skill, Venue

activity_skills = Table(
    "activity_skills",
    Base.metadata,
    Column("activity_id", ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True),
    Column("skill_id", ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True),
)

activity_badges = Table(
    "activity_badges",
    Base.metadata,
    Column("activity_id", ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True),
    Column("badge_class_id", ForeignKey("badge_classes.id", ondelete="CASCADE"), primary_key=True),
)


class Provider(Base):
    """An organisation that runs activities and issues badges."""

    __tablename__ = "providers"
    __table_args__ = (UniqueConstraint("city_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(default="")
    website: Mapped[str | None]
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"))
    # Signs its own badges with its own key; the city endorses it (services/credentials).
    issuer: Mapped[bool] = mapped_column(default=False)
    # set when an import made it (an OpenActive organiser); None for the city pack's own
    source_id: Mapped[int | None] = mapped_column(ForeignKey("import_sources.id"), index=True)


class StaffRole(enum.StrEnum):
    ISSUER = "issuer"
    ORG_ADMIN = "org-admin"
    CITY_ADMIN = "city-admin"
    SAFEGUARDING_LEAD = "safeguarding-lead"  # sees the city's safeguarding concerns


class Staff(Base):
    """A youth worker or admin of a provider. Made with a one-time invite; accepting it from
    a chat links that chat identity (kept as a keyed hash, like a learner's) to the role."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(32))  # a StaffRole value
    label: Mapped[str] = mapped_column(String(100), default="")  # e.g. "Sam, Monday club"
    invite_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    invite_expires_at: Mapped[datetime | None]
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    channel: Mapped[str | None] = mapped_column(String(16))
    address_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    # the chat as the connector sealed it, to tell them of claims waiting (and a lead of a
    # new concern); kept from their first staff message after joining, gone with the role
    address_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    # when they last wrote to the bot as staff (WhatsApp's 24-hour window for their notices)
    last_message_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    joined_at: Mapped[datetime | None]
    removed_at: Mapped[datetime | None]

    provider: Mapped[Provider] = relationship()


class Activity(Base):
    __tablename__ = "activities"
    __table_args__ = (
        UniqueConstraint("city_id", "key"),
        UniqueConstraint("source_id", "external_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(default="")
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"))
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venues.id"))
    online: Mapped[bool] = mapped_column(default=False)
    age_min: Mapped[int]
    age_max: Mapped[int]
    cost_pence: Mapped[int] = mapped_column(default=0)
    tags: Mapped[list[str]] = mapped_column(default=list)
    # an imported activity's concept ids in a shared scheme (the OpenActive Activity List):
    # skills the team confirmed for one are proposed for the next with the same concept
    concepts: Mapped[list[str]] = mapped_column(default=list)
    examples: Mapped[list[str]] = mapped_column(default=list)
    booking: Mapped[str] = mapped_column(default="")
    # An imported activity: its source, the source's id for it, and the fields the city team
    # has edited since (a later import keeps those and says so). None for the pack's own.
    source_id: Mapped[int | None] = mapped_column(ForeignKey("import_sources.id"), index=True)
    external_id: Mapped[str | None] = mapped_column(String(300))
    edited_fields: Mapped[list[str]] = mapped_column(default=list)
    # False while an imported activity's skills are only proposed (SkillProposal): it can be
    # found but offers no badge until the city team confirms them
    skills_confirmed: Mapped[bool] = mapped_column(default=True)

    provider: Mapped[Provider] = relationship()
    venue: Mapped[Venue | None] = relationship()
    skills: Mapped[list[Skill]] = relationship(secondary=activity_skills, order_by=Skill.position)
    badges: Mapped[list[BadgeClass]] = relationship(secondary=activity_badges)
    weekly_slots: Mapped[list[WeeklySlot]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="WeeklySlot.weekday"
    )
    sessions: Mapped[list[ActivitySession]] = relationship(
        back_populates="activity",
        cascade="all, delete-orphan",
        order_by="ActivitySession.starts_at",
    )


class WeeklySlot(Base):
    """A recurring weekly session, in the city's local time."""

    __tablename__ = "weekly_slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))
    weekday: Mapped[int]  # Monday is 0, as in datetime.weekday()
    start_time: Mapped[time]
    end_time: Mapped[time]

    activity: Mapped[Activity] = relationship(back_populates="weekly_slots")


class ActivitySession(Base):
    """A one-off dated session."""

    __tablename__ = "activity_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    # the source's own id for an imported session (an OpenActive ScheduledSession)
    external_id: Mapped[str | None] = mapped_column(String(300))

    activity: Mapped[Activity] = relationship(back_populates="sessions")


class BadgeSkill(Base):
    """A badge class's alignment to a spine skill, with an optional level."""

    __tablename__ = "badge_skills"

    badge_class_id: Mapped[int] = mapped_column(
        ForeignKey("badge_classes.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True
    )
    level: Mapped[int | None]
    position: Mapped[int] = mapped_column(default=0)

    skill: Mapped[Skill] = relationship()


class BadgeClass(Base):
    __tablename__ = "badge_classes"
    __table_args__ = (UniqueConstraint("city_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(default="")
    criteria: Mapped[str] = mapped_column(default="")
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"))
    image: Mapped[str | None]

    provider: Mapped[Provider] = relationship()
    alignments: Mapped[list[BadgeSkill]] = relationship(
        cascade="all, delete-orphan", order_by=BadgeSkill.position
    )

    @property
    def skills(self) -> list[Skill]:
        return [a.skill for a in self.alignments]


class ClaimCode(Base):
    """A code a youth worker hands out; only its keyed hash is stored."""

    __tablename__ = "claim_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(8))  # first two characters, for staff lists
    badge_class_id: Mapped[int] = mapped_column(ForeignKey("badge_classes.id", ondelete="CASCADE"))
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL")
    )
    session_date: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    max_claims: Mapped[int]  # 1 for single-use codes
    claims_count: Mapped[int] = mapped_column(default=0)
    valid_from: Mapped[datetime]
    valid_until: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    badge_class: Mapped[BadgeClass] = relationship()
    activity: Mapped[Activity | None] = relationship()


class CodeMiss(Base):
    """An unknown code typed in a city, kept only as its first two characters and when: what
    the guessing limit counts (see badge_core.services.claims). It names no learner, and a
    claim prunes its prefix's misses once they are past the limit's window."""

    __tablename__ = "code_misses"
    __table_args__ = (Index("ix_code_misses_city_prefix_time", "city_id", "prefix", "missed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"))
    prefix: Mapped[str] = mapped_column(String(2))
    missed_at: Mapped[datetime]
