"""SQLAlchemy 2 typed models for the whole domain; import them from here."""

from badge_core.models.access import AdminToken
from badge_core.models.base import Base, utcnow
from badge_core.models.catalogue import (
    Activity,
    ActivitySession,
    BadgeClass,
    BadgeSkill,
    ClaimCode,
    CodeMiss,
    Provider,
    Staff,
    StaffRole,
    WeeklySlot,
)
from badge_core.models.city import DEFAULT_EMAIL_MIN_AGE, City, District, Skill, Strand, Venue
from badge_core.models.corrections import Correction, CorrectionStatus
from badge_core.models.embeddings import Embedding
from badge_core.models.events import Event, EventKind
from badge_core.models.imports import ImportSource, SkillProposal
from badge_core.models.learners import (
    AgeBand,
    Award,
    AwardStatus,
    ChannelIdentity,
    EmailCheck,
    Learner,
    LinkCode,
)
from badge_core.models.outbox import Audience, OutboxMessage, OutboxStatus
from badge_core.models.pathways import Pathway, PathwayStep
from badge_core.models.polls import Poll, PollAnswer
from badge_core.models.safeguarding import Concern, ConcernStatus
from badge_core.models.sharing import ShareLink
from badge_core.models.status import StatusEntry
from badge_core.models.subscriptions import Subscription, SubscriptionKind
from badge_core.models.youth_voice import Rating

__all__ = [
    "DEFAULT_EMAIL_MIN_AGE",
    "StatusEntry",
    "Subscription",
    "SubscriptionKind",
    "Activity",
    "AdminToken",
    "ActivitySession",
    "AgeBand",
    "Audience",
    "Award",
    "AwardStatus",
    "BadgeClass",
    "BadgeSkill",
    "Base",
    "ChannelIdentity",
    "City",
    "ClaimCode",
    "Concern",
    "ConcernStatus",
    "Correction",
    "CorrectionStatus",
    "CodeMiss",
    "District",
    "EmailCheck",
    "Embedding",
    "Event",
    "EventKind",
    "ImportSource",
    "Learner",
    "LinkCode",
    "OutboxMessage",
    "OutboxStatus",
    "Pathway",
    "PathwayStep",
    "Poll",
    "PollAnswer",
    "Provider",
    "Rating",
    "ShareLink",
    "SkillProposal",
    "Skill",
    "Staff",
    "StaffRole",
    "Strand",
    "Venue",
    "WeeklySlot",
    "utcnow",
]
