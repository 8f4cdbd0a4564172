"""Alerts and the weekly digest a learner asks for: "tell me when there's skateboarding",
"weekly what's on for me", "stop alerts". What matches and when it goes is
badge_core/services/alerts.py's."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.phrasing import joined, when
from actions.runtime import (
    GuardedAction,
    call,
    city_of,
    latest_entity,
    runtime,
    sealed_address,
    speaker,
)
from badge_core.services.alerts import CannotSubscribe, alert_me, stop_alerts, weekly_digest

REFUSALS = {
    "not_registered": "utter_alert_not_registered",
    "no_channel": "utter_alert_no_channel",
    "no_interest": "utter_alert_which",
    "too_many": "utter_alert_too_many",
}


class ActionAlertMe(GuardedAction):
    def name(self) -> str:
        return "action_alert_me"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), speaker(tracker)
        try:
            alert = await call(
                alert_me,
                rt.uow(),
                rt.secret,
                city_of(tracker),
                who.channel,
                who.sender,
                sealed_address(tracker),
                tracker.latest_message.get("text") or "",
                last_interest=tracker.get_slot("searched_interest"),
                location=latest_entity(tracker, "location"),
                matcher=rt.matcher,
            )
        except CannotSubscribe as refusal:
            dispatcher.utter_message(response=REFUSALS[refusal.reason])
            return []
        dispatcher.utter_message(
            response="utter_alert_set_some_on" if alert.already else "utter_alert_set",
            interest=alert.interest,
            where=f" near {alert.district}" if alert.district else "",
            count=len(alert.already),
        )
        return []


class ActionWeeklyDigest(GuardedAction):
    def name(self) -> str:
        return "action_weekly_digest"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), speaker(tracker)
        try:
            digest = await call(
                weekly_digest,
                rt.uow(),
                rt.secret,
                who.channel,
                who.sender,
                sealed_address(tracker),
            )
        except CannotSubscribe as refusal:
            dispatcher.utter_message(response=REFUSALS[refusal.reason])
            return []
        dispatcher.utter_message(
            response="utter_digest_set", first=when(digest.first, digest.timezone)
        )
        return []


class ActionStopAlerts(GuardedAction):
    def name(self) -> str:
        return "action_stop_alerts"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), speaker(tracker)
        ended = await call(stop_alerts, rt.uow(), rt.secret, who.channel, who.sender)
        what = []
        if ended.alerts:
            what.append(f"your alerts for {joined(ended.alerts)}")
        if ended.digest:
            what.append("the weekly what's on")
        if not what:
            dispatcher.utter_message(response="utter_no_alerts")
            return []
        dispatcher.utter_message(response="utter_alerts_stopped", what=" and ".join(what))
        return []
