"""bot/action_payload.py: the action server is sent this turn's events, and nothing our actions
read changes.

Rasa lives in its own interpreter (.venv-rasa, Python 3.10), so the check runs there, against
Rasa's own request for the same tracker: every part the same but the events, which are the
original's from the latest user message on; and what the actions read from a tracker
(rasa_sdk's ``Tracker``: the latest message and its channel, the slots, the slots a form just
filled, the active form) the same from either request. The conversation tests (tests/e2e)
run every flow through the real action server with it.
"""

from __future__ import annotations

import json

from tests.test_rasa_speedups import _in_rasa_python

CHECK = r"""
import json
import bot.policies  # loads the patches, as every model does
from bot import action_payload
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted, ActiveLoop, BotUttered, SessionStarted, SlotSet, UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker

assert RemoteAction._action_call_format is action_payload._action_call_format
domain = Domain.load("bot/domain")
action = RemoteAction("validate_onboarding_form", None)

def user(text, channel):
    parse = {"intent": {"name": "inform", "confidence": 0.9}, "entities": [], "text": text}
    return UserUttered(text, parse["intent"], [], parse, input_channel=channel)

start = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
tracker = DialogueStateTracker.from_events("someone", start, slots=domain.slots)
def without_responses(payload):
    return {**payload, "domain": {k: v for k, v in payload["domain"].items() if k != "responses"}}

assert action._action_call_format(tracker, domain) == without_responses(
    action_payload._original_format(action, tracker, domain)
)  # no message yet: every event, as before

history = [
    user("hi", "telegram"), ActionExecuted("utter_greet"), BotUttered("Hello!"),
    ActionExecuted("action_listen"), user("my code is ABCDE-12345", "telegram"),
    ActionExecuted("action_claim_badge"), BotUttered("You've earned it"),
    SlotSet("awaiting_reflection", True), ActionExecuted("action_listen"),
]
turn = [
    user("15", "twilio"), ActionExecuted("onboarding_form"), ActiveLoop("onboarding_form"),
    SlotSet("age_band", "15"),
]
for event in history + turn:
    tracker.update(event, domain)

ours = action._action_call_format(tracker, domain)
theirs = without_responses(action_payload._original_format(action, tracker, domain))
assert set(ours) == set(theirs) and set(ours["tracker"]) == set(theirs["tracker"])
for key in ours:
    if key != "tracker":
        assert ours[key] == theirs[key], key
for key in ours["tracker"]:
    if key != "events":
        assert ours["tracker"][key] == theirs["tracker"][key], key
sent, all_events = ours["tracker"]["events"], theirs["tracker"]["events"]
assert len(sent) == len(turn) < len(all_events), (len(sent), len(all_events))
assert sent == all_events[-len(turn):]
assert sent[0]["event"] == "user" and sent[0]["text"] == "15"
assert not any(e.get("text") == "my code is ABCDE-12345" for e in sent)  # the past stays
json.dumps(ours)  # sendable

ours_sdk, theirs_sdk = Tracker.from_dict(ours["tracker"]), Tracker.from_dict(theirs["tracker"])
for read in (
    lambda t: t.get_latest_input_channel(),
    lambda t: t.slots_to_validate(),
    lambda t: t.latest_message,
    lambda t: t.current_slot_values(),
    lambda t: t.active_loop,
    lambda t: t.sender_id,
):
    assert read(ours_sdk) == read(theirs_sdk)
assert ours_sdk.get_latest_input_channel() == "twilio"
assert ours_sdk.slots_to_validate() == {"age_band": "15"}
print("this turn only")
"""


def test_the_action_server_is_sent_this_turn_and_reads_the_same() -> None:
    out = _in_rasa_python(CHECK)
    assert "this turn only" in out


DOMAIN = r"""
import json
import bot.policies  # loads the patches, as every model does
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk.forms import FormValidationAction

domain = Domain.load("bot/domain")
tracker = DialogueStateTracker.from_events("someone", [], slots=domain.slots)
sent = RemoteAction("validate_onboarding_form", None)._action_call_format(tracker, domain)
again = RemoteAction("action_find_activities", None)._action_call_format(tracker, domain)
whole = domain.as_dict()
assert "responses" not in sent["domain"] and len(whole["responses"]) > 80
assert sent["domain"] == {k: v for k, v in whole.items() if k != "responses"}
assert again["domain"] is sent["domain"], "made once per loaded domain"

class Onboarding(FormValidationAction):
    def name(self):
        return "validate_onboarding_form"

print(json.dumps({
    "sent": len(json.dumps(sent["domain"])), "whole": len(json.dumps(whole)),
    "required": Onboarding().domain_slots(sent["domain"]),
}))
"""


def test_the_action_server_gets_the_domain_without_its_responses() -> None:
    """Every call carries the domain (rasa-sdk refuses one without); its responses, most of
    it, are filled in by the Rasa server and read by no action, so they stay behind, while a
    form's validator still finds its form's required slots."""
    out = _in_rasa_python(DOMAIN)
    sizes = json.loads(out.strip().splitlines()[-1])
    assert sizes["required"] == ["age_band", "district", "interests"]
    assert sizes["sent"] < sizes["whole"] / 2, sizes
