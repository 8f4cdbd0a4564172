"""``colbot`` commands: the city team's commissioning report, and demo traffic to fill one."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from badge_core.cli.app import App


def date_arg(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def cmd_report(app: App, args: argparse.Namespace) -> int:
    from badge_core.reporting import write_report
    from badge_core.services.insights import build_insights

    city = args.city or app.settings.default_city
    end = args.to + timedelta(days=1) if args.to else None
    insights = build_insights(
        app.uow(),
        city,
        start=args.start,
        end=end,
        secret_key=app.settings.secret_key,
        matcher=app.matcher,
    )
    written = write_report(insights, args.out)
    print(f"Wrote {written[0]} and {len(written) - 1} CSV files.")
    return 0


def cmd_simulate(app: App, args: argparse.Namespace) -> int:
    from badge_core.config import real_world_settings
    from badge_core.demo import simulate

    live = [] if args.force else real_world_settings()
    if live:
        print(
            f"colbot: {', '.join(live)} is set: this looks like a deployment real people use, and "
            "simulate would fill its database and its report with made-up learners. Run it "
            "against a demo database, or add --force if this really is one.",
            file=sys.stderr,
        )
        return 2
    city = args.city or app.settings.default_city
    summary = simulate(
        app.uow,
        city,
        learners=args.learners,
        weeks=args.weeks,
        seed=args.seed,
        secret_key=app.settings.secret_key,
    )
    print(f"Simulated {summary}")
    return 0


def add_commands(commands: Any) -> None:
    report = commands.add_parser("report", help="commissioning insights: HTML and CSV")
    report.add_argument("--city")
    report.add_argument("--from", dest="start", type=date_arg, help="first day, YYYY-MM-DD")
    report.add_argument("--to", type=date_arg, help="last day, YYYY-MM-DD")
    report.add_argument("--out", type=Path, required=True)
    report.set_defaults(run=cmd_report)

    simulation = commands.add_parser("simulate", help="realistic traffic for a demo report")
    simulation.add_argument("--city")
    simulation.add_argument("--learners", type=int, default=2000)
    simulation.add_argument("--weeks", type=int, default=12)
    simulation.add_argument("--seed", type=int, default=1)
    simulation.add_argument("--force", action="store_true", help="even where channels are set")
    simulation.set_defaults(run=cmd_simulate)
