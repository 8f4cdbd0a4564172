"""Read a city pack folder into a :class:`CityPack`, reporting every problem at once.

Each problem names the file, the entry (by id, or by position when the id is missing) and
the field, so a city team can fix a whole pack in one pass. Nothing here touches a database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from badge_core.citypack.spec import (
    PATHWAY_KINDS,
    PROVIDER_KINDS,
    WEEKDAYS,
    ActivitySpec,
    BadgeSkillSpec,
    BadgeSpec,
    CityInfo,
    CityPack,
    DistrictSpec,
    PathwaySpec,
    ProviderSpec,
    SessionSpec,
    SkillSpec,
    SlotSpec,
    StepSpec,
    StrandSpec,
    VenueSpec,
)
from badge_core.errors import CityPackInvalid, PackProblem

PACK_FILES = ("city", "spine", "places", "providers", "activities", "badges", "pathways")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A UK postcode district (outward code): PL1, PL19, M1, EC1A, ... never a full postcode.
DISTRICT_PATTERN = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
TIME_PATTERN = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

class _Entry:
    """Typed field access on one YAML mapping, recording a problem for each bad field."""

    def __init__(self, problems: list[PackProblem], file: str, entry: str, data: Any) -> None:
        self.problems = problems
        self.file = file
        self.entry = entry
        self.data = data if isinstance(data, dict) else {}
        if not isinstance(data, dict):
            self.problem("", "should be a mapping of fields")

    def problem(self, field: str, message: str) -> None:
        self.problems.append(PackProblem(self.file, self.entry, field, message))

    def _get(self, name: str, required: bool) -> Any:
        value = self.data.get(name)
        if value is None and required:
            self.problem(name, "is required")
        return value

    def text(self, name: str, *, required: bool = True, default: str = "") -> str:
        value = self._get(name, required)
        if value is None:
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(name, "should be text")
            return default
        return value.strip()

    def optional_text(self, name: str) -> str | None:
        value = self.text(name, required=False)
        return value or None

    def ident(self, name: str = "id") -> str:
        value = self.text(name)
        if value and not ID_PATTERN.match(value):
            self.problem(name, f"{value!r} is not a valid id (lowercase letters, digits, dashes)")
        return value

    def integer(self, name: str, *, required: bool = True, default: int = 0) -> int:
        value = self._get(name, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(name, f"should be a whole number, not {value!r}")
            return default
        return value

    def number(self, name: str, *, required: bool = True) -> float | None:
        value = self._get(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(name, f"should be a number, not {value!r}")
            return None
        return float(value)

    def flag(self, name: str, default: bool = False) -> bool:
        value = self._get(name, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(name, "should be true or false")
            return default
        return value

    def text_list(self, name: str, *, required: bool = False) -> list[str]:
        value = self._get(name, required)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(name, "should be a list of text")
            return []
        return [v.strip() for v in value]

    def mappings(self, name: str, *, required: bool = False) -> list[Any]:
        value = self._get(name, required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(name, "should be a list")
            return []
        return value

    def choice(self, name: str, choices: Iterable[str]) -> str:
        value = self.text(name)
        if value and value not in choices:
            self.problem(name, f"{value!r} is not one of: {', '.join(choices)}")
        return value

    def district(self, name: str, known: set[str], *, required: bool = True) -> str | None:
        value = self.text(name, required=required)
        if not value:
            return None
        if not DISTRICT_PATTERN.match(value):
            self.problem(name, f"{value!r} is not a postcode district (like PL4)")
        elif value not in known:
            self.problem(name, f"unknown district {value!r} (not in places.yaml)")
        return value

    def ref(self, name: str, value: str, known: set[str], kind: str) -> None:
        if value and value not in known:
            self.problem(name, f"unknown {kind} {value!r}")


def _read_yaml(folder: Path, stem: str, problems: list[PackProblem]) -> Any:
    path = folder / f"{stem}.yaml"
    if not path.exists():
        problems.append(PackProblem(path.name, "", "", "file is missing"))
        return None
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        problems.append(PackProblem(path.name, "", "", f"is not valid YAML{where}"))
        return None


def _entries(
    problems: list[PackProblem], file: str, document: Any, key: str
) -> list[tuple[_Entry, str]]:
    """The list under ``key`` as entries named by id (or position), flagging duplicate ids."""
    if document is None:
        return []
    items = document.get(key) if isinstance(document, dict) else None
    if not isinstance(items, list):
        problems.append(PackProblem(file, "", key, "should be a list"))
        return []
    return _named(problems, file, items)


def _named(problems: list[PackProblem], file: str, items: list[Any]) -> list[tuple[_Entry, str]]:
    out: list[tuple[_Entry, str]] = []
    seen: set[str] = set()
    for position, item in enumerate(items, start=1):
        raw_id = item.get("id") if isinstance(item, dict) else None
        name = str(raw_id) if raw_id is not None else f"#{position}"
        entry = _Entry(problems, file, name, item)
        if raw_id is not None and name in seen:
            entry.problem("id", f"duplicate id {name!r}")
        seen.add(name)
        out.append((entry, name))
    return out


def _parse_time(entry: _Entry, field: str, value: Any) -> time | None:
    if isinstance(value, int):  # YAML 1.1 reads an unquoted 16:00 as the number 960
        entry.problem(field, "write times in quotes, like \"16:00\"")
        return None
    match = TIME_PATTERN.match(str(value or ""))
    if not match:
        entry.problem(field, f"{value!r} is not a time like \"16:00\"")
        return None
    return time(int(match.group(1)), int(match.group(2)))


def _parse_datetime(entry: _Entry, field: str, value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except ValueError:
        entry.problem(field, f"{value!r} is not a date and time like 2027-02-20T10:00")
        return None


def read_pack(folder: Path | str) -> CityPack:
    """Read and validate a pack; raise :class:`CityPackInvalid` listing every problem."""
    folder = Path(folder)
    problems: list[PackProblem] = []
    if not folder.is_dir():
        raise CityPackInvalid([PackProblem(str(folder), "", "", "is not a folder")])
    docs = {stem: _read_yaml(folder, stem, problems) for stem in PACK_FILES}

    city = _read_city(problems, docs["city"])
    strands, skill_ids = _read_spine(problems, docs["spine"])
    districts, venues = _read_places(problems, docs["places"])
    district_ids = {d.id for d in districts}
    providers = _read_providers(problems, docs["providers"], district_ids)
    provider_ids = {p.id for p in providers}
    badges = _read_badges(problems, docs["badges"], provider_ids, skill_ids)
    badge_ids = {b.id for b in badges}
    activities = _read_activities(
        problems, docs["activities"], provider_ids, {v.id for v in venues}, skill_ids, badge_ids
    )
    pathways = _read_pathways(problems, docs["pathways"], skill_ids, badge_ids)
    for provider in (city.safeguarding.get("leads", {}) if city else {}):
        if provider not in provider_ids:
            problems.append(
                PackProblem("city.yaml", "", "safeguarding.leads", f"unknown provider {provider!r}")
            )

    if problems or city is None:
        raise CityPackInvalid(problems)
    return CityPack(city, strands, districts, venues, providers, activities, badges, pathways)


def validate_pack(folder: Path | str) -> list[PackProblem]:
    """Every problem in a pack; an empty list means it loads."""
    try:
        read_pack(folder)
    except CityPackInvalid as exc:
        return exc.problems
    return []


def _read_city(problems: list[PackProblem], doc: Any) -> CityInfo | None:
    if doc is None:
        return None
    entry = _Entry(problems, "city.yaml", "", doc)
    slug = entry.ident("slug")
    name = entry.text("name")
    timezone = entry.text("timezone")
    if timezone:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            entry.problem("timezone", f"unknown time zone {timezone!r}")
    framework = entry.text("framework", required=False) or f"{name} Skills Spine"
    return CityInfo(slug, name, timezone, framework, _read_safeguarding(entry, doc.get("safeguarding")))


_PHONE = re.compile(r"^\+?[0-9][0-9 ]{5,18}[0-9]$")


def _read_safeguarding(entry: _Entry, section: Any) -> dict[str, Any]:
    """The city's own safeguarding services: said to a learner at risk after the national
    lines (docs/safeguarding.md), so a wrong number here is a child calling nobody."""
    if section is None:
        return {}
    if not isinstance(section, dict):
        entry.problem("safeguarding", "must be a mapping (helpline, duty_hours, leads)")
        return {}
    found: dict[str, Any] = {}
    helpline = section.get("helpline")
    if helpline is not None:
        if not isinstance(helpline, dict) or not isinstance(helpline.get("phone"), str):
            entry.problem("safeguarding.helpline", "needs a phone (and a name, and hours)")
        elif not _PHONE.match(helpline["phone"].strip()):
            entry.problem("safeguarding.helpline.phone", f"{helpline['phone']!r} is not a phone number")
        else:
            found["helpline"] = {
                key: str(helpline[key]).strip() for key in ("name", "phone", "hours") if helpline.get(key)
            }
    if section.get("duty_hours") is not None:
        if not isinstance(section["duty_hours"], str):
            entry.problem("safeguarding.duty_hours", "must be text, e.g. Monday to Friday, 9am to 5pm")
        else:
            found["duty_hours"] = section["duty_hours"].strip()
    leads = section.get("leads")
    if leads is not None:
        if not isinstance(leads, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in leads.items()
        ):
            entry.problem("safeguarding.leads", "must map provider ids to a contact")
        else:
            found["leads"] = dict(leads)
    return found


def _read_spine(problems: list[PackProblem], doc: Any) -> tuple[list[StrandSpec], set[str]]:
    strands: list[StrandSpec] = []
    skill_ids: set[str] = set()
    for strand_entry, _ in _entries(problems, "spine.yaml", doc, "strands"):
        strand_id = strand_entry.ident()
        skills: list[SkillSpec] = []
        raw_skills = strand_entry.mappings("skills", required=True)
        for entry, name in _named(problems, "spine.yaml", raw_skills):
            entry.entry = f"{strand_id}/{name}"
            before = len(problems)
            skill_id = entry.ident()
            if skill_id in skill_ids:
                entry.problem("id", f"duplicate skill id {skill_id!r}")
            skill_ids.add(skill_id)
            skill = SkillSpec(
                id=skill_id,
                name=entry.text("name"),
                description=entry.text("description"),
                examples=entry.text_list("examples"),
                levels=entry.text_list("levels"),
                alignments=_alignments(entry),
            )
            if len(problems) == before:
                skills.append(skill)
        strands.append(
            StrandSpec(strand_id, strand_entry.text("name"), strand_entry.text("description", required=False), skills)
        )
    return strands, skill_ids


def _alignments(entry: _Entry) -> list[dict[str, Any]]:
    out = []
    for position, raw in enumerate(entry.mappings("alignments"), start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("framework"), str):
            entry.problem(f"alignments #{position}", "needs a framework name")
            continue
        out.append({k: str(v) for k, v in raw.items() if v is not None})
    return out


def _coordinates(entry: _Entry, required: bool) -> tuple[float | None, float | None]:
    lat, lon = entry.number("lat", required=required), entry.number("lon", required=required)
    if lat is not None and not -90 <= lat <= 90:
        entry.problem("lat", f"{lat} is not a latitude")
    if lon is not None and not -180 <= lon <= 180:
        entry.problem("lon", f"{lon} is not a longitude")
    return lat, lon


def _read_places(
    problems: list[PackProblem], doc: Any
) -> tuple[list[DistrictSpec], list[VenueSpec]]:
    districts: list[DistrictSpec] = []
    for entry, _ in _entries(problems, "places.yaml", doc, "districts"):
        before = len(problems)
        code = entry.text("id")
        if code and not DISTRICT_PATTERN.match(code):
            entry.problem("id", f"{code!r} is not a postcode district (like PL4)")
        name = entry.text("name")
        lat, lon = _coordinates(entry, required=True)
        if len(problems) == before and lat is not None and lon is not None:
            districts.append(DistrictSpec(code, name, lat, lon))
    centroids = {d.id: (d.lat, d.lon) for d in districts}
    venues: list[VenueSpec] = []
    for entry, _ in _entries(problems, "places.yaml", doc, "venues"):
        before = len(problems)
        venue_id, name = entry.ident(), entry.text("name")
        address = entry.text("address", required=False)
        district = entry.district("district", set(centroids)) or ""
        lat, lon = _coordinates(entry, required=False)
        if len(problems) == before:
            default_lat, default_lon = centroids[district]
            venues.append(
                VenueSpec(venue_id, name, address, district, lat or default_lat, lon or default_lon)
            )
    return districts, venues


def _read_providers(
    problems: list[PackProblem], doc: Any, district_ids: set[str]
) -> list[ProviderSpec]:
    out = []
    for entry, _ in _entries(problems, "providers.yaml", doc, "providers"):
        before = len(problems)
        spec = ProviderSpec(
            id=entry.ident(),
            name=entry.text("name"),
            kind=entry.choice("kind", PROVIDER_KINDS),
            description=entry.text("description", required=False),
            website=entry.optional_text("website"),
            district=entry.district("district", district_ids, required=False),
        )
        if len(problems) == before:
            out.append(spec)
    return out


def _read_badges(
    problems: list[PackProblem], doc: Any, provider_ids: set[str], skill_ids: set[str]
) -> list[BadgeSpec]:
    out = []
    for entry, _ in _entries(problems, "badges.yaml", doc, "badges"):
        before = len(problems)
        provider = entry.text("provider")
        entry.ref("provider", provider, provider_ids, "provider")
        skills = []
        raw_skills = entry.mappings("skills", required=True)
        if not raw_skills and "skills" in entry.data:
            entry.problem("skills", "a badge needs at least one spine skill")
        for position, raw in enumerate(raw_skills, start=1):
            raw = {"skill": raw} if isinstance(raw, str) else raw
            level = raw.get("level") if isinstance(raw, dict) else None
            skill = raw.get("skill") if isinstance(raw, dict) else None
            if not isinstance(skill, str):
                entry.problem(f"skills #{position}", "needs a skill id")
                continue
            entry.ref(f"skills #{position}", skill, skill_ids, "skill")
            if level is not None and (not isinstance(level, int) or not 1 <= level <= 5):
                entry.problem(f"skills #{position}", f"level {level!r} should be 1 to 5")
                level = None
            skills.append(BadgeSkillSpec(skill, level))
        spec = BadgeSpec(
            id=entry.ident(),
            name=entry.text("name"),
            description=entry.text("description"),
            criteria=entry.text("criteria"),
            provider=provider,
            image=entry.optional_text("image"),
            skills=skills,
        )
        if len(problems) == before:
            out.append(spec)
    return out


def _read_activities(
    problems: list[PackProblem],
    doc: Any,
    provider_ids: set[str],
    venue_ids: set[str],
    skill_ids: set[str],
    badge_ids: set[str],
) -> list[ActivitySpec]:
    out = []
    for entry, _ in _entries(problems, "activities.yaml", doc, "activities"):
        before = len(problems)
        provider = entry.text("provider")
        entry.ref("provider", provider, provider_ids, "provider")
        online = entry.flag("online")
        venue = entry.optional_text("venue")
        if venue:
            entry.ref("venue", venue, venue_ids, "venue")
        elif not online:
            entry.problem("venue", "is required unless the activity is online")
        age_min, age_max = entry.integer("age_min"), entry.integer("age_max")
        if not 5 <= age_min <= 99:
            entry.problem("age_min", f"{age_min} is not a plausible age")
        if not 5 <= age_max <= 99:
            entry.problem("age_max", f"{age_max} is not a plausible age")
        if age_min > age_max:
            entry.problem("age_max", f"age range is inverted ({age_min} to {age_max})")
        cost = entry.integer("cost_pence", required=False)
        if cost < 0:
            entry.problem("cost_pence", "cannot be negative")
        skills, badges = entry.text_list("skills"), entry.text_list("badges")
        for skill in skills:
            entry.ref("skills", skill, skill_ids, "skill")
        for badge in badges:
            entry.ref("badges", badge, badge_ids, "badge")
        schedule = _read_schedule(entry)
        sessions = _read_sessions(entry)
        if not schedule and not sessions and len(problems) == before:
            entry.problem("schedule", "an activity needs a weekly schedule or dated sessions")
        spec = ActivitySpec(
            id=entry.ident(),
            title=entry.text("title"),
            description=entry.text("description"),
            provider=provider,
            venue=venue,
            online=online,
            age_min=age_min,
            age_max=age_max,
            cost_pence=cost,
            tags=[t.lower() for t in entry.text_list("tags")],
            examples=entry.text_list("examples"),
            skills=skills,
            badges=badges,
            booking=entry.text("booking", required=False),
            schedule=schedule,
            sessions=sessions,
        )
        if len(problems) == before:
            out.append(spec)
    return out


def _read_schedule(entry: _Entry) -> list[SlotSpec]:
    slots = []
    for position, raw in enumerate(entry.mappings("schedule"), start=1):
        field = f"schedule #{position}"
        raw = raw if isinstance(raw, dict) else {}
        day = str(raw.get("day", "")).strip().lower()
        if day not in WEEKDAYS:
            entry.problem(field, f"day {raw.get('day')!r} is not a day of the week")
        start = _parse_time(entry, f"{field} start", raw.get("start"))
        end = _parse_time(entry, f"{field} end", raw.get("end"))
        if start and end and end <= start:
            entry.problem(field, f"ends ({end:%H:%M}) before it starts ({start:%H:%M})")
        elif start and end and day in WEEKDAYS:
            slots.append(SlotSpec(WEEKDAYS.index(day), start, end))
    return slots


def _read_sessions(entry: _Entry) -> list[SessionSpec]:
    sessions = []
    for position, raw in enumerate(entry.mappings("sessions"), start=1):
        field = f"sessions #{position}"
        raw = raw if isinstance(raw, dict) else {}
        start = _parse_datetime(entry, f"{field} start", raw.get("start"))
        end = _parse_datetime(entry, f"{field} end", raw.get("end"))
        if start and end and end <= start:
            entry.problem(field, f"ends ({end:%Y-%m-%d %H:%M}) before it starts ({start:%Y-%m-%d %H:%M})")
        elif start and end:
            sessions.append(SessionSpec(start, end))
    return sessions


def _read_pathways(
    problems: list[PackProblem], doc: Any, skill_ids: set[str], badge_ids: set[str]
) -> list[PathwaySpec]:
    out = []
    for entry, pathway_name in _entries(problems, "pathways.yaml", doc, "pathways"):
        before = len(problems)
        steps = []
        raw_steps = entry.mappings("steps", required=True)
        if not raw_steps and "steps" in entry.data:
            entry.problem("steps", "a pathway needs at least one step")
        for step_entry, step_name in _named(problems, "pathways.yaml", raw_steps):
            step_entry.entry = f"{pathway_name}/{step_name}"
            skills, badges = step_entry.text_list("skills"), step_entry.text_list("badges")
            for skill in skills:
                step_entry.ref("skills", skill, skill_ids, "skill")
            for badge in badges:
                step_entry.ref("badges", badge, badge_ids, "badge")
            if not skills and not badges:
                step_entry.problem("skills", "a step needs skills or badges")
            steps.append(
                StepSpec(
                    step_entry.ident(),
                    step_entry.text("title"),
                    step_entry.text("description", required=False),
                    skills,
                    badges,
                )
            )
        spec = PathwaySpec(
            id=entry.ident(),
            name=entry.text("name"),
            kind=entry.choice("kind", PATHWAY_KINDS),
            description=entry.text("description"),
            examples=entry.text_list("examples"),
            steps=steps,
        )
        if len(problems) == before:
            out.append(spec)
    return out
