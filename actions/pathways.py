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
            dispatcher.utter_message(
                text="Tell me a bit more: what do you enjoy, or what job sounds good? "
                'Like "i like fixing things" or "i want to be a nurse".'
            )
            return []
        best, *others = suggestions
        lines = [
            f"Sounds like {best.name} could suit you. {phrasing.first_sentence(best.description)}"
        ]
        if who.consented:
            lines.append(f"You've done {best.steps_done} of {best.steps_total} steps.")
        if best.next_step:
            lines.append(f"Next step: {best.next_step}.")
        if best.next_activity:
            hit = best.next_activity
            lines.append(
                f"Try {hit.title}, {phrasing.when(hit.starts_at, hit.timezone)} at {hit.place}."
            )
        if others:
            lines.append(f"Also worth a look: {phrasing.joined([o.name for o in others])}.")
        dispatcher.utter_message(text="\n".join(lines))
        return []
