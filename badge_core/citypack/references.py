"""Duplicate ids and references between a city pack's entries (an activity's provider, a
badge's skills, a pathway step's badges, ...), checked on the YAML as written.

So an entry with a problem of its own still has its references checked, and a reference to
it is not reported as unknown; a value of the wrong type is left to the models
(``schema.py``), which report it.
"""

from __future__ import annotations

import re
from typing import Any

from badge_core.citypack.fields import DISTRICT_PATTERN
from badge_core.errors import PackProblem


def entry_name(items: list[Any], index: int) -> str:
    """An entry's name: its id as written, or its position (#1) when it has none."""
    raw_id = items[index].get("id") if isinstance(items[index], dict) else None
    return str(raw_id) if raw_id is not None else f"#{index + 1}"


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _listed(document: Any, key: str, within: str = "") -> list[tuple[str, dict[str, Any]]]:
    """(entry name, mapping) for each mapping listed under ``key``; the checks on the
    models report anything else."""
    items = document.get(key) if isinstance(document, dict) else None
    if not isinstance(items, list):
        return []
    return [
        (within + entry_name(items, index), item)
        for index, item in enumerate(items)
        if isinstance(item, dict)
    ]


def cross_check(docs: dict[str, Any]) -> list[PackProblem]:
    """Duplicate ids and references to ids the pack does not define, on the YAML as written
    (a value of the wrong type is left to the models)."""
    out: list[PackProblem] = []

    def ids(file: str, entries: list[tuple[str, dict[str, Any]]], what: str = "id") -> set[str]:
        seen: set[str] = set()
        for name, raw in entries:
            ident = _text(raw.get("id"))
            if ident and ident in seen:
                out.append(PackProblem(file, name, "id", f"duplicate {what} {ident!r}"))
            seen.add(ident)
        return seen - {""}

    def refs(file: str, name: str, field: str, values: Any, known: set[str], kind: str) -> None:
        for ref in map(_text, values if isinstance(values, list) else [values]):
            if kind == "district" and not re.match(DISTRICT_PATTERN, ref):
                continue  # not a district at all: the model says so
            if ref and ref not in known:
                where = " (not in places.yaml)" if kind == "district" else ""
                out.append(PackProblem(file, name, field, f"unknown {kind} {ref!r}{where}"))

    strands = _listed(docs.get("spine"), "strands")
    ids("spine.yaml", strands)
    spine = [entry for name, raw in strands for entry in _listed(raw, "skills", f"{name}/")]
    skills = ids("spine.yaml", spine, "skill id")
    places = docs.get("places")
    districts = ids("places.yaml", _listed(places, "districts"))
    venues = ids("places.yaml", _listed(places, "venues"))
    for name, raw in _listed(places, "venues"):
        refs("places.yaml", name, "district", raw.get("district"), districts, "district")
    providers = ids("providers.yaml", _listed(docs.get("providers"), "providers"))
    for name, raw in _listed(docs.get("providers"), "providers"):
        refs("providers.yaml", name, "district", raw.get("district"), districts, "district")
    badges = ids("badges.yaml", _listed(docs.get("badges"), "badges"))
    for name, raw in _listed(docs.get("badges"), "badges"):
        refs("badges.yaml", name, "provider", raw.get("provider"), providers, "provider")
        listed = raw.get("skills") if isinstance(raw.get("skills"), list) else []
        for n, item in enumerate(listed, start=1):
            skill = item.get("skill") if isinstance(item, dict) else item
            refs("badges.yaml", name, f"skills #{n}", skill, skills, "skill")
    activities = _listed(docs.get("activities"), "activities")
    ids("activities.yaml", activities)
    for name, raw in activities:
        for field, known, kind in (
            ("provider", providers, "provider"),
            ("venue", venues, "venue"),
            ("skills", skills, "skill"),
            ("badges", badges, "badge"),
        ):
            refs("activities.yaml", name, field, raw.get(field), known, kind)
    pathways = _listed(docs.get("pathways"), "pathways")
    ids("pathways.yaml", pathways)
    for name, raw in pathways:
        steps = _listed(raw, "steps", f"{name}/")
        ids("pathways.yaml", steps)
        for step, step_raw in steps:
            refs("pathways.yaml", step, "skills", step_raw.get("skills"), skills, "skill")
            refs("pathways.yaml", step, "badges", step_raw.get("badges"), badges, "badge")
    safeguarding = (docs.get("city") or {}).get("safeguarding")
    leads = safeguarding.get("leads") if isinstance(safeguarding, dict) else None
    if isinstance(leads, dict):
        refs("city.yaml", "", "safeguarding.leads", list(leads), providers, "provider")
    return out
