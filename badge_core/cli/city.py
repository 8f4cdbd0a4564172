"""``colbot`` commands: database, city packs, and what a city holds: what's on, matching, search."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from badge_core import migrate
from badge_core.citypack import export_pack, load_pack, read_pack, validate_pack
from badge_core.cli.app import App
from badge_core.errors import CityPackInvalid
from badge_core.matching.embedder import default_embedder
from badge_core.services.catalogue import whats_on
from badge_core.services.cities import city_slugs
from badge_core.services.search import find_activities
from badge_core.services.vectors import index_city, pathway_matches, skill_matches


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


def cmd_match(app: App, args: argparse.Namespace) -> int:
    city = args.city or app.settings.default_city
    rank = skill_matches if args.kind == "skills" else pathway_matches
    for text in _texts(args):
        matches = rank(app.uow, app.matcher, city, text, top=args.top)
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


def add_commands(commands: Any) -> None:
    db = commands.add_parser("db", help="database schema").add_subparsers(dest="db", required=True)
    db.add_parser("upgrade", help="migrate to the newest schema").set_defaults(run=cmd_db_upgrade)

    city = commands.add_parser("city", help="city packs").add_subparsers(
        dest="city_cmd", required=True
    )
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
