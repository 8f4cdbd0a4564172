"""A learner's email address on their badges: "add my email to my badges" (what it is for, in
one line), the address (a code is emailed to it), the code (the badges now carry the
address), "remove my email". The rules are badge_core/services/email_recipient.py's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.runtime import GuardedAction, asker, call, latest_entity, runtime
from badge_core.services.email_recipient import (
    EmailRefused,
    confirm_email_code,
    email_intro,
    remove_email,
    send_email_code,
)

T = TypeVar("T")

# set once the learner has been told what an email on their badges is for: only an address
# sent after that is used (one sent out of the blue gets the explanation first)
TOLD = "email_explained"


# what the learner hears for each EmailRefused.reason, and the variables it needs
REFUSALS = {
    "not_registered": ("utter_email_not_registered", ()),
    "age_unknown": ("utter_email_age_unknown", ("min_age",)),
    "too_young": ("utter_email_too_young", ("min_age",)),
    "not_set_up": ("utter_email_not_set_up", ()),
    "not_an_email": ("utter_email_not_an_email", ()),
    "too_many": ("utter_email_too_many", ()),
    "send_failed": ("utter_email_send_failed", ()),
    "nothing_waiting": ("utter_email_nothing_waiting", ()),
    "expired": ("utter_email_expired", ()),
    "wrong_code": ("utter_email_wrong_code", ("tries_left",)),
    "too_many_wrong": ("utter_email_too_many_wrong", ()),
}


def _refused(dispatcher: CollectingDispatcher, refused: EmailRefused) -> None:
    response, needs = REFUSALS[refused.reason]
    dispatcher.utter_message(response=response, **{name: getattr(refused, name) for name in needs})


async def _service(
    dispatcher: CollectingDispatcher, tracker: Tracker, service: Callable[..., T], *args: Any
) -> T | None:
    """The service's answer for the learner in this chat, or None once they were told why
    not."""
    rt, who = runtime(), asker(tracker)
    try:
        return await call(
            service, rt.uow(), rt.settings, *args, identity=who.identity, channel=who.channel
        )
    except EmailRefused as refused:
        _refused(dispatcher, refused)
        return None


async def _introduce(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    intro = await _service(dispatcher, tracker, email_intro)
    if intro is None:
        return []
    dispatcher.utter_message(
        response="utter_email_change" if intro.has_email else "utter_email_explained"
    )
    return [SlotSet(TOLD, True)]


class ActionAddEmail(GuardedAction):
    def name(self) -> str:
        return "action_add_email"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return await _introduce(dispatcher, tracker)


class ActionSendEmailCode(GuardedAction):
    """An email address in a message: its code goes out, if the learner knows what for."""

    def name(self) -> str:
        return "action_send_email_code"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if not tracker.get_slot(TOLD):
            return await _introduce(dispatcher, tracker)
        address = latest_entity(tracker, "email") or tracker.latest_message.get("text") or ""
        sent = await _service(dispatcher, tracker, send_email_code, address)
        if sent is not None:
            dispatcher.utter_message(response="utter_email_code_sent", to_address=sent.masked)
        return []


class ActionConfirmEmail(GuardedAction):
    def name(self) -> str:
        return "action_confirm_email"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        digits = latest_entity(tracker, "email_code") or ""
        confirmed = await _service(dispatcher, tracker, confirm_email_code, digits)
        if confirmed is None:
            return []
        if confirmed.badges:
            badges = "1 badge" if confirmed.badges == 1 else f"{confirmed.badges} badges"
            dispatcher.utter_message(response="utter_email_confirmed", badges=badges)
        else:
            dispatcher.utter_message(response="utter_email_confirmed_no_badges")
        return [SlotSet(TOLD, None)]


class ActionRemoveEmail(GuardedAction):
    def name(self) -> str:
        return "action_remove_email"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), asker(tracker)
        removed = await call(remove_email, rt.uow(), identity=who.identity, channel=who.channel)
        dispatcher.utter_message(
            response="utter_email_removed" if removed else "utter_email_was_off"
        )
        return [SlotSet(TOLD, None)]
