"""Trivial stand-ins for the main flows' custom actions, for ``make bench`` only.

``tools/bench_turns.py`` swaps the real action server for one running this module, then sends
the same messages again: the same Rasa server, NLU and policies, the same REST channel and
action-server round trip, but an action body that does nothing. That is the issue's "trivial
custom action" baseline, measured in the same run, so the cost of the real work (the badge
core, the embedding) shows as a ratio.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

TRIVIAL_TEXT = "Trivial action: nothing looked up."


class _Trivial(Action, ABC):
    """Says one fixed line; subclasses give the name of the action they stand in for."""

    @abstractmethod
    def name(self) -> str: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=TRIVIAL_TEXT)
        return []


class TrivialFind(_Trivial):
    def name(self) -> str:
        return "action_find_activities"


class TrivialPathways(_Trivial):
    def name(self) -> str:
        return "action_suggest_pathways"


class TrivialClaim(_Trivial):
    def name(self) -> str:
        return "action_claim_badge"
