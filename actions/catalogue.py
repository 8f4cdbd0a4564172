"""Actions about what's on in the city."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.runtime import runtime
from badge_core.services.catalogue import whats_on


class ActionWhatsOn(Action):
    def name(self) -> str:
        return "action_whats_on"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        rt = runtime()
        # The badge core is synchronous; keep the action server's event loop free.
        summary = await asyncio.to_thread(whats_on, rt.uow(), rt.settings.default_city)
        if summary.activity_count == 0:
            dispatcher.utter_message(
                text=f"Nothing is on in {summary.city_name} in the next 7 days, sorry."
            )
            return []
        count = summary.activity_count
        noun = "activity" if count == 1 else "activities"
        dispatcher.utter_message(
            text=f"There are {count} {noun} on in {summary.city_name} in the next 7 days."
        )
        return []
