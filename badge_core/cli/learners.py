"""``colbot`` commands: one learner's data on request, retention, and safeguarding concerns."""

from __future__ import annotations

import argparse
import json
from typing import Any

from badge_core.cli.app import App


def _who(args: argparse.Namespace) -> dict[str, str | None]:
    if not args.id and not (args.channel and args.address):
        raise argparse.ArgumentTypeError("give --id, or --channel and --address")
    return {"public_id": args.id, "channel": args.channel, "address": args.address}


def cmd_learner_export(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.learner_data import export_learner

    data = export_learner(
        app.uow(), app.settings.secret_key, tracker_url=app.settings.tracker_url, **_who(args)
    )
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    return 0


def cmd_learner_erase(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.learner_data import erase_learner_by

    tracker = app.settings.tracker_url
    gone = erase_learner_by(app.uow(), app.settings.secret_key, tracker_url=tracker, **_who(args))
    print(
        f"Erased learner {gone}: profile, apps, badges"
        + (
            " and conversations."
            if tracker
            else ". COLBOT_TRACKER_URL is not set: their "
            "conversations were not erased (they go at the next retention run that has it)."
        )
    )
    return 0


def cmd_learner_move(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.learners import move_learner

    moved_from = move_learner(app.uow(), args.id, args.to)
    if moved_from == args.to:
        print(f"Learner {args.id} is already in {args.to}.")
    else:
        print(f"Learner {args.id} moved from {moved_from} to {args.to}, with their badges.")
    return 0


def cmd_retention_run(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.retention import load_policy, run_retention

    policy = load_policy()
    tracker = app.settings.tracker_url
    done = run_retention(app.uow(), policy, tracker_url=tracker, dry_run=args.dry_run)
    verb = "Would delete" if args.dry_run else "Deleted"
    print(
        f"{verb}: {done.conversation_events} conversation events older than {policy.conversations_days} days"
        f"{'' if tracker else ' (COLBOT_TRACKER_URL not set: none checked)'}, "
        f"{done.events} analytics events and {done.corrections} skill corrections not accepted, "
        f"older than {policy.events_days} days, "
        f"{done.unclaimed_codes} unclaimed codes closed over {policy.unclaimed_codes_days} days ago, "
        f"{done.opted_out_learners} learners opted out over {policy.opted_out_days} days ago, "
        f"{done.concerns} safeguarding concerns resolved over {policy.concerns_days} days ago."
    )
    return 0


def cmd_concerns_list(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.safeguarding import list_concerns

    city = args.city or app.settings.default_city
    found = list_concerns(app.uow(), app.settings.secret_key, city, open_only=args.open)
    if args.json:
        print(json.dumps([c.as_dict() for c in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        print("No concerns." if not args.open else "No open concerns.")
    for c in found:
        print(
            f"{c.concern_id}\t{c.raised_at:%Y-%m-%d %H:%M}\t{c.status}\t{c.category}\t{c.level}\t"
            f"{c.channel}\t{c.contact}\t{c.text!r}"
        )
    return 0


def cmd_concerns_resolve(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.safeguarding import resolve_concern

    if not args.note.strip():
        raise argparse.ArgumentTypeError("say what was done with --note")
    done = resolve_concern(
        app.uow(), app.settings.secret_key, args.id, note=args.note, resolved_by=args.by or ""
    )
    print(f"Concern {done.concern_id} resolved.")
    return 0


def add_commands(commands: Any) -> None:
    learner = commands.add_parser(
        "learner", help="one learner's data, on their request"
    ).add_subparsers(dest="learner_cmd", required=True)
    for name, run, text in (
        ("export", cmd_learner_export, "everything held about a learner, as JSON"),
        ("erase", cmd_learner_erase, "delete a learner and their badges"),
    ):
        sub = learner.add_parser(name, help=text)
        sub.add_argument("--id", help="the learner's public id")
        sub.add_argument("--channel", choices=["telegram", "sms", "whatsapp", "rest"])
        sub.add_argument("--address", help="the chat id or phone number they write from")
        sub.set_defaults(run=run)

    move = learner.add_parser("move", help="a learner who moved city, with their badges")
    move.add_argument("--id", required=True, help="the learner's public id")
    move.add_argument("--to", required=True, help="the city they moved to")
    move.set_defaults(run=cmd_learner_move)

    retention = commands.add_parser("retention", help="delete data past its time").add_subparsers(
        dest="retention_cmd", required=True
    )
    retention_run = retention.add_parser("run", help="run the retention job")
    retention_run.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    retention_run.set_defaults(run=cmd_retention_run)

    concerns = commands.add_parser("concerns", help="safeguarding concerns").add_subparsers(
        dest="concerns_cmd", required=True
    )
    concerns_list = concerns.add_parser("list", help="the city's concerns, newest first")
    concerns_list.add_argument("--city")
    concerns_list.add_argument("--open", action="store_true", help="only those not resolved")
    concerns_list.add_argument("--json", action="store_true")
    concerns_list.set_defaults(run=cmd_concerns_list)
    resolve = concerns.add_parser("resolve", help="close a concern with what was done")
    resolve.add_argument("id", help="the concern's id (or its first 8 characters)")
    resolve.add_argument("--note", required=True, help="what was done (kept encrypted)")
    resolve.add_argument("--by", help="who dealt with it, e.g. a name or role")
    resolve.set_defaults(run=cmd_concerns_resolve)
