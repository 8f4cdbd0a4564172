"""``colbot corrections``: the skills learners said the bot read wrong, for the city team to
review, accept as examples (so matching improves for everyone) or set aside."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from badge_core.cli.app import App
from badge_core.models import CorrectionStatus


def cmd_list(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.corrections import list_corrections

    city = args.city or app.settings.default_city
    found = list_corrections(app.uow(), city, app.settings.secret_key, status=args.status)
    if args.json:
        print(json.dumps([asdict(c) for c in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        print("No corrections.")
    for c in found:
        print(
            f"{c.id}\t{c.created}\t{c.status}\t{c.wrong_skill} -> {c.chosen_skill or '(none given)'}"
            f"\t{c.words!r}"
        )
    return 0


def cmd_accept(app: App, args: argparse.Namespace) -> int:
    from badge_core.matching.embedder import default_embedder
    from badge_core.services.corrections import accept_correction
    from badge_core.services.vectors import index_city

    city = args.city or app.settings.default_city
    done = accept_correction(
        app.uow(), city, args.id, app.settings.secret_key, text=args.text, skill=args.skill
    )
    index_city(app.uow(), city, default_embedder())
    print(
        f"Correction {done.id} accepted: {done.example!r} is now an example for "
        f"{done.chosen_skill}. Export the pack (colbot city export) to keep it in your files."
    )
    return 0


def cmd_dismiss(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.corrections import dismiss_correction

    city = args.city or app.settings.default_city
    done = dismiss_correction(app.uow(), city, args.id, app.settings.secret_key)
    print(f"Correction {done.id} set aside.")
    return 0


def cmd_check(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.corrections import check_corrections

    city = args.city or app.settings.default_city
    check = check_corrections(app.uow, app.matcher, city, app.settings.secret_key)
    if args.json:
        print(json.dumps(asdict(check)))
        return 0
    print(f"The matcher now reads {check.right} of {check.checked} corrections right.")
    if check.still_wrong:
        print(f"Still wrong: {', '.join(map(str, check.still_wrong))}")
    return 0


def add_commands(commands: Any) -> None:
    corrections = commands.add_parser(
        "corrections", help="skills learners said the bot read wrong"
    ).add_subparsers(dest="corrections_cmd", required=True)
    listing = corrections.add_parser("list", help="the city's corrections, oldest first")
    listing.add_argument("--city")
    listing.add_argument("--status", choices=[s.value for s in CorrectionStatus])
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=cmd_list)
    accept = corrections.add_parser("accept", help="make a correction an example for its skill")
    accept.add_argument("id", type=int)
    accept.add_argument("--city")
    accept.add_argument("--text", help="the example as you want it (edit out anything personal)")
    accept.add_argument("--skill", help="the skill it shows, when not the learner's pick")
    accept.set_defaults(run=cmd_accept)
    dismiss = corrections.add_parser("dismiss", help="set a correction aside")
    dismiss.add_argument("id", type=int)
    dismiss.add_argument("--city")
    dismiss.set_defaults(run=cmd_dismiss)
    check = corrections.add_parser("check", help="how many the matcher now reads right")
    check.add_argument("--city")
    check.add_argument("--json", action="store_true")
    check.set_defaults(run=cmd_check)
