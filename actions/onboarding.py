"""First contact: consent, then age band, area and interests, each skippable, each saved as
soon as it is given."""

from __future__ import annotations

from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.claims import claim_and_phrase
from actions.runtime import (
    TRY_AGAIN,
    GuardedAction,
    ServiceUnavailable,
    call,
    city_of,
    messaged_at,
    runtime,
    skipped,
    speaker,
)
from badge_core.services.interests import interest_words
from badge_core.services.learners import (
    OVER_25,
    read_age_band,
    register_learner,
    settle_district,
    update_profile,
)
from badge_core.services.places import is_full_postcode

SKIPPED = "skipped"


class ActionGiveConsent(GuardedAction):
    def name(self) -> str:
        return "action_give_consent"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), speaker(tracker)
        await call(register_learner, rt.uow(), rt.secret, city_of(tracker), who.channel, who.sender)
        dispatcher.utter_message(response="utter_consent_given")
        return [SlotSet("consent", "given")]


class ActionDeclineConsent(GuardedAction):
    def name(self) -> str:
        return "action_decline_consent"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_consent_declined")
        return [SlotSet("consent", "declined"), SlotSet("pending_claim_code", None)]


class ValidateOnboardingForm(FormValidationAction):
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            return await super().run(dispatcher, tracker, domain)
        except ServiceUnavailable:
            dispatcher.utter_message(response=TRY_AGAIN)
            return []

    def name(self) -> str:
        return "validate_onboarding_form"

    async def validate_age_band(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "")
        band = SKIPPED if skipped(tracker, text) else read_age_band(text)
        if band is None:
            dispatcher.utter_message(response="utter_age_not_understood")
            return {"age_band": None}  # asked again
        if band == OVER_25:
            dispatcher.utter_message(response="utter_over_25")
            band = SKIPPED
        rt, who = runtime(), speaker(tracker)
        if band != SKIPPED:
            await call(update_profile, rt.uow(), rt.secret, who.channel, who.sender, age_band=band)
        slots: dict[str, Any] = {"age_band": band}
        pending = tracker.get_slot("pending_claim_code")
        if pending:
            # The badge they came with, claimed now that we know whether it needs confirming;
            # the form's questions come first, so no reflection question here.
            await claim_and_phrase(dispatcher, tracker, pending, reflect=False)
            slots["pending_claim_code"] = None
        return slots

    async def validate_district(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "")
        if skipped(tracker, text):
            return {"district": SKIPPED}
        rt, who, city = runtime(), speaker(tracker), city_of(tracker)
        settled = await call(
            settle_district,
            rt.uow(),
            rt.secret,
            who.channel,
            who.sender,
            text,
            city,
            messaged_at(tracker),
        )
        if settled.district is None:
            dispatcher.utter_message(response="utter_district_not_understood")
            return {"district": None}
        if is_full_postcode(text):
            dispatcher.utter_message(
                response="utter_only_district_kept", kept_district=settled.district
            )
        # they said where they are: another city's
        moved = (
            {"city": settled.city, "city_name": settled.city_name} if settled.city != city else {}
        )
        return {"district": settled.district, **moved}

    async def validate_interests(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # the whole message, not only the one entity a mapping may have picked
        text = tracker.latest_message.get("text") or str(value or "")
        if skipped(tracker, text):
            return {"interests": SKIPPED}
        rt, who = runtime(), speaker(tracker)
        words = await call(interest_words, rt.uow(), city_of(tracker), text, rt.matcher)
        await call(update_profile, rt.uow(), rt.secret, who.channel, who.sender, interests=words)
        return {"interests": ", ".join(words) or SKIPPED}


class ActionSaveProfile(GuardedAction):
    """The end of onboarding: everything is already saved; say what to do next."""

    def name(self) -> str:
        return "action_save_profile"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            response="utter_profile_saved",
            buttons=[
                {"title": "What's on?", "payload": "what's on"},
                {"title": "My badges", "payload": "my badges"},
            ],
        )
        return []
