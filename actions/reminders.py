"""Reminders a learner asks for: "remind me" (the activity whose details they saw last, or
"the 2nd one" of their last search), "my reminders", "stop reminders". When and how they
go is badge_core/services/reminders.py's."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.phrasing import when
from actions.runtime import GuardedAction, call, city_of, runtime, sealed_address, speaker
from badge_core.services.alerts import signed_up
from badge_core.services.catalogue import activities_by_key
from badge_core.services.reminders import CannotRemind, my_reminders, remind_me, stop_reminders
from badge_core.text import pick_result

REFUSALS = {
    "not_registered": "utter_reminder_not_registered",
    "no_channel": "utter_reminder_no_channel",
    "no_session": "utter_reminder_no_session",
    "too_soon": "utter_reminder_too_soon",
}


async def _activity(tracker: Tracker) -> str | None:
    """The activity meant: one the message picks from the last search ("the 2nd one"), else
    the one whose details were shown last, else the search's only result."""
    keys = tracker.get_slot("activity_results") or []
    shown = keys[: int(tracker.get_slot("results_shown") or 0)]
    if shown:
        rt = runtime()
        hits = await call(activities_by_key, rt.uow(), city_of(tracker), shown)
        found = {hit.key: f"{hit.title} {' '.join(hit.tags)}" for hit in hits}
        text = (tracker.latest_message.get("text") or "").lower().replace("remind", "")
        index = pick_result(text, [found.get(key, "") for key in shown])
        if index is not None:
            return shown[index]
    return tracker.get_slot("activity_in_focus") or (shown[0] if len(shown) == 1 else None)


class ActionRemindMe(GuardedAction):
    def name(self) -> str:
        return "action_remind_me"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        key = await _activity(tracker)
        if key is None:
            dispatcher.utter_message(response="utter_reminder_which")
            return []
        rt, who = runtime(), speaker(tracker)
        try:
            set_ = await call(
                remind_me,
                rt.uow(),
                rt.secret,
                city_of(tracker),
                who.channel,
                who.sender,
                sealed_address(tracker),
                key,
            )
        except CannotRemind as refusal:
            dispatcher.utter_message(response=REFUSALS[refusal.reason])
            return []
        dispatcher.utter_message(
            response="utter_reminder_set",
            activity=set_.title,
            starts=when(set_.starts_at, set_.timezone),
            when="the evening before and an hour before"
            if len(set_.at) == 2
            else f"at {when(set_.at[0], set_.timezone)}",
        )
        return []


class ActionMyReminders(GuardedAction):
    def name(self) -> str:
        return "action_my_reminders"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), speaker(tracker)
        reminders = await call(my_reminders, rt.uow(), rt.secret, who.channel, who.sender)
        subscribed = await call(signed_up, rt.uow(), rt.secret, who.channel, who.sender)
        lines = [f"- {r.title}, {when(r.starts_at, r.timezone)}" for r in reminders]
        lines += [f"- news of anything new for {alert}" for alert in subscribed.alerts]
        lines += ["- what's on for you, every Sunday at 5pm"] if subscribed.digest else []
        if not lines:
            dispatcher.utter_message(response="utter_no_reminders")
            return []
        stop = ['"stop reminders"'] if reminders else []
        stop += ['"stop alerts"'] if subscribed.alerts or subscribed.digest else []
        dispatcher.utter_message(
            response="utter_my_reminders", reminders="\n".join(lines), stop=" or ".join(stop)
        )
        return []


class ActionStopReminders(GuardedAction):
    def name(self) -> str:
        return "action_stop_reminders"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), speaker(tracker)
        dropped = await call(stop_reminders, rt.uow(), rt.secret, who.channel, who.sender)
        if not dropped:
            dispatcher.utter_message(response="utter_no_reminders")
            return []
        dispatcher.utter_message(response="utter_reminders_stopped", count=dropped)
        return []
