"""``colbot spine align``: ESCO skills proposed for each spine skill, for the city team to
confirm into spine.yaml (docs/city-pack.md, "Alignments")."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from badge_core.cli.app import App


def cmd_align(app: App, args: argparse.Namespace) -> int:
    from badge_core.services.alignment import propose_esco

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "colbot"
    city = args.city or app.settings.default_city
    rows = propose_esco(app.uow(), city, app.matcher.embedder, cache, top=args.top)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "skill": r.key,
                        "aligned": r.aligned,
                        "candidates": [
                            {"url": c.uri, "labels": c.labels, "score": round(c.score, 3)}
                            for c in r.candidates
                        ],
                    }
                    for r in rows
                ],
                ensure_ascii=False,
            )
        )
        return 0
    for row in rows:
        state = "aligned" if row.aligned else "NOT ALIGNED"
        print(f"{row.key} ({row.name}): {state} to ESCO")
        for c in row.candidates:
            mark = "*" if c.uri in row.aligned else " "
            print(f"  {mark} {c.score:.2f} {c.uri}\n      {c.labels[:90]}")
    return 0


def add_commands(commands: Any) -> None:
    spine = commands.add_parser("spine", help="the skills spine's alignments").add_subparsers(
        dest="spine_cmd", required=True
    )
    align = spine.add_parser("align", help="ESCO skills nearest each spine skill, to confirm")
    align.add_argument("--city")
    align.add_argument("--top", type=int, default=3)
    align.add_argument("--json", action="store_true")
    align.set_defaults(run=cmd_align)
