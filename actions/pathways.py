"""Pathway suggestions from what a learner says they want or have done: a clear goal is
answered at once; "what could my badges lead to" from the badges they hold; a vague goal
gets two questions first (what they enjoy, with the spine's strands as buttons; what they
are good at), then a suggestion from both answers."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import phrasing
from actions.runtime import (
    NOT_SAID,
    GuardedAction,
    asker,
    call,
    city_of,
    latest_entity,
    payload,
    runtime,
    skipped,
)
from badge_core.services.goals import BADGES, STRAND, VAGUE, goal_from_answers
from badge_core.services.pathways import (
    GoalAnswer,
    PathwaySuggestion,
    answer_goal,
    suggest_pathways,
)


class ActionSuggestPathways(GuardedAction):
    def name(self) -> str:
        return "action_suggest_pathways"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), asker(tracker)
        interests = tracker.get_slot("interests")
        answer = await call(
            answer_goal,
            rt.uow,
            who.city,
            tracker.latest_message.get("text") or "",
            matcher=rt.matcher,
            identity=who.identity,
            channel=who.channel,
            age_band=who.age_band,
            home_district=who.district,
            goal="" if interests in NOT_SAID else str(interests),  # for "my badges"
        )
        if answer.kind == VAGUE or (answer.kind == BADGES and not answer.has_badges):
            return _ask_enjoy(dispatcher, answer, no_badges=answer.kind == BADGES)
        _say(dispatcher, answer.suggestions, tracker, from_badges=answer.kind == BADGES)
        return []


def _ask_enjoy(
    dispatcher: CollectingDispatcher, answer: GoalAnswer, *, no_badges: bool
) -> list[EventType]:
    buttons = [
        {"title": s.name, "payload": payload("choose_strand", strand=s.key)} for s in answer.strands
    ]
    dispatcher.utter_message(
        response="utter_no_badges_yet_ask_enjoy" if no_badges else "utter_ask_goal_enjoy",
        buttons=buttons,
    )
    return [SlotSet("goal_step", "enjoy"), SlotSet("goal_enjoy", None)]


async def _suggest(tracker: Tracker, text: str) -> list[PathwaySuggestion]:
    rt, who = runtime(), asker(tracker)
    return await call(
        suggest_pathways,
        rt.uow,
        who.city,
        text,
        identity=who.identity,
        age_band=who.age_band,
        home_district=who.district,
        channel=who.channel,
        matcher=rt.matcher,
    )


def _say(
    dispatcher: CollectingDispatcher,
    suggestions: list[PathwaySuggestion],
    tracker: Tracker,
    *,
    from_badges: bool = False,
) -> None:
    if not suggestions:
        dispatcher.utter_message(response="utter_ask_pathway_more")
        return
    best, *others = suggestions
    dispatcher.utter_message(
        response="utter_pathway_from_badges" if from_badges else "utter_pathway_suggested",
        pathway=best.name,
        about=phrasing.first_sentence(best.description),
        details=phrasing.pathway_details(
            best, others, progress=tracker.get_slot("consent") == "given"
        ),
    )


class ActionGoalEnjoy(GuardedAction):
    """What they enjoy (a strand's button, or their words), kept for the suggestion; then
    what they are good at."""

    def name(self) -> str:
        return "action_goal_enjoy"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        strand = latest_entity(tracker, "strand")
        enjoy = f"{STRAND}{strand}" if strand else "" if skipped(tracker, text) else text
        dispatcher.utter_message(response="utter_ask_goal_good_at")
        return [SlotSet("goal_step", "good_at"), SlotSet("goal_enjoy", enjoy)]


class ActionGoalGoodAt(GuardedAction):
    """What they are good at, and with what they enjoy, a suggestion."""

    def name(self) -> str:
        return "action_goal_good_at"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        good_at = "" if skipped(tracker, text) else text
        enjoy = str(tracker.get_slot("goal_enjoy") or "")
        rt = runtime()
        goal = await call(goal_from_answers, rt.uow(), city_of(tracker), enjoy, good_at)
        suggestions = await _suggest(tracker, goal)
        _say(dispatcher, suggestions, tracker)
        return [SlotSet("goal_step", None), SlotSet("goal_enjoy", None)]
