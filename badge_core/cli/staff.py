"""``colbot`` commands: dashboard tokens, staff invites, and claim codes."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from badge_core.cli.app import App


def moment_arg(text: str) -> datetime:
    """An ISO date-time; without a zone it is UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date-time like 2026-12-01T18:00: {text!r}"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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
    from badge_core.services.invites import invite_staff

    city = args.city or app.settings.default_city
    invite = invite_staff(
        app.uow(), app.settings.secret_key, city, args.provider, args.role, label=args.label or ""
    )
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
    print(
        f"Staff member {args.id} removed; their chat can no longer issue codes, and the "
        f"{closed} code{'' if closed == 1 else 's'} they left open {'is' if closed == 1 else 'are'} closed."
    )
    return 0


def cmd_codes_new(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.code_links import claim_links
    from badge_core.services.codes import create_claim_codes

    city = args.city or app.settings.default_city
    count, cap = (args.single, 1) if args.single else (1, args.cap)
    issued = create_claim_codes(
        app.uow(),
        app.settings.secret_key,
        city,
        args.badge,
        count=count,
        max_claims=cap,
        activity_key=args.activity,
        valid_from=args.valid_from,
        valid_until=args.valid_until,
    )
    if args.poster:
        from badge_core.posters import render_poster
        from badge_core.services.code_links import poster_content

        for n, code in enumerate(issued, start=1):
            path = (
                args.poster
                if len(issued) == 1
                else args.poster.with_stem(f"{args.poster.stem}-{n}")
            )
            content = poster_content(app.uow(), app.settings, code.code)
            assert content is not None
            path.write_bytes(render_poster(content))
            print(f"Poster: {path}", file=sys.stderr)
    rows = []
    for code in issued:
        links = claim_links(app.settings, code.code, code.valid_until, code.channels)
        rows.append(
            {
                "code": code.code,
                "badge": code.badge_key,
                "max_claims": code.max_claims,
                "valid_from": code.valid_from.isoformat(),
                "valid_until": code.valid_until.isoformat(),
                "telegram": links.telegram,
                "whatsapp": links.whatsapp,
                "sms": links.sms,
                "poster": links.poster,
            }
        )
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return 0
    for row in rows:
        print(row["code"])
    first = issued[0]
    kind = (
        f"{len(issued)} single-use code(s)"
        if args.single
        else f"one code for up to {first.max_claims}"
    )
    print(
        f"{kind} for {first.badge_name}, valid {first.valid_from:%Y-%m-%d %H:%M} to "
        f"{first.valid_until:%Y-%m-%d %H:%M} UTC.",
        file=sys.stderr,
    )
    return 0


def cmd_codes_list(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.staff_codes import code_statuses

    for c in code_statuses(app.uow(), city_slug=args.city or app.settings.default_city):
        if args.json:
            print(
                json.dumps(
                    {
                        "id": c.code_id,
                        "hint": c.hint,
                        "badge": c.badge_name,
                        "claims": c.claims,
                        "max_claims": c.max_claims,
                        "valid_until": c.valid_until.isoformat(),
                        "closed": c.closed,
                    }
                )
            )
        else:
            state = "closed" if c.closed else f"open until {c.valid_until:%Y-%m-%d %H:%M} UTC"
            print(f"{c.code_id}\t{c.hint}...\t{c.badge_name}\t{c.claims}/{c.max_claims}\t{state}")
    return 0


def cmd_codes_close(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.staff_codes import close_code

    status = close_code(app.uow(), app.settings.secret_key, args.code)
    print(
        f"Closed: {status.badge_name} code {status.hint}..., {status.claims} of {status.max_claims} claimed."
    )
    return 0


def add_commands(commands: Any) -> None:
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

    codes = commands.add_parser("codes", help="claim codes").add_subparsers(
        dest="codes_cmd", required=True
    )
    new = codes.add_parser("new", help="make claim codes for a badge")
    new.add_argument("--city")
    new.add_argument("--badge", required=True)
    new.add_argument("--activity")
    amount = new.add_mutually_exclusive_group(required=True)
    amount.add_argument("--single", type=int, metavar="N", help="N single-use codes")
    amount.add_argument("--cap", type=int, metavar="N", help="one shared code for up to N claims")
    new.add_argument("--valid-from", type=moment_arg, metavar="T")
    new.add_argument("--valid-until", type=moment_arg, metavar="T", help="default: midnight")
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
