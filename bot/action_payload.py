"""What the action server is sent: this turn's events, not the whole conversation's.

On every custom action Rasa Open Source 3.6 sends the action server the conversation's
every event since the session began: each message the learner sent, with its whole NLU
parse, and each reply. The request grows with the conversation (22 KiB after onboarding,
155 KiB after 40 turns, measured under make bench), and Rasa encodes it and the action
server parses it on every action: in a 35-turn conversation, encoding it was half the time
Rasa spent running a custom action.

Our actions read the latest message, the slots and the active form, which Rasa sends whole
and apart from the events, and of the events only this turn's: the channel of the latest
message (``Tracker.get_latest_input_channel``) and the slots a form has just filled
(``Tracker.slots_to_validate``). So the action server is sent the events from the latest
message on (all of them while there is none yet), and everything else as before. Less of a
young person's conversation crosses to another process, which may be on another host. No
action reads further back; one that needed to would have to change this module first.

Installed by bot/patches.py, which bot.policies runs (every model loads it).
"""

from __future__ import annotations

from collections.abc import Reversible
from typing import Any

import rasa
from rasa.core.actions import action as rasa_action
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

_original_format = rasa_action.RemoteAction._action_call_format


def this_turn(events: Reversible[Event]) -> list[Event]:
    """The events from the latest user message on; all of them if there is none."""
    kept: list[Event] = []
    for event in reversed(events):  # the tracker's deque, not copied
        kept.append(event)
        if isinstance(event, UserUttered):
            break
    kept.reverse()
    return kept


def _action_call_format(
    self: rasa_action.RemoteAction, tracker: DialogueStateTracker, domain: Domain
) -> dict[str, Any]:
    # As Rasa's own, but for the events.
    state = tracker.current_state(EventVerbosity.NONE)
    state["events"] = [event.as_dict() for event in this_turn(tracker.events)]
    payload = {
        "next_action": self.name(),
        "sender_id": tracker.sender_id,
        "tracker": state,
        "version": rasa.__version__,
    }
    if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(
        self.name()
    ):
        payload["domain"] = domain.as_dict()
    return payload


PATCHES = ((rasa_action.RemoteAction, "_action_call_format", _action_call_format),)
