"""The import boundaries from DESIGN.md, checked on the source so both runtimes stay loadable.

- badge_core imports no rasa, rasa_sdk, telegram, twilio or web framework;
- actions imports rasa_sdk and badge_core, never rasa;
- bot never imports badge_core (it runs in the other Python);
- web calls badge_core services, never Rasa or the actions;
- colbot_shared, which both runtimes import, imports none of them nor any framework.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
WEB_FRAMEWORKS = {"sanic", "flask", "fastapi", "starlette", "django", "aiohttp", "quart"}
FORBIDDEN = {
    "badge_core": {"rasa", "rasa_sdk", "telegram", "twilio", "actions", "bot", "web"}
    | WEB_FRAMEWORKS,
    "actions": {"rasa", "bot", "web"},
    "bot": {"badge_core", "actions", "web"},
    "web": {"rasa", "rasa_sdk", "actions", "bot"},
    "colbot_shared": {"badge_core", "actions", "bot", "web", "rasa", "rasa_sdk", "sqlalchemy"}
    | WEB_FRAMEWORKS,
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_respects_its_import_boundary(package: str) -> None:
    files = sorted((REPO / package).rglob("*.py"))
    assert files, f"{package} has no Python files"
    offences = {
        str(path.relative_to(REPO)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in files
        if imported_roots(path) & FORBIDDEN[package]
    }
    assert offences == {}, f"{package} crosses its boundary: {offences}"


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom rasa.core import agent\nimport twilio.rest as t\n")
    assert imported_roots(sample) == {"os", "rasa", "twilio"}
