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
    colbot retention run [--dry-run]        delete what is past its time (see services.retention)
    colbot concerns list [--city SLUG] [--open] [--json]   safeguarding concerns (docs/safeguarding.md)
    colbot concerns resolve ID --note TEXT [--by NAME]
    colbot badges list [--city SLUG] [--json]
    colbot awards list [--city SLUG] [--json] | revoke ID [--reason TEXT]
    colbot credentials show AWARD_ID [--ob2]   an award's signed credential (or OB 2.0 assertion)
    colbot credentials verify FILE             signature, status, expiry: exit 0 only if valid
    colbot credentials status-list [--city SLUG] [--key KEY]
    colbot keys rotate [--city SLUG] | show [--city SLUG]

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
from badge_core.config import InsecureKey, Settings, check_secret_key, load_settings
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
    from badge_core.config import real_world_settings
    from badge_core.simulation import simulate

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


def cmd_staff_invite(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.staff import invite_staff

    city = args.city or app.settings.default_city
    invite = invite_staff(app.uow(), app.settings.secret_key, city, args.provider, args.role,
                          label=args.label or "")
    print(invite.code)
    print(
        f"One-time invite for {invite.provider_name} ({invite.role}), valid until "
        f"{invite.expires_at:%Y-%m-%d %H:%M} UTC: the youth worker sends it to the bot.",
        file=sys.stderr,
    )
    return 0


def cmd_staff_list(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.staff import list_staff

    for m in list_staff(app.uow(), args.city or app.settings.default_city):
        state = "joined" if m.joined else "invited"
        print(f"{m.staff_id}\t{m.provider_key}\t{m.role}\t{state}\t{m.label}")
    return 0


def cmd_staff_remove(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.staff import remove_staff

    closed = remove_staff(app.uow(), args.id)
    print(f"Staff member {args.id} removed; their chat can no longer issue codes, and the "
          f"{closed} code{'' if closed == 1 else 's'} they left open {'is' if closed == 1 else 'are'} closed.")
    return 0


def _moment(text: str) -> datetime:
    """An ISO date-time; without a zone it is UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date-time like 2026-12-01T18:00: {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def cmd_codes_new(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.code_links import claim_links
    from badge_core.services.codes import create_claim_codes

    city = args.city or app.settings.default_city
    count, cap = (args.single, 1) if args.single else (1, args.cap)
    issued = create_claim_codes(
        app.uow(), app.settings.secret_key, city, args.badge, count=count, max_claims=cap,
        activity_key=args.activity, valid_from=args.valid_from, valid_until=args.valid_until,
    )
    if args.poster:
        from badge_core.posters import render_poster
        from badge_core.services.code_links import poster_content

        for n, code in enumerate(issued, start=1):
            path = args.poster if len(issued) == 1 else args.poster.with_stem(f"{args.poster.stem}-{n}")
            content = poster_content(app.uow(), app.settings, code.code)
            assert content is not None
            path.write_bytes(render_poster(content))
            print(f"Poster: {path}", file=sys.stderr)
    rows = []
    for code in issued:
        links = claim_links(app.settings, code.code, code.valid_until)
        rows.append({
            "code": code.code, "badge": code.badge_key, "max_claims": code.max_claims,
            "valid_from": code.valid_from.isoformat(), "valid_until": code.valid_until.isoformat(),
            "telegram": links.telegram, "whatsapp": links.whatsapp, "sms": links.sms,
            "poster": links.poster,
        })
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return 0
    for row in rows:
        print(row["code"])
    first = issued[0]
    kind = f"{len(issued)} single-use code(s)" if args.single else f"one code for up to {first.max_claims}"
    print(f"{kind} for {first.badge_name}, valid {first.valid_from:%Y-%m-%d %H:%M} to "
          f"{first.valid_until:%Y-%m-%d %H:%M} UTC.", file=sys.stderr)
    return 0


def cmd_codes_list(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.staff import code_statuses

    for c in code_statuses(app.uow(), city_slug=args.city or app.settings.default_city):
        if args.json:
            print(json.dumps({"id": c.code_id, "hint": c.hint, "badge": c.badge_name,
                              "claims": c.claims, "max_claims": c.max_claims,
                              "valid_until": c.valid_until.isoformat(), "closed": c.closed}))
        else:
            state = "closed" if c.closed else f"open until {c.valid_until:%Y-%m-%d %H:%M} UTC"
            print(f"{c.code_id}\t{c.hint}...\t{c.badge_name}\t{c.claims}/{c.max_claims}\t{state}")
    return 0


def cmd_codes_close(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.staff import close_code

    status = close_code(app.uow(), app.settings.secret_key, args.code)
    print(f"Closed: {status.badge_name} code {status.hint}..., {status.claims} of {status.max_claims} claimed.")
    return 0


# --- Open Badges credentials: badges, awards, signed credentials, issuer keys ---------------


def cmd_badges_list(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.credentials import list_badge_classes

    badges = list_badge_classes(app.uow(), args.city or app.settings.default_city)
    for badge in badges:
        if args.json:
            print(json.dumps(badge, ensure_ascii=False))
        else:
            skills = ", ".join(s["name"] for s in badge["skills"])
            print(f"{badge['key']}\t{badge['name']}\t{badge['provider']}\t{skills}")
    return 0


def cmd_awards_list(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.credentials import list_awards

    for award in list_awards(app.uow(), args.city):
        if args.json:
            print(json.dumps(award))
        else:
            revoked = award["revoked_at"]
            state = f"revoked {revoked[:10]}" if revoked else award["status"]
            print(f"{award['id']}\t{award['public_id']}\t{award['city']}\t{award['badge']}\t"
                  f"{award['awarded_at'][:10]}\t{state}")
    return 0


def cmd_awards_revoke(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.credentials import revoke_award

    revocation = revoke_award(app.uow(), app.settings, args.id, reason=args.reason)
    if revocation.already_revoked:
        print(f"Award {revocation.award_id} was already revoked "
              f"on {revocation.revoked_at:%Y-%m-%d}.")
    else:
        print(f"Award {revocation.award_id} revoked; its credential now shows as revoked "
              "in the city's status list.")
    return 0


def cmd_credentials_show(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.credentials import credential_for_award, ob2_assertion

    if args.ob2:
        document = ob2_assertion(app.uow(), app.settings, args.award)
    else:
        document = credential_for_award(app.uow(), app.settings, args.award)
    print(json.dumps(document, indent=2, ensure_ascii=False))
    return 0


def cmd_credentials_verify(app: App, args: argparse.Namespace) -> int:
    from badge_core.credentials.limits import Canonicaliser
    from badge_core.services.credentials import verify_credential

    try:
        text = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
        document = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        print(f"Not valid: {args.file} cannot be read as JSON ({error}).")
        return 1
    limit = Canonicaliser()  # a file from anywhere: JSON-LD work under a hard time limit
    try:
        result = verify_credential(app.uow(), document, settings=app.settings, limit=limit)
    finally:
        limit.close()
    if not result.valid:
        print("Not valid: " + "; ".join(result.reasons) + ".")
        return 1
    name = document.get("name") or "credential"
    status = "not revoked" if result.status_checked else "revocation not checked (not issued here)"
    print(f"Valid: {name}, signed by {result.issuer}; {status}.")
    return 0


def cmd_credentials_status_list(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.credentials import status_list_credential

    document = status_list_credential(
        app.uow(), app.settings, args.city or app.settings.default_city, key=args.key
    )
    print(json.dumps(document, indent=2))
    return 0


def cmd_keys_rotate(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.credentials import rotate_issuer_key

    rotation = rotate_issuer_key(app.uow(), app.settings, args.city or app.settings.default_city)
    print(f"{rotation.city}: new signing key {rotation.new_key}; {rotation.retired_key} is retired "
          "and still verifies what it signed.")
    print(f"New credentials are issued by {rotation.issuer}.")
    return 0


def cmd_keys_revoke(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.credentials import revoke_issuer_key

    done = revoke_issuer_key(app.uow(), app.settings, args.city or app.settings.default_city, args.key)
    print(f"{done.city}: key {done.revoked_key} is revoked and its private key destroyed: "
          "nothing it signed verifies here any more, and it is gone from the DID document.")
    print(f"The city now signs with {done.current_key}. Re-issue what the revoked key signed "
          "(learners' badge links show the new credential).")
    return 0


def cmd_keys_show(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.credentials import did_document

    print(json.dumps(did_document(app.settings, args.city or app.settings.default_city), indent=2))
    return 0


def _add_credential_commands(commands: Any) -> None:
    badges = commands.add_parser("badges", help="the city's badge classes").add_subparsers(
        dest="badges_cmd", required=True
    )
    badges_list = badges.add_parser("list", help="badge classes and the skills they show")
    badges_list.add_argument("--city")
    badges_list.add_argument("--json", action="store_true")
    badges_list.set_defaults(run=cmd_badges_list)

    awards = commands.add_parser("awards", help="badges learners earned").add_subparsers(
        dest="awards_cmd", required=True
    )
    awards_list = awards.add_parser("list", help="awards (no learner details)")
    awards_list.add_argument("--city", help="only this city's (default: every city)")
    awards_list.add_argument("--json", action="store_true")
    awards_list.set_defaults(run=cmd_awards_list)
    awards_revoke = awards.add_parser("revoke", help="revoke an award's credential")
    awards_revoke.add_argument("id", help="the award's id or public id")
    awards_revoke.add_argument("--reason")
    awards_revoke.set_defaults(run=cmd_awards_revoke)

    credentials = commands.add_parser("credentials", help="signed Open Badges").add_subparsers(
        dest="credentials_cmd", required=True
    )
    show = credentials.add_parser("show", help="an award's signed Open Badges 3.0 credential")
    show.add_argument("award", help="the award's id or public id")
    show.add_argument(
        "--ob2", action="store_true", help="an Open Badges 2.0 hosted assertion instead"
    )
    show.set_defaults(run=cmd_credentials_show)
    verify = credentials.add_parser("verify", help="check a credential file (exit 0 only if valid)")
    verify.add_argument("file", type=Path, help="a credential JSON file, or - for standard input")
    verify.set_defaults(run=cmd_credentials_verify)
    status = credentials.add_parser("status-list", help="the city's signed revocation list")
    status.add_argument("--city")
    status.add_argument("--key", help="under did:key, the (retired) key whose list to sign")
    status.set_defaults(run=cmd_credentials_status_list)

    keys = commands.add_parser("keys", help="the cities' issuer keys").add_subparsers(
        dest="keys_cmd", required=True
    )
    rotate = keys.add_parser("rotate", help="give the city a new signing key")
    rotate.add_argument("--city")
    rotate.set_defaults(run=cmd_keys_rotate)
    revoke_key = keys.add_parser("revoke", help="revoke a lost or stolen key (the current one is rotated out)")
    revoke_key.add_argument("key", help="the key's public multikey (z6Mk...), as keys show lists it")
    revoke_key.add_argument("--city")
    revoke_key.set_defaults(run=cmd_keys_revoke)
    keys_show = keys.add_parser("show", help="the city's DID document")
    keys_show.add_argument("--city")
    keys_show.set_defaults(run=cmd_keys_show)


# --- end of the credentials commands --------------------------------------------------------


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
        + (" and conversations." if tracker else ". COLBOT_TRACKER_URL is not set: their "
           "conversations were not erased (they go at the next retention run that has it).")
    )
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
        f"{done.events} analytics events older than {policy.events_days} days, "
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
        print(f"{c.concern_id}\t{c.raised_at:%Y-%m-%d %H:%M}\t{c.status}\t{c.category}\t{c.level}\t"
              f"{c.channel}\t{c.contact}\t{c.text!r}")
    return 0


def cmd_concerns_resolve(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.safeguarding import resolve_concern

    if not args.note.strip():
        raise argparse.ArgumentTypeError("say what was done with --note")
    done = resolve_concern(app.uow(), app.settings.secret_key, args.id, note=args.note,
                           resolved_by=args.by or "")
    print(f"Concern {done.concern_id} resolved.")
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
    simulation.add_argument("--force", action="store_true", help="even where channels are set")
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

    staff = commands.add_parser("staff", help="youth workers and provider admins").add_subparsers(
        dest="staff_cmd", required=True
    )
    invite = staff.add_parser("invite", help="a one-time invite a youth worker sends to the bot")
    invite.add_argument("--city")
    invite.add_argument("--provider", required=True, help="the provider's key in the city pack")
    invite.add_argument(
        "--role", choices=["issuer", "org-admin", "safeguarding-lead"], required=True
    )
    invite.add_argument("--label", help="who it is for, e.g. 'Sam, Monday club'")
    invite.set_defaults(run=cmd_staff_invite)
    staff_list = staff.add_parser("list", help="staff of the city's providers")
    staff_list.add_argument("--city")
    staff_list.set_defaults(run=cmd_staff_list)
    staff_remove = staff.add_parser("remove", help="remove a staff member")
    staff_remove.add_argument("id", type=int)
    staff_remove.set_defaults(run=cmd_staff_remove)

    codes = commands.add_parser("codes", help="claim codes").add_subparsers(dest="codes_cmd", required=True)
    new = codes.add_parser("new", help="make claim codes for a badge")
    new.add_argument("--city")
    new.add_argument("--badge", required=True)
    new.add_argument("--activity")
    amount = new.add_mutually_exclusive_group(required=True)
    amount.add_argument("--single", type=int, metavar="N", help="N single-use codes")
    amount.add_argument("--cap", type=int, metavar="N", help="one shared code for up to N claims")
    new.add_argument("--valid-from", type=_moment, metavar="T")
    new.add_argument("--valid-until", type=_moment, metavar="T", help="default: midnight")
    new.add_argument("--poster", type=Path, metavar="FILE", help="also write a printable PDF")
    new.add_argument("--json", action="store_true")
    new.set_defaults(run=cmd_codes_new)
    codes_list = codes.add_parser("list", help="codes and their claims")
    codes_list.add_argument("--city")
    codes_list.add_argument("--json", action="store_true")
    codes_list.set_defaults(run=cmd_codes_list)
    close = codes.add_parser("close", help="stop further claims of a code")
    close.add_argument("code")
    close.set_defaults(run=cmd_codes_close)
    _add_credential_commands(commands)

    learner = commands.add_parser("learner", help="one learner's data, on their request").add_subparsers(
        dest="learner_cmd", required=True
    )
    for name, run, text in (("export", cmd_learner_export, "everything held about a learner, as JSON"),
                            ("erase", cmd_learner_erase, "delete a learner and their badges")):
        sub = learner.add_parser(name, help=text)
        sub.add_argument("--id", help="the learner's public id")
        sub.add_argument("--channel", choices=["telegram", "sms", "whatsapp", "rest"])
        sub.add_argument("--address", help="the chat id or phone number they write from")
        sub.set_defaults(run=run)

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


if __name__ == "__main__":
    sys.exit(main())
