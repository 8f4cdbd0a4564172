"""``make bench`` (report part): how long the commissioning report takes for 100,000 events.

Fills a fresh SQLite file with the demo city, 2,000 learners, 100,000 events of every kind
the bot logs and 6,000 awards (bulk inserts: this measures the report, not the services),
then times building the insights and writing the HTML and CSVs, three times.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks_doc import write_section
from sqlalchemy import insert, select

from badge_core import migrate
from badge_core.citypack import load_pack, read_pack
from badge_core.db import make_engine, unit_of_work_factory
from badge_core.models import Award, BadgeClass, City, Event, Learner
from badge_core.reporting import write_report
from badge_core.services.insights import build_insights

REPO = Path(__file__).resolve().parent.parent
START, END = "<!-- report:start -->", "<!-- report:end -->"
INTERESTS = [
    "football",
    "music",
    "coding",
    "art",
    "knitting",
    "chess",
    "dance",
    "cooking",
    "horse riding",
    "",
]
OUTCOMES = ["ok"] * 6 + [
    "CodeUnknown",
    "CodeExpired",
    "CodeUsedUp",
    "AlreadyEarned",
    "TooManyAttempts",
]


def fill(url: str, events: int, learners: int, awards: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    uow = unit_of_work_factory(make_engine(url))
    load_pack(uow(), read_pack(REPO / "cities" / "plymouth"))
    end = datetime.now(UTC)
    with uow() as unit:
        session = unit.session
        city_id = session.scalar(select(City.id))
        badge_ids = list(session.scalars(select(BadgeClass.id)))
        bands = ["under-13", "13-15", "16-18", "19-25", None]
        session.execute(
            insert(Learner),
            [
                {
                    "public_id": f"b-{n}",
                    "city_id": city_id,
                    "age_band": rng.choice(bands),
                    "district": f"PL{rng.randint(1, 9)}",
                    "interests": [],
                    "created_at": end - timedelta(days=rng.randint(0, 84)),
                    "last_seen_at": end,
                }
                for n in range(learners)
            ],
        )
        learner_ids = list(session.scalars(select(Learner.id)))
        rows = []
        for _ in range(events):
            kind = rng.choices(
                ["search", "claim_attempt", "pathway_suggested", "skills_read"], [6, 2, 1, 1]
            )[0]
            data: dict = {}
            if kind == "search":
                data = {
                    "interest": rng.choice(INTERESTS),
                    "district": f"PL{rng.randint(1, 9)}",
                    "age_band": rng.choice(bands),
                    "results": rng.choice([0, 0, 3, 7, 12]),
                }
            elif kind == "claim_attempt":
                data = {"outcome": rng.choice(OUTCOMES)}
            elif kind == "pathway_suggested":
                data = {"pathways": ["digital-careers"]}
            rows.append(
                {
                    "city_id": city_id,
                    "kind": kind,
                    "learner_id": rng.choice(learner_ids),
                    "channel": rng.choice(["sms", "whatsapp", "telegram"]),
                    "occurred_at": end - timedelta(minutes=rng.randint(0, 84 * 24 * 60)),
                    "data": data,
                }
            )
        session.execute(insert(Event), rows)
        pairs = rng.sample([(lid, bid) for lid in learner_ids for bid in badge_ids], awards)
        session.execute(
            insert(Award),
            [
                {
                    "public_id": f"a-{n}",
                    "learner_id": lid,
                    "badge_class_id": bid,
                    "status": "awarded",
                    "awarded_at": end - timedelta(days=rng.randint(0, 83)),
                }
                for n, (lid, bid) in enumerate(pairs)
            ],
        )
        session.commit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        migrate.upgrade(url)
        fill(url, args.events, 2000, 6000)
        uow = unit_of_work_factory(make_engine(url))
        timings = []
        for run in range(3):
            started = time.perf_counter()
            insights = build_insights(uow(), "plymouth")
            write_report(insights, Path(tmp) / f"report-{run}")
            timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    section = "\n".join(
        [
            START,
            "## Commissioning report (`make bench`)",
            "",
            f"Measured {date.today().isoformat()}: `colbot report` work (build the insights, write the",
            f"HTML with charts and the CSVs) on SQLite with {args.events:,} events, 2,000 learners and",
            "6,000 awards over 12 weeks.",
            "",
            "| measure | value |",
            "| --- | --- |",
            f"| median of 3 runs | {median:.2f} s |",
            f"| runs | {', '.join(f'{t:.2f} s' for t in timings)} |",
            END,
        ]
    )
    write_section(args.out, START, END, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
