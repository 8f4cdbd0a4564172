"""What the action server is sent: this turn's events, not the whole conversation's, and
the domain without its responses.

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

The domain goes with every call too (rasa-sdk 3.21 refuses a call without one). Its
responses are most of it (about 13 of 24 KiB) and no action reads them: the Rasa server
fills them in. So they are left out, and the rest (slots, forms, which the forms'
validators read) is encoded once per loaded domain rather than on every call. Rasa's own
"selective domain" would send no domain at all, which this rasa-sdk answers with 449.

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
        payload["domain"] = for_actions(domain)
    return payload


_for_actions: tuple[Domain, dict[str, Any]] | None = None


def for_actions(domain: Domain) -> dict[str, Any]:
    """The domain as actions read it: Rasa's dict of it without the responses, made once
    per loaded domain (the model's, which a turn never changes)."""
    global _for_actions
    if _for_actions is None or _for_actions[0] is not domain:
        whole = domain.as_dict()
        _for_actions = (domain, {key: value for key, value in whole.items() if key != "responses"})
    return _for_actions[1]


PATCHES = ((rasa_action.RemoteAction, "_action_call_format", _action_call_format),)
