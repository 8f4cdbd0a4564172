"""Pathway suggestions from what a learner says about themselves or wants to do."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import phrasing
from actions.runtime import GuardedAction, asker, call, runtime
from badge_core.services.pathways import suggest_pathways


class ActionSuggestPathways(GuardedAction):
    def name(self) -> str:
        return "action_suggest_pathways"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), asker(tracker)
        suggestions = await call(
            suggest_pathways,
            rt.uow,
            who.city,
            tracker.latest_message.get("text") or "",
            identity=who.identity,
            age_band=who.age_band,
            home_district=who.district,
            channel=who.channel,
            matcher=rt.matcher,
        )
        if not suggestions:
            dispatcher.utter_message(response="utter_ask_pathway_more")
            return []
        best, *others = suggestions
        dispatcher.utter_message(
            response="utter_pathway_suggested",
            pathway=best.name,
            about=phrasing.first_sentence(best.description),
            details=phrasing.pathway_details(best, others, progress=who.consented),
        )
        return []
