"""Write the JSON Schema of each city pack document into docs/city-pack-schema/.

``python tools/pack_schema.py`` after changing ``badge_core/citypack/schema.py``: editors
(VS Code's YAML extension, see docs/city-pack.md) then check a city team's files as they
type. The schemas come from the same pydantic models that ``colbot city validate`` runs.
"""

from __future__ import annotations

import json
from pathlib import Path

from badge_core.citypack.schema import pack_json_schemas

OUT = Path(__file__).resolve().parent.parent / "docs" / "city-pack-schema"


def schema_files() -> dict[str, str]:
    """File name -> text, for every pack document (``activities.schema.json``, ...)."""
    return {
        f"{stem}.schema.json": json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for stem, schema in pack_json_schemas().items()
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in schema_files().items():
        (OUT / name).write_text(text, encoding="utf-8")
        print(OUT / name)


if __name__ == "__main__":
    main()
