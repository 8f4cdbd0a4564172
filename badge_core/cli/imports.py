"""``colbot import`` and ``colbot review``: a city's published offer in, and the city team's
check of the skills proposed for what came in (docs/data-sources.md)."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import UTC, datetime
from typing import Any

from badge_core.cli.app import App, add_worker_modes, stop_on_signals
from badge_core.imports.fetch import FetchFailed
from badge_core.services.import_schedule import DueSource, refresh_due
from badge_core.services.imports import (
    KINDS,
    ImportReport,
    SourceSpec,
    import_source,
    pack_sources,
)
from badge_core.services.skill_proposals import SkillProposer


def _print(report: ImportReport, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    print(
        f"{report.source}: {len(report.added)} added, {len(report.updated)} updated, "
        f"{report.unchanged} unchanged, {len(report.removed)} removed; "
        f"{report.sessions_written} session(s) written, {report.sessions_removed} removed; "
        f"{len(report.skipped)} skipped ({report.seconds:.1f} s)"
        + (" - dry run, nothing was written" if report.dry_run else "")
    )
    for title in report.added[:20]:
        print(f"  + {title}")
    for title in report.removed[:20]:
        print(f"  - {title}")
    for title, fields in report.kept_edits:
        print(
            f"  kept your edit of {', '.join(fields)} on {title!r}: --overwrite-edits to take the source's"
        )
    for title in report.to_recheck:
        print(f"  {title!r} was reworded since its skills were confirmed: colbot review activities")
    reasons: dict[str, list[str]] = {}
    for ident, reason in report.skipped:
        reasons.setdefault(reason, []).append(ident)
    for reason, idents in sorted(reasons.items(), key=lambda r: -len(r[1])):
        shown = ", ".join(idents[:3]) + (f" and {len(idents) - 3} more" if len(idents) > 3 else "")
        print(f"  skipped {len(idents)}: {reason} ({shown})")
    if report.added and not report.dry_run:
        print(
            "New activities offer no badge until their skills are confirmed: colbot review activities"
        )


def _run(app: App, args: argparse.Namespace, spec: SourceSpec) -> ImportReport:
    city = args.city or app.settings.default_city
    propose = None if args.no_propose else SkillProposer(app.uow, app.matcher, city)
    report = import_source(
        app.uow,
        city,
        spec,
        now=datetime.now(UTC),
        propose=propose,
        dry_run=args.dry_run,
        overwrite_edits=args.overwrite_edits,
        embedder=app.matcher.embedder,
    )
    return report


def cmd_import(app: App, args: argparse.Namespace) -> int:
    key = args.key or f"{args.kind}-{hashlib.sha256(args.source.encode()).hexdigest()[:8]}"
    _print(_run(app, args, SourceSpec(key, args.kind, args.source, args.provider)), args.json)
    return 0


def cmd_import_all(app: App, args: argparse.Namespace) -> int:
    city = args.city or app.settings.default_city
    specs = pack_sources(app.uow(), city)
    if not specs:
        print(f"{city} lists no sources: add them to city.yaml (docs/data-sources.md)")
        return 0
    failed = 0
    for spec in specs:
        try:
            _print(_run(app, args, spec), args.json)
        except FetchFailed as error:
            failed += 1
            print(f"{spec.key}: not imported, nothing changed: {error}")
    return 1 if failed else 0


def cmd_import_due(app: App, args: argparse.Namespace) -> int:
    """The listed sources of every city whose time has come (badge_core/services/
    import_schedule.py): once, or looking again every ``--poll`` seconds until stopped."""

    def read(due: DueSource, now: datetime) -> ImportReport:
        propose = SkillProposer(app.uow, app.matcher, due.city)
        return import_source(
            app.uow, due.city, due.spec, now=now, propose=propose, embedder=app.matcher.embedder
        )

    def once(now: datetime) -> None:
        for outcome in refresh_due(app.uow, now, read):
            if args.json:
                report = outcome.report.as_dict() if outcome.report else {}
                problem = {"problem": outcome.problem} if outcome.problem else {}
                print(
                    json.dumps(
                        {"city": outcome.city, "source": outcome.source, **report, **problem}
                    )
                )
            elif outcome.report is None:
                print(
                    f"{outcome.city}/{outcome.source}: not imported, tried again in an hour: "
                    f"{outcome.problem}"
                )
            else:
                print(f"{outcome.city}/", end="")
                _print(outcome.report, as_json=False)
        sys.stdout.flush()

    if args.once:
        once(args.at or datetime.now(UTC))
        return 0
    stop = stop_on_signals()
    while not stop.is_set():
        try:
            once(datetime.now(UTC))
        except Exception as error:  # noqa: BLE001 - the worker outlives one bad look (make run
            # stops everything when one process ends); the next look tries again
            first_line = (str(error).splitlines() or [""])[0]
            print(
                f"imports: this look failed ({type(error).__name__}: {first_line}); "
                f"looking again in {args.poll:g} s",
                flush=True,
            )
        stop.wait(args.poll)
    return 0


def cmd_review_list(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.review import to_review

    rows = to_review(app.uow(), args.city or app.settings.default_city)
    if args.json:
        print(json.dumps([_row(r) for r in rows], ensure_ascii=False))
        return 0
    if not rows:
        print("Nothing to review: every imported activity has confirmed skills.")
    for row in rows:
        proposed = ", ".join(f"{p.key} ({p.score:.2f})" for p in row.proposed) or "none"
        print(f"{row.key}\t{row.title} ({row.provider}, from {row.source})\n\tproposed: {proposed}")
    return 0


def _row(row: Any) -> dict[str, Any]:
    return {
        "activity": row.key,
        "title": row.title,
        "provider": row.provider,
        "source": row.source,
        "proposed": [
            {"skill": p.key, "name": p.name, "score": round(p.score, 3)} for p in row.proposed
        ],
    }


def cmd_review_confirm(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.review import confirm_skills
    from badge_core.services.skill_proposals import propose_waiting

    city = args.city or app.settings.default_city
    skills = confirm_skills(app.uow(), city, args.activity, _keys(args.skills), _keys(args.badges))
    print(f"{args.activity}: skills {', '.join(skills)} confirmed.")
    if not args.no_propose:
        waiting = propose_waiting(app.uow, app.matcher, city)
        if waiting:
            print(
                f"Skills proposed again for the {waiting} still waiting, from what you confirmed."
            )
    return 0


def cmd_review_edit(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.review import edit_activity

    values: dict[str, Any] = {
        name: getattr(args, name)
        for name in ("title", "description", "booking")
        if getattr(args, name)
    }
    if args.ages:
        low, _, high = args.ages.partition("-")
        if not (low.isdigit() and high.isdigit()):
            raise argparse.ArgumentTypeError(f"--ages {args.ages!r}: give them like 11-16")
        values.update(age_min=int(low), age_max=int(high))
    if args.free:
        values["cost_pence"] = 0
    if not values:
        raise argparse.ArgumentTypeError("nothing to edit: give --title, --description, --ages ...")
    kept = edit_activity(app.uow(), args.city or app.settings.default_city, args.activity, **values)
    print(f"{args.activity}: saved. Later imports keep your {', '.join(kept)}.")
    return 0


def _keys(text: str | None) -> list[str] | None:
    return [k.strip() for k in text.split(",") if k.strip()] if text is not None else None


def add_commands(commands: Any) -> None:
    imports = commands.add_parser(
        "import", help="bring in activities from OpenActive, Open Referral UK, iCal or CSV"
    ).add_subparsers(dest="import_cmd", required=True)
    for kind in KINDS:
        one = imports.add_parser(kind, help=f"import one {kind} source (a URL or a file)")
        one.add_argument("source")
        one.add_argument("--key", help="names the source; the same key updates the same rows")
        one.add_argument("--provider", help="the pack provider every item belongs to")
        one.set_defaults(run=cmd_import, kind=kind)
    every = imports.add_parser("all", help="import every source city.yaml lists")
    every.set_defaults(run=cmd_import_all)
    due = imports.add_parser("due", help="import each city's listed sources whose time has come")
    add_worker_modes(due, "import what is due", poll_s=300.0)
    due.add_argument("--json", action="store_true")
    due.set_defaults(run=cmd_import_due)
    for sub in (*(imports.choices[k] for k in KINDS), every):
        sub.add_argument("--city")
        sub.add_argument(
            "--dry-run", action="store_true", help="say what would change, write nothing"
        )
        sub.add_argument(
            "--overwrite-edits",
            action="store_true",
            help="take the source's values over the team's edits",
        )
        sub.add_argument("--no-propose", action="store_true", help="propose no skills (no model)")
        sub.add_argument("--json", action="store_true")

    review = commands.add_parser(
        "review", help="confirm skills and correct details of imported activities"
    ).add_subparsers(dest="review_cmd", required=True)
    listing = review.add_parser("activities", help="imported activities waiting for skills")
    listing.add_argument("--city")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=cmd_review_list)
    confirm = review.add_parser("confirm", help="confirm the proposed skills (or name others)")
    confirm.add_argument("activity")
    confirm.add_argument("--city")
    confirm.add_argument("--skills", help="comma-separated skill ids instead of the proposed")
    confirm.add_argument("--badges", help="comma-separated badge ids the activity offers")
    confirm.add_argument(
        "--no-propose", action="store_true", help="leave the others' proposals as they are"
    )
    confirm.set_defaults(run=cmd_review_confirm)
    edit = review.add_parser("edit", help="correct an imported activity; imports keep it")
    edit.add_argument("activity")
    edit.add_argument("--city")
    edit.add_argument("--title")
    edit.add_argument("--description")
    edit.add_argument("--booking")
    edit.add_argument("--ages", help="like 11-16")
    edit.add_argument("--free", action="store_true", help="it costs nothing")
    edit.set_defaults(run=cmd_review_edit)
