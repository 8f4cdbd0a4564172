"""Typed, validated contents of a city pack (what the YAML files say, checked)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from badge_core.models.city import DEFAULT_EMAIL_MIN_AGE

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PROVIDER_KINDS = (
    "library",
    "youth-centre",
    "college",
    "university",
    "school",
    "sports-club",
    "arts",
    "museum",
    "charity",
    "council",
    "employer",
    "community",
)
PATHWAY_KINDS = ("course", "apprenticeship", "job-family")


@dataclass(frozen=True)
class CityInfo:
    slug: str
    name: str
    timezone: str
    framework: str
    # helpline {name, phone, hours}, duty_hours, leads {provider id: contact}
    safeguarding: dict[str, Any] = field(default_factory=dict)
    # the youngest age that may put an email address on their badges
    email_min_age: int = DEFAULT_EMAIL_MIN_AGE
    # quiet_hours {from, to}, per_day, sms_per_week, sms_segment_cost, sms_monthly_budget,
    # whatsapp_templates {kind: content sid} (badge_core/messaging.py)
    messages: dict[str, Any] = field(default_factory=dict)
    # where `colbot import all` reads the city's published offer: {id, kind, location, provider}
    sources: list[dict[str, Any]] = field(default_factory=list)
    # the numbers and bot that are this city's: {telegram: name, sms: [+44...], whatsapp: [...]}
    channels: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SkillSpec:
    id: str
    name: str
    description: str
    examples: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    alignments: list[dict[str, Any]] = field(default_factory=list)
    activity_examples: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StrandSpec:
    id: str
    name: str
    description: str
    skills: list[SkillSpec]


@dataclass(frozen=True)
class DistrictSpec:
    id: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class VenueSpec:
    id: str
    name: str
    address: str
    district: str
    lat: float
    lon: float


@dataclass(frozen=True)
class ProviderSpec:
    id: str
    name: str
    kind: str
    description: str
    website: str | None
    district: str | None
    issuer: bool = False  # signs its own badges (an issuer of its own, endorsed by the city)


@dataclass(frozen=True)
class SlotSpec:
    weekday: int
    start: time
    end: time


@dataclass(frozen=True)
class SessionSpec:
    start: datetime  # naive, the city's local time
    end: datetime


@dataclass(frozen=True)
class ActivitySpec:
    id: str
    title: str
    description: str
    provider: str
    venue: str | None
    online: bool
    age_min: int
    age_max: int
    cost_pence: int
    tags: list[str]
    skills: list[str]
    badges: list[str]
    booking: str
    schedule: list[SlotSpec]
    sessions: list[SessionSpec]
    # how young people ask for it, in their words: matched like the description
    examples: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BadgeSkillSpec:
    skill: str
    level: int | None


@dataclass(frozen=True)
class BadgeSpec:
    id: str
    name: str
    description: str
    criteria: str
    provider: str
    image: str | None
    skills: list[BadgeSkillSpec]


@dataclass(frozen=True)
class StepSpec:
    id: str
    title: str
    description: str
    skills: list[str]
    badges: list[str]


@dataclass(frozen=True)
class PathwaySpec:
    id: str
    name: str
    kind: str
    description: str
    examples: list[str]
    steps: list[StepSpec]


@dataclass(frozen=True)
class CityPack:
    city: CityInfo
    strands: list[StrandSpec]
    districts: list[DistrictSpec]
    venues: list[VenueSpec]
    providers: list[ProviderSpec]
    activities: list[ActivitySpec]
    badges: list[BadgeSpec]
    pathways: list[PathwaySpec]

    @property
    def skills(self) -> list[SkillSpec]:
        return [skill for strand in self.strands for skill in strand.skills]
