"""``colbot outbox``: what the bot sends first (badge_core/outbound/), for operators.

colbot outbox list [--status S] [--city SLUG] [--json]
colbot outbox stats [--city SLUG]              this month: by status, why not sent, SMS cost
colbot outbox run (--once [--at ISO_TIME] | --forever [--poll S])
"""

from __future__ import annotations

import argparse
import json
import logging
from typing import Any

from badge_core.cli.app import App, add_worker_modes, stop_on_signals
from badge_core.models import OutboxStatus
from badge_core.outbound.worker import Worker, channels_from_env
from badge_core.services.alerts import plan
from badge_core.services.outbox import list_messages, outbox_stats


def cmd_list(app: App, args: argparse.Namespace) -> int:
    messages = list_messages(app.uow(), status=args.status, city_slug=args.city)
    if args.json:
        print(json.dumps([m.as_dict() for m in messages], indent=2))
        return 0
    if not messages:
        print("No messages.")
    for m in messages:
        why = f" ({m.reason})" if m.reason else ""
        print(f"{m.id:>6}  {m.city}  {m.kind:<16} {m.channel:<9} {m.status}{why}")
    return 0


def cmd_stats(app: App, args: argparse.Namespace) -> int:
    stats = outbox_stats(app.uow(), args.city or app.settings.default_city)
    print(json.dumps(stats, indent=2))
    return 0


def cmd_run(app: App, args: argparse.Namespace) -> int:
    worker = Worker(
        app.uow,
        app.settings.secret_key,
        channels_from_env(),
        planner=lambda now: plan(app.uow, app.matcher, now=now).counts(),
    )
    if args.once:
        report = worker.run_once(args.at)
        print(json.dumps(report.counts, sort_keys=True))
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    worker.run_forever(stop_on_signals(), poll_s=args.poll)
    return 0


def add_commands(commands: Any) -> None:
    outbox = commands.add_parser("outbox", help="messages the bot sends first").add_subparsers(
        dest="outbox_command", required=True
    )
    listing = outbox.add_parser("list", help="the newest messages (no words, no addresses)")
    listing.add_argument("--status", choices=[s.value for s in OutboxStatus])
    listing.add_argument("--city")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=cmd_list)

    stats = outbox.add_parser("stats", help="this month's messages and SMS cost")
    stats.add_argument("--city")
    stats.set_defaults(run=cmd_stats)

    run = outbox.add_parser("run", help="send what is due")
    add_worker_modes(run, "send what is due", poll_s=1.0)
    run.set_defaults(run=cmd_run)
