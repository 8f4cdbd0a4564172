"""A city team imports a small provider's spreadsheet with the real model proposing skills,
reviews them, confirms, edits, and refreshes every source the pack lists."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from badge_core.cli import main
from badge_core.config import Settings
from badge_core.db import make_engine, unit_of_work_factory
from badge_core.matching.embedder import MODEL_NAME
from badge_core.matching.texts import activity_texts
from badge_core.models import Activity
from badge_core.services.vectors import cached_vectors
from tests.conftest import PLYMOUTH

REPO = Path(__file__).parents[2]
SAMPLE = str(REPO / "docs" / "providers-sample.csv")


def run(capsys: pytest.CaptureFixture[str], settings: Settings, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), settings=settings)
    out, err = capsys.readouterr()
    return code, out, err


def test_import_review_confirm_and_edit(
    capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    code, out, _ = run(capsys, settings, "import", "csv", SAMPLE, "--key", "stonehouse")
    assert code == 0
    assert "stonehouse: 3 added, 0 updated" in out and "+ Skate jam" in out
    # indexed at once: learners find the new activities by meaning
    engine = make_engine(settings.database_url)
    with unit_of_work_factory(engine)() as unit:
        skate = unit.session.scalars(select(Activity).where(Activity.title == "Skate jam")).one()
        texts = activity_texts(skate)
        assert len(cached_vectors(unit.session, MODEL_NAME, texts)) == len(set(texts))
    engine.dispose()
    code, out, _ = run(capsys, settings, "review", "activities", "--json")
    waiting = {row["title"]: row for row in json.loads(out)}
    assert set(waiting) == {"Skate jam", "Make a zine", "Beat making online"}
    assert waiting["Beat making online"]["proposed"][0]["skill"] == "music"
    assert all(1 <= len(row["proposed"]) <= 3 for row in waiting.values())
    beats = waiting["Beat making online"]["activity"]
    code, out, _ = run(capsys, settings, "review", "confirm", beats)
    assert code == 0 and out.splitlines() == [
        f"{beats}: skills music confirmed.",
        "Skills proposed again for the 2 still waiting, from what you confirmed.",
    ]
    code, out, _ = run(capsys, settings, "review", "edit", beats, "--ages", "13-19")
    assert code == 0 and "Later imports keep your age_max, age_min." in out
    code, out, _ = run(capsys, settings, "import", "csv", SAMPLE, "--key", "stonehouse")
    assert "kept your edit of age_min, age_max on 'Beat making online'" in out
    code, out, _ = run(capsys, settings, "review", "activities")
    assert "Beat making online" not in out and "Skate jam" in out


def test_bad_input_gets_a_clear_answer_and_no_traceback(
    capsys: pytest.CaptureFixture[str], settings: Settings, tmp_path: Path
) -> None:
    code, _, err = run(capsys, settings, "import", "csv", str(tmp_path / "missing.csv"))
    assert code == 1 and "could not read" in err and "Traceback" not in err
    code, _, err = run(capsys, settings, "review", "edit", "code-club-central", "--title", "x")
    assert code == 1 and "change it in activities.yaml" in err
    code, _, err = run(capsys, settings, "review", "edit", "nope", "--ages", "old")
    assert code == 2 and "like 11-16" in err


def test_import_all_reads_the_sources_the_pack_lists(
    capsys: pytest.CaptureFixture[str], settings: Settings, tmp_path: Path
) -> None:
    pack = tmp_path / "plymouth"
    shutil.copytree(PLYMOUTH, pack)
    city = yaml.safe_load((pack / "city.yaml").read_text())
    city["sources"] = [
        {"id": "stonehouse", "kind": "csv", "location": SAMPLE},
        {"id": "gone", "kind": "csv", "location": str(tmp_path / "not-there.csv")},
    ]
    (pack / "city.yaml").write_text(yaml.safe_dump(city, sort_keys=False))
    assert run(capsys, settings, "city", "load", str(pack))[0] == 0
    code, out, _ = run(capsys, settings, "import", "all", "--no-propose")
    assert code == 1  # one source could not be read: said, and the other still imported
    assert "stonehouse: 3 added" in out
    assert "gone: not imported, nothing changed: could not read" in out
    code, out, _ = run(
        capsys, settings, "city", "export", "--city", "plymouth", "--out", str(tmp_path / "out")
    )
    exported = yaml.safe_load((tmp_path / "out" / "city.yaml").read_text())
    assert [s["id"] for s in exported["sources"]] == ["stonehouse", "gone"]


def test_import_due_reads_each_listed_source_when_its_time_has_come(
    capsys: pytest.CaptureFixture[str], settings: Settings, tmp_path: Path
) -> None:
    hourly = tmp_path / "drop-in.csv"
    hourly.write_text(
        "id,title,description,postcode,organiser,day,start,end\n"
        'd1,Clay drop-in,"Throw a pot on the wheel.",PL4 6LB,Clay Corner,Monday,16:00,17:00\n'
    )
    pack = tmp_path / "plymouth"
    shutil.copytree(PLYMOUTH, pack)
    city = yaml.safe_load((pack / "city.yaml").read_text())
    city["sources"] = [
        {"id": "stonehouse", "kind": "csv", "location": SAMPLE},  # every 24 hours
        {"id": "clay", "kind": "csv", "location": str(hourly), "every_hours": 1},
        {"id": "gone", "kind": "csv", "location": str(tmp_path / "not-there.csv")},
    ]
    (pack / "city.yaml").write_text(yaml.safe_dump(city, sort_keys=False))
    assert run(capsys, settings, "city", "load", str(pack))[0] == 0

    def due_at(moment: str) -> list[str]:
        code, out, _ = run(capsys, settings, "import", "due", "--once", "--at", moment, "--json")
        assert code == 0
        return [
            f"{line['source']}:{line.get('added', 0)}:{line.get('problem', '')[:14]}"
            for line in map(json.loads, out.splitlines())
        ]

    # all three at first; the one that cannot be read is said, and the others still run
    assert due_at("2027-01-04T09:00Z") == ["stonehouse:3:", "clay:1:", "gone:0:could not read"]
    assert due_at("2027-01-04T09:30Z") == []  # nothing due yet
    # an hour on: the hourly source, and the broken one tried again (not every few minutes)
    assert due_at("2027-01-04T10:00Z") == ["clay:0:", "gone:0:could not read"]
    assert due_at("2027-01-05T09:00Z") == ["stonehouse:0:", "clay:0:", "gone:0:could not read"]
    run(capsys, settings, "city", "export", "--city", "plymouth", "--out", str(tmp_path / "out"))
    exported = yaml.safe_load((tmp_path / "out" / "city.yaml").read_text())
    assert [s.get("every_hours") for s in exported["sources"]] == [None, 1, None]
