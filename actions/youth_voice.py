"""Youth voice after a claim at an activity: "How was it?" (one tap: good, OK, not good),
then "Anything to tell the organisers?", then the usual "What did you do today?"."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.runtime import GuardedAction, asker, call, latest_entity, payload, runtime, skipped
from badge_core.errors import NotFound
from badge_core.services.polls import NotAnOption, answer_poll
from badge_core.services.youth_voice import rate_activity, tell_organisers

RATINGS = [("👍 Good", "good"), ("😐 OK", "ok"), ("👎 Not good", "not_good")]
# A rating typed rather than tapped (a tap on SMS or WhatsApp is a number, read as the button).
_TYPED = [
    ("not_good", re.compile(r"\b(not good|bad|rubbish|boring|awful|hated|didn'?t like)\b|👎")),
    ("ok", re.compile(r"\b(ok|okay|meh|alright|fine|so so)\b|😐")),
    ("good", re.compile(r"\b(good|great|amazing|loved|brill|fun|sick|class|yes)\b|👍")),
]


def ask_rating(dispatcher: CollectingDispatcher, award: str, activity: str) -> list[EventType]:
    buttons = [{"title": t, "payload": payload("rate_activity", rating=r)} for t, r in RATINGS]
    dispatcher.utter_message(response="utter_ask_rating", activity=activity, buttons=buttons)
    return [SlotSet("awaiting_rating", True), SlotSet("rating_award", award)]


def _typed(text: str) -> str | None:
    lowered = text.lower()
    return next((rating for rating, words in _TYPED if words.search(lowered)), None)


def _ask_reflection(dispatcher: CollectingDispatcher, award: str, response: str) -> list[EventType]:
    dispatcher.utter_message(response=response)
    return [SlotSet("awaiting_reflection", True), SlotSet("reflection_award", award)]


class ActionRateActivity(GuardedAction):
    """The learner's rating, kept; then whether they want to tell the organisers anything. No
    rating (a skip, or words that say none) goes straight on to what they did."""

    def name(self) -> str:
        return "action_rate_activity"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        award = tracker.get_slot("rating_award")
        text = tracker.latest_message.get("text") or ""
        rating = latest_entity(tracker, "rating") or (
            None if skipped(tracker, text) else _typed(text)
        )
        done = [SlotSet("awaiting_rating", None)]
        if not award:
            return done
        if rating in ("good", "ok", "not_good"):
            rt, who = runtime(), asker(tracker)
            try:
                await call(
                    rate_activity,
                    rt.uow(),
                    who.city,
                    award,
                    rating,
                    identity=who.identity,
                    channel=who.channel,
                )
            except NotFound:  # the award went meanwhile (erased, or revoked and removed)
                return done
            dispatcher.utter_message(response="utter_ask_organisers")
            return [*done, SlotSet("awaiting_organisers", True)]
        return [*done, *_ask_reflection(dispatcher, award, "utter_ask_reflection")]


class ActionTellOrganisers(GuardedAction):
    """What they want the organisers told (nothing for a skip), kept without anything of
    them; then what they did today."""

    def name(self) -> str:
        return "action_tell_organisers"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        award = tracker.get_slot("rating_award")
        text = tracker.latest_message.get("text") or ""
        done = [SlotSet("awaiting_organisers", None)]
        if not award:
            return done
        told = False
        if not skipped(tracker, text):
            rt, who = runtime(), asker(tracker)
            try:
                told = await call(
                    tell_organisers,
                    rt.uow(),
                    who.city,
                    award,
                    text,
                    rt.secret,
                    identity=who.identity,
                    channel=who.channel,
                )
            except NotFound:
                return done
        response = "utter_organisers_told_ask_reflection" if told else "utter_ask_reflection"
        return [*done, *_ask_reflection(dispatcher, award, response)]


class ActionAnswerPoll(GuardedAction):
    """A pick in the city's open poll (a button, or "POLL 2"), counted."""

    def name(self) -> str:
        return "action_answer_poll"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        option = latest_entity(tracker, "poll_option") or ""
        rt, who = runtime(), asker(tracker)
        try:
            answered = await call(
                answer_poll,
                rt.uow(),
                who.city,
                int(option) if option.isdigit() else 0,
                identity=who.identity,
                channel=who.channel,
            )
        except NotFound:
            dispatcher.utter_message(response="utter_no_poll_open")
            return []
        except NotAnOption as wrong:
            dispatcher.utter_message(response="utter_poll_not_an_option", count=wrong.count)
            return []
        response = "utter_poll_changed" if answered.changed else "utter_poll_counted"
        dispatcher.utter_message(response=response, choice=answered.choice)
        return []
