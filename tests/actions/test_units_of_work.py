"""One learner message, one service call: the units of work each chat turn opens.

A turn reads everything its reply needs in one read unit and writes in one short write
(DESIGN.md). These counts fail as soon as a turn grows a trip: a second learner lookup, a
read only to fetch the city's time zone for wording, a unit the matcher opens on its own.
Each turn runs in a conversation the session start began, as Rasa's do, so the learner's
profile comes from slots, not from another read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest.mock import patch

from actions.catalogue import ActionFindActivities
from actions.claims import ActionClaimBadge, ActionMyBadges
from actions.pathways import ActionSuggestPathways
from actions.sharing import (
    ActionChooseSharedBadge,
    ActionShareBadges,
    ActionSkillsStory,
    ActionStopSharing,
)
from actions.skills import ActionReadSkills, ActionReflect
from badge_core.db import UnitOfWork, UnitOfWorkFactory
from tests.actions.support import entities, issue_code, make_tracker, register, run, started


@contextmanager
def units_opened() -> Iterator[list[str]]:
    """Each unit of work entered inside the block, in order: "read" or "write"."""
    opened: list[str] = []
    enter = UnitOfWork.__enter__

    def counted(self: UnitOfWork) -> UnitOfWork:
        opened.append("read" if self._reading else "write")
        return enter(self)

    with patch.object(UnitOfWork, "__enter__", counted):
        yield opened


def turn(action, text: str, intent: str, **kwargs) -> list[str]:
    slots = {**started(), **kwargs.pop("slots", {})}
    tracker = make_tracker(text, intent, slots=slots, **kwargs)
    with units_opened() as opened:
        ran = run(action, tracker)
    assert ran.messages, "the turn answered"
    return opened


def test_a_search_is_one_read_and_one_write(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15", district="PL4")
    assert turn(ActionFindActivities(), "football near PL4", "find_activity") == ["read", "write"]


def test_a_pathway_suggestion_is_one_read_and_one_write(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15")
    opened = turn(ActionSuggestPathways(), "i want to be a games designer", "suggest_pathway")
    assert opened == ["read", "write"]


def test_a_claim_is_one_write_whether_it_is_awarded_or_refused(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15")
    code = issue_code(db)
    claim = [{"entity": "claim_code", "value": code, "start": 0, "end": len(code)}]
    assert turn(ActionClaimBadge(), code, "claim_badge", entities=claim) == ["write"]
    wrong = [{"entity": "claim_code", "value": "ZZZZZ-ZZZZZ", "start": 0, "end": 11}]
    assert turn(ActionClaimBadge(), "ZZZZZ-ZZZZZ", "claim_badge", entities=wrong) == ["write"]


def test_a_reflection_is_one_read_and_one_write(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15")
    code = issue_code(db)
    claim = [{"entity": "claim_code", "value": code, "start": 0, "end": len(code)}]
    award = next(
        e["value"]
        for e in run(
            ActionClaimBadge(), make_tracker(code, "claim_badge", entities=claim, slots=started())
        ).events
        if e.get("name") == "reflection_award"
    )
    opened = turn(
        ActionReflect(),
        "i made a beat with my mates and showed it to the group",
        "inform",
        slots={"awaiting_reflection": True, "reflection_award": award},
    )
    assert opened == ["read", "write"]


def test_reading_skills_is_one_read_and_one_write(db: UnitOfWorkFactory) -> None:
    register(db)
    opened = turn(
        ActionReadSkills(), "i sorted out an argument between my mates", "share_experience"
    )
    assert opened == ["read", "write"]


def test_my_badges_is_one_read(db: UnitOfWorkFactory) -> None:
    register(db)
    assert turn(ActionMyBadges(), "my badges", "my_badges") == ["read"]


def test_sharing_turns_are_one_unit_each(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15")
    code = issue_code(db)
    claim = [{"entity": "claim_code", "value": code, "start": 0, "end": len(code)}]
    run(ActionClaimBadge(), make_tracker(code, "claim_badge", entities=claim, slots=started()))
    assert turn(ActionSkillsStory(), "my skills story", "skills_story") == ["read"]
    slots = started()
    share = run(ActionShareBadges(), make_tracker("my skills", "share_badges", slots=slots))
    payload = share.messages[0]["buttons"][0]["payload"]
    tap = [("award_ref", entities(payload)[0][1])]
    assert turn(ActionShareBadges(), "my skills", "share_badges") == ["write"]
    hide = turn(ActionChooseSharedBadge(), payload, "hide_from_page", entities=tap)
    assert hide == ["write"]
    assert turn(ActionStopSharing(), "stop sharing", "stop_sharing") == ["write"]
