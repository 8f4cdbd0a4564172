"""Stop, start and delete my data: a learner's control over what the bot keeps and sends."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import phrasing
from actions.runtime import GuardedAction, call, latest_entity, payload, runtime, speaker
from badge_core.errors import LinkNeedsConfirmation, LinkRefused
from badge_core.services.learners import erase_learner, set_opt_out
from badge_core.services.linking import complete_link, start_link


class ActionOptOut(GuardedAction):
    def name(self) -> str:
        return "action_opt_out"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), speaker(tracker)
        await call(set_opt_out, rt.uow(), rt.secret, who.channel, who.sender, opted_out=True)
        dispatcher.utter_message(
            text="OK, you won't get any more messages from me. Text START if you change your mind."
        )
        return [SlotSet("opted_out", True)]


class ActionOptIn(GuardedAction):
    def name(self) -> str:
        return "action_opt_in"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if not tracker.get_slot("opted_out"):
            return []
        rt, who = runtime(), speaker(tracker)
        await call(set_opt_out, rt.uow(), rt.secret, who.channel, who.sender, opted_out=False)
        dispatcher.utter_message(text="You're back! 🎉")
        return [SlotSet("opted_out", False)]


class ActionDeleteMyData(GuardedAction):
    def name(self) -> str:
        return "action_delete_my_data"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), speaker(tracker)
        await call(
            erase_learner,
            rt.uow(),
            rt.secret,
            who.channel,
            who.sender,
            tracker_url=rt.settings.tracker_url,
        )
        dispatcher.utter_message(
            text="Done. Everything I knew about you is deleted, our chat too. Say hi any time to start fresh. 👋"
        )
        # The tracker store sees this and erases the conversation (bot/tracker_store.py).
        return [SlotSet("erase_conversation", True)]


def _join_buttons(code: str) -> list[dict[str, str]]:
    yes = payload("link_account", link_code=code, link_confirm="yes")
    return [
        {"title": "Yes, join them", "payload": yes},
        {"title": "No", "payload": payload("link_account", link_confirm="no")},
    ]


class ActionLinkAccount(GuardedAction):
    """ "link" gives a one-time code; the code sent from another app joins that app to the same
    learner (badge_core.services.linking)."""

    def name(self) -> str:
        return "action_link_account"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), speaker(tracker)
        code = latest_entity(tracker, "link_code")
        answer = latest_entity(tracker, "link_confirm")
        if answer == "no":
            dispatcher.utter_message(text=phrasing.LINK_DECLINED)
            return []
        try:
            if code is None:
                issued = await call(start_link, rt.uow(), rt.secret, who.channel, who.sender)
                dispatcher.utter_message(text=phrasing.link_code_issued(issued.code))
                return []
            linked = await call(
                complete_link,
                rt.uow(),
                rt.secret,
                rt.city,
                who.channel,
                who.sender,
                code,
                confirmed=answer == "yes",
            )
        except LinkNeedsConfirmation as ask:
            question = phrasing.link_question(ask.badges_here, ask.badges_there)
            dispatcher.utter_message(text=question, buttons=_join_buttons(code))
            return []
        except LinkRefused as refused:
            dispatcher.utter_message(text=phrasing.link_refused(refused))
            return []
        dispatcher.utter_message(text=phrasing.linked(linked.badges, linked.already))
        return [SlotSet("consent", "given"), SlotSet("opted_out", False)]
