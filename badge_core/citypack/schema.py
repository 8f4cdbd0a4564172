"""The city pack's YAML documents as pydantic models: one per file and one per kind of entry.

The models check each field (type, pattern, range, choice) and the rules inside one entry;
``validate.py`` puts their errors in a city team's words and ``references.py`` checks the
references between entries. ``pack_json_schemas()`` gives editors the same rules.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from badge_core.citypack.fields import (
    ClockTime,
    District,
    Id,
    InternationalPhone,
    Latitude,
    LocalDateTime,
    Longitude,
    PackModel,
    Phone,
    Text,
    TimeZone,
    Weekday,
    in_order,
    problem,
)
from badge_core.citypack.spec import PATHWAY_KINDS, PROVIDER_KINDS

# ------------------------------------------------------------------------- city.yaml


class Helpline(PackModel):
    """Said to a young person at risk after the national lines (docs/safeguarding.md)."""

    name: str | None = None
    phone: Phone
    hours: str | None = None


class Safeguarding(PackModel):
    helpline: Helpline | None = None
    duty_hours: str | None = Field(None, description="when a safeguarding lead gets in touch")
    leads: dict[str, str] | None = Field(None, description="provider id: who to contact")


class QuietHours(PackModel):
    from_: ClockTime = Field(alias="from", description="no message to a learner from this time")
    to: ClockTime = Field(description="until this time, in the city's time zone")


class Messages(PackModel):
    """The rules for messages the bot sends first (docs/messages.md)."""

    quiet_hours: QuietHours | None = None
    per_day: int | None = Field(None, ge=1, le=20, description="messages a learner gets a day")
    sms_per_week: int | None = Field(None, ge=0, le=50, description="SMS a learner gets a week")
    sms_segment_cost: float | None = Field(None, ge=0, description="pounds an SMS segment")
    sms_monthly_budget: float | None = Field(None, ge=0, description="pounds a month on SMS")
    whatsapp_templates: dict[str, str] | None = Field(
        None, description="message kind: the Twilio Content SID of its approved template"
    )


class Source(PackModel):
    """Where part of the city's offer is published, read by `colbot import all`
    (docs/data-sources.md)."""

    id: Id
    kind: Literal["openactive", "oruk", "ical", "csv"]
    location: Text = Field(description="the feed's first page, the API or calendar URL, a file")
    provider: Id | None = Field(None, description="the provider every item belongs to")
    every_hours: int = Field(
        24, ge=1, le=24 * 28, description="read again this often by `colbot import due`"
    )


class Channels(PackModel):
    """The numbers and bot learners message this city on: a message to one of them is this
    city's conversation (docs/city-pack.md, "Several cities")."""

    telegram: str | None = Field(None, pattern=r"^@?[A-Za-z0-9_]{5,32}$", description="bot name")
    sms: list[InternationalPhone] = Field(default_factory=list, description="its SMS numbers")
    whatsapp: list[InternationalPhone] = Field(
        default_factory=list, description="its WhatsApp numbers"
    )


class CityFile(PackModel):
    """city.yaml: the city itself."""

    slug: Id
    name: Text
    timezone: TimeZone
    framework: str | None = Field(None, description="named in badge alignments")
    safeguarding: Safeguarding | None = None
    email_min_age: int | None = Field(
        None,
        ge=13,
        le=25,
        description="youngest age that may put an email address on their badges (16 if unset)",
    )
    messages: Messages | None = None
    sources: list[Source] = Field(default_factory=list)
    channels: Channels | None = None


# ------------------------------------------------------------------------ spine.yaml


class Alignment(PackModel):
    """A skill's place in an external framework: any other fields (target, url) are kept."""

    model_config = {"extra": "allow"}
    framework: Text


class Skill(PackModel):
    id: Id
    name: Text
    description: Text
    examples: list[str] = []
    levels: list[str] = Field([], description="level descriptors, lowest first")
    activity_examples: list[str] = Field(
        [],
        description="activities that build it, as providers list them: what proposes this"
        " skill for an imported activity",
    )
    alignments: list[Alignment] = []


class Strand(PackModel):
    id: Id
    name: Text
    description: str | None = None
    skills: list[Skill]


class SpineFile(PackModel):
    """spine.yaml: the city's skills, in strands."""

    strands: list[Strand]


# ----------------------------------------------------------------------- places.yaml


class DistrictEntry(PackModel):
    """A postcode district the city covers, with its centroid."""

    id: District
    name: Text
    lat: Latitude
    lon: Longitude


class Venue(PackModel):
    id: Id
    name: Text
    address: str | None = Field(None, description="a public building's, never a learner's")
    district: District
    lat: Latitude | None = Field(None, description="defaults to the district centroid")
    lon: Longitude | None = None


class PlacesFile(PackModel):
    """places.yaml: postcode districts and venues."""

    districts: list[DistrictEntry]
    venues: list[Venue]


# -------------------------------------------------------------------- providers.yaml


class Provider(PackModel):
    id: Id
    name: Text
    kind: Literal[PROVIDER_KINDS]  # type: ignore[valid-type]
    description: str | None = None
    website: str | None = None
    district: District | None = None
    issuer: bool = Field(
        False,
        description="true: the provider signs its own badges, with its own key, endorsed by "
        "the city",
    )


class ProvidersFile(PackModel):
    """providers.yaml: the organisations that run activities and issue badges."""

    providers: list[Provider]


# ------------------------------------------------------------------- activities.yaml


class Slot(PackModel):
    """A weekly session."""

    day: Weekday
    start: ClockTime
    end: ClockTime

    @model_validator(mode="after")
    def _in_order(self) -> Slot:
        return in_order(self, "%H:%M")


class Session(PackModel):
    """A one-off dated session, in the city's local time."""

    start: LocalDateTime
    end: LocalDateTime

    @model_validator(mode="after")
    def _in_order(self) -> Session:
        return in_order(self, "%Y-%m-%d %H:%M")


class Activity(PackModel):
    # Field order matters to the validators below: each sees only the fields before it.
    id: Id
    title: Text
    description: Text
    provider: Text
    online: bool = False
    venue: str | None = Field(None, validate_default=True, description="omit when online")
    age_min: int = Field(ge=5, le=99)
    age_max: int = Field(ge=5, le=99)
    cost_pence: int = Field(0, ge=0, description="0 means free")
    tags: list[str] = []
    examples: list[str] = Field([], description="how young people ask for it, in their words")
    skills: list[str] = Field([], description="spine skills the activity builds")
    badges: list[str] = Field([], description="badges earned here")
    booking: str | None = None
    sessions: list[Session] = []
    schedule: list[Slot] = Field([], validate_default=True, description="weekly sessions")

    @field_validator("venue")
    @classmethod
    def _venue_unless_online(cls, value: str | None, info: ValidationInfo) -> str | None:
        if not value and info.data.get("online") is False:
            raise problem("is required unless the activity is online")
        return value or None

    @field_validator("age_max")
    @classmethod
    def _ages_in_order(cls, value: int, info: ValidationInfo) -> int:
        age_min = info.data.get("age_min")
        if age_min is not None and age_min > value:
            raise problem(f"age range is inverted ({age_min} to {value})")
        return value

    @field_validator("schedule")
    @classmethod
    def _some_time(cls, value: list[Slot], info: ValidationInfo) -> list[Slot]:
        if not value and info.data.get("sessions") == []:
            raise problem("an activity needs a weekly schedule or dated sessions")
        return value


class ActivitiesFile(PackModel):
    """activities.yaml: what young people can do, and when."""

    activities: list[Activity]


# ----------------------------------------------------------------------- badges.yaml


class BadgeSkill(PackModel):
    skill: Text
    level: int | None = Field(None, ge=1, le=5)


def _skill_shorthand(value: Any) -> Any:
    return {"skill": value} if isinstance(value, str) else value


class Badge(PackModel):
    id: Id
    name: Text
    description: Text
    criteria: Text = Field(description="what a young person did to earn it")
    provider: Text = Field(description="the issuing organisation")
    image: str | None = None
    skills: list[
        Annotated[
            BadgeSkill,
            BeforeValidator(_skill_shorthand, json_schema_input_type=str | BadgeSkill),
        ]
    ] = Field(min_length=1)


class BadgesFile(PackModel):
    """badges.yaml: the badges young people earn."""

    badges: list[Badge]


# --------------------------------------------------------------------- pathways.yaml


class Step(PackModel):
    """Done when the learner holds one of its badges or has shown each of its skills."""

    id: Id
    title: Text
    description: str | None = None
    badges: list[str] = []  # before skills, which checks that the step has one or the other
    skills: list[str] = Field([], validate_default=True)

    @field_validator("skills")
    @classmethod
    def _something_to_do(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if not value and info.data.get("badges") == []:
            raise problem("a step needs skills or badges")
        return value


class Pathway(PackModel):
    id: Id
    name: Text
    kind: Literal[PATHWAY_KINDS]  # type: ignore[valid-type]
    description: Text
    examples: list[str] = Field([], description="what a young person who wants this says")
    steps: list[Step] = Field(min_length=1)


class PathwaysFile(PackModel):
    """pathways.yaml: courses, apprenticeships and job families, step by step."""

    pathways: list[Pathway]


DOCUMENTS: dict[str, type[PackModel]] = {
    "city": CityFile,
    "spine": SpineFile,
    "places": PlacesFile,
    "providers": ProvidersFile,
    "activities": ActivitiesFile,
    "badges": BadgesFile,
    "pathways": PathwaysFile,
}


def pack_json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each pack document, by file stem (``activities``: ...). Declared
    draft-07, which editors' YAML support knows; pydantic uses nothing later."""
    return {
        stem: {"$schema": "http://json-schema.org/draft-07/schema#"} | model.model_json_schema()
        for stem, model in DOCUMENTS.items()
    }
