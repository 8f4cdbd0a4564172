"""Pathway suggestions from what a learner says they want to do."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from actions.pathways import ActionGoalEnjoy, ActionGoalGoodAt, ActionSuggestPathways
from badge_core.db import UnitOfWorkFactory
from badge_core.models import Activity, AgeBand
from badge_core.services.claims import claim_badge
from tests.actions.support import (
    SENDER,
    events_of,
    issue_code,
    make_tracker,
    register,
    run,
    started,
)
from tests.conftest import SECRET

GAMES = "i want to be a games designer"
TRY = re.compile(
    r"^Try (?P<title>.+?), (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} .+ at .+\.$", re.M
)


def suggest(text: str, sender: str = SENDER) -> tuple[str, dict[str, Any]]:
    """What the action says (response, variables), in a conversation the session start began
    (as Rasa's do)."""
    tracker = make_tracker(text, "suggest_pathway", sender=sender, slots=started(sender))
    ran = run(ActionSuggestPathways(), tracker)
    assert ran.events == [] and len(ran.said) == 1
    return ran.said[0]


def details(text: str, sender: str = SENDER) -> list[str]:
    """The lines under the suggestion (progress, next step, an activity, others)."""
    response, variables = suggest(text, sender)
    assert response == "utter_pathway_suggested"
    return variables["details"].lstrip("\n").splitlines()


def test_games_designer_is_pointed_to_digital_careers_with_a_next_step(
    db: UnitOfWorkFactory,
) -> None:
    response, variables = suggest(GAMES)
    assert response == "utter_pathway_suggested"
    assert variables["pathway"] == "Digital careers"
    lines = variables["details"].lstrip("\n").splitlines()
    text = variables["details"]
    assert "Next step: Try coding." in lines
    assert TRY.search(text), f"a concrete activity to try should be offered: {text}"
    assert not any(line.startswith("You've done") for line in lines), (
        "no progress for someone unknown"
    )


def test_a_registered_learner_is_told_their_progress(db: UnitOfWorkFactory) -> None:
    learner_id = register(db, age_band="13-15").learner_id
    claim_badge(db(), SECRET, learner_id, issue_code(db, "code-club-coder"))
    lines = details(GAMES)
    assert "You've done 1 of 5 steps." in lines, lines
    assert "Next step: Build something people can use." in lines, (
        "the first step is done by their badge"
    )


def test_the_activity_offered_suits_the_learners_age(db: UnitOfWorkFactory) -> None:
    register(db, age_band="under-13")
    match = TRY.search("\n".join(details(GAMES)))
    assert match, "an activity should be offered"
    with db() as unit:
        activity = unit.session.scalar(select(Activity).where(Activity.title == match["title"]))
    low, high = AgeBand.UNDER_13.ages
    assert activity is not None and activity.age_min <= high and activity.age_max >= low, (
        f"{match['title']} does not suit an under-13"
    )


def test_the_suggestion_is_logged(db: UnitOfWorkFactory) -> None:
    learner_id = register(db).learner_id
    suggest(GAMES)
    [event] = events_of(db, "pathway_suggested")
    assert (event.learner_id, event.channel) == (learner_id, "rest")
    assert event.data["pathways"][0] == "digital-careers"


def _vague(text: str = "hmm dunno what to do after college") -> tuple[Any, dict[str, Any]]:
    slots = started()
    ran = run(ActionSuggestPathways(), make_tracker(text, "suggest_pathway", slots=slots))
    return ran, {**slots, **ran.slots}


def test_a_vague_goal_is_asked_what_they_enjoy_with_the_strands(db: UnitOfWorkFactory) -> None:
    ran, slots = _vague()
    assert ran.responses == ["utter_ask_goal_enjoy"]
    titles = [b["title"] for b in ran.messages[0]["buttons"]]
    assert titles[:2] == ["Essential skills", "Digital skills"] and len(titles) == 6
    assert ran.messages[0]["buttons"][2]["payload"] == '/choose_strand{"strand":"creative"}'
    assert slots["goal_step"] == "enjoy"
    assert events_of(db, "pathway_suggested") == [], "nothing suggested from nothing"


def test_a_strand_then_what_they_are_good_at_gives_a_suggestion(db: UnitOfWorkFactory) -> None:
    _, slots = _vague()
    enjoyed = run(
        ActionGoalEnjoy(),
        make_tracker(
            '/choose_strand{"strand":"creative"}',
            "choose_strand",
            entities=[("strand", "creative")],
            slots=slots,
        ),
    )
    assert enjoyed.responses == ["utter_ask_goal_good_at"]
    slots = {**slots, **enjoyed.slots}
    assert slots["goal_step"] == "good_at"
    suggested = run(
        ActionGoalGoodAt(), make_tracker("drawing and making videos", "tell_about_me", slots=slots)
    )
    [(response, variables)] = suggested.said
    assert response == "utter_pathway_suggested"
    assert variables["pathway"] == "Creative industries"
    assert suggested.slots == {"goal_step": None, "goal_enjoy": None}


def test_their_own_words_and_a_skip_also_give_a_suggestion(db: UnitOfWorkFactory) -> None:
    _, slots = _vague("no idea tbh")
    enjoyed = run(
        ActionGoalEnjoy(), make_tracker("looking after animals", "tell_about_me", slots=slots)
    )
    slots = {**slots, **enjoyed.slots}
    suggested = run(ActionGoalGoodAt(), make_tracker("skip", "skip", slots=slots))
    [(response, variables)] = suggested.said
    assert response == "utter_pathway_suggested", variables


def test_a_clear_goal_is_answered_at_once(db: UnitOfWorkFactory) -> None:
    assert suggest("i want to be a nurse")[1]["pathway"] == "Health and care"


def test_my_badges_lead_to_the_pathway_they_build_with_progress(db: UnitOfWorkFactory) -> None:
    learner_id = register(db, age_band="13-15").learner_id
    claim_badge(db(), SECRET, learner_id, issue_code(db, "code-club-coder"))
    slots = {**started(), "consent": "given"}
    ran = run(
        ActionSuggestPathways(),
        make_tracker("what could my badges lead to", "suggest_pathway", slots=slots),
    )
    [(response, variables)] = ran.said
    assert response == "utter_pathway_from_badges"
    assert variables["pathway"] == "Digital careers"
    assert "You've done 1 of 5 steps." in variables["details"]


def test_my_badges_with_none_yet_asks_what_they_enjoy(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15")
    ran = run(
        ActionSuggestPathways(), make_tracker("my pathway", "suggest_pathway", slots=started())
    )
    assert ran.responses == ["utter_no_badges_yet_ask_enjoy"]
    assert ran.slots["goal_step"] == "enjoy"


def test_the_suggestion_reads_as_one_message(db: UnitOfWorkFactory) -> None:
    """Rendered through the domain as Rasa sends it: the pathway, why, then one fact a line."""
    tracker = make_tracker(GAMES, "suggest_pathway", slots=started())
    [text] = run(ActionSuggestPathways(), tracker).texts
    lines = text.splitlines()
    assert lines[0].startswith("Sounds like Digital careers could suit you. "), text
    assert lines[1:] == details(GAMES)
