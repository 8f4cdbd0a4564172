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

The match and search commands read one text per line from standard input when no TEXT is
given, and write one result per line (JSON with --json), loading the model once.

Settings come from the environment (``COLBOT_DATABASE_URL`` and friends); domain errors
become a one-line message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from badge_core import migrate
from badge_core.citypack import export_pack, load_pack, read_pack, validate_pack
from badge_core.config import Settings, load_settings
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.errors import CityPackInvalid, ColbotError
from badge_core.matching.embedder import default_embedder
from badge_core.matching.index import index_city
from badge_core.matching.matcher import Matcher
from badge_core.services.catalogue import whats_on
from badge_core.services.cities import city_slugs
from badge_core.services.search import find_activities


class App:
    """What a command needs: settings and, on first use, a database and a matcher."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._uow: UnitOfWorkFactory | None = None
        self._matcher: Matcher | None = None

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(default_embedder())
        return self._matcher

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
    if not args.no_index:
        stats = index_city(app.uow(), result.city_slug, default_embedder())
        print(f"Matching index: {stats.encoded} text(s) encoded, {stats.reused} reused.")
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


def _texts(args: argparse.Namespace) -> Iterator[str]:
    if args.text:
        yield " ".join(args.text)
        return
    for line in sys.stdin:
        if line.strip():
            yield line.strip()


def _emit(args: argparse.Namespace, text: str, key: str, rows: list[dict[str, Any]]) -> None:
    if args.json:
        print(json.dumps({"text": text, key: rows}, ensure_ascii=False), flush=True)
        return
    print(text)
    for row in rows:
        print(f"  {row['score']:.3f}  {row['id']}  {row.get('name') or row.get('title')}")


def cmd_match(app: App, args: argparse.Namespace) -> int:
    city = args.city or app.settings.default_city
    rank = app.matcher.skills if args.kind == "skills" else app.matcher.pathways
    for text in _texts(args):
        matches = rank(app.uow, city, text, top=args.top)
        rows = [{"id": m.key, "name": m.name, "score": round(m.score, 4)} for m in matches]
        _emit(args, text, "matches", rows)
    return 0


def cmd_search(app: App, args: argparse.Namespace) -> int:
    city = args.city or app.settings.default_city
    for text in _texts(args):
        result = find_activities(
            app.uow, city, text, age_band=args.age_band, location=args.near, matcher=app.matcher
        )
        rows = [
            {
                "id": hit.key,
                "title": hit.title,
                "score": round(hit.score, 4),
                "starts_at": hit.starts_at.isoformat(),
                "place": hit.place,
            }
            for hit in result.hits[: args.top]
        ]
        _emit(args, text, "activities", rows)
    return 0


def _date(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def cmd_report(app: App, args: argparse.Namespace) -> int:
    from badge_core.reporting import write_report
    from badge_core.services.insights import build_insights

    city = args.city or app.settings.default_city
    end = args.to + timedelta(days=1) if args.to else None
    insights = build_insights(app.uow(), city, start=args.start, end=end)
    written = write_report(insights, args.out)
    print(f"Wrote {written[0]} and {len(written) - 1} CSV files.")
    return 0


def cmd_simulate(app: App, args: argparse.Namespace) -> int:
    from badge_core.simulation import simulate

    city = args.city or app.settings.default_city
    summary = simulate(
        app.uow, city, learners=args.learners, weeks=args.weeks, seed=args.seed,
        secret_key=app.settings.secret_key,
    )
    print(f"Simulated {summary}")
    return 0


def cmd_admin_token(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.admin import issue_admin_token

    city = args.city or app.settings.default_city
    issued = issue_admin_token(app.uow(), app.settings.secret_key, city, args.label or "")
    print(issued.token)
    print(
        f"Dashboard token {issued.id} for {issued.city}. It is shown only now; paste it at "
        "/admin on the web app. Revoke it with: colbot admin revoke " + str(issued.id),
        file=sys.stderr,
    )
    return 0


def cmd_admin_list(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.admin import list_admin_tokens

    for t in list_admin_tokens(app.uow()):
        state = "revoked" if t.revoked else "active"
        print(f"{t.id}\t{t.city}\t{state}\t{t.created_at:%Y-%m-%d %H:%M}\t{t.label}")
    return 0


def cmd_admin_revoke(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.admin import revoke_admin_token

    revoke_admin_token(app.uow(), args.id)
    print(f"Dashboard token {args.id} revoked.")
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
    load.add_argument("--no-index", action="store_true", help="skip computing matching vectors")
    load.set_defaults(run=cmd_city_load)
    export = city.add_parser("export", help="write a city back out as a pack")
    export.add_argument("--city", required=True)
    export.add_argument("--out", type=Path, required=True)
    export.set_defaults(run=cmd_city_export)

    on = commands.add_parser("whats-on", help="how much is on in the coming days")
    on.add_argument("--city")
    on.add_argument("--days", type=int, default=7)
    on.set_defaults(run=cmd_whats_on)

    match = commands.add_parser("match", help="match text to the spine or pathways")
    match.add_argument("kind", choices=["skills", "pathways"])
    match.add_argument("text", nargs="*", help="the text (default: one per line on stdin)")
    match.add_argument("--city")
    match.add_argument("--top", type=int, default=3)
    match.add_argument("--json", action="store_true")
    match.set_defaults(run=cmd_match)

    search = commands.add_parser("search", help="search what's on")
    search.add_argument("kind", choices=["activities"])
    search.add_argument("text", nargs="*", help="the text (default: one per line on stdin)")
    search.add_argument("--city")
    search.add_argument("--near", help="a postcode district or area, e.g. PL4")
    search.add_argument("--age-band", choices=["under-13", "13-15", "16-18", "19-25"])
    search.add_argument("--top", type=int, default=3)
    search.add_argument("--json", action="store_true")
    search.set_defaults(run=cmd_search)

    report = commands.add_parser("report", help="commissioning insights: HTML and CSV")
    report.add_argument("--city")
    report.add_argument("--from", dest="start", type=_date, help="first day, YYYY-MM-DD")
    report.add_argument("--to", type=_date, help="last day, YYYY-MM-DD")
    report.add_argument("--out", type=Path, required=True)
    report.set_defaults(run=cmd_report)

    simulation = commands.add_parser("simulate", help="realistic traffic for a demo report")
    simulation.add_argument("--city")
    simulation.add_argument("--learners", type=int, default=2000)
    simulation.add_argument("--weeks", type=int, default=12)
    simulation.add_argument("--seed", type=int, default=1)
    simulation.set_defaults(run=cmd_simulate)

    admin = commands.add_parser("admin", help="city admins' dashboard tokens").add_subparsers(
        dest="admin_cmd", required=True
    )
    token = admin.add_parser("token", help="make a dashboard token (printed once)")
    token.add_argument("--city")
    token.add_argument("--label", help="who it is for, e.g. 'Plymouth youth services'")
    token.set_defaults(run=cmd_admin_token)
    admin.add_parser("list", help="list dashboard tokens").set_defaults(run=cmd_admin_list)
    revoke = admin.add_parser("revoke", help="revoke a dashboard token")
    revoke.add_argument("id", type=int)
    revoke.set_defaults(run=cmd_admin_revoke)
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
