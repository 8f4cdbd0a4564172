"""Session start: recognise a returning learner so they are not asked again."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.runtime import (
    ServiceUnavailable,
    call,
    messaged_at,
    runtime,
    sealed_address,
    speaker,
)
from badge_core.services.learners import Conversation, LearnerProfile, start_conversation
from badge_core.services.outbox import note_learner_message

# Slots never carried into a new session.
NOT_CARRIED = {
    "requested_slot",
    "erase_conversation",
    "activity_results",
    "activity_in_focus",
    "results_shown",
    "skill_check",
    "suggested_skill",
    "awaiting_reflection",
    "reflection_award",
}


def _city_slots(started: Conversation) -> dict[str, Any]:
    """The conversation's city, and what the questions say of it ("like PL1")."""
    return {
        "city": started.city,
        "city_name": started.words.city_name,
        "district_example": started.words.district_example,
        "area_example": started.words.area_example,
    }


def _restored(profile: LearnerProfile) -> dict[str, Any]:
    """The slots a returning learner's stored profile fills (an unanswered question reads
    as skipped, so onboarding does not ask it again)."""
    return {
        "consent": "given",
        "opted_out": profile.opted_out,
        "age_band": profile.age_band or "skipped",
        "district": profile.district or "skipped",
        "interests": ", ".join(profile.interests) or "skipped",
    }


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        carried = {
            name: value
            for name, value in tracker.current_slot_values().items()
            if value is not None and name not in NOT_CARRIED
        }
        rt, who = runtime(), speaker(tracker)
        try:
            started = await call(
                start_conversation,
                rt.uow(),
                rt.secret,
                who.channel,
                who.sender,
                messaged_at(tracker),
                rt.city,
            )
            profile = started.profile
            carried.update(_city_slots(started))
            address = sealed_address(tracker)
            if profile is not None and address is not None:
                # a learner the bot owes an answer opens WhatsApp's 24-hour window again
                await call(
                    note_learner_message, rt.uow(), rt.secret, who.channel, who.sender, address
                )
        except ServiceUnavailable:
            profile = None  # the slots carried over still hold what this conversation knew
        if profile is not None:
            carried.update(_restored(profile))
        elif carried.get("consent") == "given":
            # The badge core no longer knows them (erased): start again from scratch.
            carried = {k: v for k, v in carried.items() if k in {"opted_out", "city"}}
        return [
            SessionStarted(),
            *(SlotSet(name, value) for name, value in carried.items()),
            ActionExecuted("action_listen"),
        ]
