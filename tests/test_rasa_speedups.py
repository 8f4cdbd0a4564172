"""bot/speedups.py changes how fast Rasa 3.6 does two things, never what it does.

Rasa lives in its own interpreter (.venv-rasa, Python 3.10), so the checks run there: the same
action server responses are accepted and refused (with Rasa's own message), and every event
type name finds the same class as Rasa's own lookup, unknown names failing as before.
"""

from __future__ import annotations

import subprocess

from tests.conftest import REPO

CHECK = r"""
import jsonschema
import bot.policies  # loads the patches, as every model does
from bot import speedups
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

assert RemoteAction._validate_action_result is speedups._validate_action_result
action = RemoteAction("action_find_activities", None)
good = {
    "events": [{"event": "slot", "name": "district", "value": "PL4"}],
    "responses": [{"text": "Here's what's on"}],
}
assert action._validate_action_result(good) is True
assert action._validate_action_result({}) is True
bad = [
    {"events": "not a list"},
    {"responses": [1, 2]},
    {"events": [{"event": "slot", "name": 7}]},
    {"events": [{"event": "user", "text": 5}]},
]
for response in bad:
    try:
        action._validate_action_result(response)
    except jsonschema.ValidationError as error:
        assert "Failed to validate Action server response" in error.message, error.message
    else:
        raise AssertionError(f"accepted {response!r}")
    try:  # Rasa's own check refuses the same responses
        speedups._original_validate(action, response)
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError(f"Rasa itself accepts {response!r}")

names = {cls.type_name for cls in all_subclasses(Event)}
assert len(names) > 15
for _ in range(2):  # the second pass comes from the memory
    for name in names:
        assert Event.resolve_by_type(name) is speedups._original_resolve(name), name
try:
    Event.resolve_by_type("no_such_event")
except ValueError:
    pass
else:
    raise AssertionError("an unknown event name resolved")
assert Event.resolve_by_type("no_such_event", default=Event) is Event
print("same behaviour")
"""


def test_the_rasa_speedups_accept_and_refuse_exactly_what_rasa_does() -> None:
    python = REPO / ".venv-rasa" / "bin" / "python"
    done = subprocess.run(
        [str(python), "-c", CHECK],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        env={
            "PATH": "/usr/bin:/bin",
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "RASA_TELEMETRY_ENABLED": "false",
        },
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "same behaviour" in done.stdout
