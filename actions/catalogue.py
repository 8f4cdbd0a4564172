"""Finding activities: the best three upcoming matches, "more", and details of one."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import phrasing
from actions.runtime import GuardedAction, asker, call, latest_entity, runtime
from badge_core.errors import NotFound
from badge_core.services.catalogue import activities_by_key, activity_details
from badge_core.services.search import SearchResult, find_activities
from badge_core.text import pick_result

MAX_KEPT = 30


def _header(result: SearchResult) -> str:
    asked = result.asked
    what = f" for {asked.interest}" if asked.interest else ""
    where = f" near {asked.district}" if asked.district else ""
    when = f" {asked.window.label}" if asked.window else ""
    if result.exact:
        return f"Here's what's on{what}{where}{when}:"
    if "what" in result.relaxed:
        return (
            f"I couldn't find anything{what} right now 😕 I've told the city team people "
            "are asking. Here's what else is on:"
        )
    if "where" in result.relaxed:
        return f"Nothing{what}{where} soon, but there's this:"
    return f"Nothing{what}{where}{when}, but here's what's on later:"


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
        )
        if not result.hits:
            dispatcher.utter_message(
                text="Nothing's on in the next two weeks that fits, sorry. Try again soon!"
            )
            return [SlotSet("activity_results", []), SlotSet("results_shown", 0)]
        shown = result.hits[: phrasing.PAGE]
        footer = (
            'Say "more" for more, or "tell me about 1".'
            if len(result.hits) > len(shown)
            else 'Say "tell me about 1" for details.'
        )
        dispatcher.utter_message(
            text=f"{_header(result)}\n{phrasing.activity_list(shown)}\n{footer}"
        )
        keys = [hit.key for hit in result.hits[:MAX_KEPT]]
        return [SlotSet("activity_results", keys), SlotSet("results_shown", len(shown))]


class ActionMoreResults(GuardedAction):
    def name(self) -> str:
        return "action_more_results"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        keys = tracker.get_slot("activity_results") or []
        shown = int(tracker.get_slot("results_shown") or 0)
        if not keys:
            dispatcher.utter_message(
                text='Tell me what you\'re looking for, like "football near PL4".'
            )
            return []
        if shown >= len(keys):
            dispatcher.utter_message(text="That's everything I found. Try a different search?")
            return []
        rt = runtime()
        page = await call(activities_by_key, rt.uow(), rt.city, keys[shown : shown + phrasing.PAGE])
        dispatcher.utter_message(text=phrasing.activity_list(page, first_number=shown + 1))
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
            for hit in await call(activities_by_key, rt.uow(), rt.city, shown)
        }
        titles = [found.get(key, "") for key in shown]
        index = pick_result(tracker.latest_message.get("text") or "", titles)
        if index is None:
            dispatcher.utter_message(
                text='Which one? Say a number, like "tell me about 2".'
                if shown
                else 'Search first, like "what\'s on", then ask about one.'
            )
            return []
        try:
            details = await call(activity_details, rt.uow(), rt.city, shown[index])
        except NotFound:
            dispatcher.utter_message(text="Sorry, that one isn't running any more.")
            return []
        dispatcher.utter_message(text=phrasing.activity_details(details))
        return []
