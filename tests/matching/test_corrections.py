"""Learning from corrections: a learner's "No" and pick kept for the city team, who can accept
it as an example for the skill, after which the real matcher reads those words right for
everyone; kept through a pack reload, in the exported pack, and gone with its learner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from badge_core.citypack import export_pack, load_pack, read_pack
from badge_core.cli import main
from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.errors import InvalidRequest, NotFound
from badge_core.matching.matcher import Matcher
from badge_core.services.corrections import (
    accept_correction,
    check_corrections,
    choose_skill,
    dismiss_correction,
    list_corrections,
    reject_skill,
)
from badge_core.services.learner_data import erase_learner_by, export_learner
from badge_core.services.learners import register_learner
from badge_core.services.vectors import skill_matches
from colbot_shared.identity import identity_hash
from tests.conftest import PLYMOUTH, SECRET

# Read as Volunteering by the demo spine's examples; the learner meant Enterprise.
WORDS = "i run the tuck shop at school"


def _corrected(uow: UnitOfWorkFactory, matcher: Matcher, chosen: str | None = "enterprise") -> int:
    """A learner says WORDS, the bot suggests volunteering, they say no and pick ``chosen``."""
    register_learner(uow(), SECRET, "plymouth", "telegram", "learner-1")
    who = identity_hash(SECRET, "telegram", "learner-1")
    rejection = reject_skill(
        uow,
        "plymouth",
        WORDS,
        "volunteering",
        matcher=matcher,
        secret_key=SECRET,
        identity=who,
        channel="telegram",
    )
    assert rejection.correction_id is not None
    assert "volunteering" not in [m.key for m in rejection.options]
    choose_skill(
        uow(), "plymouth", rejection.correction_id, chosen, identity=who, channel="telegram"
    )
    return rejection.correction_id


def _first_skill(uow: UnitOfWorkFactory, matcher: Matcher, text: str) -> str:
    return skill_matches(uow, matcher, "plymouth", text, top=1)[0].key


def test_an_accepted_correction_makes_the_matcher_read_the_words_right(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    assert _first_skill(indexed_uow, matcher, WORDS) == "volunteering"
    correction = _corrected(indexed_uow, matcher)
    before = check_corrections(indexed_uow, matcher, "plymouth", SECRET)
    assert (before.checked, before.right, before.still_wrong) == (1, 0, [correction])
    accepted = accept_correction(indexed_uow(), "plymouth", correction, SECRET)
    assert (accepted.status, accepted.example) == ("accepted", WORDS)
    # the same running matcher: the city's data version moved on, so it reads the new example
    assert _first_skill(indexed_uow, matcher, WORDS) == "enterprise"
    after = check_corrections(indexed_uow, matcher, "plymouth", SECRET)
    assert (after.checked, after.right) == (1, 1)


def test_an_accepted_example_survives_a_pack_reload_and_is_exported(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher, tmp_path: Path
) -> None:
    correction = _corrected(indexed_uow, matcher)
    accept_correction(indexed_uow(), "plymouth", correction, SECRET, text="i run our tuck shop")
    load_pack(indexed_uow(), read_pack(PLYMOUTH))
    export_pack(indexed_uow(), "plymouth", tmp_path)
    spine = yaml.safe_load((tmp_path / "spine.yaml").read_text(encoding="utf-8"))
    examples = {
        skill["id"]: skill.get("examples", [])
        for strand in spine["strands"]
        for skill in strand["skills"]
    }
    assert examples["enterprise"][-1] == "i run our tuck shop"
    assert "i run our tuck shop" not in examples["volunteering"]


def test_a_dismissed_correction_takes_its_example_back_out(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    correction = _corrected(indexed_uow, matcher)
    accept_correction(indexed_uow(), "plymouth", correction, SECRET)
    dismissed = dismiss_correction(indexed_uow(), "plymouth", correction, SECRET)
    assert (dismissed.status, dismissed.example) == ("dismissed", None)
    assert _first_skill(indexed_uow, matcher, WORDS) == "volunteering"
    assert check_corrections(indexed_uow, matcher, "plymouth", SECRET).checked == 0


def test_accepting_needs_a_skill_and_words(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    correction = _corrected(indexed_uow, matcher, chosen=None)
    with pytest.raises(InvalidRequest, match="--skill"):
        accept_correction(indexed_uow(), "plymouth", correction, SECRET)
    with pytest.raises(NotFound):
        accept_correction(indexed_uow(), "plymouth", correction, SECRET, skill="juggling")
    with pytest.raises(InvalidRequest, match="empty"):
        accept_correction(
            indexed_uow(), "plymouth", correction, SECRET, skill="enterprise", text=" "
        )
    with pytest.raises(NotFound):
        accept_correction(indexed_uow(), "plymouth", 999, SECRET, skill="enterprise")
    accepted = accept_correction(indexed_uow(), "plymouth", correction, SECRET, skill="enterprise")
    assert accepted.chosen_skill == "enterprise"


def test_a_correction_is_in_its_learners_export_and_goes_with_them(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    _corrected(indexed_uow, matcher)
    learner = register_learner(indexed_uow(), SECRET, "plymouth", "telegram", "learner-1")
    exported = export_learner(indexed_uow(), SECRET, public_id=learner.public_id)
    [kept] = exported["skill_corrections"]
    assert (kept["you_said"], kept["not"], kept["you_picked"]) == (
        WORDS,
        "volunteering",
        "enterprise",
    )
    erase_learner_by(indexed_uow(), SECRET, public_id=learner.public_id)
    assert list_corrections(indexed_uow(), "plymouth", SECRET) == []


def test_the_city_team_lists_accepts_and_checks_from_the_command_line(
    indexed_uow: UnitOfWorkFactory,
    matcher: Matcher,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    correction = _corrected(indexed_uow, matcher)
    # the fixture's database file (tests/matching/conftest.py)
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'indexed.db'}", secret_key=SECRET)

    assert main(["corrections", "list", "--city", "plymouth", "--json"], settings) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["words"] == WORDS
    assert (listed["wrong_skill"], listed["chosen_skill"], listed["status"]) == (
        "volunteering",
        "enterprise",
        "new",
    )
    assert set(listed) == {
        "id",
        "created",
        "words",
        "wrong_skill",
        "chosen_skill",
        "status",
        "example",
    }, "no learner is named"

    assert main(["corrections", "check", "--city", "plymouth"], settings) == 0
    assert "reads 0 of 1 corrections right" in capsys.readouterr().out
    assert main(["corrections", "accept", str(correction), "--city", "plymouth"], settings) == 0
    assert "is now an example for enterprise" in capsys.readouterr().out
    assert main(["corrections", "check", "--city", "plymouth", "--json"], settings) == 0
    assert json.loads(capsys.readouterr().out) == {"checked": 1, "right": 1, "still_wrong": []}

    assert main(["corrections", "accept", "77", "--city", "plymouth"], settings) != 0
    err = capsys.readouterr().err
    assert "77" in err and "Traceback" not in err
