"""Read a city pack folder into a :class:`CityPack`, reporting every problem at once.

Each YAML document is checked by its pydantic model (``schema.py``); each error is put in a
city team's words and located by file, entry (by id, or by position when the id is missing)
and field, so a team can fix a whole pack in one pass. References between entries (an
activity's provider, a badge's skills, ...) and duplicate ids are checked by
``references.py``. Nothing here touches a database.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from badge_core.channels import channel_addresses
from badge_core.citypack.fields import DISTRICT_PATTERN, ID_PATTERN, PHONE_PATTERN
from badge_core.citypack.references import cross_check, entry_name
from badge_core.citypack.schema import DOCUMENTS
from badge_core.citypack.spec import (
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
from badge_core.models.city import DEFAULT_EMAIL_MIN_AGE

PACK_FILES = tuple(DOCUMENTS)
# Lists whose items are entries named by id; a strand's skills and a pathway's steps are
# entries too, named "strand/skill" and "pathway/step".
NESTED_ENTRIES = {"strands": "skills", "pathways": "steps"}

PATTERN_WORDS = {
    ID_PATTERN: "{value} is not a valid id (lowercase letters, digits, dashes)",
    DISTRICT_PATTERN: "{value} is not a postcode district (like PL4)",
    PHONE_PATTERN: "{value} is not a phone number",
}
TYPE_WORDS = {
    "missing": "is required",
    "string_type": "should be text, not {value}",
    "string_too_short": "should not be empty",
    "int_type": "should be a whole number, not {value}",
    "float_type": "should be a number, not {value}",
    "bool_type": "should be true or false, not {value}",
    "list_type": "should be a list, not {value}",
    "dict_type": "should be a mapping, not {value}",
    "model_type": "should be a mapping of fields",
    "model_attributes_type": "should be a mapping of fields",
    "greater_than_equal": "{value} should be at least {ge}",
    "less_than_equal": "{value} should be at most {le}",
    "too_short": "should list at least {min_length}",
}
# Out of range, by field name.
RANGE_WORDS = {
    "lat": "{value} is not a latitude",
    "lon": "{value} is not a longitude",
    "age_min": "{value} is not a plausible age",
    "age_max": "{value} is not a plausible age",
    "cost_pence": "cannot be negative",
    "level": "level {value} should be 1 to 5",
}
# An empty list that needs something in it, by field name.
EMPTY_WORDS = {
    "skills": "a badge needs at least one spine skill",
    "steps": "a pathway needs at least one step",
}


def read_pack(folder: Path | str) -> CityPack:
    """Read and validate a pack; raise :class:`CityPackInvalid` listing every problem."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CityPackInvalid([PackProblem(str(folder), "", "", "is not a folder")])
    problems: list[PackProblem] = []
    docs: dict[str, Any] = {}  # the readable documents, as YAML gave them
    for stem in PACK_FILES:
        found = _read_yaml(folder / f"{stem}.yaml")
        if isinstance(found, PackProblem):
            problems.append(found)
        else:
            docs[stem] = found if found is not None else _empty(stem)
    models: dict[str, Any] = {}
    for stem, document in docs.items():
        try:
            models[stem] = DOCUMENTS[stem].model_validate(document)
        except ValidationError as exc:
            file = f"{stem}.yaml"
            problems += [_translate(file, document, e) for e in exc.errors(include_url=False)]
    problems += cross_check(docs)
    if problems:
        raise CityPackInvalid(_in_order(problems))
    return _build(models)


def validate_pack(folder: Path | str) -> list[PackProblem]:
    """Every problem in a pack; an empty list means it loads."""
    try:
        read_pack(folder)
    except CityPackInvalid as exc:
        return exc.problems
    return []


def _in_order(problems: list[PackProblem]) -> list[PackProblem]:
    """By file in pack order, then by entry as first mentioned: an entry's problems together."""
    files = {f"{stem}.yaml": n for n, stem in enumerate(PACK_FILES)}
    entries: dict[tuple[str, str], int] = {}
    for p in problems:
        entries.setdefault((p.file, p.entry), len(entries))
    return sorted(problems, key=lambda p: (files.get(p.file, -1), entries[p.file, p.entry]))


def _read_yaml(path: Path) -> Any:
    """The document in ``path``, or the problem that stops it being read."""
    if not path.exists():
        return PackProblem(path.name, "", "", "file is missing")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        return PackProblem(path.name, "", "", f"is not valid YAML{where}")


def _empty(stem: str) -> dict[str, Any]:
    """An empty file: city.yaml then lacks every field; any other file lists nothing."""
    return {} if stem == "city" else dict.fromkeys(DOCUMENTS[stem].model_fields, [])


# ------------------------------------------------------------------ pydantic's errors


def _translate(file: str, document: Any, error: dict[str, Any]) -> PackProblem:
    """One pydantic error as a problem located by file, entry and field."""
    loc, names, items = list(error["loc"]), [], document
    if error["type"] == "pack" and error["ctx"]["up"]:
        loc = loc[: -error["ctx"]["up"]]
    while len(loc) >= 2 and isinstance(loc[1], int) and isinstance(items, dict):
        key, index = loc[0], loc[1]
        if names and NESTED_ENTRIES.get(names[-1][0]) != key:
            break  # a list inside an entry (schedule, skills, ...) is a field, not entries
        listed = items.get(key)
        names.append((key, entry_name(listed, index)))
        items, loc = listed[index], loc[2:]
    entry = "/".join(name for _, name in names)
    return PackProblem(file, entry, _field(loc), _words(error, loc))


def _field(loc: list[Any]) -> str:
    """A field path as a city team reads it: ``schedule #1 start``, ``safeguarding.leads``."""
    out = ""
    for position, part in enumerate(loc):
        if part == "[key]":  # pydantic names a mapping's bad key as (key, "[key]")
            continue
        if position + 1 < len(loc) and loc[position + 1] == "[key]":
            out += f" key {part!r}"
        elif isinstance(part, int):
            out += f" #{part + 1}"
        else:
            after_position = position and isinstance(loc[position - 1], int)
            out += (" " if after_position else "." if out else "") + str(part)
    return out


def _words(error: dict[str, Any], loc: list[Any]) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "pack":  # raised by the models, already in words
        return str(ctx["message"])
    name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    shown = _show(value.strip() if isinstance(value, str) else value)
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in PATTERN_WORDS:
        return PATTERN_WORDS[ctx["pattern"]].format(value=shown)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"{shown} is not one of: {', '.join(choices)}"
    if kind in ("greater_than_equal", "less_than_equal") and name in RANGE_WORDS:
        return RANGE_WORDS[name].format(value=shown)
    if kind == "too_short" and name in EMPTY_WORDS:
        return EMPTY_WORDS[name]
    if kind in TYPE_WORDS:
        return TYPE_WORDS[kind].format_map({**ctx, "value": shown})
    return str(error["msg"])


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# ---------------------------------------------------------- the models as spec classes


def _build(m: dict[str, Any]) -> CityPack:
    city, sg = m["city"], m["city"].safeguarding
    safeguarding: dict[str, Any] = {}
    if sg and sg.helpline:
        safeguarding["helpline"] = {k: v for k, v in sg.helpline.model_dump().items() if v}
    if sg and sg.duty_hours is not None:
        safeguarding["duty_hours"] = sg.duty_hours
    if sg and sg.leads is not None:
        safeguarding["leads"] = dict(sg.leads)
    framework = city.framework or f"{city.name} Skills Spine"
    min_age = city.email_min_age or DEFAULT_EMAIL_MIN_AGE
    messages: dict[str, Any] = {}
    if city.messages is not None:
        messages = city.messages.model_dump(exclude_none=True, by_alias=True)
        if city.messages.quiet_hours is not None:
            quiet = city.messages.quiet_hours
            messages["quiet_hours"] = {
                "from": quiet.from_.strftime("%H:%M"),
                "to": quiet.to.strftime("%H:%M"),
            }
    sources = [s.model_dump(exclude_none=True) for s in city.sources]
    channels = channel_addresses(city.channels.model_dump()) if city.channels else {}
    info = CityInfo(
        city.slug,
        city.name,
        city.timezone,
        framework,
        safeguarding,
        min_age,
        messages,
        sources,
        channels,
    )
    strands = [
        StrandSpec(s.id, s.name, s.description or "", [_skill(k) for k in s.skills])
        for s in m["spine"].strands
    ]
    districts = [DistrictSpec(d.id, d.name, d.lat, d.lon) for d in m["places"].districts]
    centroid = {d.id: d for d in districts}
    venues = [
        VenueSpec(
            v.id,
            v.name,
            v.address or "",
            v.district,
            centroid[v.district].lat if v.lat is None else v.lat,
            centroid[v.district].lon if v.lon is None else v.lon,
        )
        for v in m["places"].venues
    ]
    providers = [
        ProviderSpec(
            p.id, p.name, p.kind, p.description or "", p.website or None, p.district, p.issuer
        )
        for p in m["providers"].providers
    ]
    activities = [_activity(a) for a in m["activities"].activities]
    badges = [
        BadgeSpec(
            b.id,
            b.name,
            b.description,
            b.criteria,
            b.provider,
            b.image or None,
            [BadgeSkillSpec(s.skill, s.level) for s in b.skills],
        )
        for b in m["badges"].badges
    ]
    pathways = [
        PathwaySpec(
            p.id,
            p.name,
            p.kind,
            p.description,
            p.examples,
            [StepSpec(s.id, s.title, s.description or "", s.skills, s.badges) for s in p.steps],
        )
        for p in m["pathways"].pathways
    ]
    return CityPack(info, strands, districts, venues, providers, activities, badges, pathways)


def _skill(k: Any) -> SkillSpec:
    alignments = [{key: str(v) for key, v in a.model_dump().items()} for a in k.alignments]
    return SkillSpec(
        k.id, k.name, k.description, k.examples, k.levels, alignments, k.activity_examples
    )


def _activity(a: Any) -> ActivitySpec:
    return ActivitySpec(
        id=a.id,
        title=a.title,
        description=a.description,
        provider=a.provider,
        venue=a.venue,
        online=a.online,
        age_min=a.age_min,
        age_max=a.age_max,
        cost_pence=a.cost_pence,
        tags=[t.lower() for t in a.tags],
        examples=a.examples,
        skills=a.skills,
        badges=a.badges,
        booking=a.booking or "",
        schedule=[SlotSpec(WEEKDAYS.index(s.day.lower()), s.start, s.end) for s in a.schedule],
        sessions=[SessionSpec(s.start, s.end) for s in a.sessions],
    )
