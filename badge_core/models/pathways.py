"""Pathways into further learning or work, built from spine skills and badges."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from badge_core.models.base import Base
from badge_core.models.catalogue import BadgeClass
from badge_core.models.city import Skill

step_skills = Table(
    "pathway_step_skills",
    Base.metadata,
    Column("step_id", ForeignKey("pathway_steps.id", ondelete="CASCADE"), primary_key=True),
    Column("skill_id", ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True),
)

step_badges = Table(
    "pathway_step_badges",
    Base.metadata,
    Column("step_id", ForeignKey("pathway_steps.id", ondelete="CASCADE"), primary_key=True),
    Column("badge_class_id", ForeignKey("badge_classes.id", ondelete="CASCADE"), primary_key=True),
)


class Pathway(Base):
    __tablename__ = "pathways"
    __table_args__ = (UniqueConstraint("city_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))  # course | apprenticeship | job-family
    description: Mapped[str] = mapped_column(default="")
    examples: Mapped[list[str]] = mapped_column(default=list)
    position: Mapped[int] = mapped_column(default=0)

    steps: Mapped[list[PathwayStep]] = relationship(
        back_populates="pathway", cascade="all, delete-orphan", order_by="PathwayStep.position"
    )


class PathwayStep(Base):
    """One step; done when the learner holds one of its badges or has shown all its skills."""

    __tablename__ = "pathway_steps"
    __table_args__ = (UniqueConstraint("pathway_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pathway_id: Mapped[int] = mapped_column(ForeignKey("pathways.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(default="")

    pathway: Mapped[Pathway] = relationship(back_populates="steps")
    skills: Mapped[list[Skill]] = relationship(secondary=step_skills, order_by=Skill.position)
    badges: Mapped[list[BadgeClass]] = relationship(secondary=step_badges)
