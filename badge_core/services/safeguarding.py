"""Safeguarding concerns: raised when a learner discloses risk, seen and resolved by the
city's safeguarding leads.

``raise_concern`` stores the concern (the learner's words encrypted with the deployment's
key) and returns what the reply needs: the city's own help line and duty hours from its
city pack. It is recorded whether or not the learner agreed to be remembered: UK GDPR allows
processing to safeguard a child without consent (DPA 2018, Schedule 1, paragraph 18), and a
disclosure must reach a person. ``answer_contact`` keeps the learner's yes or no to being
contacted, and only on a yes the sealed address to contact them. Leads (staff with the role
``safeguarding-lead``) list and resolve the concerns of their city; nobody else can.

The city's leads are told of a new concern through the outbox (its level and kind, never the
words); ``notified_at`` records when the first of them was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound, StaffNotAllowed
from badge_core.models import (
    City,
    Concern,
    ConcernStatus,
    Learner,
    Provider,
    Staff,
    StaffRole,
    utcnow,
)
from badge_core.privacy import decrypt, encrypt
from badge_core.queries.cities import get_city
from badge_core.queries.learners import identity_hash, learner_by_identity
from badge_core.services import outbox

MAX_TEXT = 2000
LEVELS = ("urgent", "concern", "check_in")


@dataclass(frozen=True)
class LocalHelp:
    """The city's own services, from its pack's ``safeguarding:`` section."""

    city_name: str
    helpline: str  # e.g. "Plymouth Gateway (children's services): 01752 668000", or ""
    duty_hours: str  # e.g. "Monday to Friday, 9am to 5pm", or ""


@dataclass(frozen=True)
class RaisedConcern:
    concern_id: str
    help: LocalHelp


@dataclass(frozen=True)
class ConcernView:
    """A concern as a safeguarding lead sees it."""

    concern_id: str
    raised_at: datetime
    category: str
    level: str
    channel: str
    text: str
    learner_id: str | None  # the learner's pseudonymous public id, when they have a record
    learner_opted_out: bool
    wants_contact: bool | None
    can_be_contacted: bool
    status: str
    resolved_at: datetime | None
    resolved_by: str | None
    outcome: str | None

    @property
    def contact(self) -> str:
        """The learner's answer to "do you want someone to get in touch?", in words."""
        return {True: "wants contact", False: "no contact", None: "not answered"}[
            self.wants_contact
        ]

    def as_dict(self) -> dict[str, Any]:
        iso = lambda m: m.isoformat() if m else None  # noqa: E731
        return {
            "id": self.concern_id,
            "raised_at": iso(self.raised_at),
            "category": self.category,
            "level": self.level,
            "channel": self.channel,
            "text": self.text,
            "learner": self.learner_id,
            "learner_opted_out": self.learner_opted_out,
            "wants_contact": self.wants_contact,
            "can_be_contacted": self.can_be_contacted,
            "status": self.status,
            "resolved_at": iso(self.resolved_at),
            "resolved_by": self.resolved_by,
            "outcome": self.outcome,
        }


def local_help(city: City) -> LocalHelp:
    section = city.safeguarding or {}
    helpline = section.get("helpline") or {}
    line = ""
    if helpline.get("phone"):
        line = f"{helpline.get('name') or city.name}: {helpline['phone']}"
        if helpline.get("hours"):
            line += f" ({helpline['hours']})"
    return LocalHelp(city.name, line, section.get("duty_hours") or "")


def raise_concern(
    uow: UnitOfWork,
    secret_key: str,
    city_slug: str,
    channel: str,
    sender_key: str,
    *,
    category: str,
    level: str,
    text: str,
    opted_out: bool = False,
) -> RaisedConcern:
    """Record what the learner wrote as a concern for the city's safeguarding leads."""
    with uow:
        city = get_city(uow, city_slug)
        learner = learner_by_identity(uow, secret_key, channel, sender_key)
        concern = Concern(
            city_id=city.id,
            learner_id=learner.id if learner else None,
            subject_hash=identity_hash(secret_key, channel, sender_key),
            channel=channel,
            category=category[:16],
            level=level if level in LEVELS else "concern",
            text_encrypted=encrypt(secret_key, text[:MAX_TEXT]),
            learner_opted_out=opted_out or bool(learner and learner.opted_out_at),
        )
        uow.session.add(concern)
        uow.session.flush()
        outbox.concern_raised(uow, concern, city, concern.raised_at)
        raised = RaisedConcern(concern.public_id, local_help(city))
        uow.commit()
        return raised


def answer_contact(
    uow: UnitOfWork,
    secret_key: str,
    concern_id: str,
    channel: str,
    sender_key: str,
    *,
    wants_contact: bool,
    sealed_address: str | None,
) -> LocalHelp:
    """Keep the learner's answer to "do you want someone to get in touch?"; on a yes, the
    address to reach them (still sealed); on a no, none."""
    with uow:
        concern = uow.session.scalar(
            select(Concern).where(
                Concern.public_id == concern_id,
                Concern.subject_hash == identity_hash(secret_key, channel, sender_key),
            )
        )
        if concern is None:
            raise NotFound("concern", concern_id)
        concern.wants_contact = wants_contact
        concern.answered_at = utcnow()
        concern.contact_address_sealed = (
            sealed_address.encode() if wants_contact and sealed_address else None
        )
        city = uow.session.get(City, concern.city_id)
        assert city is not None
        help_ = local_help(city)
        uow.commit()
        return help_


def _lead(uow: UnitOfWork, staff_id: int) -> Staff:
    staff = uow.session.get(Staff, staff_id)
    if (
        staff is None
        or staff.removed_at is not None
        or staff.joined_at is None
        or staff.role != StaffRole.SAFEGUARDING_LEAD.value
    ):
        raise StaffNotAllowed("only a safeguarding lead sees concerns")
    return staff


def _view(secret_key: str, concern: Concern, learner_public_id: str | None) -> ConcernView:
    return ConcernView(
        concern_id=concern.public_id,
        raised_at=concern.raised_at,
        category=concern.category,
        level=concern.level,
        channel=concern.channel,
        text=decrypt(secret_key, concern.text_encrypted),
        learner_id=learner_public_id,
        learner_opted_out=concern.learner_opted_out,
        wants_contact=concern.wants_contact,
        can_be_contacted=concern.contact_address_sealed is not None,
        status=concern.status,
        resolved_at=concern.resolved_at,
        resolved_by=concern.resolved_by,
        outcome=decrypt(secret_key, concern.outcome_encrypted)
        if concern.outcome_encrypted
        else None,
    )


def _concerns(
    uow: UnitOfWork, secret_key: str, city_id: int, *, open_only: bool
) -> list[ConcernView]:
    query = (
        select(Concern, Learner.public_id)
        .outerjoin(Learner, Learner.id == Concern.learner_id)
        .where(Concern.city_id == city_id)
        .order_by(Concern.raised_at.desc(), Concern.id.desc())
    )
    if open_only:
        query = query.where(Concern.status == ConcernStatus.OPEN.value)
    return [_view(secret_key, c, public_id) for c, public_id in uow.session.execute(query)]


def concerns_for_lead(
    uow: UnitOfWork, secret_key: str, staff_id: int, *, open_only: bool = True
) -> list[ConcernView]:
    """The concerns of the lead's city, newest first; refuses anyone who is not a lead."""
    with uow.reading():
        staff = _lead(uow, staff_id)
        provider = uow.session.get(Provider, staff.provider_id)
        assert provider is not None
        return _concerns(uow, secret_key, provider.city_id, open_only=open_only)


def list_concerns(
    uow: UnitOfWork, secret_key: str, city_slug: str, *, open_only: bool = False
) -> list[ConcernView]:
    """The city's concerns, newest first (the operator's CLI)."""
    with uow.reading():
        city = get_city(uow, city_slug)
        return _concerns(uow, secret_key, city.id, open_only=open_only)


def resolve_concern(
    uow: UnitOfWork,
    secret_key: str,
    concern_id: str,
    *,
    note: str,
    resolved_by: str = "",
    now: datetime | None = None,
) -> ConcernView:
    """Close a concern with what was done (kept encrypted, like the learner's words)."""
    with uow:
        # the whole id, or its first 8 or more characters as the chat list shows them; a
        # prefix that names two concerns names neither
        matches = uow.session.scalars(
            select(Concern)
            .where(
                (Concern.public_id == concern_id)
                | (Concern.public_id.like(f"{concern_id}%") if len(concern_id) >= 8 else False)
            )
            .limit(2)
        ).all()
        if len(matches) != 1:
            raise NotFound("concern", concern_id)
        [concern] = matches
        concern.status = ConcernStatus.RESOLVED.value
        concern.resolved_at = now or utcnow()
        concern.resolved_by = resolved_by[:100] or None
        concern.outcome_encrypted = encrypt(secret_key, note.strip()[:MAX_TEXT])
        concern.contact_address_sealed = None  # no longer needed once it is dealt with
        uow.session.flush()
        view = _view(secret_key, concern, None)
        uow.commit()
        return view


def forget_resolved_concerns(
    uow: UnitOfWork, *, older_than_days: int, now: datetime | None = None, dry_run: bool = False
) -> int:
    """Delete concerns resolved more than ``older_than_days`` ago (open ones are never
    deleted by age); how many. Called by the retention job."""
    before = (now or utcnow()) - timedelta(days=older_than_days)
    condition = (Concern.status == ConcernStatus.RESOLVED.value) & (Concern.resolved_at < before)
    with uow:
        found = uow.session.scalar(select(func.count()).select_from(Concern).where(condition)) or 0
        if not dry_run:
            uow.session.execute(delete(Concern).where(condition))
            uow.commit()
        return int(found)


def concerns_of_learner(uow: UnitOfWork, secret_key: str, learner_id: int) -> list[dict[str, Any]]:
    """A learner's own concerns, for their data export, inside the caller's unit of work."""
    rows = uow.session.scalars(
        select(Concern).where(Concern.learner_id == learner_id).order_by(Concern.raised_at)
    )
    return [
        {
            "when": c.raised_at.isoformat(),
            "what_it_was_about": c.category.replace("_", " "),
            "what_you_wrote": decrypt(secret_key, c.text_encrypted),
            "you_wanted_someone_to_get_in_touch": c.wants_contact,
            "status": c.status,
        }
        for c in rows
    ]
