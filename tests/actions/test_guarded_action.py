"""What every custom action's guard sends back to Rasa: a slot event that changes nothing is
left out (Rasa would store and replay it on every later turn), one that does is never lost."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.runtime import GuardedAction
from tests.actions.support import make_tracker, run


class Returns(GuardedAction):
    def __init__(self, events: list[EventType]) -> None:
        self.events = events

    def name(self) -> str:
        return "action_returns"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return self.events


def slots_after(slots: dict[str, Any], events: list[EventType]) -> dict[str, Any]:
    """The slot values Rasa ends up with after applying ``events`` in order."""
    values = dict(slots)
    for event in events:
        if event["event"] == "reset_slots":
            values = {name: None for name in values}
        elif event["event"] == "slot":
            values[event["name"]] = event["value"]
    return values


def test_only_slot_events_that_change_something_are_sent_and_the_outcome_is_the_same() -> None:
    slots = {"district": "PL4", "results_shown": 3.0, "consent": "given"}
    cases = [
        [SlotSet("results_shown", 3), SlotSet("district", "PL1")],
        [SlotSet("district", None), SlotSet("district", "PL4")],  # cleared, then set back
        [AllSlotsReset(), SlotSet("consent", "given")],  # reset, then set again
        [SlotSet("consent", "given"), AllSlotsReset(), SlotSet("district", "PL4")],
    ]
    for events in cases:
        sent = run(Returns(events), make_tracker(slots=slots)).events
        assert slots_after(slots, sent) == slots_after(slots, events), events
    assert run(Returns(cases[0]), make_tracker(slots=slots)).events == [SlotSet("district", "PL1")]
    assert run(Returns(cases[3]), make_tracker(slots=slots)).events == cases[3][1:]
