"""Finding activities: the best three upcoming matches, "more", and details of one."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import phrasing
from actions.runtime import GuardedAction, asker, call, city_of, latest_entity, runtime
from badge_core.errors import NotFound
from badge_core.services.catalogue import activities_by_key, activity_details
from badge_core.services.search import SearchResult, find_activities
from badge_core.text import pick_result

MAX_KEPT = 30


def _asked(result: SearchResult) -> dict[str, str]:
    """What the learner asked for, in the words of the results' heading: " for football",
    " near PL4", " on Tuesday", or nothing for what they did not ask."""
    asked = result.asked
    return {
        "what": f" for {asked.interest}" if asked.interest else "",
        "where": f" near {asked.district}" if asked.district else "",
        "when": f" {asked.window.label}" if asked.window else "",
    }


def _results_response(result: SearchResult, more: bool) -> str:
    """The response for a first page of results (bot/domain/activities.yml): by what had to be
    dropped to find them, and whether "more" has more to show."""
    if result.reasons is not None and result.exact:  # ranked for them
        return "utter_activities_for_you_more" if more else "utter_activities_for_you"
    if result.exact:
        return "utter_activities_more" if more else "utter_activities"
    if "what" in result.relaxed:  # nothing like it at all: the city team is told
        return "utter_activities_instead_more" if more else "utter_activities_instead"
    if "where" in result.relaxed:
        return "utter_activities_further_away_more" if more else "utter_activities_further_away"
    return "utter_activities_later_more" if more else "utter_activities_later"


class ActionFindActivities(GuardedAction):
    def name(self) -> str:
        return "action_find_activities"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), asker(tracker)
        result = await call(
            find_activities,
            rt.uow,
            who.city,
            tracker.latest_message.get("text") or "",
            interest=latest_entity(tracker, "interest"),
            location=latest_entity(tracker, "location"),
            when=latest_entity(tracker, "when"),
            age_band=who.age_band,
            home_district=who.district,
            identity=who.identity,
            channel=who.channel,
            matcher=rt.matcher,
            # once a conversation, and never in the middle of onboarding (it asks that itself)
            ask_first=not tracker.get_slot("for_you_asked") and not tracker.active_loop_name,
        )
        if result.needs_interests:  # "what's on" and nothing known of them: one question first
            dispatcher.utter_message(response="utter_ask_for_you")
            asked = SlotSet("for_you_query", tracker.latest_message.get("text") or "")
            return [SlotSet("for_you_asked", True), SlotSet("awaiting_interests", True), asked]
        return say_results(dispatcher, result)


def say_results(dispatcher: CollectingDispatcher, result: SearchResult) -> list[EventType]:
    """A search's first page, and the slots "more", "tell me about 1" and "alert me" read."""
    searched = SlotSet("searched_interest", result.asked.interest)  # for "alert me"
    if not result.hits:
        dispatcher.utter_message(response="utter_nothing_on")
        return [SlotSet("activity_results", []), SlotSet("results_shown", 0), searched]
    shown = result.hits[: phrasing.PAGE]
    dispatcher.utter_message(
        response=_results_response(result, more=len(result.hits) > len(shown)),
        activities=phrasing.activity_list(shown, reasons=result.reasons),
        **_asked(result),
    )
    keys = [hit.key for hit in result.hits[:MAX_KEPT]]
    return [SlotSet("activity_results", keys), SlotSet("results_shown", len(shown)), searched]


class ActionMoreResults(GuardedAction):
    def name(self) -> str:
        return "action_more_results"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        keys = tracker.get_slot("activity_results") or []
        shown = int(tracker.get_slot("results_shown") or 0)
        if not keys:
            dispatcher.utter_message(response="utter_more_before_search")
            return []
        if shown >= len(keys):
            dispatcher.utter_message(response="utter_no_more_results")
            return []
        rt = runtime()
        page = await call(
            activities_by_key, rt.uow(), city_of(tracker), keys[shown : shown + phrasing.PAGE]
        )
        dispatcher.utter_message(
            response="utter_activities_next_page",
            activities=phrasing.activity_list(page, first_number=shown + 1),
        )
        return [SlotSet("results_shown", shown + phrasing.PAGE)]


class ActionActivityDetails(GuardedAction):
    def name(self) -> str:
        return "action_activity_details"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        keys = tracker.get_slot("activity_results") or []
        shown = keys[: int(tracker.get_slot("results_shown") or 0)]
        rt = runtime()
        # Titles in the order shown, a blank for any that has gone, so numbers stay put.
        found = {
            hit.key: f"{hit.title} {' '.join(hit.tags)}"
            for hit in await call(activities_by_key, rt.uow(), city_of(tracker), shown)
        }
        titles = [found.get(key, "") for key in shown]
        index = pick_result(tracker.latest_message.get("text") or "", titles)
        if index is None:
            dispatcher.utter_message(
                response="utter_which_activity" if shown else "utter_details_before_search"
            )
            return []
        try:
            details = await call(activity_details, rt.uow(), city_of(tracker), shown[index])
        except NotFound:
            dispatcher.utter_message(response="utter_activity_gone")
            return []
        dispatcher.utter_message(
            response="utter_activity_details", details=phrasing.activity_details(details)
        )
        return [SlotSet("activity_in_focus", details.key)]  # for "remind me"
