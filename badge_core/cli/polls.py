"""``colbot poll``: a city team's one-question poll to learners who asked to hear from the
bot, and its counts (small ones suppressed)."""

from __future__ import annotations

import argparse
import json
from datetime import timedelta
from typing import Any

from badge_core.cli.app import App


def cmd_start(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.polls import start_poll

    city = args.city or app.settings.default_city
    started = start_poll(
        app.uow(), city, args.question, args.option, open_for=timedelta(days=args.days)
    )
    print(
        f"Poll {started.poll_id} open for {args.days} days: {started.question!r}, "
        f"going to {started.sent_to} learner(s) who asked to hear from the bot."
    )
    return 0


def cmd_results(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.polls import poll_results

    city = args.city or app.settings.default_city
    table = poll_results(app.uow(), city, args.id)
    rows = table.shown()
    if args.json:
        print(json.dumps({"question": table.title, "rows": rows}, ensure_ascii=False))
        return 0
    print(table.title)
    for answer, count in rows:
        print(f"{count}\t{answer}")
    return 0


def cmd_close(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.polls import close_poll

    city = args.city or app.settings.default_city
    question = close_poll(app.uow(), city, args.id)
    print(f"Poll {args.id} closed: {question!r}. Messages not yet sent will not go.")
    return 0


def add_commands(commands: Any) -> None:
    poll = commands.add_parser(
        "poll", help="ask learners who hear from the bot one question"
    ).add_subparsers(dest="poll_cmd", required=True)
    start = poll.add_parser("start", help="open a poll and send it")
    start.add_argument("--city")
    start.add_argument("--question", required=True)
    start.add_argument(
        "--option", action="append", required=True, help="an answer to pick (2 to 5 of them)"
    )
    start.add_argument("--days", type=int, default=14, help="how long it stays open")
    start.set_defaults(run=cmd_start)
    results = poll.add_parser("results", help="how many picked each answer")
    results.add_argument("id", type=int)
    results.add_argument("--city")
    results.add_argument("--json", action="store_true")
    results.set_defaults(run=cmd_results)
    close = poll.add_parser("close", help="close a poll now")
    close.add_argument("id", type=int)
    close.add_argument("--city")
    close.set_defaults(run=cmd_close)
