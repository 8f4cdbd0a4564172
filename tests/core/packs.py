"""A small valid city pack, as Python data, for tests to break one thing at a time."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

SMALL_PACK: dict[str, Any] = {
    "city": {"slug": "testville", "name": "Testville", "timezone": "Europe/London"},
    "spine": {
        "strands": [
            {
                "id": "essential",
                "name": "Essential skills",
                "skills": [
                    {"id": "teamwork", "name": "Teamwork", "description": "Working with others"},
                    {"id": "listening", "name": "Listening", "description": "Hearing people out"},
                ],
            },
            {
                "id": "active",
                "name": "Active",
                "skills": [{"id": "sport", "name": "Sport", "description": "Playing sport"}],
            },
        ]
    },
    "places": {
        "districts": [
            {"id": "PL1", "name": "City Centre", "lat": 50.37, "lon": -4.15},
            {"id": "PL4", "name": "Lipson", "lat": 50.372, "lon": -4.12},
        ],
        "venues": [
            {"id": "hall", "name": "Town Hall", "district": "PL1"},
            {"id": "park", "name": "Park", "district": "PL4", "lat": 50.373, "lon": -4.121},
        ],
    },
    "providers": {
        "providers": [
            {"id": "youth-club", "name": "Youth Club", "kind": "youth-centre", "district": "PL1"},
            {"id": "footy", "name": "Footy FC", "kind": "sports-club"},
        ]
    },
    "activities": {
        "activities": [
            {
                "id": "football",
                "title": "Football",
                "description": "Kickabout",
                "provider": "footy",
                "venue": "park",
                "age_min": 11,
                "age_max": 16,
                "cost_pence": 0,
                "tags": ["football"],
                "skills": ["sport", "teamwork"],
                "badges": ["team-player"],
                "schedule": [{"day": "saturday", "start": "10:00", "end": "12:00"}],
            },
            {
                "id": "peer-support",
                "title": "Peer supporters",
                "description": "Learn to listen",
                "provider": "youth-club",
                "online": True,
                "age_min": 13,
                "age_max": 18,
                "skills": ["listening"],
                "badges": ["good-listener"],
                "sessions": [{"start": "2027-03-01T18:00", "end": "2027-03-01T19:30"}],
            },
        ]
    },
    "badges": {
        "badges": [
            {
                "id": "team-player",
                "name": "Team Player",
                "description": "Played as a team",
                "criteria": "Came to three sessions",
                "provider": "footy",
                "skills": [{"skill": "teamwork", "level": 1}, {"skill": "sport"}],
            },
            {
                "id": "good-listener",
                "name": "Good Listener",
                "description": "Listened well",
                "criteria": "Finished the course",
                "provider": "youth-club",
                "skills": [{"skill": "listening"}],
            },
        ]
    },
    "pathways": {
        "pathways": [
            {
                "id": "sport-and-leisure",
                "name": "Sport and leisure",
                "kind": "job-family",
                "description": "Jobs in sport",
                "steps": [
                    {"id": "play", "title": "Play a sport", "skills": ["sport"]},
                    {"id": "team", "title": "Be a team player", "badges": ["team-player"]},
                ],
            }
        ]
    },
}


def small_pack() -> dict[str, Any]:
    return copy.deepcopy(SMALL_PACK)


def write_pack(folder: Path, docs: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, document in docs.items():
        (folder / f"{stem}.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    return folder
