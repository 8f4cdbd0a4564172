"""Learners, their channel identities, and the badges they were awarded.

A learner is pseudonymous: no name, no phone number, no chat id. A channel identity keeps a
keyed hash of the address for lookup and, only where the bot must message first, the address
encrypted.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from badge_core.models.base import Base, utcnow
from badge_core.models.catalogue import Activity, BadgeClass, ClaimCode


def new_public_id() -> str:
    return str(uuid.uuid4())


class AgeBand(enum.StrEnum):
    UNDER_13 = "under-13"
    AGE_13_15 = "13-15"
    AGE_16_18 = "16-18"
    AGE_19_25 = "19-25"

    @property
    def ages(self) -> tuple[int, int]:
        return {
            "under-13": (10, 12),
            "13-15": (13, 15),
            "16-18": (16, 18),
            "19-25": (19, 25),
        }[self.value]


class Learner(Base):
    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_public_id)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"))
    age_band: Mapped[str | None] = mapped_column(String(8))  # an AgeBand value
    district: Mapped[str | None] = mapped_column(String(8))  # postcode district only
    interests: Mapped[list[str]] = mapped_column(default=list)
    consent_given_at: Mapped[datetime | None]
    consent_version: Mapped[str | None] = mapped_column(String(16))
    opted_out_at: Mapped[datetime | None]
    # The email address the learner confirmed for their badges' recipient, as Open Badges'
    # IdentityHash with its salt (never the address itself): a backpack that knows the
    # address matches it. None: the badges name only the pseudonymous id.
    email_hash: Mapped[str | None] = mapped_column(String(71))
    email_salt: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    identities: Mapped[list[ChannelIdentity]] = relationship(
        back_populates="learner", cascade="all, delete-orphan", passive_deletes=True
    )
    awards: Mapped[list[Award]] = relationship(
        back_populates="learner", cascade="all, delete-orphan", passive_deletes=True
    )


class ChannelIdentity(Base):
    __tablename__ = "channel_identities"
    __table_args__ = (UniqueConstraint("channel", "address_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(16))  # telegram | sms | whatsapp | rest | web
    address_hash: Mapped[str] = mapped_column(String(64))
    # The Rasa sender id (itself a pseudonym), encrypted: erasing the learner finds every
    # conversation of theirs in the tracker store with it. None for identities from before.
    sender_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The channel address as the connector sealed it, kept only while the bot has something
    # to tell the learner first (a decision on their claim); cleared when the outbox is done.
    address_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    # when the learner last wrote on this app, as far as an action saw (WhatsApp's window)
    last_message_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    learner: Mapped[Learner] = relationship(back_populates="identities")


class AwardStatus(enum.StrEnum):
    AWARDED = "awarded"
    PENDING = "pending"  # an under-13's claim, waiting for a youth worker
    DECLINED = "declined"


class Award(Base):
    """A badge class earned by a learner; one per learner and badge class."""

    __tablename__ = "awards"
    __table_args__ = (UniqueConstraint("learner_id", "badge_class_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_public_id)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    badge_class_id: Mapped[int] = mapped_column(ForeignKey("badge_classes.id"))
    claim_code_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim_codes.id", ondelete="SET NULL")
    )
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(16), default=AwardStatus.AWARDED.value)
    awarded_at: Mapped[datetime] = mapped_column(default=utcnow)
    evidence_narrative: Mapped[str | None]
    # The learner's reflection goes into the public credential only when they said yes.
    narrative_public: Mapped[bool] = mapped_column(default=False)
    # The award's position in its city's revocation status list (Bitstring Status List),
    # drawn at random when its credential is first issued; held (and kept after the award is
    # gone) by a StatusEntry, which keeps it unique in the city.
    status_index: Mapped[int | None]
    revoked_at: Mapped[datetime | None]
    revocation_reason: Mapped[str | None]

    learner: Mapped[Learner] = relationship(back_populates="awards")
    badge_class: Mapped[BadgeClass] = relationship()
    claim_code: Mapped[ClaimCode | None] = relationship()
    activity: Mapped[Activity | None] = relationship()


class EmailCheck(Base):
    """An email address waiting for its one-time code ("add my email to my badges"): the
    code only as a keyed hash, the address only as the identity hash it will become; one per
    learner, for minutes."""

    __tablename__ = "email_checks"

    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    code_hash: Mapped[str] = mapped_column(String(64))
    email_hash: Mapped[str] = mapped_column(String(71))
    email_salt: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[datetime]
    wrong_tries: Mapped[int] = mapped_column(default=0)


class LinkCode(Base):
    """A one-time code that joins a second chat identity to a learner ("link" on one app,
    the code sent from the other). Kept only as a keyed hash, for minutes."""

    __tablename__ = "link_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
