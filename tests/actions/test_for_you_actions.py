"""What's on for you in the chat (issue 26 item 1): "what's on" from a learner the bot knows
nothing of asks what they are into once, their answer is kept (when they agreed to be
remembered) and ranks the search they asked for; "more like this" after a list."""

from __future__ import annotations

import re

from actions.catalogue import ActionFindActivities
from actions.for_you import ActionForYouAnswer, ActionMoreLikeThis
from badge_core.db import UnitOfWorkFactory
from tests.actions.support import SENDER, make_tracker, profile_of, register, run, started

WHY = re.compile(r"^   Because (.+)$", re.MULTILINE)


def _asked(text: str = "what's on", sender: str = SENDER) -> dict:
    """The learner asks ``text``; the slots the conversation then holds."""
    slots = started(sender)
    ran = run(
        ActionFindActivities(), make_tracker(text, "find_activity", slots=slots, sender=sender)
    )
    assert ran.responses == ["utter_ask_for_you"]
    return {**slots, **ran.slots}


def _answer(text: str, slots: dict, intent: str = "find_activity"):
    return run(ActionForYouAnswer(), make_tracker(text, intent, slots=slots))


def test_nothing_known_asks_what_they_are_into_once(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15")
    slots = _asked()
    assert slots["for_you_asked"] is True and slots["awaiting_interests"] is True
    again = run(ActionFindActivities(), make_tracker("what's on", "find_activity", slots=slots))
    assert again.responses == ["utter_activities_more"], "asked once a conversation, no more"


def test_the_answer_is_kept_and_ranks_whats_on_with_why(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15")
    ran = _answer("football n drawin", _asked())
    [(response, said)] = ran.said
    assert response == "utter_activities_for_you_more"
    reasons = WHY.findall(said["activities"])
    assert reasons and all(r in ("you're into drawing", "you're into football") for r in reasons)
    assert profile_of(db).interests == ["drawing", "football"]
    assert ran.slots["awaiting_interests"] is None and ran.slots["for_you_query"] is None
    assert ran.slots["interests"] == "drawing, football"


def test_a_learner_not_remembered_gets_the_ranking_and_nothing_is_kept(
    db: UnitOfWorkFactory,
) -> None:
    ran = _answer("coding", _asked())
    assert ran.responses == ["utter_activities_for_you_more"]
    assert "you're into coding" in ran.said[0][1]["activities"]
    assert profile_of(db) is None


def test_a_skip_gets_the_search_as_it_was_and_keeps_the_time_asked(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15")
    slots = _asked("anything on saturday")
    assert slots["for_you_query"] == "anything on saturday"
    ran = _answer("skip", slots, intent="skip")
    [(response, said)] = ran.said
    assert response.startswith("utter_activities") and "for_you" not in response
    assert said["when"] == " on Saturday"
    assert not WHY.search(said["activities"])
    assert profile_of(db).interests == []


def test_stored_interests_rank_without_asking(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15", interests=["music"])
    ran = run(
        ActionFindActivities(), make_tracker("what's on", "find_activity", slots=started(SENDER))
    )
    [(response, said)] = ran.said
    assert response == "utter_activities_for_you_more"
    assert "Because you're into music" in said["activities"]


def test_more_like_one_shown(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15", interests=["coding"])
    listed = run(
        ActionFindActivities(), make_tracker("what's on", "find_activity", slots=started(SENDER))
    )
    slots = {**started(SENDER), **listed.slots}
    ran = run(ActionMoreLikeThis(), make_tracker("more like 1", "more_like_this", slots=slots))
    [(response, said)] = ran.said
    assert response == "utter_more_like" and said["like"]
    shown = listed.slots["activity_results"][: listed.slots["results_shown"]]
    assert ran.slots["activity_results"] and not set(ran.slots["activity_results"]) & set(shown)


def test_more_like_before_any_list_says_to_search_first(db: UnitOfWorkFactory) -> None:
    ran = run(ActionMoreLikeThis(), make_tracker("more like this", "more_like_this"))
    assert ran.responses == ["utter_more_like_before_search"]


def test_no_question_in_the_middle_of_onboarding(db: UnitOfWorkFactory) -> None:
    """Onboarding asks what they are into itself: a search in the middle of it is answered."""
    tracker = make_tracker("whats on this week", "find_activity", slots=started(SENDER))
    tracker.active_loop = {"name": "onboarding_form"}
    ran = run(ActionFindActivities(), tracker)
    assert ran.responses == ["utter_activities_more"]
