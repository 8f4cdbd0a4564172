"""Pathway suggestions from what a learner says they want to do."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from actions.pathways import ActionSuggestPathways
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


def test_something_too_vague_asks_for_more(db: UnitOfWorkFactory) -> None:
    assert suggest("hmm dunno") == ("utter_ask_pathway_more", {})


def test_the_suggestion_reads_as_one_message(db: UnitOfWorkFactory) -> None:
    """Rendered through the domain as Rasa sends it: the pathway, why, then one fact a line."""
    tracker = make_tracker(GAMES, "suggest_pathway", slots=started())
    [text] = run(ActionSuggestPathways(), tracker).texts
    lines = text.splitlines()
    assert lines[0].startswith("Sounds like Digital careers could suit you. "), text
    assert lines[1:] == details(GAMES)
