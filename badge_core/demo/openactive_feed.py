"""A large OpenActive RPDE feed written to a folder, for the import benchmark and its test:
``items`` SessionSeries across the demo city's districts, in pages of ``page_size``, each page
linking to the next and the last pointing at itself, as the RPDE specification's examples do.
``grow`` then publishes changes to some items as a new page, as a live feed would."""

from __future__ import annotations

import json
import random
from pathlib import Path

KINDS = [
    ("Junior swim squad", "Swimming", "Lane swimming and stroke technique with club coaches."),
    ("Youth climbing", "Climbing", "Bouldering and top-rope climbing, all kit provided."),
    ("Street dance", "Dance", "Hip hop and street dance routines for all levels."),
    ("Boxing fitness", "Boxing", "Pad work, skipping and circuits. No sparring."),
    ("Teen gym induction", "Gym", "Learn to use the gym safely with an instructor."),
    ("Netball club", "Netball", "Friendly matches and drills for every level."),
    ("Trampolining", "Trampolining", "Bounce, learn moves and work towards badges."),
    ("Parkour", "Parkour", "Vaults, jumps and rolls with qualified coaches."),
]
DISTRICTS = ["PL1", "PL2", "PL3", "PL4", "PL5", "PL6", "PL7", "PL8", "PL9"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _series(n: int, rng: random.Random, version: int = 0) -> dict[str, object]:
    title, label, description = KINDS[n % len(KINDS)]
    district = DISTRICTS[n % len(DISTRICTS)]
    hour = 16 + n % 4
    return {
        "state": "updated",
        "kind": "SessionSeries",
        "id": f"ss-{n}",
        "modified": 1_000_000 + n + version * 100_000,
        "data": {
            "@type": "SessionSeries",
            "@id": f"https://leisure.example/api/session-series/ss-{n}",
            "name": f"{title} {n}" + (f" (updated {version})" if version else ""),
            "description": description,
            "organizer": {"@type": "Organization", "name": f"Leisure provider {n % 40}"},
            "location": {
                "@type": "Place",
                "name": f"Centre {n % 120}",
                "address": {"postalCode": f"{district} {rng.randint(1, 9)}AB"},
            },
            "ageRange": {"minValue": 11 + n % 3, "maxValue": 16 + n % 4},
            "offers": [{"price": (n % 5) * 1.5}],
            "activity": [{"prefLabel": label}],
            "eventSchedule": [
                {
                    "@type": "PartialSchedule",
                    "repeatFrequency": "P1W",
                    "byDay": [f"https://schema.org/{DAYS[n % 7]}"],
                    "startTime": f"{hour}:00",
                    "endTime": f"{hour + 1}:00",
                }
            ],
        },
    }


def write_feed(folder: Path, items: int, page_size: int = 500, seed: int = 1) -> Path:
    """The feed's pages in ``folder``; returns the first page's path."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    pages = [list(range(i, min(i + page_size, items))) for i in range(0, items, page_size)]
    for number, page in enumerate(pages):
        document = {"next": f"page-{number + 1}.json", "items": [_series(n, rng) for n in page]}
        (folder / f"page-{number}.json").write_text(json.dumps(document))
    last = len(pages)
    (folder / f"page-{last}.json").write_text(
        json.dumps({"next": f"page-{last}.json", "items": []})
    )
    return folder / "page-0.json"


def grow(folder: Path, changed: list[int], seed: int = 2) -> None:
    """Publish new versions of the ``changed`` items where the feed's last page was."""
    rng = random.Random(seed)
    last = max(int(p.stem.split("-")[1]) for p in folder.glob("page-*.json"))
    document = {"next": f"page-{last + 1}.json", "items": [_series(n, rng, 1) for n in changed]}
    (folder / f"page-{last}.json").write_text(json.dumps(document))
    (folder / f"page-{last + 1}.json").write_text(
        json.dumps({"next": f"page-{last + 1}.json", "items": []})
    )
