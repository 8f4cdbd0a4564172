"""``colbot model export``: the matching model exported to ONNX (badge_core/matching/export.py)
into the data directory, once, so the servers that match text never load torch.

colbot model export        exports when no sound file is there; says which it did
"""

from __future__ import annotations

import argparse
from typing import Any

from badge_core.cli.app import App
from badge_core.matching.embedder import ModelMismatch


def cmd_export(app: App, args: argparse.Namespace) -> int:
    from badge_core.matching.export import export_to  # torch, for this command only

    try:
        path, exported = export_to(app.settings.data_dir / "cache")
    except ModelMismatch as error:
        print(f"colbot: {error}; the servers will use sentence-transformers instead")
        return 1
    print(f"{'Exported' if exported else 'Already exported'}: {path}")
    return 0


def add_commands(commands: Any) -> None:
    model = commands.add_parser("model", help="the matching model").add_subparsers(
        dest="model_command", required=True
    )
    export = model.add_parser("export", help="export it for ONNX Runtime (at setup, once)")
    export.set_defaults(run=cmd_export)
