"""``colbot model export``: the matching model built as an ONNX graph from its weights
(badge_core/matching/export.py) into the data directory, once, so no server builds it.

colbot model export        builds it when no sound file is there; says which it did
"""

from __future__ import annotations

import argparse
from typing import Any

from badge_core.cli.app import App
from badge_core.matching.embedder import ModelMismatch


def cmd_export(app: App, args: argparse.Namespace) -> int:
    from badge_core.matching.export import export_to

    try:
        path, exported = export_to(app.settings.data_dir / "cache")
    except ModelMismatch as error:
        print(f"colbot: the matching model could not be built: {error}")
        return 1
    print(f"{'Exported' if exported else 'Already exported'}: {path}")
    return 0


def add_commands(commands: Any) -> None:
    model = commands.add_parser("model", help="the matching model").add_subparsers(
        dest="model_command", required=True
    )
    export = model.add_parser("export", help="build it for ONNX Runtime (at setup, once)")
    export.set_defaults(run=cmd_export)
