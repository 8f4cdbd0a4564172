"""The colbot command as a city team uses it: validate, load, export, what's on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from badge_core.cli import main
from badge_core.config import Settings
from tests.conftest import PLYMOUTH
from tests.core.packs import small_pack, write_pack


def run(capsys: pytest.CaptureFixture[str], settings: Settings, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), settings=settings)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def fresh(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'cli.db'}")


def test_validate_lists_every_problem_and_exits_non_zero(
    capsys, fresh: Settings, tmp_path: Path
) -> None:
    docs = small_pack()
    docs["activities"]["activities"][0]["age_min"] = 20
    docs["places"]["venues"][0]["district"] = "XX"
    code, out, err = run(capsys, fresh, "city", "validate", str(write_pack(tmp_path / "bad", docs)))
    assert code == 1
    assert "activities.yaml [football] age_max: age range is inverted (20 to 16)" in out
    assert "places.yaml [hall] district:" in out
    assert "2 problem(s)" in err


def test_validate_a_good_pack(capsys, fresh: Settings) -> None:
    code, out, _ = run(capsys, fresh, "city", "validate", str(PLYMOUTH))
    assert code == 0 and "no problems" in out


def test_load_twice_then_export(capsys, fresh: Settings, tmp_path: Path) -> None:
    folder = str(write_pack(tmp_path / "pack", small_pack()))
    code, out, _ = run(capsys, fresh, "city", "load", folder)
    assert code == 0 and "Loaded Testville" in out
    code, out, _ = run(capsys, fresh, "city", "load", folder)
    assert code == 0 and "0 change(s)" in out
    code, out, _ = run(capsys, fresh, "city", "load", folder, "--if-empty")
    assert code == 0 and "already loaded" in out
    code, out, _ = run(
        capsys, fresh, "city", "export", "--city", "testville", "--out", str(tmp_path / "out")
    )
    assert code == 0 and sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{stem}.yaml" for stem in small_pack()
    )


def test_a_broken_pack_loads_nothing(capsys, fresh: Settings, tmp_path: Path) -> None:
    docs = small_pack()
    docs["badges"]["badges"][0]["provider"] = "nobody"
    code, out, err = run(capsys, fresh, "city", "load", str(write_pack(tmp_path / "bad", docs)))
    assert code == 1 and "Nothing was loaded" in err
    code, _, err = run(capsys, fresh, "whats-on", "--city", "testville")
    assert code == 1 and "city 'testville' not found" in err


def test_whats_on_answers_from_the_database(capsys, fresh: Settings, tmp_path: Path) -> None:
    run(capsys, fresh, "city", "load", str(PLYMOUTH))
    code, out, _ = run(capsys, fresh, "whats-on", "--city", "plymouth")
    assert code == 0 and "Plymouth:" in out and "activities meet" in out


def test_a_database_never_upgraded_gets_a_line_saying_what_to_run(capsys, fresh: Settings) -> None:
    # the workers make run starts, run against a file no `colbot db upgrade` has made
    for argv in (("import", "due", "--once"), ("outbox", "run", "--once")):
        code, _, err = run(capsys, fresh, *argv)
        assert code == 1 and "colbot db upgrade" in err and "Traceback" not in err, err


def test_the_import_worker_outlives_a_look_that_fails(tmp_path: Path) -> None:
    """make run stops everything when one of its processes ends: a look that fails (here a
    database never upgraded) is said, and the worker looks again until it is stopped."""
    env = {**os.environ, "COLBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'never.db'}"}
    worker = subprocess.Popen(
        [sys.executable, "-c", "import sys; from badge_core.cli import main; sys.exit(main())",
         "import", "due", "--forever", "--poll", "0.2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        assert worker.stdout is not None
        said = [worker.stdout.readline() for _ in range(2)]  # two looks, both failed
        assert all("this look failed (OperationalError" in line for line in said), said
        assert worker.poll() is None  # still running
    finally:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=20) == 0
