"""Write a city from the database back out as a pack that loads to the same state."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy import select

from badge_core.citypack.load import pack_rows
from badge_core.citypack.spec import WEEKDAYS
from badge_core.db import UnitOfWork
from badge_core.models import (
    DEFAULT_EMAIL_MIN_AGE,
    Activity,
    BadgeClass,
    District,
    ImportSource,
    Pathway,
    Provider,
    Venue,
)
from badge_core.queries.cities import get_city


def _without_empty(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if v not in (None, [], "")}


def pack_documents(uow: UnitOfWork, city_slug: str) -> dict[str, Any]:
    """The pack's YAML documents, by file stem."""
    with uow:
        return _documents(uow, city_slug)


def _documents(uow: UnitOfWork, city_slug: str) -> dict[str, Any]:
    session = uow.session
    city = get_city(uow, city_slug)
    tz = ZoneInfo(city.timezone)

    def of_city(model: Any) -> list[Any]:
        return list(session.scalars(pack_rows(model, city.id).order_by(model.id)))

    sources = _sources(session, city)
    districts = of_city(District)
    code_of = {d.id: d.code for d in districts}
    venues = {v.id: v for v in of_city(Venue)}
    providers = {p.id: p for p in of_city(Provider)}

    def local(moment: Any) -> str:
        return moment.astimezone(tz).replace(tzinfo=None).isoformat(timespec="minutes")

    return {
        "city": {
            "slug": city.slug,
            "name": city.name,
            "timezone": city.timezone,
            "framework": city.framework,
            **({"safeguarding": city.safeguarding} if city.safeguarding else {}),
            **({"messages": city.messages} if city.messages else {}),
            **({"sources": sources} if sources else {}),
            **({"channels": city.channels} if city.channels else {}),
            **(
                {"email_min_age": city.email_min_age}
                if city.email_min_age != DEFAULT_EMAIL_MIN_AGE
                else {}
            ),
        },
        "spine": {
            "strands": [
                _without_empty(
                    {
                        "id": strand.key,
                        "name": strand.name,
                        "description": strand.description,
                        "skills": [
                            _without_empty(
                                {
                                    "id": s.key,
                                    "name": s.name,
                                    "description": s.description,
                                    "examples": s.examples,
                                    "levels": s.levels,
                                    "activity_examples": s.activity_examples,
                                    "alignments": s.alignments,
                                }
                            )
                            for s in strand.skills
                        ],
                    }
                )
                for strand in city.strands
            ]
        },
        "places": {
            "districts": [
                {"id": d.code, "name": d.name, "lat": d.lat, "lon": d.lon} for d in districts
            ],
            "venues": [
                _without_empty(
                    {
                        "id": v.key,
                        "name": v.name,
                        "address": v.address,
                        "district": code_of[v.district_id],
                        "lat": v.lat,
                        "lon": v.lon,
                    }
                )
                for v in venues.values()
            ],
        },
        "providers": {
            "providers": [
                _without_empty(
                    {
                        "id": p.key,
                        "name": p.name,
                        "kind": p.kind,
                        "description": p.description,
                        "website": p.website,
                        "district": code_of.get(p.district_id) if p.district_id else None,
                        "issuer": p.issuer or None,
                    }
                )
                for p in providers.values()
            ]
        },
        "activities": {
            "activities": [
                _without_empty(
                    {
                        "id": a.key,
                        "title": a.title,
                        "description": a.description,
                        "provider": providers[a.provider_id].key,
                        "venue": venues[a.venue_id].key if a.venue_id else None,
                        "online": a.online,
                        "age_min": a.age_min,
                        "age_max": a.age_max,
                        "cost_pence": a.cost_pence,
                        "tags": a.tags,
                        "examples": a.examples,
                        "skills": [s.key for s in a.skills],
                        "badges": sorted(b.key for b in a.badges),
                        "booking": a.booking,
                        "schedule": [
                            {
                                "day": WEEKDAYS[slot.weekday],
                                "start": slot.start_time.strftime("%H:%M"),
                                "end": slot.end_time.strftime("%H:%M"),
                            }
                            for slot in a.weekly_slots
                        ],
                        "sessions": [
                            {"start": local(s.starts_at), "end": local(s.ends_at)}
                            for s in a.sessions
                        ],
                    }
                )
                for a in of_city(Activity)
            ]
        },
        "badges": {
            "badges": [
                _without_empty(
                    {
                        "id": b.key,
                        "name": b.name,
                        "description": b.description,
                        "criteria": b.criteria,
                        "provider": providers[b.provider_id].key,
                        "image": b.image,
                        "skills": [
                            _without_empty({"skill": al.skill.key, "level": al.level})
                            for al in b.alignments
                        ],
                    }
                )
                for b in of_city(BadgeClass)
            ]
        },
        "pathways": {
            "pathways": [
                _without_empty(
                    {
                        "id": p.key,
                        "name": p.name,
                        "kind": p.kind,
                        "description": p.description,
                        "examples": p.examples,
                        "steps": [
                            _without_empty(
                                {
                                    "id": step.key,
                                    "title": step.title,
                                    "description": step.description,
                                    "skills": [s.key for s in step.skills],
                                    "badges": sorted(b.key for b in step.badges),
                                }
                            )
                            for step in p.steps
                        ],
                    }
                )
                for p in sorted(of_city(Pathway), key=lambda p: p.position)
            ]
        },
    }


def _sources(session: Any, city: Any) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(ImportSource)
        .where(ImportSource.city_id == city.id, ImportSource.in_pack.is_(True))
        .order_by(ImportSource.id)
    )
    return [
        _without_empty(
            {
                "id": r.key,
                "kind": r.kind,
                "location": r.location,
                "provider": r.provider_key,
                "every_hours": r.every_hours if r.every_hours != 24 else None,
            }
        )
        for r in rows
    ]


def export_pack(uow: UnitOfWork, city_slug: str, folder: Path | str) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, document in pack_documents(uow, city_slug).items():
        path = folder / f"{stem}.yaml"
        path.write_text(
            yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8",
        )
        written.append(path)
    return written
