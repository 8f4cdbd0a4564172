"""The chat side of sharing (actions/sharing.py): "share my badges" gives the learner's link
with a button per badge, a tap takes a badge off or puts it back, "stop sharing" turns the
link off, and "my skills story" gives sentences naming their badges."""

from __future__ import annotations

from actions.sharing import (
    ActionChooseSharedBadge,
    ActionShareBadges,
    ActionSkillsStory,
    ActionStopSharing,
)
from badge_core.db import UnitOfWorkFactory
from badge_core.services.claims import claim_badge
from tests.actions.support import Ran, entities, issue_code, make_tracker, register, run
from tests.conftest import SECRET

GIVEN = {"consent": "given"}


def _earn(uow: UnitOfWorkFactory, *badges: str) -> list[str]:
    learner = register(uow, age_band="16-18")
    return [
        claim_badge(uow(), SECRET, learner.learner_id, issue_code(uow, b)).award_public_id
        for b in badges
    ]


def share() -> Ran:
    return run(ActionShareBadges(), make_tracker("share my badges", "share_badges", slots=GIVEN))


def tap(button: dict[str, str]) -> Ran:
    payload = button["payload"]
    intent = payload[1 : payload.index("{")]
    tracker = make_tracker(payload, intent, entities=entities(payload), slots=GIVEN)
    return run(ActionChooseSharedBadge(), tracker)


def test_sharing_with_no_badge_says_how_to_get_one(db: UnitOfWorkFactory) -> None:
    register(db)
    assert share().said == [("utter_share_no_badges", {})]
    assert "haven't got any badges to share yet" in share().text


def test_the_link_comes_with_a_button_per_badge_that_takes_it_off_and_puts_it_back(
    db: UnitOfWorkFactory,
) -> None:
    beat, coder = _earn(db, "beat-maker", "code-club-coder")
    ran = share()
    ((name, said),) = ran.said
    assert name == "utter_share_link"
    assert (said["shown_count"], said["badge_count"]) == (2, 2)
    assert said["share_pdf"] == said["share_page"] + ".pdf"
    assert said["share_page"].startswith("http://127.0.0.1:8000/shared/")
    assert said["share_page"] in ran.text and "STOP SHARING" in ran.text
    buttons = ran.messages[0]["buttons"]
    assert [b["title"] for b in buttons] == ["Hide Beat Maker", "Hide Code Club Coder"]
    assert entities(buttons[0]["payload"]) == [("award_ref", beat)]

    hidden = tap(buttons[0])
    ((name, said),) = hidden.said
    assert name == "utter_share_changed" and said["shown_count"] == 1
    retapped = hidden.messages[0]["buttons"]
    assert [b["title"] for b in retapped] == ["Show Beat Maker", "Hide Code Club Coder"]
    assert retapped[0]["payload"].startswith("/show_on_page")
    assert entities(retapped[1]["payload"]) == [("award_ref", coder)]

    assert tap(retapped[0]).said[0][1]["shown_count"] == 2


def test_stop_sharing_turns_the_link_off_once(db: UnitOfWorkFactory) -> None:
    _earn(db, "beat-maker")
    button = share().messages[0]["buttons"][0]
    stop = make_tracker("stop sharing", "stop_sharing", slots=GIVEN)
    assert run(ActionStopSharing(), stop).said == [("utter_sharing_stopped", {})]
    assert run(ActionStopSharing(), stop).said == [("utter_sharing_was_off", {})]
    assert tap(button).said == [("utter_share_not_open", {})]  # an old button does nothing


def test_a_button_for_a_badge_that_is_not_theirs_changes_nothing(db: UnitOfWorkFactory) -> None:
    _earn(db, "beat-maker")
    share()
    forged = {"title": "x", "payload": '/hide_from_page{"award_ref":"not-an-award"}'}
    assert tap(forged).said == [("utter_share_not_open", {})]
    assert share().said[0][1]["shown_count"] == 1


def test_the_skills_story_names_their_badges(db: UnitOfWorkFactory) -> None:
    learner = register(db, age_band="16-18")
    tracker = make_tracker("my skills story", "skills_story", slots=GIVEN)
    assert run(ActionSkillsStory(), tracker).said == [("utter_skills_story_none", {})]

    claim_badge(db(), SECRET, learner.learner_id, issue_code(db, "beat-maker"))
    ran = run(ActionSkillsStory(), tracker)
    ((name, said),) = ran.said
    assert name == "utter_skills_story"
    assert "Beat Maker" in said["story"] and "Beat Maker" in ran.text
