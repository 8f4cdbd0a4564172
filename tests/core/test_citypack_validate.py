"""A city team gets every problem in their pack at once, each naming file, entry and field."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

from badge_core.citypack import read_pack, validate_pack
from badge_core.citypack.schema import pack_json_schemas
from badge_core.citypack.spec import PROVIDER_KINDS
from badge_core.errors import CityPackInvalid
from tests.conftest import PLYMOUTH, REPO
from tests.core.packs import small_pack, write_pack


def _activity(docs: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return docs["activities"]["activities"][index]


def test_the_small_pack_and_the_demo_city_are_valid(tmp_path: Path) -> None:
    assert validate_pack(write_pack(tmp_path, small_pack())) == []
    assert validate_pack(PLYMOUTH) == []


Breakage = Callable[[dict[str, Any]], None]

BROKEN: dict[str, tuple[Breakage, str, str, str, str]] = {
    # kind of error: (break the pack, file, entry, field, words in the message)
    "unknown skill id": (
        lambda d: _activity(d)["skills"].append("juggling"),
        "activities.yaml",
        "football",
        "skills",
        "unknown skill 'juggling'",
    ),
    "unknown skill in a badge": (
        lambda d: d["badges"]["badges"][0]["skills"].append({"skill": "flying"}),
        "badges.yaml",
        "team-player",
        "skills #3",
        "unknown skill 'flying'",
    ),
    "unknown skill in a pathway step": (
        lambda d: d["pathways"]["pathways"][0]["steps"][0]["skills"].append("nope"),
        "pathways.yaml",
        "sport-and-leisure/play",
        "skills",
        "unknown skill 'nope'",
    ),
    "duplicate activity id": (
        lambda d: d["activities"]["activities"].append(dict(_activity(d))),
        "activities.yaml",
        "football",
        "id",
        "duplicate id 'football'",
    ),
    "duplicate skill id across strands": (
        lambda d: d["spine"]["strands"][1]["skills"].append(
            {"id": "teamwork", "name": "Again", "description": "x"}
        ),
        "spine.yaml",
        "active/teamwork",
        "id",
        "duplicate skill id 'teamwork'",
    ),
    "bad postcode district": (
        lambda d: d["places"]["venues"][0].update(district="PL1 4AB"),
        "places.yaml",
        "hall",
        "district",
        "not a postcode district",
    ),
    "district not in places": (
        lambda d: d["places"]["venues"][0].update(district="EX4"),
        "places.yaml",
        "hall",
        "district",
        "unknown district 'EX4'",
    ),
    "session ends before it starts": (
        lambda d: _activity(d, 1)["sessions"][0].update(end="2027-03-01T17:00"),
        "activities.yaml",
        "peer-support",
        "sessions #1",
        "before it starts",
    ),
    "weekly slot ends before it starts": (
        lambda d: _activity(d)["schedule"][0].update(end="09:00"),
        "activities.yaml",
        "football",
        "schedule #1",
        "before it starts",
    ),
    "age range inverted": (
        lambda d: _activity(d).update(age_min=18, age_max=11),
        "activities.yaml",
        "football",
        "age_max",
        "inverted",
    ),
    "unknown provider": (
        lambda d: _activity(d).update(provider="ghost"),
        "activities.yaml",
        "football",
        "provider",
        "unknown provider 'ghost'",
    ),
    "unknown venue": (
        lambda d: _activity(d).update(venue="moon"),
        "activities.yaml",
        "football",
        "venue",
        "unknown venue 'moon'",
    ),
    "unknown badge": (
        lambda d: _activity(d)["badges"].append("gold-star"),
        "activities.yaml",
        "football",
        "badges",
        "unknown badge 'gold-star'",
    ),
    "missing required field": (
        lambda d: _activity(d).pop("title"),
        "activities.yaml",
        "football",
        "title",
        "is required",
    ),
    "unquoted time read as a number": (
        lambda d: _activity(d)["schedule"][0].update(start=600),
        "activities.yaml",
        "football",
        "schedule #1 start",
        "quotes",
    ),
    "not a weekday": (
        lambda d: _activity(d)["schedule"][0].update(day="caturday"),
        "activities.yaml",
        "football",
        "schedule #1",
        "not a day of the week",
    ),
    "no schedule at all": (
        lambda d: _activity(d).pop("schedule"),
        "activities.yaml",
        "football",
        "schedule",
        "weekly schedule or dated sessions",
    ),
    "offline activity without venue": (
        lambda d: _activity(d).pop("venue"),
        "activities.yaml",
        "football",
        "venue",
        "unless the activity is online",
    ),
    "bad id": (
        lambda d: _activity(d).update(id="Football Club"),
        "activities.yaml",
        "Football Club",
        "id",
        "not a valid id",
    ),
    "unknown time zone": (
        lambda d: d["city"].update(timezone="Europe/Plymouth"),
        "city.yaml",
        "",
        "timezone",
        "unknown time zone",
    ),
    "negative cost": (
        lambda d: _activity(d).update(cost_pence=-100),
        "activities.yaml",
        "football",
        "cost_pence",
        "negative",
    ),
    "unknown provider kind": (
        lambda d: d["providers"]["providers"][0].update(kind="spaceport"),
        "providers.yaml",
        "youth-club",
        "kind",
        "not one of",
    ),
    "pathway step with nothing in it": (
        lambda d: d["pathways"]["pathways"][0]["steps"][0].pop("skills"),
        "pathways.yaml",
        "sport-and-leisure/play",
        "skills",
        "needs skills or badges",
    ),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_each_kind_of_error_is_reported_with_its_place(tmp_path: Path, kind: str) -> None:
    breakage, file, entry, field, words = BROKEN[kind]
    docs = small_pack()
    breakage(docs)
    problems = validate_pack(write_pack(tmp_path, docs))
    assert any(
        p.file == file and p.entry == entry and p.field == field and words in p.message
        for p in problems
    ), f"no {file} [{entry}] {field}: ...{words}... in {[str(p) for p in problems]}"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    docs = small_pack()
    for kind in (
        "unknown skill id",
        "bad postcode district",
        "age range inverted",
        "unknown time zone",
    ):
        BROKEN[kind][0](docs)
    with pytest.raises(CityPackInvalid) as raised:
        read_pack(write_pack(tmp_path, docs))
    fields = {(p.file, p.field) for p in raised.value.problems}
    assert {
        ("activities.yaml", "skills"),
        ("places.yaml", "district"),
        ("activities.yaml", "age_max"),
        ("city.yaml", "timezone"),
    } <= fields


def test_missing_and_unparseable_files_are_problems(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, small_pack())
    (folder / "badges.yaml").unlink()
    (folder / "places.yaml").write_text("districts: [unclosed\n")
    messages = {(p.file, p.message) for p in validate_pack(folder)}
    assert ("badges.yaml", "file is missing") in messages
    assert any(f == "places.yaml" and "not valid YAML" in m for f, m in messages)


def test_a_problem_prints_as_file_entry_field_message() -> None:
    from badge_core.errors import PackProblem

    problem = PackProblem("activities.yaml", "football", "age_max", "age range is inverted")
    assert str(problem) == "activities.yaml [football] age_max: age range is inverted"


def test_a_broken_pack_gets_every_problem_with_file_entry_and_field(tmp_path: Path) -> None:
    docs = small_pack()
    football = _activity(docs)
    football.update(age_min="12", online="yes", title=None, cost_pence=-100)
    football["schedule"][0].update(day="caturday", start=600)  # two problems in one slot
    football["skills"].append("juggling")
    docs["activities"]["activities"].append({"title": "No id", "provider": "ghost"})
    docs["places"]["venues"][0].update(district="EX4", lat=95)
    docs["badges"]["badges"][0]["skills"].append({"skill": "flying", "level": 7})
    docs["providers"]["providers"][0].update(kind="spaceport")  # still a known provider
    docs["city"]["safeguarding"] = {"helpline": {"phone": "call us"}, "leads": {"ghost": "x"}}
    problems = validate_pack(write_pack(tmp_path, docs))
    found = {(p.file, p.entry, p.field): p.message for p in problems}
    kinds = ", ".join(PROVIDER_KINDS)
    assert found == {
        ("city.yaml", "", "safeguarding.helpline.phone"): "'call us' is not a phone number",
        ("city.yaml", "", "safeguarding.leads"): "unknown provider 'ghost'",
        ("places.yaml", "hall", "district"): "unknown district 'EX4' (not in places.yaml)",
        ("places.yaml", "hall", "lat"): "95 is not a latitude",
        ("providers.yaml", "youth-club", "kind"): f"'spaceport' is not one of: {kinds}",
        ("activities.yaml", "football", "title"): "is required",
        ("activities.yaml", "football", "online"): "should be true or false, not 'yes'",
        ("activities.yaml", "football", "age_min"): "should be a whole number, not '12'",
        ("activities.yaml", "football", "cost_pence"): "cannot be negative",
        ("activities.yaml", "football", "schedule #1"): "day 'caturday' is not a day of the week",
        ("activities.yaml", "football", "schedule #1 start"): 'write times in quotes, like "16:00"',
        ("activities.yaml", "football", "skills"): "unknown skill 'juggling'",
        ("activities.yaml", "#3", "id"): "is required",
        ("activities.yaml", "#3", "description"): "is required",
        ("activities.yaml", "#3", "provider"): "unknown provider 'ghost'",
        ("activities.yaml", "#3", "venue"): "is required unless the activity is online",
        ("activities.yaml", "#3", "age_min"): "is required",
        ("activities.yaml", "#3", "age_max"): "is required",
        ("activities.yaml", "#3", "schedule"): "an activity needs a weekly schedule or dated"
        " sessions",
        ("badges.yaml", "team-player", "skills #3"): "unknown skill 'flying'",
        ("badges.yaml", "team-player", "skills #3 level"): "level 7 should be 1 to 5",
    }
    assert len(problems) == len(found)  # one problem for each place, none twice
    assert [p.file for p in problems] == sorted(
        (p.file for p in problems),
        key=["city.yaml", "places.yaml", "providers.yaml", "activities.yaml", "badges.yaml"].index,
    )


def test_an_empty_city_file_says_what_it_lacks(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, small_pack())
    (folder / "city.yaml").write_text("")
    fields = {p.field for p in validate_pack(folder) if p.file == "city.yaml"}
    assert fields == {"slug", "name", "timezone"}


def _schema(stem: str) -> Validator:
    schema = pack_json_schemas()[stem]
    validator = validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


@pytest.mark.parametrize("stem", sorted(pack_json_schemas()))
def test_the_json_schema_accepts_the_demo_city(stem: str) -> None:
    document = yaml.safe_load((PLYMOUTH / f"{stem}.yaml").read_text(encoding="utf-8"))
    assert [error.message for error in _schema(stem).iter_errors(document)] == []


def test_the_json_schema_flags_what_the_models_refuse() -> None:
    docs = small_pack()
    _activity(docs).update(id="Football Club", cost_pence=-1, online="yes")
    _activity(docs)["schedule"][0].update(start=600)
    _activity(docs, 1).pop("title")
    paths = {tuple(e.absolute_path) for e in _schema("activities").iter_errors(docs["activities"])}
    assert paths == {
        ("activities", 0, "id"),
        ("activities", 0, "cost_pence"),
        ("activities", 0, "online"),
        ("activities", 0, "schedule", 0, "start"),
        ("activities", 1),  # 'title' is a required property
    }


def test_the_schema_files_for_editors_are_up_to_date() -> None:
    folder = REPO / "docs" / "city-pack-schema"
    written = {path.name: json.loads(path.read_text()) for path in folder.glob("*.schema.json")}
    expected = {f"{stem}.schema.json": schema for stem, schema in pack_json_schemas().items()}
    assert written == expected, "run: python tools/pack_schema.py"
