"""What every custom action's guard sends back to Rasa: a slot event that changes nothing is
left out (Rasa would store and replay it on every later turn), one that does is never lost."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import AllSlotsReset, EventType, SlotSet

from actions.catalogue import ActionMoreResults
from actions.runtime import GuardedAction
from tests.actions.support import make_tracker, run


def returning(events: list[EventType], monkeypatch: pytest.MonkeyPatch) -> GuardedAction:
    """A real guarded action whose own work is replaced by returning ``events``. (Not a
    subclass: the action server registers every subclass, and a test's must not be one.)"""

    async def act(*_: Any) -> list[EventType]:
        return events

    monkeypatch.setattr(ActionMoreResults, "act", act)
    return ActionMoreResults()


def slots_after(slots: dict[str, Any], events: list[EventType]) -> dict[str, Any]:
    """The slot values Rasa ends up with after applying ``events`` in order."""
    values = dict(slots)
    for event in events:
        if event["event"] == "reset_slots":
            values = {name: None for name in values}
        elif event["event"] == "slot":
            values[event["name"]] = event["value"]
    return values


def test_only_slot_events_that_change_something_are_sent_and_the_outcome_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slots = {"district": "PL4", "results_shown": 3.0, "consent": "given"}

    def sent(events: list[EventType]) -> list[EventType]:
        return run(returning(events, monkeypatch), make_tracker(slots=slots)).events

    cases = [
        [SlotSet("results_shown", 3), SlotSet("district", "PL1")],
        [SlotSet("district", None), SlotSet("district", "PL4")],  # cleared, then set back
        [AllSlotsReset(), SlotSet("consent", "given")],  # reset, then set again
        [SlotSet("consent", "given"), AllSlotsReset(), SlotSet("district", "PL4")],
    ]
    for events in cases:
        assert slots_after(slots, sent(events)) == slots_after(slots, events), events
    assert sent(cases[0]) == [SlotSet("district", "PL1")]
    assert sent(cases[3]) == cases[3][1:]
