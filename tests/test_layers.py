"""The floors inside badge_core (docs/architecture.md): every import points down, never up.

From the bottom: the leaves (errors, config, privacy, mail, text, posters, passport,
skills_story, messaging, channels);
models and the unit of work (db); credentials, matching and the importers' readers (imports),
pure (no database, no services); queries (single rows
in the caller's unit of work); city packs; services (the use cases); and on top the entry
points that live in the library: the ``colbot`` command (cli), the demo and evaluation code
(demo), the insights report (reporting) and the outbox worker (outbound). The entry points outside badge_core (actions,
web) are held by tests/test_boundaries.py. Lazy imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORE = REPO / "badge_core"
ENTRY_POINTS = {"cli", "demo", "reporting", "outbound"}
ABOVE_QUERIES = {"services", "citypack"} | ENTRY_POINTS
# What each part of badge_core must never import (by its first name under badge_core).
NEVER = {
    "errors": {"db", "models", "queries", "matching", "credentials"} | ABOVE_QUERIES,
    "config": {"db", "models", "queries", "matching", "credentials"} | ABOVE_QUERIES,
    "privacy": {"db", "models", "queries", "matching", "credentials"} | ABOVE_QUERIES,
    "mail": {"db", "models", "queries", "matching", "credentials"} | ABOVE_QUERIES,
    "text": {"db", "models", "queries", "matching", "credentials"} | ABOVE_QUERIES,
    "posters": {"db", "models", "queries", "matching", "credentials"} | ABOVE_QUERIES,
    "passport": {"db", "models", "queries", "matching", "credentials"} | ABOVE_QUERIES,
    "messaging": {"db", "models", "queries", "matching", "credentials"} | ABOVE_QUERIES,
    "channels": {"db", "models", "queries", "matching", "credentials"} | ABOVE_QUERIES,
    "skills_story": {"db", "models", "queries", "matching", "credentials"} | ABOVE_QUERIES,
    "models": {"queries", "matching", "credentials"} | ABOVE_QUERIES,
    "db": {"queries", "matching", "credentials"} | ABOVE_QUERIES,
    "credentials": {"db", "models", "queries", "matching"} | ABOVE_QUERIES,
    "matching": {"db", "queries", "credentials"} | ABOVE_QUERIES,
    "imports": {"db", "models", "queries", "matching", "credentials"} | ABOVE_QUERIES,
    "queries": {"matching", "credentials"} | ABOVE_QUERIES,
    "citypack": {"services"} | ENTRY_POINTS,
    "services": ENTRY_POINTS,
}


def part_of(path: Path) -> str:
    return path.relative_to(CORE).parts[0].removesuffix(".py")


def core_imports(path: Path) -> set[str]:
    """The parts of badge_core a file imports, wherever the import statement stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
            if node.module == "badge_core":
                names = [f"badge_core.{alias.name}" for alias in node.names]
        found |= {n.split(".")[1] for n in names if n.startswith("badge_core.")}
    return found


@pytest.mark.parametrize("part", sorted(NEVER))
def test_no_import_runs_back_up(part: str) -> None:
    files = [p for p in CORE.rglob("*.py") if "migrations" not in p.parts and part_of(p) == part]
    assert files, f"badge_core has no part {part!r}"
    offences = {
        str(p.relative_to(REPO)): sorted(core_imports(p) & NEVER[part])
        for p in files
        if core_imports(p) & NEVER[part]
    }
    assert offences == {}, f"{part} imports from above its floor: {offences}"


def test_every_part_of_the_core_has_a_floor() -> None:
    parts = {part_of(p) for p in CORE.rglob("*.py") if "migrations" not in p.parts}
    unplaced = parts - set(NEVER) - ENTRY_POINTS - {"__init__", "migrate"}
    assert unplaced == set(), f"new parts of badge_core need a floor in NEVER: {unplaced}"


def test_the_checker_sees_an_upward_import_inside_a_function(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from badge_core.models import City\n"
        "def later():\n"
        "    from badge_core.services.cities import city_slugs\n"
        "    from badge_core import cli\n"
    )
    assert core_imports(sample) == {"models", "services", "cli"}


ACTIONS = REPO / "actions"
ACTION_LINES = 40


def test_every_action_is_a_service_call_and_its_phrasing() -> None:
    """Each method of an action within 40 lines (as ``ruff format`` lays it out): who is
    asking, one service call, the answer's words; a form's validator per slot."""
    too_long = []
    for path in sorted(ACTIONS.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
            if not any("Action" in b for b in bases):
                continue
            methods = [
                n for n in node.body if isinstance(n, ast.AsyncFunctionDef | ast.FunctionDef)
            ]
            too_long += [
                f"{path.name}:{node.name}.{m.name} {m.end_lineno - m.lineno + 1}"
                for m in methods
                if m.end_lineno - m.lineno + 1 > ACTION_LINES
            ]
    assert too_long == [], f"actions over {ACTION_LINES} lines: {too_long}"
