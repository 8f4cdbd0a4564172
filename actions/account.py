"""Stop, start, delete my data, link my apps and I've moved: a learner's control over what the
bot keeps and sends, and where it looks for them."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.phrasing import joined
from actions.runtime import (
    GuardedAction,
    call,
    city_of,
    latest_entity,
    latest_intent,
    payload,
    runtime,
    skipped,
    speaker,
)
from badge_core.errors import LinkNeedsConfirmation, LinkRefused, NotRegistered, TooManyLinkAttempts
from badge_core.services.learners import Move, erase_learner, move_to, set_opt_out
from badge_core.services.linking import Linked, complete_link, start_link


class ActionOptOut(GuardedAction):
    def name(self) -> str:
        return "action_opt_out"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), speaker(tracker)
        await call(set_opt_out, rt.uow(), rt.secret, who.channel, who.sender, opted_out=True)
        dispatcher.utter_message(response="utter_opted_out")
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
        dispatcher.utter_message(response="utter_opted_in")
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
        dispatcher.utter_message(response="utter_data_deleted")
        # The tracker store sees this and erases the conversation (bot/tracker_store.py).
        return [SlotSet("erase_conversation", True)]


def _badge_count(n: int) -> str:
    """A number of badges as the replies say it: "0 badges", "1 badge", "3 badges"."""
    return f"{n} badge{'' if n == 1 else 's'}"


def _join_question(ask: LinkNeedsConfirmation) -> tuple[str, dict[str, str]]:
    """The response asking whether to join the accounts, and its variables."""
    there = _badge_count(ask.badges_there)
    if not ask.badges_here:
        return "utter_link_ask_join_this_chat", {"badges_there": there}
    return "utter_link_ask_join", {
        "badges_here": _badge_count(ask.badges_here),
        "badges_there": there,
    }


def _refusal(refused: LinkRefused) -> str:
    """The response for a link that was not made."""
    if isinstance(refused, NotRegistered):
        return "utter_link_needs_consent"
    if isinstance(refused, TooManyLinkAttempts):
        return "utter_link_too_many_tries"
    return "utter_link_code_failed"


def _linked(linked: Linked) -> tuple[str, dict[str, str]]:
    """The response for a link that was made, and its variables."""
    if linked.already:
        return "utter_link_already", {}
    if linked.badges == 0:
        return "utter_linked", {}
    return "utter_linked_with_badges", {"badges": _badge_count(linked.badges)}


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
            dispatcher.utter_message(response="utter_link_declined")
            return []
        try:
            if code is None:
                issued = await call(start_link, rt.uow(), rt.secret, who.channel, who.sender)
                dispatcher.utter_message(response="utter_link_code_issued", issued_code=issued.code)
                return []
            linked = await call(
                complete_link,
                rt.uow(),
                rt.secret,
                city_of(tracker),
                who.channel,
                who.sender,
                code,
                confirmed=answer == "yes",
            )
        except LinkNeedsConfirmation as ask:
            question, counts = _join_question(ask)
            dispatcher.utter_message(response=question, buttons=_join_buttons(code), **counts)
            return []
        except LinkRefused as refused:
            dispatcher.utter_message(response=_refusal(refused))
            return []
        said, variables = _linked(linked)
        dispatcher.utter_message(response=said, **variables)
        return [SlotSet("consent", "given"), SlotSet("opted_out", False)]


# questions the learner left for this one: their next answer is to "where have you moved to?"
OTHER_QUESTIONS = ("awaiting_reflection", "reflection_award", "awaiting_interests", "skill_check")


class ActionMoved(GuardedAction):
    """A learner who has moved: "i've moved to brighton" moves them, their badges with them;
    "we moved to PL7" changes their district. Asked where when their words name no place,
    and the answer goes to action_move_answer (while awaiting_move is set)."""

    answering = False  # this turn answers "where have you moved to?"

    def name(self) -> str:
        return "action_moved"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who, asked = runtime(), speaker(tracker), self.answering
        text, here = tracker.latest_message.get("text") or "", tracker.get_slot("city_name")
        if asked and (skipped(tracker, text) or latest_intent(tracker) == "deny"):
            dispatcher.utter_message(response="utter_move_kept", city_name=here)
            return [SlotSet("awaiting_move", None)]
        move = await call(
            move_to, rt.uow(), rt.secret, who.channel, who.sender, text, city_of(tracker)
        )
        if move.city is None or move.words is None:
            if asked:  # their own city again ("plymouth"): they stay; else nowhere it serves
                response = "utter_move_kept" if move.words else "utter_move_not_served"
            else:
                response = "utter_ask_move"
            dispatcher.utter_message(response=response, cities=joined(move.served), city_name=here)
            if asked:
                return [SlotSet("awaiting_move", None)]
            return [SlotSet("awaiting_move", True), *(SlotSet(s, None) for s in OTHER_QUESTIONS)]
        dispatcher.utter_message(
            response="utter_moved_city" if move.changed_city else "utter_moved_area",
            city_name=move.words.city_name,
            district_example=move.words.district_example,
            district=move.district or "",
        )
        registered = tracker.get_slot("consent") == "given"
        return [SlotSet("awaiting_move", None), *_city_slots(move, registered)]


class ActionMoveAnswer(ActionMoved):
    """The answer to "where have you moved to?": settled either way, never asked again."""

    answering = True

    def name(self) -> str:
        return "action_move_answer"


def _city_slots(move: Move, registered: bool) -> list[EventType]:
    """The conversation's city after a move, and a registered learner's district: the one
    they named, or none (after a move to another city the old one was forgotten), which
    reads as a question they left. Someone not registered yet is still asked it."""
    assert move.words is not None
    district = [SlotSet("district", move.district or "skipped")] if registered else []
    return [
        SlotSet("city", move.city),
        SlotSet("city_name", move.words.city_name),
        SlotSet("district_example", move.words.district_example),
        SlotSet("area_example", move.words.area_example),
        *district,
    ]
