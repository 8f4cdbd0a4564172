"""The ``colbot`` command: city teams', youth workers' and operators' entry point.

    colbot db upgrade                      migrate the database to the newest schema
    colbot city validate PATH              list every problem in a city pack
    colbot city load PATH [--if-empty]     load (or update) a city pack, all or nothing
    colbot city export --city SLUG --out PATH
    colbot whats-on [--city SLUG] [--days N]
    colbot match skills|pathways [TEXT] [--city SLUG] [--top N] [--json]
    colbot search activities [TEXT] [--city SLUG] [--near PL4] [--age-band 13-15] [--top N] [--json]
    colbot report [--city SLUG] [--from DATE] [--to DATE] --out DIR
    colbot simulate [--city SLUG] [--learners N] [--weeks N] [--seed N]
    colbot admin token [--city SLUG] [--label TEXT]   a city admin's dashboard token (shown once)
    colbot admin list | revoke ID
    colbot staff invite --provider KEY --role issuer|org-admin|safeguarding-lead [--city SLUG]
                        [--label TEXT]
    colbot staff list [--city SLUG] | remove ID
    colbot codes new --badge KEY [--activity KEY] (--single N | --cap N) [--valid-from T]
                     [--valid-until T] [--poster FILE] [--json]
    colbot codes list [--city SLUG] [--json] | close CODE
    colbot learner export|erase (--id PUBLIC_ID | --channel CH --address ADDR)
    colbot learner move --id PUBLIC_ID --to SLUG   a learner who moved city, badges and all
    colbot retention run [--dry-run]        delete what is past its time (see services.retention)
    colbot concerns list [--city SLUG] [--open] [--json]   safeguarding concerns (docs/safeguarding.md)
    colbot concerns resolve ID --note TEXT [--by NAME]
    colbot badges list [--city SLUG] [--json]
    colbot awards list [--city SLUG] [--json] | revoke ID [--reason TEXT]
    colbot credentials show AWARD_ID [--ob2]   an award's signed credential (or OB 2.0 assertion)
    colbot credentials verify FILE             signature, status, expiry: exit 0 only if valid
    colbot credentials status-list [--city SLUG] [--key KEY]
    colbot keys rotate [--city SLUG] | show [--city SLUG]
    colbot outbox list [--status S] [--city SLUG] [--json]   messages the bot sends first
    colbot outbox stats [--city SLUG]       this month: sent, not sent and why, SMS cost
    colbot outbox run (--once [--at ISO_TIME] | --forever)   send what is due
    colbot corrections list [--city SLUG] [--status new|accepted|dismissed] [--json]
    colbot corrections accept ID [--text TEXT] [--skill KEY] | dismiss ID | check [--json]
    colbot poll start --question Q --option A --option B [--days N] [--city SLUG]
    colbot poll results ID [--json] | close ID   a city poll's counts (small ones suppressed)
    colbot import openactive|oruk|ical|csv SOURCE [--key K] [--provider KEY] [--city SLUG]
                  [--dry-run] [--overwrite-edits] [--json]   (docs/data-sources.md)
    colbot import all [--city SLUG] [--dry-run]   every source city.yaml lists
    colbot import due (--once [--at ISO_TIME] | --forever [--poll S])   each city's listed
                  sources whose every_hours have passed (make run keeps it going)
    colbot review activities [--city SLUG] [--json]   imported activities waiting for skills
    colbot review confirm KEY [--skills a,b] [--badges b1] | edit KEY [--title T] [--ages 11-16]
    colbot spine align [--city SLUG] [--top N] [--json]   ESCO skills to confirm into spine.yaml
    colbot model export                     the matching model for ONNX Runtime (setup does it)

The match and search commands read one text per line from standard input when no TEXT is
given, and write one result per line (JSON with --json), loading the model once.

Settings come from the environment (``COLBOT_DATABASE_URL`` and friends); domain errors
become a one-line message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from sqlalchemy.exc import OperationalError, ProgrammingError

from badge_core.cli import (
    city,
    corrections,
    credentials,
    imports,
    insights,
    learners,
    model,
    outbox,
    polls,
    spine,
    staff,
)
from badge_core.cli.app import App
from badge_core.config import InsecureKey, Settings, check_secret_key, load_settings
from badge_core.errors import ColbotError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="colbot", description="Cities of Learning bot")
    commands = parser.add_subparsers(dest="command", required=True)
    groups = (city, imports, corrections, insights, staff, credentials, learners, outbox, polls)
    for group in (*groups, spine, model):
        group.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    args = build_parser().parse_args(argv)
    if settings is None:
        try:
            check_secret_key()  # a key that differs from the bot's makes codes it cannot find
        except InsecureKey as error:
            print(f"colbot: {error}", file=sys.stderr)
            return 2
    app = App(settings or load_settings())
    run: Callable[[App, argparse.Namespace], int] = args.run
    try:
        return run(app, args)
    except argparse.ArgumentTypeError as error:
        print(f"colbot: {error}", file=sys.stderr)
        return 2
    except ColbotError as error:
        print(f"colbot: {error}", file=sys.stderr)
        return 1
    except (OperationalError, ProgrammingError) as error:  # not reachable, or not upgraded
        print(
            f"colbot: the database could not be used ({type(error.orig).__name__}): is it "
            "running, and at the newest schema? (colbot db upgrade; make setup does it)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
