"""``colbot`` commands: badge classes, awards, signed credentials and the issuers' keys."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from badge_core.cli.app import App


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
            print(
                f"{award['id']}\t{award['public_id']}\t{award['city']}\t{award['badge']}\t"
                f"{award['awarded_at'][:10]}\t{state}"
            )
    return 0


def cmd_awards_revoke(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.credentials import revoke_award

    revocation = revoke_award(app.uow(), app.settings, args.id, reason=args.reason)
    if revocation.already_revoked:
        print(
            f"Award {revocation.award_id} was already revoked on {revocation.revoked_at:%Y-%m-%d}."
        )
    else:
        print(
            f"Award {revocation.award_id} revoked; its credential now shows as revoked "
            "in the city's status list."
        )
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

    rotation = rotate_issuer_key(
        app.uow(), app.settings, args.city or app.settings.default_city, args.provider
    )
    who = f"{rotation.city}/{rotation.provider}" if rotation.provider else rotation.city
    print(
        f"{who}: new signing key {rotation.new_key}; {rotation.retired_key} is retired "
        "and still verifies what it signed."
    )
    print(f"New credentials are issued by {rotation.issuer}.")
    return 0


def cmd_keys_revoke(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.credentials import revoke_issuer_key

    done = revoke_issuer_key(
        app.uow(), app.settings, args.city or app.settings.default_city, args.key, args.provider
    )
    who = f"{done.city}/{done.provider}" if done.provider else done.city
    print(
        f"{who}: key {done.revoked_key} is revoked and its private key destroyed: "
        "nothing it signed verifies here any more, and it is gone from the DID document."
    )
    print(
        f"The {'provider' if done.provider else 'city'} now signs with {done.current_key}. Re-issue what the revoked key signed "
        "(learners' badge links show the new credential)."
    )
    return 0


def cmd_keys_show(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.credentials import did_document

    city = args.city or app.settings.default_city
    if args.provider:
        from badge_core.services.credentials import provider_did_document

        document = provider_did_document(app.uow(), app.settings, city, args.provider)
    else:
        document = did_document(app.settings, city)
    print(json.dumps(document, indent=2))
    return 0


PROVIDER_HELP = "an issuing provider's key (issuer: true in the city pack), not the city's"


def add_commands(commands: Any) -> None:
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
    rotate.add_argument("--provider", help=PROVIDER_HELP)
    rotate.set_defaults(run=cmd_keys_rotate)
    revoke_key = keys.add_parser(
        "revoke", help="revoke a lost or stolen key (the current one is rotated out)"
    )
    revoke_key.add_argument(
        "key", help="the key's public multikey (z6Mk...), as keys show lists it"
    )
    revoke_key.add_argument("--city")
    revoke_key.add_argument("--provider", help=PROVIDER_HELP)
    revoke_key.set_defaults(run=cmd_keys_revoke)
    keys_show = keys.add_parser("show", help="the city's DID document")
    keys_show.add_argument("--city")
    keys_show.add_argument("--provider", help=PROVIDER_HELP)
    keys_show.set_defaults(run=cmd_keys_show)
