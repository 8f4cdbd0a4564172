"""The ``colbot`` command: city teams', youth workers' and operators' entry point.

    colbot db upgrade                      migrate the database to the newest schema
    colbot city validate PATH              list every problem in a city pack
    colbot city load PATH [--if-empty]     load (or update) a city pack, all or nothing
    colbot city export --city SLUG --out PATH
    colbot whats-on [--city SLUG] [--days N]

Settings come from the environment (``COLBOT_DATABASE_URL`` and friends); domain errors
become a one-line message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from badge_core import migrate
from badge_core.citypack import export_pack, load_pack, read_pack, validate_pack
from badge_core.config import Settings, load_settings
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.errors import CityPackInvalid, ColbotError
from badge_core.services.catalogue import whats_on
from badge_core.services.cities import city_slugs


class App:
    """What a command needs: settings and, on first use, a database."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._uow: UnitOfWorkFactory | None = None

    @property
    def uow(self) -> UnitOfWorkFactory:
        if self._uow is None:
            self._uow = unit_of_work_factory(make_engine(self.settings.database_url))
        return self._uow


def cmd_db_upgrade(app: App, args: argparse.Namespace) -> int:
    migrate.upgrade(app.settings.database_url)
    print("Database is at the newest schema.")
    return 0


def cmd_city_validate(app: App, args: argparse.Namespace) -> int:
    problems = validate_pack(args.path)
    if not problems:
        print(f"{args.path}: no problems found.")
        return 0
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {args.path}.", file=sys.stderr)
    return 1


def cmd_city_load(app: App, args: argparse.Namespace) -> int:
    migrate.upgrade(app.settings.database_url)
    if args.if_empty and city_slugs(app.uow()):
        print("A city is already loaded; nothing to do.")
        return 0
    try:
        pack = read_pack(args.path)
        result = load_pack(app.uow(), pack)
    except CityPackInvalid as invalid:
        for problem in invalid.problems:
            print(problem)
        print(f"Nothing was loaded: {len(invalid.problems)} problem(s).", file=sys.stderr)
        return 1
    print(f"Loaded {pack.city.name} ({result.city_slug}): {result.changes} change(s).")
    return 0


def cmd_city_export(app: App, args: argparse.Namespace) -> int:
    written = export_pack(app.uow(), args.city, args.out)
    print(f"Wrote {len(written)} files to {args.out}.")
    return 0


def cmd_whats_on(app: App, args: argparse.Namespace) -> int:
    summary = whats_on(app.uow(), args.city or app.settings.default_city, days=args.days)
    print(
        f"{summary.city_name}: {summary.activity_count} activities meet "
        f"{summary.session_count} times in the next {args.days} days."
    )
    city_tz = ZoneInfo(summary.timezone)
    for occurrence in summary.next_up:
        print(f"  {occurrence.starts_at.astimezone(city_tz):%a %d %b %H:%M}  {occurrence.title}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="colbot", description="Cities of Learning bot")
    commands = parser.add_subparsers(dest="command", required=True)

    db = commands.add_parser("db", help="database schema").add_subparsers(dest="db", required=True)
    db.add_parser("upgrade", help="migrate to the newest schema").set_defaults(run=cmd_db_upgrade)

    city = commands.add_parser("city", help="city packs").add_subparsers(dest="city_cmd", required=True)
    validate = city.add_parser("validate", help="report every problem in a pack")
    validate.add_argument("path", type=Path)
    validate.set_defaults(run=cmd_city_validate)
    load = city.add_parser("load", help="load or update a pack (all or nothing)")
    load.add_argument("path", type=Path)
    load.add_argument("--if-empty", action="store_true", help="only when no city is loaded yet")
    load.set_defaults(run=cmd_city_load)
    export = city.add_parser("export", help="write a city back out as a pack")
    export.add_argument("--city", required=True)
    export.add_argument("--out", type=Path, required=True)
    export.set_defaults(run=cmd_city_export)

    on = commands.add_parser("whats-on", help="how much is on in the coming days")
    on.add_argument("--city")
    on.add_argument("--days", type=int, default=7)
    on.set_defaults(run=cmd_whats_on)
    return parser


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    args = build_parser().parse_args(argv)
    app = App(settings or load_settings())
    run: Callable[[App, argparse.Namespace], int] = args.run
    try:
        return run(app, args)
    except ColbotError as error:
        print(f"colbot: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
