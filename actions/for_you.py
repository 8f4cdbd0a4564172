"""What's on for you: the answer to "What are you into?" after a "what's on" with no topic,
and "more like this" after a list of activities."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import phrasing
from actions.catalogue import say_results
from actions.runtime import GuardedAction, asker, call, city_of, runtime, skipped, speaker
from badge_core.errors import NotFound
from badge_core.services.catalogue import ActivityHit, activities_by_key
from badge_core.services.interests import interest_words
from badge_core.services.learners import update_profile
from badge_core.services.search import find_activities
from badge_core.services.similar import more_like
from badge_core.text import pick_result


class ActionForYouAnswer(GuardedAction):
    """What they are into, kept when they agreed to be remembered, then the search they asked
    for ("what's on this weekend") ranked by it; a skip gets the search as it was."""

    def name(self) -> str:
        return "action_for_you_answer"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who, sender = runtime(), asker(tracker), speaker(tracker)
        text = tracker.latest_message.get("text") or ""
        words = []
        if not skipped(tracker, text):
            words = await call(interest_words, rt.uow(), who.city, text, rt.matcher)
        if words:  # kept only for a learner who agreed to be remembered (None otherwise)
            await call(
                update_profile, rt.uow(), rt.secret, sender.channel, sender.sender, interests=words
            )
        result = await call(
            find_activities,
            rt.uow,
            who.city,
            str(tracker.get_slot("for_you_query") or ""),
            age_band=who.age_band,
            home_district=who.district,
            identity=who.identity,
            channel=who.channel,
            matcher=rt.matcher,
            interests=words,
        )
        kept = [SlotSet("interests", ", ".join(words))] if words else []
        done = [SlotSet("awaiting_interests", None), SlotSet("for_you_query", None)]
        return [*done, *kept, *say_results(dispatcher, result)]


class ActionMoreLikeThis(GuardedAction):
    """ "More like this" (or "more like 2", "more like the football one"): activities like
    the one they mean, or the one they last asked about, or the first shown."""

    def name(self) -> str:
        return "action_more_like_this"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        keys = tracker.get_slot("activity_results") or []
        shown = keys[: int(tracker.get_slot("results_shown") or 0)]
        if not shown:
            dispatcher.utter_message(response="utter_more_like_before_search")
            return []
        rt, who = runtime(), asker(tracker)
        found = {
            hit.key: hit for hit in await call(activities_by_key, rt.uow(), city_of(tracker), shown)
        }
        key = _meant(tracker, shown, found)
        try:
            hits = await call(
                more_like,
                rt.uow,
                who.city,
                key,
                matcher=rt.matcher,
                age_band=who.age_band,
                home_district=who.district,
                shown=shown,
                identity=who.identity,
                channel=who.channel,
            )
        except NotFound:  # gone from the city since it was shown
            hits = []
        return _say_like(dispatcher, found[key].title if key in found else "that", hits)


def _meant(tracker: Tracker, shown: list[str], found: dict[str, ActivityHit]) -> str:
    """The shown activity the learner means: named or numbered, else the one in focus (they
    asked about it), else the first."""
    titles = [f"{found[k].title} {' '.join(found[k].tags)}" if k in found else "" for k in shown]
    index = pick_result(tracker.latest_message.get("text") or "", titles)
    focus = tracker.get_slot("activity_in_focus")
    return shown[index] if index is not None else focus if focus in shown else shown[0]


def _say_like(
    dispatcher: CollectingDispatcher, like: str, hits: list[ActivityHit]
) -> list[EventType]:
    if not hits:
        dispatcher.utter_message(response="utter_nothing_like_it", like=like)
        return []
    page = hits[: phrasing.PAGE]
    dispatcher.utter_message(
        response="utter_more_like", like=like, activities=phrasing.activity_list(page)
    )
    return [SlotSet("activity_results", [h.key for h in hits]), SlotSet("results_shown", len(page))]
